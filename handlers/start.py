"""/start and /help."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message
from aiogram_dialog import DialogManager, StartMode

from bot.domain.people import Person
from bot.ui.help import help_text
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings


def make_router() -> Router:
    router = Router(name="start")
    router.message.filter(F.chat.type == "private")
    router.message.register(start, CommandStart())
    router.message.register(show_help, Command("help"))
    return router


async def start(message: Message, person: Person, dialog_manager: DialogManager) -> None:
    if not person.language_known:
        await dialog_manager.start(
            Settings.language, mode=StartMode.RESET_STACK, data={"onboarding": True}
        )
    elif person.country is None:
        await dialog_manager.start(
            Settings.country, mode=StartMode.RESET_STACK, data={"onboarding": True}
        )
    else:
        await dialog_manager.start(MainMenu.main, mode=StartMode.RESET_STACK)


async def show_help(message: Message, person: Person) -> None:
    await message.answer(help_text(person))
