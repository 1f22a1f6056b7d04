"""/register: an organization's application."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager

from dialogs.common import open_over_menu
from dialogs.registration.states import Registration


def make_router() -> Router:
    router = Router(name="registration")
    router.message.filter(F.chat.type == "private")
    router.message.register(register, Command("register"))
    return router


async def register(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Registration.name)
