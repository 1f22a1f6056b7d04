from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from aiogram import Bot
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.formatting import format_date
from bot.services.organizations import OrganizationsService
from bot.ui.cards import organization_card


def _service(manager: DialogManager) -> OrganizationsService:
    return manager.middleware_data["organizations"]


async def choose_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = dialog_manager.middleware_data["person"]
    orgs = await _service(dialog_manager).coordinated(person)
    return {"orgs": [(o.id, o.name) for o in orgs]}


async def main_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = dialog_manager.middleware_data["person"]
    org_id = int(dialog_manager.dialog_data["org_id"])
    service = _service(dialog_manager)
    org = await service.coordinated_org(person, org_id, "open organization")
    members = await service.members(person, org_id)
    return {
        "card": organization_card(org, contact=org.public_contact),
        "members_button": _("👥 Members ({count})").format(count=len(members)),
        "contact_note": (
            _("The contact is shown in the directory.")
            if org.shown_contact
            else _("The contact is shared only with partners you accept.")
            if org.public_contact
            else ""
        ),
    }


async def invite_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.middleware_data
    org_id = int(dialog_manager.dialog_data["org_id"])
    service = _service(dialog_manager)
    token = await service.current_invite(data["person"], org_id)
    active = token is not None
    link = ""
    if token is not None:
        bot: Bot = data["bot"]
        me = await bot.me()
        link = f"https://t.me/{me.username}?start=join_{token}"
    return {"active": active, "inactive": not active, "link": escape(link)}


async def members_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = dialog_manager.middleware_data["person"]
    org_id = int(dialog_manager.dialog_data["org_id"])
    members = await _service(dialog_manager).members(person, org_id)
    rows = []
    for user_id, name, _joined in members:
        label = name or _("member #{number}").format(number=user_id)
        if user_id == person.id:
            label = _("You (coordinator)")
        rows.append((user_id, label))
    return {"members": rows, "count": len(rows)}


async def member_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = dialog_manager.middleware_data["person"]
    org_id = int(dialog_manager.dialog_data["org_id"])
    user_id = int(dialog_manager.dialog_data["member_id"])
    for uid, name, joined in await _service(dialog_manager).members(person, org_id):
        if uid == user_id:
            return {
                "member": escape(name) or str(uid),
                "joined": format_date(
                    datetime.fromisoformat(joined), person.locale, person.timezone
                ),
                "is_self": uid == person.id,
                "removable": uid != person.id,
            }
    return {"member": "", "joined": "", "is_self": False, "removable": False}
