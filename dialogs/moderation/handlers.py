"""The rejection reason, asked over whatever the admin had open.

The question is a dialog of its own on top of the admin's stack (a typed reason reaches only
the default stack). Closing it, by «Cancel» or by a reason, does not show again the screen
under it: the admin was on the review card, and that is where they stay. The stack's last
message goes back to the one it had, so the screen under it carries on in its own message.
"""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd import Button

from bot.domain.moderation import Subject
from bot.ui.html import Markup
from bot.ui.moderation import decided_markup, decided_text, reason_cancelled_text
from dialogs.common import bot_of, now_of, person_of, services_of
from dialogs.moderation.states import Moderation

UNDER = "under"  # the message the stack showed before the question


def _asking(manager: DialogManager) -> dict[str, Any] | None:
    """The start data of the open question, if the admin is being asked a reason."""
    if not manager.has_context() or manager.current_context().state != Moderation.reason:
        return None
    return manager.start_data  # type: ignore[return-value]


async def ask_reason(
    manager: DialogManager,
    subject: Subject,
    object_id: int,
    card_id: int | None,
    back_page: int | None,
) -> None:
    """Ask why the application is rejected, in a new message below its card. A question
    already open (Reject pressed again, or on another card) gives way to the new one."""
    under = manager.current_stack().last_message_id
    asking = _asking(manager)
    if asking is not None:
        under = asking.get(UNDER)
        await _close(manager, reason_cancelled_text())
    await manager.start(
        Moderation.reason,
        data={
            "target": subject.value,
            "id": object_id,
            "card": card_id,
            "back_page": back_page,
            UNDER: under,
        },
        mode=StartMode.NORMAL,
        show_mode=ShowMode.SEND,
    )


async def close_question_about(manager: DialogManager, subject: Subject, object_id: int) -> None:
    """After a decision taken on the card itself, a reason asked about it is moot."""
    asking = _asking(manager)
    if asking is not None and (asking["target"], asking["id"]) == (subject.value, object_id):
        await _close(manager, None)


async def on_reason(message: Message, manager: DialogManager, reason: str) -> None:
    start: dict[str, Any] = manager.start_data  # type: ignore[assignment]
    decided = await services_of(manager).moderation.decide(
        person_of(manager),
        Subject(start["target"]),
        int(start["id"]),
        False,
        reason,
        now_of(manager),
    )
    await _close(manager, None)
    if start.get("card"):
        with contextlib.suppress(TelegramAPIError):
            await bot_of(manager).edit_message_reply_markup(
                chat_id=person_of(manager).id,
                message_id=int(start["card"]),
                reply_markup=decided_markup(start.get("back_page")),
            )
    await message.answer(decided_text(decided))


async def on_cancel(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await _close(manager, reason_cancelled_text())


async def _close(manager: DialogManager, text: Markup | None) -> None:
    """Close the question without showing the screen under it again; the question's message
    keeps no button, and says `text` instead of the question if given."""
    stack = manager.current_stack()
    question = stack.last_message_id
    under = manager.start_data.get(UNDER)  # type: ignore[union-attr]
    await manager.done(show_mode=ShowMode.NO_UPDATE)
    if not stack.empty():
        stack.last_message_id = under
    if question is None:
        return
    bot = bot_of(manager)
    chat_id = person_of(manager).id
    with contextlib.suppress(TelegramAPIError):
        if text is None:
            await bot.edit_message_reply_markup(chat_id=chat_id, message_id=question)
        else:
            await bot.edit_message_text(text, chat_id=chat_id, message_id=question)
