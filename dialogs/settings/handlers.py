from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import I18n
from aiogram_dialog import DialogManager, StartMode

from bot.services.people import PeopleService, Person
from bot.ui.commands import publish_person_commands
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings


async def _refresh(manager: DialogManager) -> Person:
    data = manager.middleware_data
    people: PeopleService = data["people"]
    person = await people.find(data["person"].id)
    assert person is not None
    data["person"] = person
    return person


async def on_language(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, code: str
) -> None:
    data = manager.middleware_data
    people: PeopleService = data["people"]
    i18n: I18n = data["i18n"]
    await people.set_language(callback.from_user.id, code, data["clock"]())
    i18n.current_locale = code  # the rest of this update speaks the new language
    person = await _refresh(manager)
    bot: Bot = data["bot"]
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
    data = manager.middleware_data
    people: PeopleService = data["people"]
    await people.set_country(callback.from_user.id, code, data["clock"]())
    await _refresh(manager)
    onboarding = bool((manager.start_data or {}).get("onboarding"))
    await manager.start(
        MainMenu.main,
        mode=StartMode.RESET_STACK,
        data={"notice": "country", "welcome": onboarding},
    )
