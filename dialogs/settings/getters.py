from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.countries import CENTRAL_ASIA, OTHER
from bot.locales import LANGUAGES, language_name
from bot.ui.countries import country_label
from dialogs.common import i18n_of, person_of


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
