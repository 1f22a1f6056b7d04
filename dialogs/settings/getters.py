from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.countries import CENTRAL_ASIA, OTHER
from bot.locales import LANGUAGES, language_name
from bot.ui.countries import country_label
from dialogs.common import i18n_of, person_of


async def language_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    i18n = i18n_of(dialog_manager)
    mark = "✓ "
    languages = [
        (
            code,
            (mark if person.language_known and code == person.locale else "") + language_name(code),
        )
        for code in LANGUAGES
    ]
    # Someone whose language we do not know yet reads the question in every language.
    everyone = " / ".join(
        dict.fromkeys(i18n.gettext("Choose your language", locale=c) for c in LANGUAGES)
    )
    return {
        "languages": languages,
        "first_time": not person.language_known,
        "known": person.language_known,
        "prompt_everyone": everyone,
    }


async def country_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    codes = (*CENTRAL_ASIA, OTHER)
    return {
        "countries": [
            (code, ("✓ " if code == person.country else "") + country_label(code)) for code in codes
        ],
        "onboarding": bool((dialog_manager.start_data or {}).get("onboarding")),
        "hint": _("Dates and reminders will be shown in your country's time zone."),
    }
