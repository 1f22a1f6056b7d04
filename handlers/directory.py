"""/orgs: the directory of organizations."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager

from dialogs.common import open_over_menu
from dialogs.directory.states import Directory


def make_router() -> Router:
    router = Router(name="directory")
    router.message.filter(F.chat.type == "private")
    router.message.register(directory, Command("orgs"))
    return router


async def directory(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Directory.filters)
