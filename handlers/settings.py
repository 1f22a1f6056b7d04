"""/settings, /language, /country and /cancel."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, StartMode
from aiogram_dialog.api.exceptions import NoContextError

from dialogs.common import open_over_menu
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings


def make_router() -> Router:
    router = Router(name="settings")
    router.message.filter(F.chat.type == "private")
    router.message.register(change_language, Command("language"))
    router.message.register(change_country, Command("country"))
    router.message.register(cancel, Command("cancel"))
    router.message.register(settings, Command("settings"))
    return router


OVERVIEW = {"overview": True, "onboarding": False}


async def settings(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Settings.overview, OVERVIEW)


async def change_language(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Settings.language, {"onboarding": False})


async def change_country(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Settings.country, {"onboarding": False})


async def cancel(message: Message, dialog_manager: DialogManager, state: FSMContext) -> None:
    in_form = await state.get_state() is not None
    try:
        in_dialog = dialog_manager.current_context().state.group is not MainMenu
    except NoContextError:
        in_dialog = False
    await state.clear()
    if in_form or in_dialog:
        await message.answer(_("Stopped. Nothing of it was saved."))
    else:
        await message.answer(_("There is nothing to stop."))
    await dialog_manager.start(MainMenu.main, mode=StartMode.RESET_STACK)
