"""An admin's rejection reason, asked after «Reject» on an application card."""

from __future__ import annotations

from typing import Any

from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Cancel

from bot.domain.moderation import Subject
from bot.services import text_input
from bot.ui.moderation import decided_text
from dialogs.common import ErrorLine, now_of, person_of, services_of, text_step
from dialogs.moderation.states import Moderation
from dialogs.widgets import T


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
    await message.answer(decided_text(decided))
    await manager.done()


def moderation_dialog() -> Dialog:
    return Dialog(
        Window(
            ErrorLine(),
            T("Why is it rejected? The applicant will read this reason in the bot."),
            *text_step("reason", text_input.REASON, on_reason, single_line=False),
            Cancel(T("✖ Cancel")),
            state=Moderation.reason,
        ),
    )
