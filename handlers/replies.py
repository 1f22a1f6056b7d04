"""Changing the message a button was pressed on: its text and buttons, or only taking the
buttons away. A message too old to edit, or already showing this, is left as it is."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, ShowMode, StartMode

from dialogs.forms import current_state, in_a_form


async def edit_in_place(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_text(text, reply_markup=markup)


async def remove_buttons(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)


async def open_step(
    query: CallbackQuery, manager: DialogManager, state: State, data: dict[str, Any]
) -> bool:
    """A step (writing, commenting) opened from a button of a message that is not a
    dialog's, which keeps its buttons: aiogram-dialog takes the keyboard off the message a
    button was on, as if it were one of its own. Not over a form being filled in (it
    would be lost): the person is asked to finish or cancel it first (False). Answers
    the query either way."""
    if in_a_form(current_state(manager)):
        await query.answer(
            _("You are filling in a form: finish it, or send /cancel, then tap this again."),
            show_alert=True,
        )
        return False
    await query.answer()
    await manager.start(state, data=data, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND)
    original = getattr(query.message, "reply_markup", None)
    if original is not None and isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=original)
    return True
