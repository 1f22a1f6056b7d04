from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.services.organizations import OrganizationsService
from dialogs.common import ERROR_KEY
from dialogs.organization.states import MyOrganization as S


def _ctx(manager: DialogManager) -> tuple[OrganizationsService, Any, Any, int]:
    data = manager.middleware_data
    return (
        data["organizations"],
        data["person"],
        data["clock"](),
        int(manager.dialog_data["org_id"]),
    )


async def on_start(start_data: Any, manager: DialogManager) -> None:
    if isinstance(start_data, dict) and "org_id" in start_data:
        manager.dialog_data["org_id"] = start_data["org_id"]


async def on_choose(callback: CallbackQuery, _w: Any, manager: DialogManager, org_id: str) -> None:
    manager.dialog_data["org_id"] = int(org_id)
    await manager.switch_to(S.main)


async def on_open_invite(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The link is made when the coordinator first asks for it."""
    service, person, now, org_id = _ctx(manager)
    await service.invite_token(person, org_id, now)
    await manager.switch_to(S.invite)


async def on_renew(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    service, person, now, org_id = _ctx(manager)
    await service.renew_invite(person, org_id, now)


async def on_revoke(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    service, person, now, org_id = _ctx(manager)
    await service.revoke_invite(person, org_id, now)


async def on_member(callback: CallbackQuery, _w: Any, manager: DialogManager, uid: str) -> None:
    manager.dialog_data["member_id"] = int(uid)
    await manager.switch_to(S.member)


async def on_remove(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    service, person, _now, org_id = _ctx(manager)
    await service.remove_member(person, org_id, int(manager.dialog_data["member_id"]))
    await manager.switch_to(S.members)


async def _save(manager: DialogManager, **changes: Any) -> None:
    service, person, now, org_id = _ctx(manager)
    org = await service.coordinated_org(person, org_id, "edit organization")
    fields = {
        "region": org.region,
        "description": org.description,
        "themes": org.themes,
        "contact": org.public_contact,
        "contact_consent": org.contact_consent,
    }
    fields.update(changes)
    await service.update_details(person, org_id, now=now, **fields)


async def on_description(message: Message, manager: DialogManager, value: str) -> None:
    await _save(manager, description=value)
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.main)


async def on_contact(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["new_contact"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.edit_consent)


async def on_remove_contact(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await _save(manager, contact=None, contact_consent=False)
    await manager.switch_to(S.main)


async def on_consent(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await _save(
        manager,
        contact=manager.dialog_data.pop("new_contact"),
        contact_consent=button.widget_id == "consent_yes",
    )
    await manager.switch_to(S.main)
