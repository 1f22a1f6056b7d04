"""What the admins' console windows show. The services check the admin role."""

from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from markupsafe import Markup

from bot.domain.admin import AuditRow
from bot.roles import Role
from bot.services.admin_console import LINK_VALID
from bot.ui import admin as ui
from dialogs.audience import audience_data, audience_from, audience_text
from dialogs.common import bot_of, now_of, person_of, services_of
from dialogs.staff.names import label_of, labels_of

TARGET = "target"
FOUND = "found"
NOTICE = "notice"
BROADCAST_TEXT = "bc_text"
CAMPAIGN = "campaign"
FAMILY = "family"
PAGE = "page"
LINK = "link"
LINK_ROLE = "link_role"
LISTING_BLOCKED = "listing_blocked"


def notice(manager: DialogManager) -> Markup:
    """The outcome of the last action: rendered (and escaped) by `bot.ui.admin`."""
    return Markup(manager.dialog_data.pop(NOTICE, ""))


async def console_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    """Every window: the admin role (a forged button reaches any window), and the audience
    picker's data where it shows."""
    services_of(dialog_manager).admin.check(person_of(dialog_manager))
    state = dialog_manager.current_context().state
    return (
        await audience_data(dialog_manager)
        if state.state.split(":")[-1].startswith("audience")
        else {}
    )


async def main_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    figures = await services_of(dialog_manager).admin.figures(person, now_of(dialog_manager))
    return {"figures": ui.figures_text(figures, person.locale), "notice": notice(dialog_manager)}


async def people_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    found = [int(uid) for uid in dialog_manager.dialog_data.get(FOUND, [])]
    labels = await labels_of(bot_of(dialog_manager), tuple(found))
    searched = FOUND in dialog_manager.dialog_data
    blocked = bool(dialog_manager.dialog_data.get(LISTING_BLOCKED))
    return {
        "found": [(str(uid), label) for uid, label in zip(found, labels, strict=True)],
        "nothing_found": searched and not found and not blocked,
        "none_blocked": blocked and not found,
    }


async def person_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    target = int(dialog_manager.dialog_data[TARGET])
    view = await services_of(dialog_manager).admin.person(person_of(dialog_manager), target)
    label = await label_of(bot_of(dialog_manager), target)
    if view is None:  # forgotten meanwhile
        return {
            "card": _("This person is no longer known to the bot."),
            "notice": notice(dialog_manager),
            "known": False,
        }
    expert = Role.EXPERT in view.roles or view.expert_invited
    return {
        "card": ui.person_text(view, label),
        "notice": notice(dialog_manager),
        "known": True,
        "organizer": Role.ORGANIZER in view.roles,
        "not_organizer": Role.ORGANIZER not in view.roles,
        "expert": expert,
        "not_expert": not expert,
        "can_block": not view.blocked and not view.is_admin,
        "blocked": view.blocked,
    }


async def link_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        "link_text": ui.link_text(
            data[LINK_ROLE], data[LINK], LINK_VALID.days, person_of(dialog_manager).locale
        )
    }


async def preview_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    audience = audience_from(dialog_manager)
    reach = await services_of(dialog_manager).admin.broadcast_reach(person, audience)
    text = dialog_manager.dialog_data.get(BROADCAST_TEXT, "")
    return {
        "preview": ui.broadcast_preview(text, audience_text(audience, {}), reach, person.locale),
        "count": len(reach.recipients),
        "can_send": bool(reach.recipients) and bool(text),
    }


async def progress_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    progress = await services_of(dialog_manager).admin.broadcast_progress(
        person, int(dialog_manager.dialog_data[CAMPAIGN])
    )
    return {"progress": ui.progress_text(progress, person.locale, person.timezone)}


async def _subject(manager: DialogManager, row: AuditRow) -> str:
    if row.subject_user_id is not None:
        return await label_of(bot_of(manager), row.subject_user_id)
    if row.subject_type == "organization" and row.subject_id is not None:
        org = await services_of(manager).organizations.get(row.subject_id)
        return f"«{org.name}»" if org is not None else f"#{row.subject_id}"
    if row.action == "broadcast.send" and row.detail.isdigit():
        return ui.recipients(int(row.detail), person_of(manager).locale)
    return ""


async def audit_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    family = dialog_manager.dialog_data.get(FAMILY)
    page = await services_of(dialog_manager).admin.audit(
        person, family, int(dialog_manager.dialog_data.get(PAGE, 0))
    )
    rendered = []
    for row in page.rows:
        actor = (
            await label_of(bot_of(dialog_manager), row.actor_id)
            if row.actor_id
            else _("someone forgotten")
        )
        rendered.append(
            ui.audit_line(
                row, actor, await _subject(dialog_manager, row), person.locale, person.timezone
            )
        )
    return {
        "audit": ui.audit_text(rendered, page.page, page.pages, family),
        "families": [
            ("all", ("✅ " if family is None else "") + _("All")),
            *[
                (key, ("✅ " if key == family else "") + _(name))
                for key, name in ui.AUDIT_FAMILIES.items()
            ],
        ],
        "has_prev": page.page > 0,
        "has_next": page.page + 1 < page.pages,
    }
