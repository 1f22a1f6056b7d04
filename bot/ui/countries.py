"""Country names for readers (from the catalogs: the region's own spellings)."""

from __future__ import annotations

from aiogram.utils.i18n import gettext

from bot.i18n import N_

COUNTRY_NAMES: dict[str, str] = {
    "KZ": N_("Kazakhstan"),
    "KG": N_("Kyrgyzstan"),
    "TJ": N_("Tajikistan"),
    "TM": N_("Turkmenistan"),
    "UZ": N_("Uzbekistan"),
    "OTHER": N_("Other country"),
}


def country_label(code: str) -> str:
    return gettext(COUNTRY_NAMES[code])
