from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, StartMode

from bot.command_menus import publish_person_commands
from bot.domain.notifications import DIGEST_ONLY_CATEGORIES, Frequency, Mode, QuietHours
from bot.services.notification_settings import valid_zone
from dialogs.common import (
    bot_of,
    i18n_of,
    now_of,
    person_of,
    services_of,
    set_error,
    set_person,
)
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings


def in_overview(manager: DialogManager) -> bool:
    """The settings were opened at their overview (/settings), not at one step."""
    return bool((manager.start_data or {}).get("overview"))


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
    if in_overview(manager):
        await _to_overview(manager, _("✅ Language changed."))
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
    if in_overview(manager):
        await _to_overview(manager, _("✅ Country changed; the time zone with it."))
        return
    await manager.start(
        MainMenu.main,
        mode=StartMode.RESET_STACK,
        data={"notice": "country", "welcome": onboarding},
    )


async def _to_overview(manager: DialogManager, notice: str = "") -> None:
    person = await services_of(manager).people.find(person_of(manager).id)
    if person is not None:
        set_person(manager, person)
    manager.dialog_data["notice"] = notice
    await manager.switch_to(Settings.overview)


async def on_zone(callback: CallbackQuery, _widget: Any, manager: DialogManager, zone: str) -> None:
    await services_of(manager).notifications.set_timezone(person_of(manager), zone, now_of(manager))
    await _to_overview(manager, _("✅ Time zone changed."))


async def on_zone_typed(message: Message, _widget: Any, manager: DialogManager) -> None:
    zone = valid_zone(message.text or "")
    if zone is None:
        set_error(
            manager,
            _(
                "No such time zone. Type its name as in the time zone database, for "
                "example Asia/Almaty or Europe/Berlin, or choose one below."
            ),
        )
        return
    await on_zone(message, None, manager, zone)  # type: ignore[arg-type]


async def on_frequency(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, value: str
) -> None:
    frequency = Frequency(value)
    if frequency is Frequency.OFF:
        person = person_of(manager)
        service = services_of(manager).notifications
        prefs = await service.of(person)
        await service.set_digest(
            person, Frequency.OFF, prefs.digest_day, prefs.digest_hour, now_of(manager)
        )
        await _to_overview(manager, _("✅ No more digests."))
        return
    manager.dialog_data["frequency"] = value
    await manager.switch_to(
        Settings.digest_day if frequency is Frequency.WEEKLY else Settings.digest_hour
    )


async def on_day(callback: CallbackQuery, _widget: Any, manager: DialogManager, value: str) -> None:
    manager.dialog_data["day"] = int(value)
    await manager.switch_to(Settings.digest_hour)


async def on_digest_hour(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, value: str
) -> None:
    person = person_of(manager)
    service = services_of(manager).notifications
    prefs = await service.of(person)
    frequency = Frequency(manager.dialog_data.get("frequency", prefs.digest.value))
    if frequency is Frequency.OFF:
        frequency = Frequency.DAILY
    day = int(manager.dialog_data.get("day", prefs.digest_day))
    await service.set_digest(person, frequency, day, int(value), now_of(manager))
    await _to_overview(manager, _("✅ Digest set."))


async def on_quiet_preset(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, value: str
) -> None:
    quiet = None
    if value != "off":
        start, end = (int(part) for part in value.split("-"))
        quiet = QuietHours(start, end)
    await services_of(manager).notifications.set_quiet(person_of(manager), quiet, now_of(manager))
    await _to_overview(manager, _("✅ Quiet hours set.") if quiet else _("✅ No quiet hours."))


async def on_quiet_from(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, value: str
) -> None:
    manager.dialog_data["quiet_from"] = int(value)
    await manager.switch_to(Settings.quiet_until)


async def on_quiet_until(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, value: str
) -> None:
    start = int(manager.dialog_data.get("quiet_from", -1))
    end = int(value)
    if start == end or start < 0:
        set_error(manager, _("Quiet hours must end at another hour than they begin."))
        await manager.switch_to(Settings.quiet_from)
        return
    await services_of(manager).notifications.set_quiet(
        person_of(manager), QuietHours(start, end), now_of(manager)
    )
    await _to_overview(manager, _("✅ Quiet hours set."))


_NEXT_MODE = {Mode.IMMEDIATE: Mode.DIGEST, Mode.DIGEST: Mode.OFF, Mode.OFF: Mode.IMMEDIATE}


async def on_kind(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, category: str
) -> None:
    person = person_of(manager)
    service = services_of(manager).notifications
    before = await service.of(person)
    mode = _NEXT_MODE[before.mode(category)]
    if category in DIGEST_ONLY_CATEGORIES and mode is Mode.DIGEST:
        mode = Mode.OFF  # its news come in the digest anyway: on or off
    after = await service.set_mode(person, category, mode, now_of(manager))
    if before.digest is Frequency.OFF and after.digest is not Frequency.OFF:
        manager.dialog_data["notice"] = _(
            "📰 Your daily digest is on, so that what you chose for it reaches you."
        )


async def on_theme(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, slug: str
) -> None:
    await services_of(manager).notifications.toggle_theme(person_of(manager), slug)


async def on_all_themes(callback: CallbackQuery, _button: Any, manager: DialogManager) -> None:
    await services_of(manager).notifications.set_themes(person_of(manager), frozenset())


async def on_interest_country(
    callback: CallbackQuery, _widget: Any, manager: DialogManager, code: str
) -> None:
    await services_of(manager).notifications.toggle_country(person_of(manager), code)


async def on_all_countries(callback: CallbackQuery, _button: Any, manager: DialogManager) -> None:
    await services_of(manager).notifications.set_countries(person_of(manager), frozenset())


async def on_summary(callback: CallbackQuery, _button: Any, manager: DialogManager) -> None:
    person = person_of(manager)
    service = services_of(manager).notifications
    prefs = await service.of(person)
    await service.set_summary(person, not prefs.summary, now_of(manager))
