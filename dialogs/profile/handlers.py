from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button

from bot.command_menus import drop_person_commands, refresh_commands
from dialogs.common import after_update, bot_of, now_of, person_of, services_of
from dialogs.profile.getters import member_label
from dialogs.profile.states import Forget


async def on_forget_start(start_data: Any, manager: DialogManager) -> None:
    handovers = await services_of(manager).privacy.handovers(person_of(manager))
    manager.dialog_data.update(successors={}, names={}, index=0, page=0)
    if not handovers:
        await manager.switch_to(Forget.confirm)


async def _next_handover(manager: DialogManager) -> None:
    count = len(await services_of(manager).privacy.handovers(person_of(manager)))
    data = manager.dialog_data
    data["index"] = int(data.get("index", 0)) + 1
    data["page"] = 0
    data.pop("conflict", None)
    if data["index"] >= count:
        await manager.switch_to(Forget.confirm)


async def _current_org(manager: DialogManager) -> int | None:
    handovers = await services_of(manager).privacy.handovers(person_of(manager))
    index = int(manager.dialog_data.get("index", 0))
    return handovers[index].id if index < len(handovers) else None


async def on_successor(
    callback: CallbackQuery, widget: Any, manager: DialogManager, user_id: str
) -> None:
    org_id = await _current_org(manager)
    member = None
    if org_id is not None:
        member = await services_of(manager).privacy.candidate(
            person_of(manager), org_id, int(user_id)
        )
    data = manager.dialog_data
    data["successors"][str(org_id)] = int(user_id)
    data["names"][user_id] = member_label(member) if member is not None else user_id
    await _next_handover(manager)


async def on_close_org(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["successors"][str(await _current_org(manager))] = None
    await _next_handover(manager)


async def on_prev_page(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = max(0, int(manager.dialog_data.get("page", 0)) - 1)


async def on_next_page(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = int(manager.dialog_data.get("page", 0)) + 1


async def on_confirm(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    services = services_of(manager)
    person = person_of(manager)
    successors = {
        int(org): (None if uid is None else int(uid))
        for org, uid in manager.dialog_data.get("successors", {}).items()
    }
    outcome = await services.privacy.forget(person, successors, now_of(manager))
    if outcome.conflict is not None:
        # the chosen successor left meanwhile: choose again for that organization
        orgs = await services.privacy.handovers(person)
        index = next((i for i, o in enumerate(orgs) if o.id == outcome.conflict.id), 0)
        manager.dialog_data.update(index=index, page=0)
        manager.dialog_data["successors"].pop(str(outcome.conflict.id), None)
        manager.dialog_data["conflict"] = outcome.conflict.name
        await manager.switch_to(Forget.handover)
        return
    await manager.reset_stack(remove_keyboard=False)
    manager.show_mode = ShowMode.NO_UPDATE
    # The dialog library saves its (now empty) stack after this handler: erase it after that.
    after_update(manager, lambda: services.privacy.erase_conversation(person.id))
    bot = bot_of(manager)
    for _org, successor in outcome.handed_over:
        await refresh_commands(bot, services, successor)
    await drop_person_commands(bot, person.id)
    text = _(
        "🗑 Your data has been deleted: language, country, roles, memberships, requests and "
        "the contacts you shared. If you write to the bot again, it starts from scratch."
    )
    if callback.message is not None:
        with contextlib.suppress(TelegramBadRequest):
            await callback.message.edit_text(text)  # type: ignore[union-attr]
