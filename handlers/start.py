"""/start and /help.

/start publishes the person's own command menu (their roles, their language), then:
a newcomer (no country yet) is asked the language first, then the country; someone in the
middle of a form is asked whether to leave it; everyone else gets the main menu."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.command_menus import publish_person_commands
from bot.domain.people import Person
from bot.ui.help import help_text
from dialogs.forms import current_state, in_a_form
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings


def make_router() -> Router:
    router = Router(name="start")
    router.message.filter(F.chat.type == "private")
    router.message.register(start, CommandStart())
    router.message.register(show_help, Command("help"))
    return router


async def start(
    message: Message, person: Person, dialog_manager: DialogManager, bot: Bot, i18n: I18n
) -> None:
    state = current_state(dialog_manager)
    if state == MainMenu.leave:  # the question is open already: ask it again, below
        await dialog_manager.show(ShowMode.SEND)
    elif in_a_form(state):
        await dialog_manager.start(MainMenu.leave, show_mode=ShowMode.SEND)
    elif person.country is None:
        await dialog_manager.start(
            Settings.language, mode=StartMode.RESET_STACK, data={"onboarding": True}
        )
    else:
        await dialog_manager.start(MainMenu.main, mode=StartMode.RESET_STACK)
    # an admin's first /start, a role granted while the bot was down, a menu published
    # before the language was known: the person's own menu is right from here on
    await publish_person_commands(bot, i18n, person)


async def show_help(message: Message, person: Person) -> None:
    await message.answer(help_text(person))
