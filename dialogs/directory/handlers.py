from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.services.organizations import OrganizationsService
from bot.services.partnerships import Contact, PartnershipsService
from bot.ui.notify import Notifier
from bot.ui.partnerships import proposal_card
from dialogs.directory.getters import ANY
from dialogs.directory.states import Directory as S


def pick(key: str) -> Any:
    async def on_pick(callback: CallbackQuery, _w: Any, manager: DialogManager, value: str) -> None:
        if value == ANY:
            manager.dialog_data.pop(key, None)
        else:
            manager.dialog_data[key] = value
        await manager.switch_to(S.filters)

    return on_pick


async def on_reset(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    for key in ("theme", "country", "kind"):
        manager.dialog_data.pop(key, None)


async def on_show(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = 0
    await manager.switch_to(S.results)


async def on_prev(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = max(0, int(manager.dialog_data.get("page", 0)) - 1)


async def on_next(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = int(manager.dialog_data.get("page", 0)) + 1


async def on_org(callback: CallbackQuery, _w: Any, manager: DialogManager, org_id: str) -> None:
    manager.dialog_data["org_id"] = int(org_id)
    await manager.switch_to(S.card)


async def on_propose(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    service: OrganizationsService = manager.middleware_data["organizations"]
    person = manager.middleware_data["person"]
    target = int(manager.dialog_data["org_id"])
    own = [o for o in await service.coordinated(person) if o.id != target]
    if len(own) == 1:
        await _propose(callback, manager, own[0].id)
    else:
        await manager.switch_to(S.propose_from)


async def on_propose_from(
    callback: CallbackQuery, _w: Any, manager: DialogManager, org_id: str
) -> None:
    await _propose(callback, manager, int(org_id))


async def _propose(callback: CallbackQuery, manager: DialogManager, from_org: int) -> None:
    data = manager.middleware_data
    partnerships: PartnershipsService = data["partnerships"]
    user = callback.from_user
    contact = Contact(user.id, user.full_name, user.username)
    result = await partnerships.propose(
        data["person"], from_org, int(manager.dialog_data["org_id"]), contact, data["clock"]()
    )
    target = result.target
    if result.outcome == "sent" and target is not None and result.partnership_id is not None:
        proposer = await data["organizations"].get(from_org)
        pid = result.partnership_id
        notifier: Notifier = data["notifier"]
        assert target.coordinator_id is not None
        await notifier.send(target.coordinator_id, lambda: proposal_card(proposer, target, pid))
        notice = _("📨 Proposal sent. If they accept, you both receive each other's contacts.")
    elif result.outcome == "exists":
        notice = _("You have already proposed a partnership to this organization, or agreed one.")
    elif result.outcome == "no_coordinator":
        notice = _("This organization has no coordinator in the bot yet.")
    else:
        notice = _("This organization is no longer in the directory.")
    manager.dialog_data["notice"] = notice
    await manager.switch_to(S.card)
