"""Names of the thematic catalog (slugs are in the `themes` table).

The first five are the priority themes of the expert survey of CSO regional cooperation; the
others are the themes the regional program, the workshop call and the panel recommendations
name.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext

from bot.i18n import N_

THEME_NAMES: dict[str, str] = {
    "local_production": N_("Local production in rural communities"),
    "womens_entrepreneurship": N_("Women's entrepreneurship and leadership"),
    "disability_inclusion": N_("Inclusion of people with disabilities"),
    "environmental_education": N_("Environmental education"),
    "philanthropy_csr": N_("Philanthropy and socially responsible business"),
    "regional_development": N_("Sustainable and inclusive regional development"),
    "data_advocacy": N_("Data-driven advocacy"),
    "coalitions_networks": N_("Coalitions and networks of CSOs"),
    "digital_literacy": N_("Digital literacy and cyber-security"),
    "local_governance": N_("Local self-government and public services"),
    "civic_participation": N_("Citizen participation in decision-making"),
    "vulnerable_groups": N_("Rights of vulnerable groups"),
    "youth": N_("Youth"),
    "gender_equality": N_("Gender equality and women in public life"),
    "access_to_justice": N_("Access to justice and good governance"),
    "labour_migrants": N_("Labour migrants and their families"),
    "environment": N_("Environmental protection"),
}


def theme_name(slug: str) -> str:
    return gettext(THEME_NAMES[slug])
