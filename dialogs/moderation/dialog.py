"""An admin's rejection reason, asked after «Reject» on an application card."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button

from bot.services import text_input
from dialogs.common import ErrorLine, text_step
from dialogs.moderation import handlers as h
from dialogs.moderation.states import Moderation
from dialogs.widgets import T


def moderation_dialog() -> Dialog:
    return Dialog(
        Window(
            ErrorLine(),
            T("Why is it rejected? The applicant will read this reason in the bot."),
            *text_step("reason", text_input.REASON, h.on_reason, single_line=False),
            Button(T("✖ Cancel"), id="__cancel__", on_click=h.on_cancel),
            state=Moderation.reason,
        ),
    )
