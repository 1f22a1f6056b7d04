from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.catalog import KINDS as ORG_KINDS
from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER, TIMEZONES
from bot.domain.events import KINDS
from bot.formatting import format_number
from bot.i18n import N_
from bot.ui.countries import country_label
from bot.ui.events import event_card, kind_name, member_buttons, zone_name
from bot.ui.html import html, lines
from bot.ui.organizations import kind_name as org_kind_name
from bot.ui.themes import theme_name
from dialogs.common import person_of, services_of
from dialogs.event_inputs import form_zone
from dialogs.key_dates import key_dates_data
from dialogs.new_event.draft import audience_from, details_from

AUDIENCE_ROLES: dict[str, str] = {
    "member": N_("Members of registered organizations"),
    "coordinator": N_("Coordinators of organizations"),
    "expert": N_("Experts"),
    "organizer": N_("Organizers"),
}


def audience_text(audience: dict[str, tuple[str, ...]]) -> str:
    if not audience:
        return _("Everyone who uses the bot")
    names = {
        "theme": theme_name,
        "country": country_label,
        "kind": org_kind_name,
        "role": lambda r: _(AUDIENCE_ROLES[r]),
    }
    labels = {
        "theme": _("Themes: {values}"),
        "country": _("Countries: {values}"),
        "kind": _("Organization types: {values}"),
        "role": _("Roles: {values}"),
    }
    return "\n".join(
        labels[dim].format(values="; ".join(names[dim](v) for v in values))
        for dim, values in audience.items()
    )


async def form_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    locale = person_of(dialog_manager).locale
    questions = [
        f"{i}. {q['text']}" + (f" ({' / '.join(q['options'])})" if q["options"] else "")
        for i, q in enumerate(data.get("questions", []), 1)
    ]
    return {
        **key_dates_data(dialog_manager),
        "kinds": [(k, kind_name(k)) for k in KINDS],
        "themes": [(t, theme_name(t)) for t in THEMES],
        "countries": [(c, country_label(c)) for c in (*CENTRAL_ASIA, OTHER)],
        "org_kinds": [(k, org_kind_name(k)) for k in ORG_KINDS],
        "roles": [(r, _(name)) for r, name in AUDIENCE_ROLES.items()],
        "zones": [
            (code, ("✓ " if zone == form_zone(dialog_manager) else "") + zone_name(zone, locale))
            for code, zone in TIMEZONES.items()
        ],
        "questions": lines(questions)
        or _("No questions: people answer Going, Maybe or Not going."),
        "has_questions": bool(questions),
        "audience": audience_text(audience_from(dialog_manager)),
        "q_text": data.get("q_text", ""),
    }


async def preview_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    details = details_from(dialog_manager, form_zone(dialog_manager))
    reach = await services_of(dialog_manager).events.reach(person, details.audience)
    count = len(reach.recipients)
    parts = [
        html(_("👀 <b>Preview: members will receive exactly this.</b>")),
        "",
        event_card(details, person.locale, person.timezone),
        _("Buttons under it: {buttons}").format(buttons=" · ".join(member_buttons(details))),
        "",
        "———",
        _("Audience: {audience}").format(audience=audience_text(details.audience)),
        ngettext(
            "It will be sent to {count} person now.",
            "It will be sent to {count} people now.",
            count,
        ).format(count=format_number(count, person.locale)),
    ]
    if reach.organizer_included:
        parts.append(_("You are not counted: you do not receive your own announcement."))
    if reach.unreachable:
        parts.append(
            ngettext(
                "Not counted: {count} person in this audience has blocked the bot.",
                "Not counted: {count} people in this audience have blocked the bot.",
                reach.unreachable,
            ).format(count=format_number(reach.unreachable, person.locale))
        )
    if details.questions:
        parts.append(
            ngettext(
                "Application form: {count} question.",
                "Application form: {count} questions.",
                len(details.questions),
            ).format(count=len(details.questions))
        )
    return {"preview": lines(parts)}
