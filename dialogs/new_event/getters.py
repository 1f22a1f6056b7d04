from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.countries import TIMEZONES
from bot.domain.events import KINDS
from bot.formatting import format_number
from bot.ui.audience import unreachable_lines
from bot.ui.events import event_card, kind_name, member_buttons, zone_name
from bot.ui.html import html, lines
from dialogs.audience import audience_data, audience_text
from dialogs.common import person_of, services_of
from dialogs.event_inputs import form_zone
from dialogs.key_dates import key_dates_data
from dialogs.new_event.draft import details_from


async def form_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    person = person_of(dialog_manager)
    # the form's buttons can be pressed from a forged callback, its menu button hidden or not
    services_of(dialog_manager).events.check_organizer(person)
    locale = person.locale
    questions = [
        f"{i}. {q['text']}" + (f" ({' / '.join(q['options'])})" if q["options"] else "")
        for i, q in enumerate(data.get("questions", []), 1)
    ]
    return {
        **key_dates_data(dialog_manager),
        "kinds": [(k, kind_name(k)) for k in KINDS],
        **await audience_data(dialog_manager),
        "zones": [
            (code, ("✓ " if zone == form_zone(dialog_manager) else "") + zone_name(zone, locale))
            for code, zone in TIMEZONES.items()
        ],
        "questions": lines(questions)
        or _("No questions: people answer Going, Maybe or Not going."),
        "has_questions": bool(questions),
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
        _("Audience: {audience}").format(audience=audience_text(details.audience, {})),
        ngettext(
            "It will be sent to {count} person now.",
            "It will be sent to {count} people now.",
            count,
        ).format(count=format_number(count, person.locale)),
    ]
    if reach.organizer_included:
        parts.append(_("You are not counted: you do not receive your own announcement."))
    parts += unreachable_lines(reach, person.locale)
    if details.questions:
        parts.append(
            ngettext(
                "Application form: {count} question.",
                "Application form: {count} questions.",
                len(details.questions),
            ).format(count=len(details.questions))
        )
    return {"preview": lines(parts)}
