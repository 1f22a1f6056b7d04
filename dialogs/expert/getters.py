from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.locales import LANGUAGES, language_name
from bot.ui.cards import expert_card
from bot.ui.countries import country_label
from bot.ui.html import html, lines
from bot.ui.themes import theme_name
from dialogs.common import person_of, services_of


def checked(manager: DialogManager, widget: str) -> tuple[str, ...]:
    return tuple(manager.find(widget).get_checked())  # type: ignore[union-attr]


async def choices_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    return {
        "themes": [(t, theme_name(t)) for t in THEMES],
        "countries": [(c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER)],
        "languages": [(code, language_name(code)) for code in LANGUAGES],
    }


async def status_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    profile = await services_of(dialog_manager).experts.profile(person_of(dialog_manager))
    if profile is None:
        return {"status": "", "card": "", "approved": False, "available": False, "paused": False}
    if profile.status == "pending":
        status = _("⏳ Your expert profile is waiting for the administrators' review.")
    elif profile.status == "rejected":
        status = _("Your expert profile was not approved.")
        if profile.reject_reason:
            status = lines([status, _("Reason: {reason}").format(reason=profile.reject_reason)])
    elif profile.available:
        status = _("✅ You are an expert and receive consultation requests.")
    else:
        status = _("⏸ You are an expert; requests are paused.")
    approved = profile.status == "approved"
    return {
        "status": status,
        "card": expert_card(profile),
        "approved": approved,
        "available": approved and profile.available,
        "paused": approved and not profile.available,
    }


async def summary_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    themes = checked(dialog_manager, "themes")
    countries = checked(dialog_manager, "countries")
    languages = checked(dialog_manager, "languages")
    parts = [
        html(_("<b>Check your expert profile</b>")),
        "",
        _("Themes: {themes}").format(
            themes="; ".join(theme_name(t) for t in THEMES if t in themes)
        ),
        _("Countries: {countries}").format(
            countries=", ".join(country_label(c) for c in (*CENTRAL_ASIA, OTHER) if c in countries)
        ),
        _("Languages: {languages}").format(
            languages=", ".join(language_name(c) for c in LANGUAGES if c in languages)
        ),
        "",
        dialog_manager.dialog_data.get("bio", ""),
        "",
        _(
            "The administrators will see this profile and your Telegram name to check it. "
            "Members who ask for a consultation see your themes and bio, not your identity, "
            "until you answer them."
        ),
    ]
    return {"summary": lines(parts)}
