"""An admin's rejection reason, asked after «Reject» on an application card."""

from __future__ import annotations

from typing import Any

from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Cancel

from bot.services import text_input
from bot.ui.decisions import decide_expert, decide_organization
from dialogs.common import ErrorLine, text_step
from dialogs.moderation.states import Moderation
from dialogs.widgets import T


async def on_reason(message: Message, manager: DialogManager, reason: str) -> None:
    start: dict[str, Any] = manager.start_data  # type: ignore[assignment]
    data = manager.middleware_data
    decide = decide_organization if start["target"] == "org" else decide_expert
    text = await decide(data, data["person"], int(start["id"]), False, reason, data["clock"]())
    await message.answer(text)
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
