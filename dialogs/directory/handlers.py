from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message, User
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.errors import InvalidChoice
from bot.domain.organizations import Proposal
from bot.domain.people import Contact
from bot.ui.partnerships import proposal_outcome
from dialogs.common import ERROR_KEY, now_of, person_of, services_of
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
    if not org_id.isdigit():
        raise InvalidChoice(f"organization {org_id!r}")
    manager.dialog_data["org_id"] = int(org_id)
    await manager.switch_to(S.card)


async def on_propose(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    target = int(manager.dialog_data["org_id"])
    person = person_of(manager)
    services = services_of(manager)
    refused = await services.partnerships.check_target(person, target)
    if refused is not None:  # said before the person picks which organization proposes
        await _tell(manager, refused)
        return
    own = [o for o in await services.organizations.coordinated(person) if o.id != target]
    if len(own) == 1:
        await _prepare(manager, own[0].id)
    else:
        await manager.switch_to(S.propose_from)


async def on_propose_from(
    callback: CallbackQuery, _w: Any, manager: DialogManager, org_id: str
) -> None:
    if not org_id.isdigit():
        raise InvalidChoice(f"organization {org_id!r}")
    await _prepare(manager, int(org_id))


async def _prepare(manager: DialogManager, from_org: int) -> None:
    """Before the note: whatever would refuse the proposal is said now."""
    refused = await services_of(manager).partnerships.check(
        person_of(manager), from_org, int(manager.dialog_data["org_id"]), now_of(manager)
    )
    if refused is not None:
        await _tell(manager, refused)
        return
    manager.dialog_data["from_org"] = from_org
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.note)


async def on_note(message: Message, manager: DialogManager, note: str) -> None:
    assert message.from_user is not None
    await _propose(manager, message.from_user, note)


async def on_send_plain(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await _propose(manager, callback.from_user, None)


async def _propose(manager: DialogManager, user: User, note: str | None) -> None:
    from_org = manager.dialog_data.get("from_org")
    if from_org is None:
        raise InvalidChoice("no proposing organization")
    result = await services_of(manager).partnerships.propose(
        person_of(manager),
        int(from_org),
        int(manager.dialog_data["org_id"]),
        Contact(user.id, user.full_name, user.username),
        now_of(manager),
        note,
    )
    await _tell(manager, result)


async def _tell(manager: DialogManager, result: Proposal) -> None:
    person = person_of(manager)
    manager.dialog_data.pop("from_org", None)
    manager.dialog_data.pop(ERROR_KEY, None)
    manager.dialog_data["notice"] = proposal_outcome(result, person.locale, person.timezone)
    await manager.switch_to(S.card)


async def on_start(start_data: Any, manager: DialogManager) -> None:
    """Opened at an organization's card (from a digest): the card shows it."""
    if isinstance(start_data, dict) and "org_id" in start_data:
        manager.dialog_data["org_id"] = int(start_data["org_id"])
