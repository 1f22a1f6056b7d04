from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.locales import LANGUAGES, language_name
from bot.ui.countries import country_label
from bot.ui.html import lines
from bot.ui.themes import theme_name


async def choices_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    return {
        "themes": [(t, theme_name(t)) for t in THEMES],
        "countries": [(c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER)],
        "languages": [(code, language_name(code)) for code in LANGUAGES],
    }


async def summary_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    anonymous = bool(data.get("anonymous"))
    who = (
        _("Anonymously: the expert sees neither your name nor your organization.")
        if anonymous
        else _("With your Telegram name: the expert sees who asks.")
    )
    summary = lines(
        [
            _("Theme: {theme}").format(theme=theme_name(data["theme"])),
            _("Country: {country}").format(country=country_label(data["country"])),
            _("Answer in: {language}").format(language=language_name(data["language"])),
            who,
            "",
            data["question"],
        ]
    )
    return {"summary": summary}


async def reply_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    return {"number": dialog_manager.start_data["id"]}  # type: ignore[index]
