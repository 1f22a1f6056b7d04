from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.errors import InvalidChoice
from dialogs.common import ERROR_KEY, now_of, person_of, services_of
from dialogs.organization.states import MyOrganization as S


def _org_id(manager: DialogManager) -> int:
    return int(manager.dialog_data["org_id"])


async def on_start(start_data: Any, manager: DialogManager) -> None:
    if isinstance(start_data, dict) and "org_id" in start_data:
        manager.dialog_data["org_id"] = start_data["org_id"]


async def on_choose(callback: CallbackQuery, _w: Any, manager: DialogManager, org_id: str) -> None:
    if not org_id.isdigit():
        raise InvalidChoice(f"organization {org_id!r}")
    # the service checks, at every screen, that the person coordinates it
    await services_of(manager).organizations.coordinated_org(
        person_of(manager), int(org_id), "open organization"
    )
    manager.dialog_data["org_id"] = int(org_id)
    await manager.switch_to(S.main)


async def on_open_invite(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The link is made when the coordinator first asks for it."""
    await services_of(manager).organizations.invite_token(
        person_of(manager), _org_id(manager), now_of(manager)
    )
    await manager.switch_to(S.invite)


async def on_renew(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await services_of(manager).organizations.renew_invite(
        person_of(manager), _org_id(manager), now_of(manager)
    )


async def on_revoke(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await services_of(manager).organizations.revoke_invite(
        person_of(manager), _org_id(manager), now_of(manager)
    )


async def on_member(callback: CallbackQuery, _w: Any, manager: DialogManager, uid: str) -> None:
    if not uid.isdigit():
        raise InvalidChoice(f"member {uid!r}")
    manager.dialog_data["member_id"] = int(uid)
    await manager.switch_to(S.member)


async def on_remove(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await services_of(manager).organizations.remove_member(
        person_of(manager), _org_id(manager), int(manager.dialog_data["member_id"])
    )
    await manager.switch_to(S.members)


async def on_description(message: Message, manager: DialogManager, value: str) -> None:
    await services_of(manager).organizations.update_details(
        person_of(manager), _org_id(manager), description=value, now=now_of(manager)
    )
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.main)


async def on_contact(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["new_contact"] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.edit_consent)


async def on_remove_contact(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await services_of(manager).organizations.update_details(
        person_of(manager), _org_id(manager), remove_contact=True, now=now_of(manager)
    )
    await manager.switch_to(S.main)


async def on_consent(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await services_of(manager).organizations.update_details(
        person_of(manager),
        _org_id(manager),
        contact=manager.dialog_data.pop("new_contact"),
        contact_consent=button.widget_id == "consent_yes",
        now=now_of(manager),
    )
    await manager.switch_to(S.main)
