from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.errors import InvalidChoice
from bot.domain.organizations import Outcome
from bot.domain.people import Contact
from bot.ui.partnerships import answered_already
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


# Partnerships


async def on_partnership(
    callback: CallbackQuery, _w: Any, manager: DialogManager, partnership_id: str
) -> None:
    if not partnership_id.isdigit():
        raise InvalidChoice(f"partnership {partnership_id!r}")
    manager.dialog_data["partnership_id"] = int(partnership_id)
    await manager.switch_to(S.partnership)


async def on_answer(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    """Accept or decline a proposal to the organization, as its notice's buttons do."""
    accept = button.widget_id == "accept"
    user = callback.from_user
    answer = await services_of(manager).partnerships.answer(
        person_of(manager),
        int(manager.dialog_data["partnership_id"]),
        accept,
        Contact(user.id, user.full_name, user.username),
        now_of(manager),
    )
    found = answer.partnership
    if answer.outcome is Outcome.DONE and accept:
        manager.dialog_data["notice"] = _(
            "✅ Accepted. You and their coordinator now have each other's contacts."
        )
        return  # the partnership, with the contacts, is shown in its place
    if answer.outcome is Outcome.DONE:
        manager.dialog_data["notice"] = _("You declined the proposal. Nothing was shared.")
    elif answer.outcome is Outcome.ALREADY and found is not None:
        manager.dialog_data["notice"] = answered_already(found.status)
    else:
        manager.dialog_data["notice"] = _("This proposal no longer exists.")
    await manager.switch_to(S.partnerships)


async def on_withdraw(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """Take back a proposal of the organization that is still waiting for the answer."""
    result = await services_of(manager).partnerships.withdraw(
        person_of(manager), int(manager.dialog_data["partnership_id"]), now_of(manager)
    )
    found = result.partnership
    if result.outcome is Outcome.DONE:
        manager.dialog_data["notice"] = _("↩️ Proposal withdrawn. Nothing was shared.")
    elif result.outcome is Outcome.ALREADY and found is not None and found.status == "accepted":
        manager.dialog_data["notice"] = _("They accepted it meanwhile: you are partners now.")
        return  # the partnership, with the contacts, is shown in its place
    elif result.outcome is Outcome.ALREADY and found is not None:
        manager.dialog_data["notice"] = _("This proposal was already answered.")
    else:
        manager.dialog_data["notice"] = _("This proposal no longer exists.")
    await manager.switch_to(S.partnerships)
