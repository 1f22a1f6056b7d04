from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.errors import InvalidChoice
from bot.domain.organizations import ProposalOutcome
from bot.domain.people import Contact
from bot.formatting import format_date
from dialogs.common import now_of, person_of, services_of
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
    own = [
        o
        for o in await services_of(manager).organizations.coordinated(person_of(manager))
        if o.id != target
    ]
    if len(own) == 1:
        await _propose(callback, manager, own[0].id)
    else:
        await manager.switch_to(S.propose_from)


async def on_propose_from(
    callback: CallbackQuery, _w: Any, manager: DialogManager, org_id: str
) -> None:
    if not org_id.isdigit():
        raise InvalidChoice(f"organization {org_id!r}")
    await _propose(callback, manager, int(org_id))


async def _propose(callback: CallbackQuery, manager: DialogManager, from_org: int) -> None:
    user = callback.from_user
    person = person_of(manager)
    result = await services_of(manager).partnerships.propose(
        person,
        from_org,
        int(manager.dialog_data["org_id"]),
        Contact(user.id, user.full_name, user.username),
        now_of(manager),
    )
    if result.outcome is ProposalOutcome.SENT:
        notice = _("📨 Proposal sent. If they accept, you both receive each other's contacts.")
    elif result.outcome is ProposalOutcome.EXISTS:
        notice = _("You have already proposed a partnership to this organization, or agreed one.")
    elif result.outcome is ProposalOutcome.DECLINED_RECENTLY:
        assert result.retry_at is not None
        notice = _(
            "This organization declined your proposal recently. You can propose again from {date}."
        ).format(date=format_date(result.retry_at, person.locale, person.timezone))
    elif result.outcome is ProposalOutcome.NO_COORDINATOR:
        notice = _("This organization has no coordinator in the bot yet.")
    else:
        notice = _("This organization is no longer in the directory.")
    manager.dialog_data["notice"] = notice
    await manager.switch_to(S.card)
