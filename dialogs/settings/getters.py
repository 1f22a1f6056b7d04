from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.domain.notifications import CATEGORIES, Frequency, QuietHours
from bot.locales import LANGUAGES, language_name
from bot.roles import Role
from bot.ui.countries import country_label
from bot.ui.events import zone_label
from bot.ui.settings import (
    QUIET_PRESETS,
    ZONES,
    category_name,
    hour_text,
    mode_name,
    overview,
    quiet_text,
    weekday_name,
)
from bot.ui.themes import theme_name
from dialogs.common import i18n_of, now_of, person_of, services_of
from dialogs.settings.states import Settings


def _onboarding(dialog_manager: DialogManager) -> bool:
    return bool((dialog_manager.start_data or {}).get("onboarding"))


async def language_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    """Every language, the one the bot speaks now marked: on the first /start that is the
    guess from the Telegram app's language (often Russian for people who read Kazakh or
    Kyrgyz), so the right one is a single tap either way."""
    person = person_of(dialog_manager)
    i18n = i18n_of(dialog_manager)
    current = person.locale if person.language_known else None
    languages = [
        (code, ("✓ " if code == current else "") + language_name(code)) for code in LANGUAGES
    ]
    onboarding = _onboarding(dialog_manager)
    # A newcomer, or someone whose language we do not know, reads the question in every
    # language: the guess may be wrong.
    everyone = " / ".join(
        dict.fromkeys(i18n.gettext("Choose your language", locale=c) for c in LANGUAGES)
    )
    in_every_language = onboarding or not person.language_known
    return {
        "languages": languages,
        "welcome": onboarding,
        "in_every_language": in_every_language,
        "in_one_language": not in_every_language,
        "can_go_back": not onboarding,
        # under the welcome, after an empty line
        "prompt_everyone": ("\n" if onboarding else "") + "🌐 " + everyone,
    }


async def country_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    codes = (*CENTRAL_ASIA, OTHER)
    return {
        "countries": [
            (code, ("✓ " if code == person.country else "") + country_label(code)) for code in codes
        ],
        "onboarding": _onboarding(dialog_manager),
        "hint": _("Dates and reminders will be shown in your country's time zone."),
    }


async def overview_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    service = services_of(dialog_manager).notifications
    prefs = await service.of(person)
    organizer = person.has(Role.ORGANIZER)
    now = now_of(dialog_manager)
    return {
        "notice": dialog_manager.dialog_data.pop("notice", ""),
        "overview": overview(
            prefs,
            locale=person.locale,
            country=person.country,
            zone=person.timezone,
            now=now,
            next_digest=await service.next_digest_at(person),
            organizer=organizer,
        ),
        "organizer": organizer,
        "summary_label": _("📈 Weekly summary: on")
        if prefs.summary
        else _("📈 Weekly summary: off"),
    }


async def timezone_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    now = now_of(dialog_manager)
    zones = list(ZONES)
    if person.timezone not in zones:
        zones.insert(0, person.timezone)
    return {
        "zones": [
            (
                zone,
                ("✓ " if zone == person.timezone else "")
                + (zone_label(zone, now, person.locale) if zone != "UTC" else "UTC"),
            )
            for zone in zones
        ],
    }


async def digest_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    prefs = await services_of(dialog_manager).notifications.of(person_of(dialog_manager))
    names = {
        Frequency.OFF: _("🚫 No digest"),
        Frequency.DAILY: _("📰 Every day"),
        Frequency.WEEKLY: _("🗓 Once a week"),
    }
    return {
        "frequencies": [
            (f.value, ("✓ " if f is prefs.digest else "") + names[f]) for f in Frequency
        ],
    }


async def day_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    prefs = await services_of(dialog_manager).notifications.of(person)
    return {
        "days": [
            (str(d), ("✓ " if d == prefs.digest_day else "") + weekday_name(d, person.locale))
            for d in range(7)
        ],
    }


async def hour_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    prefs = await services_of(dialog_manager).notifications.of(person)
    if dialog_manager.current_context().state == Settings.digest_hour:
        current = prefs.digest_hour
    elif dialog_manager.current_context().state == Settings.quiet_from:
        current = prefs.quiet.start if prefs.quiet else -1
    else:
        current = prefs.quiet.end if prefs.quiet else -1
    return {
        "hours": [
            (str(h), ("✓ " if h == current else "") + hour_text(h, person.locale))
            for h in range(24)
        ],
    }


async def quiet_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    prefs = await services_of(dialog_manager).notifications.of(person)
    current = (prefs.quiet.start, prefs.quiet.end) if prefs.quiet else None
    presets = [
        (
            f"{a}-{b}",
            ("✓ " if current == (a, b) else "") + quiet_text(QuietHours(a, b), person.locale),
        )
        for a, b in QUIET_PRESETS
    ]
    presets.append(("off", ("✓ " if current is None else "") + _("🔔 No quiet hours")))
    return {"presets": presets, "current": quiet_text(prefs.quiet, person.locale)}


async def kinds_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    prefs = await services_of(dialog_manager).notifications.of(person_of(dialog_manager))
    return {
        "kinds": [(c, f"{category_name(c)}: {mode_name(prefs.mode(c), c)}") for c in CATEGORIES],
        "digest_off": prefs.digest is Frequency.OFF,
        "notice": dialog_manager.dialog_data.pop("notice", ""),
    }


async def themes_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    prefs = await services_of(dialog_manager).notifications.of(person_of(dialog_manager))
    return {
        "themes": [
            (slug, ("✓ " if slug in prefs.themes else "") + theme_name(slug)) for slug in THEMES
        ],
        "all": not prefs.themes,
    }


async def countries_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    prefs = await services_of(dialog_manager).notifications.of(person_of(dialog_manager))
    return {
        "countries": [
            (code, ("✓ " if code in prefs.countries else "") + country_label(code))
            for code in (*CENTRAL_ASIA, OTHER)
        ],
        "all": not prefs.countries,
    }
