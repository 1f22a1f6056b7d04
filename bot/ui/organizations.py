"""Names of organization types."""

from __future__ import annotations

from aiogram.utils.i18n import gettext

from bot.i18n import N_

KIND_NAMES: dict[str, str] = {
    "ngo": N_("NGO"),
    "business_association": N_("Business association"),
    "ngo_coalition": N_("Coalition of NGOs (civil coalition)"),
    "economic_coalition": N_("Economic coalition"),
    "initiative_group": N_("Initiative group"),
    "other": N_("Other type"),
}


def kind_name(kind: str) -> str:
    return gettext(KIND_NAMES[kind])
