from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.catalog import KINDS, THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.domain.organizations import DirectoryFilter
from bot.formatting import format_number
from bot.services.partnerships import NOTE
from bot.ui.cards import organization_card
from bot.ui.countries import country_label
from bot.ui.organizations import kind_name
from bot.ui.partnerships import cannot_receive
from bot.ui.themes import theme_name
from dialogs.common import person_of, services_of

PAGE = 8
ANY = "any"


def current_filter(manager: DialogManager) -> DirectoryFilter:
    data = manager.dialog_data
    return DirectoryFilter(
        theme=data.get("theme"), country=data.get("country"), kind=data.get("kind")
    )


async def filters_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    flt = current_filter(dialog_manager)
    person = person_of(dialog_manager)
    _orgs, total = await services_of(dialog_manager).organizations.search(flt, offset=0, limit=1)
    anything = _("any")
    return {
        "theme_line": _("Theme: {value}").format(
            value=theme_name(flt.theme) if flt.theme else anything
        ),
        "country_line": _("Country: {value}").format(
            value=country_label(flt.country) if flt.country else anything
        ),
        "kind_line": _("Type: {value}").format(value=kind_name(flt.kind) if flt.kind else anything),
        "show_button": ngettext(
            "🔎 Show {count} organization", "🔎 Show {count} organizations", total
        ).format(count=format_number(total, person.locale)),
        "filtered": any((flt.theme, flt.country, flt.kind)),
    }


async def choices_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    anything = (ANY, _("Any"))
    return {
        "themes": [anything, *((t, theme_name(t)) for t in THEMES)],
        "countries": [anything, *((c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER))],
        "kinds": [anything, *((k, kind_name(k)) for k in KINDS)],
    }


async def results_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    page = int(dialog_manager.dialog_data.get("page", 0))
    orgs, total = await services_of(dialog_manager).organizations.search(
        current_filter(dialog_manager), offset=page * PAGE, limit=PAGE
    )
    pages = max(1, (total + PAGE - 1) // PAGE)
    return {
        "orgs": [(o.id, f"{o.name} · {country_label(o.country)}") for o in orgs],
        "found": ngettext(
            "Found {count} organization.", "Found {count} organizations.", total
        ).format(count=format_number(total, person.locale)),
        "page_line": _("Page {page} of {pages}").format(page=page + 1, pages=pages),
        "has_prev": page > 0,
        "has_next": page + 1 < pages,
        "several_pages": pages > 1,
        "none": total == 0,
    }


async def card_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    service = services_of(dialog_manager).organizations
    org = await service.listed(int(dialog_manager.dialog_data["org_id"]))
    if org is None:
        return {
            "card": _("This organization is no longer in the directory."),
            "can_propose": False,
            "notice": "",
            "why_not": "",
        }
    own = [o for o in await service.coordinated(person) if o.id != org.id]
    # said before the person picks which of their organizations proposes
    why_not = cannot_receive(org, person.id) if own or org.coordinator_id == person.id else ""
    return {
        "card": organization_card(org, contact=org.shown_contact),
        "can_propose": bool(own) and not why_not,
        "why_not": why_not,
        "notice": dialog_manager.dialog_data.pop("notice", ""),
    }


async def note_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    services = services_of(dialog_manager)
    data = dialog_manager.dialog_data
    target = await services.organizations.listed(int(data["org_id"]))
    own = await services.organizations.get(int(data["from_org"]))
    return {
        "target": target.name if target else "",
        "own": own.name if own else "",
        "limit": format_number(NOTE.max_length, person.locale),
    }


async def own_orgs_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    target = int(dialog_manager.dialog_data["org_id"])
    own = await services_of(dialog_manager).organizations.coordinated(person_of(dialog_manager))
    return {"own": [(o.id, o.name) for o in own if o.id != target]}
