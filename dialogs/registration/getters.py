from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.catalog import KINDS, THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.ui.countries import country_label
from bot.ui.html import html, lines
from bot.ui.organizations import kind_name
from bot.ui.themes import theme_name

STEPS = 8
REVIEWING = "reviewing"  # the summary was reached: «Back» from a step returns to it


def _step(number: int) -> str:
    return _("Step {number} of {total}").format(number=number, total=STEPS)


async def form_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "kinds": [(k, kind_name(k)) for k in KINDS],
        "countries": [(c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER)],
        "themes": [(t, theme_name(t)) for t in THEMES],
        "step_name": _step(1),
        "step_kind": _step(2),
        "step_country": _step(3),
        "step_region": _step(4),
        "step_themes": _step(5),
        "step_description": _step(6),
        "step_contact": _step(7),
        "step_consent": _step(8),
        "contact": data.get("contact") or "",
        "reviewing": bool(data.get(REVIEWING)),
    }


async def summary_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    themes = dialog_manager.find("themes").get_checked()  # type: ignore[union-attr]
    contact = data.get("contact")
    if not contact:
        contact_line = _("none")
    elif data.get("consent"):
        contact_line = _("{contact} (shown in the directory)").format(contact=contact)
    else:
        contact_line = _("{contact} (only for partners you accept)").format(contact=contact)
    parts = [
        html(_("<b>Check your application</b>")),
        "",
        _("Name: {value}").format(value=data["name"]),
        _("Type: {value}").format(value=kind_name(data["kind"])),
        _("Country: {value}").format(value=country_label(data["country"])),
        _("Region or city: {value}").format(value=data["region"]),
        _("Themes: {themes}").format(
            themes="; ".join(theme_name(t) for t in THEMES if t in themes)
        ),
        _("Description: {value}").format(value=data["description"]),
        _("Contact: {contact}").format(contact=contact_line),
        "",
        _(
            "The administrators will see this application and your Telegram name to check "
            "it. Once approved, you become the organization's coordinator."
        ),
    ]
    return {"summary": lines(parts)}
