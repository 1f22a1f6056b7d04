"""The fixed vocabularies: thematic areas (as seeded in the `themes` table, in their order)
and organization types. Their names are in the gettext catalogs (bot/ui)."""

from __future__ import annotations

THEMES: tuple[str, ...] = (
    "local_production",
    "womens_entrepreneurship",
    "disability_inclusion",
    "environmental_education",
    "philanthropy_csr",
    "regional_development",
    "data_advocacy",
    "coalitions_networks",
    "digital_literacy",
    "local_governance",
    "civic_participation",
    "vulnerable_groups",
    "youth",
    "gender_equality",
    "access_to_justice",
    "labour_migrants",
    "environment",
)
PRIORITY_THEMES = THEMES[:5]  # the expert survey's five priority themes

KINDS: tuple[str, ...] = (
    "ngo",
    "business_association",
    "ngo_coalition",
    "economic_coalition",
    "initiative_group",
    "other",
)
