from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.formatting import format_date
from bot.ui.cards import organization_card
from bot.ui.partnerships import (
    partnership_detail,
    partnership_rows,
    partnerships_button,
    partnerships_summary,
)
from dialogs.common import bot_of, person_of, services_of


def _org_id(manager: DialogManager) -> int:
    return int(manager.dialog_data["org_id"])


async def choose_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    orgs = await services_of(dialog_manager).organizations.coordinated(person_of(dialog_manager))
    return {"orgs": [(o.id, o.name) for o in orgs]}


async def main_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    service = services_of(dialog_manager).organizations
    org = await service.coordinated_org(person, _org_id(dialog_manager), "open organization")
    _members, count = await service.members(person, org.id, limit=0)
    waiting = {o.id: n for o, n in await services_of(dialog_manager).partnerships.waiting(person)}
    return {
        "card": organization_card(org, contact=org.public_contact),
        "members_button": _("👥 Members ({count})").format(count=count),
        "partnerships_button": partnerships_button(waiting.get(org.id, 0)),
        "contact_note": (
            _("The contact is shown in the directory.")
            if org.shown_contact
            else _("The contact is shared only with partners you accept.")
            if org.public_contact
            else ""
        ),
    }


async def invite_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    token = await services_of(dialog_manager).organizations.current_invite(
        person_of(dialog_manager), _org_id(dialog_manager)
    )
    link = ""
    if token is not None:
        bot = bot_of(dialog_manager)
        me = await bot.me()
        link = f"https://t.me/{me.username}?start=join_{token}"
    return {"active": token is not None, "inactive": token is None, "link": link}


async def members_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    members, count = await services_of(dialog_manager).organizations.members(
        person, _org_id(dialog_manager)
    )
    rows = []
    for member in members:
        label = member.display_name or _("member #{number}").format(number=member.user_id)
        if member.user_id == person.id:
            label = _("You (coordinator)")
        rows.append((member.user_id, label))
    return {"members": rows, "count": count}


async def member_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    person = person_of(dialog_manager)
    member = await services_of(dialog_manager).organizations.member(
        person, _org_id(dialog_manager), int(dialog_manager.dialog_data["member_id"])
    )
    if member is None:
        return {"member": "", "joined": "", "is_self": False, "removable": False}
    return {
        "member": member.display_name or str(member.user_id),
        "joined": format_date(member.joined_at, person.locale, person.timezone),
        "is_self": member.user_id == person.id,
        "removable": member.user_id != person.id,
    }


async def partnerships_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    of = await services_of(dialog_manager).partnerships.of_org(
        person_of(dialog_manager), _org_id(dialog_manager)
    )
    return {
        "notice": dialog_manager.dialog_data.pop("notice", ""),
        "summary": partnerships_summary(of),
        "rows": partnership_rows(of),
    }


async def partnership_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    view = await services_of(dialog_manager).partnerships.view(
        person_of(dialog_manager),
        _org_id(dialog_manager),
        int(dialog_manager.dialog_data["partnership_id"]),
    )
    notice = dialog_manager.dialog_data.pop("notice", "")
    if view is None:  # withdrawn, answered or gone since the list was shown
        return {
            "notice": notice,
            "detail": _("This proposal is no longer open."),
            "can_answer": False,
            "can_withdraw": False,
        }
    pending = view.partnership.status == "pending"
    return {
        "notice": notice,
        "detail": partnership_detail(view),
        "can_answer": pending and view.incoming,
        "can_withdraw": pending and not view.incoming,
    }
