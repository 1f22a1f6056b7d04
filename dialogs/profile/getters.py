from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.domain.organizations import Member
from bot.formatting import timezone_label
from bot.locales import language_name
from bot.ui.countries import country_label
from bot.ui.html import html, lines
from bot.ui.roles import role_names
from dialogs.common import person_of, services_of

CANDIDATES_PAGE = 8


async def profile_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    services = services_of(dialog_manager)
    parts = [
        html(_("<b>What the bot stores about you</b>")),
        "",
        _("Telegram id: {id}").format(id=person.id),
        _("Language: {language}").format(language=language_name(person.locale)),
        _("Country: {value}").format(
            value=country_label(person.country) if person.country else _("not chosen")
        ),
        _("Time zone: {zone}").format(zone=timezone_label(person.timezone, person.locale)),
        _("Roles: {roles}").format(roles=role_names(person.roles)),
    ]
    coordinated = {o.id for o in await services.organizations.coordinated(person)}
    orgs = await services.organizations.memberships(person)
    pending = await services.organizations.pending_of(person)
    if orgs or pending:
        parts += ["", html(_("<b>Organizations</b>"))]
        for org in orgs:
            # not the role name "member" (everyone's): a member of this organization
            role = _("coordinator") if org.id in coordinated else _("member of the organization")
            parts.append(f"• {org.name} — {role}")
        for org in pending:
            parts.append(f"• {org.name} — {_('waiting for review')}")
    profile = await services.experts.profile(person)
    if profile is not None:
        status = {
            "pending": _("waiting for review"),
            "approved": _("approved") if profile.available else _("approved, paused"),
            "rejected": _("not approved"),
        }[profile.status]
        parts += ["", _("Expert profile: {status}").format(status=status)]
    parts += [
        "",
        _(
            "The bot keeps no name, username or phone number of yours. Your Telegram name is "
            "shown only to whom you ask: a coordinator you ask to join, the administrators "
            "reviewing your application, a partner who accepted your proposal."
        ),
    ]
    return {"profile": lines(parts), "coordinator": bool(coordinated)}


def member_label(member: Member) -> str:
    return member.display_name or _("member #{number}").format(number=member.user_id)


async def handover_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    privacy = services_of(dialog_manager).privacy
    orgs = await privacy.handovers(person)
    data = dialog_manager.dialog_data
    index = int(data.get("index", 0))
    empty = {
        "org": "",
        "candidates": [],
        "has_candidates": False,
        "notice": html(
            _("⚠️ The member you chose for «{org}» is no longer in it. Please choose again."),
            org=data["conflict"],
        )
        if data.get("conflict")
        else "",
        "page": 1,
        "pages": 1,
        "several_pages": False,
        "has_prev": False,
        "has_next": False,
    }
    if index >= len(orgs):  # changed meanwhile (an organization was closed)
        return empty
    page = int(data.get("page", 0))
    members, total = await privacy.candidates(
        person, orgs[index].id, offset=page * CANDIDATES_PAGE, limit=CANDIDATES_PAGE
    )
    pages = max(1, (total + CANDIDATES_PAGE - 1) // CANDIDATES_PAGE)
    return {
        **empty,
        "org": orgs[index].name,
        "candidates": [(str(m.user_id), member_label(m)) for m in members],
        "has_candidates": total > 0,
        "page": page + 1,
        "pages": pages,
        "several_pages": pages > 1,
        "has_prev": page > 0,
        "has_next": page + 1 < pages,
    }


async def confirm_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    privacy = services_of(dialog_manager).privacy
    successors: dict[str, Any] = dialog_manager.dialog_data.get("successors", {})
    names: dict[str, str] = dialog_manager.dialog_data.get("names", {})
    parts = []
    for org in await privacy.handovers(person):
        successor = successors.get(str(org.id))
        if successor is not None:
            parts.append(
                _("• «{org}» goes to {person}.").format(
                    org=org.name, person=names.get(str(successor)) or successor
                )
            )
        else:
            parts.append(
                _("• «{org}» is closed and removed from the directory.").format(org=org.name)
            )
    return {"orgs": lines(parts), "has_orgs": bool(parts)}
