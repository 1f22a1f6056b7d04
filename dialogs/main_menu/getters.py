from __future__ import annotations

import asyncio
from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.i18n import N_
from bot.locales import language_name
from bot.roles import Role
from bot.ui.countries import country_label
from bot.ui.help import help_text
from bot.ui.html import html, lines
from bot.ui.partnerships import waiting_button, waiting_line
from bot.ui.roles import role_names
from dialogs.common import now_of, person_of, services_of

NOTICES: dict[str, str] = {
    "org_submitted": N_(
        "📨 Application sent. The administrators will review it; you will get their answer here."
    ),
    "application_sent": N_(
        "📨 Application sent. You can change it from the event card until the deadline."
    ),
    "application_waitlisted": N_(
        "⏳ Application sent. The places are taken: it is on the waiting list, and you will "
        "be told if a place opens up."
    ),
    "form_left": N_("Stopped. Nothing of it was saved."),
    "expert_submitted": N_(
        "📨 Expert profile sent. The administrators will review it; you will get their answer here."
    ),
    "expert_approved": N_(
        "✅ Expert profile saved: you are an expert of the network now. Consultation requests "
        "on your themes will come here."
    ),
}


async def menu_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    start = dialog_manager.start_data or {}
    notice = start.get("notice")
    parts = []
    if notice == "language":
        parts.append(_("✓ Language: {language}").format(language=language_name(person.locale)))
    elif notice == "country" and person.country:
        parts.append(_("✓ Country: {country}").format(country=country_label(person.country)))
    elif notice in NOTICES:
        parts.append(_(NOTICES[notice]))
    if start.get("welcome"):
        parts.append(_("🎉 You are all set. Welcome!"))
    pending = 0
    if person.has(Role.ADMIN):
        # the review cards may never have reached an admin who had not started the bot
        pending = (await services_of(dialog_manager).moderation.pending(person, 0)).total
        if pending:
            parts.append(
                ngettext(
                    "📥 {count} application is waiting for your review.",
                    "📥 {count} applications are waiting for your review.",
                    pending,
                ).format(count=pending)
            )
    proposals = 0
    if person.has(Role.COORDINATOR):
        # the proposals may never have reached a coordinator who had not started the bot
        waiting = await services_of(dialog_manager).partnerships.waiting(person)
        proposals = sum(count for _org, count in waiting)
        if proposals:
            parts.append(waiting_line(proposals))
    services, now = services_of(dialog_manager), now_of(dialog_manager)
    # two reads at once: one wake of the loop for both answers, not two round trips
    polls, recs = await asyncio.gather(
        services.polls.waiting_count(person, now),
        services.recommendations.waiting_count(person, now),
    )
    header = lines(parts) + "\n" if parts else ""
    return {
        "coordinator": person.has(Role.COORDINATOR),
        "proposals_waiting": bool(proposals),
        "proposals_label": waiting_button(),
        "admin": person.has(Role.ADMIN),
        "pending_label": _("📥 Pending ({count})").format(count=pending),
        "organizer": person.has_any(Role.ORGANIZER, Role.ADMIN),
        "polls_waiting": bool(polls) and not person.has_any(Role.ORGANIZER, Role.ADMIN),
        "polls_label": _("🗳 Polls ({count})").format(count=polls) if polls else _("🗳 Polls"),
        "recs_waiting": bool(recs) and not person.has_any(Role.ORGANIZER, Role.ADMIN),
        "recs_label": _("📋 Recommendations ({count})").format(count=recs)
        if recs
        else _("📋 Recommendations"),
        "header": header,
        "title": html(_("<b>Main menu</b>")),
        "roles_line": ngettext(
            "Your role: {roles}", "Your roles: {roles}", len(person.roles)
        ).format(roles=role_names(person.roles)),
    }


async def help_getter(dialog_manager: DialogManager, **_kwargs: Any) -> dict[str, Any]:
    return {"help": help_text(person_of(dialog_manager))}
