from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, StartMode

from bot.command_menus import publish_person_commands
from dialogs.common import bot_of, i18n_of, now_of, person_of, services_of, set_person
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings


async def on_language(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, code: str
) -> None:
    services = services_of(manager)
    person = await services.people.set_language(person_of(manager), code, now_of(manager))
    set_person(manager, person)
    i18n = i18n_of(manager)
    i18n.current_locale = code  # and speaks the new language
    bot = bot_of(manager)
    await publish_person_commands(bot, i18n, person)
    onboarding = bool((manager.start_data or {}).get("onboarding"))
    if onboarding and person.country is None:
        await manager.switch_to(Settings.country)
        return
    await manager.start(
        MainMenu.main,
        mode=StartMode.RESET_STACK,
        data={"notice": "language", "welcome": onboarding},
    )


async def on_country(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, code: str
) -> None:
    services = services_of(manager)
    person = await services.people.set_country(person_of(manager), code, now_of(manager))
    set_person(manager, person)
    onboarding = bool((manager.start_data or {}).get("onboarding"))
    await manager.start(
        MainMenu.main,
        mode=StartMode.RESET_STACK,
        data={"notice": "country", "welcome": onboarding},
    )
