from __future__ import annotations

from html import escape
from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.formatting import timezone_label
from bot.locales import language_name
from bot.services.experts import ExpertsService
from bot.services.organizations import OrganizationsService
from bot.services.privacy import PrivacyService
from bot.ui.countries import country_label
from bot.ui.roles import role_names


async def profile_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.middleware_data
    person = data["person"]
    organizations: OrganizationsService = data["organizations"]
    experts: ExpertsService = data["experts"]
    lines = [
        _("<b>What the bot stores about you</b>"),
        "",
        _("Telegram id: {id}").format(id=person.id),
        _("Language: {language}").format(language=language_name(person.locale)),
        _("Country: {value}").format(
            value=country_label(person.country) if person.country else _("not chosen")
        ),
        _("Time zone: {zone}").format(zone=timezone_label(person.timezone, person.locale)),
        _("Roles: {roles}").format(roles=role_names(person.roles)),
    ]
    coordinated = {o.id for o in await organizations.coordinated(person)}
    orgs = await organizations.memberships(person)
    pending = await organizations.pending_of(person)
    if orgs or pending:
        lines += ["", _("<b>Organizations</b>")]
        for org in orgs:
            role = _("coordinator") if org.id in coordinated else _("member")
            lines.append(f"• {escape(org.name)} — {role}")
        for org in pending:
            lines.append(f"• {escape(org.name)} — {_('waiting for review')}")
    profile = await experts.profile(person.id)
    if profile is not None:
        status = {
            "pending": _("waiting for review"),
            "approved": _("approved") if profile.available else _("approved, paused"),
            "rejected": _("not approved"),
        }[profile.status]
        lines += ["", _("Expert profile: {status}").format(status=status)]
    lines += [
        "",
        _(
            "The bot keeps no name, username or phone number of yours. Your Telegram name is "
            "shown only to whom you ask: a coordinator you ask to join, the administrators "
            "reviewing your application, a partner who accepted your proposal."
        ),
    ]
    return {
        "profile": "\n".join(lines),
        "coordinator": bool(coordinated),
    }


async def handover_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.middleware_data
    privacy: PrivacyService = data["privacy"]
    handovers = await privacy.handovers(data["person"])
    index = int(dialog_manager.dialog_data.get("index", 0))
    if index >= len(handovers):  # changed meanwhile (an organization was closed)
        return {"org": "", "candidates": [], "has_candidates": False}
    current = handovers[index]
    return {
        "org": escape(current.organization.name),
        "candidates": [
            (str(uid), name or _("member #{number}").format(number=uid))
            for uid, name in current.candidates
        ],
        "has_candidates": bool(current.candidates),
    }


async def confirm_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.middleware_data
    privacy: PrivacyService = data["privacy"]
    successors: dict[str, Any] = dialog_manager.dialog_data.get("successors", {})
    lines = []
    for handover in await privacy.handovers(data["person"]):
        org = escape(handover.organization.name)
        successor = successors.get(str(handover.organization.id))
        names = dict(handover.candidates)
        if successor is not None and int(successor) in names:
            lines.append(
                _("• «{org}» goes to {person}.").format(
                    org=org, person=escape(names[int(successor)]) or successor
                )
            )
        else:
            lines.append(_("• «{org}» is closed and removed from the directory.").format(org=org))
    return {"orgs": "\n".join(lines), "has_orgs": bool(lines)}
