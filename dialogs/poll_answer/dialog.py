"""Writing an answer to a poll: a free-text question, or a choice's «Other (write it)». The
step opens from the question's button; what is typed is checked (words, length) and
answered through the service, which checks the poll again: it may have closed meanwhile.
The question's message then shows the answer; a questionnaire's next question follows as
a new message."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Message, ReplyParameters
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Cancel

from bot.domain.people import Contact
from bot.domain.polls import AnswerRefused
from bot.sealing import unseal
from bot.services.polls import POLL_ANSWER
from bot.ui.html import lines
from bot.ui.polls import (
    all_answered_text,
    changed_text,
    next_question_text,
    question_card,
    refused_text,
    tick_again_text,
    write_prompt,
)
from dialogs.common import bot_of, now_of, person_of, services_of, text_window
from dialogs.poll_answer.states import PollTyping
from dialogs.widgets import Html, T


async def _getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.start_data or {}
    person = person_of(dialog_manager)
    ready = await services_of(dialog_manager).polls.writable(
        person, int(data["poll_id"]), int(data["question"]), now_of(dialog_manager)
    )
    if isinstance(ready, AnswerRefused):
        return {"prompt": refused_text(ready)}
    poll, question = ready
    return {"prompt": write_prompt(poll, question, person.locale)}


async def on_text(message: Message, manager: DialogManager, value: str) -> None:
    data = manager.start_data or {}
    person = person_of(manager)
    bot = bot_of(manager)
    chosen = unseal(data.get("sealed", ""))
    if chosen is None:  # sealed before a restart: what was ticked is gone
        await manager.done()
        await bot.send_message(person.id, tick_again_text())
        return
    user = message.from_user
    assert user is not None
    services = services_of(manager)
    result = await services.polls.answer(
        person,
        int(data["poll_id"]),
        int(data["question"]),
        chosen,
        now_of(manager),
        value,
        contact=Contact(user.id, user.full_name, user.username),
    )
    await manager.done()
    if isinstance(result, AnswerRefused):
        await bot.send_message(person.id, refused_text(result))
        return
    card_id = int(data["message_id"]) if data.get("message_id") else None
    if result.next_question is not None:
        # the question's own message goes on to the next one, as after a tap (closing
        # takes its buttons away); a note down here points at it
        text, markup = question_card(
            result.poll, result.next_question, (), person.locale, person.timezone
        )
        note = next_question_text(result.next_question.position + 1, len(result.poll.questions))
    else:
        text, markup = question_card(
            result.poll,
            result.question,
            result.chosen,
            person.locale,
            person.timezone,
            answered=True,
            written=result.text,
        )
        note = changed_text() if result.changed else all_answered_text()
        if not result.changed:
            text = lines([text, "", all_answered_text()])
    if card_id is not None:
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_text(
                text, chat_id=person.id, message_id=card_id, reply_markup=markup
            )
        poll = await services.polls.get(result.poll.id)
        if poll is not None and not poll.is_open:  # closed meanwhile: no buttons back
            closed, _markup = question_card(
                poll, poll.questions[int(data["question"])], (), person.locale, person.timezone
            )
            with contextlib.suppress(TelegramBadRequest):
                await bot.edit_message_text(closed, chat_id=person.id, message_id=card_id)
    await bot.send_message(
        person.id,
        note,
        reply_parameters=ReplyParameters(message_id=card_id, allow_sending_without_reply=True)
        if card_id is not None and result.next_question is not None
        else None,
    )


def poll_typing_dialog() -> Dialog:
    return Dialog(
        text_window(
            PollTyping.text,
            Html("{prompt}"),
            "answer",
            POLL_ANSWER,
            on_text,
            Cancel(T("✖ Cancel")),
            multiline=True,
        ),
        getter=_getter,
    )
