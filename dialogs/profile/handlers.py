from __future__ import annotations

import contextlib
from html import escape
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button

from bot.services.privacy import PrivacyService
from bot.ui.decisions import refresh_commands
from bot.ui.notify import Notifier
from dialogs.profile.states import Forget


async def on_forget_start(start_data: Any, manager: DialogManager) -> None:
    privacy: PrivacyService = manager.middleware_data["privacy"]
    handovers = await privacy.handovers(manager.middleware_data["person"])
    manager.dialog_data["successors"] = {}
    manager.dialog_data["index"] = 0
    if not handovers:
        await manager.switch_to(Forget.confirm)


async def _next_handover(manager: DialogManager) -> None:
    privacy: PrivacyService = manager.middleware_data["privacy"]
    count = len(await privacy.handovers(manager.middleware_data["person"]))
    index = int(manager.dialog_data.get("index", 0)) + 1
    manager.dialog_data["index"] = index
    if index >= count:
        await manager.switch_to(Forget.confirm)


async def _current_org(manager: DialogManager) -> int | None:
    privacy: PrivacyService = manager.middleware_data["privacy"]
    handovers = await privacy.handovers(manager.middleware_data["person"])
    index = int(manager.dialog_data.get("index", 0))
    return handovers[index].organization.id if index < len(handovers) else None


async def on_successor(
    callback: CallbackQuery, _w: Any, manager: DialogManager, user_id: str
) -> None:
    manager.dialog_data["successors"][str(await _current_org(manager))] = int(user_id)
    await _next_handover(manager)


async def on_close_org(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["successors"][str(await _current_org(manager))] = None
    await _next_handover(manager)


async def on_confirm(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.middleware_data
    privacy: PrivacyService = data["privacy"]
    successors = {
        int(org): (None if uid is None else int(uid))
        for org, uid in manager.dialog_data.get("successors", {}).items()
    }
    person = data["person"]
    await manager.reset_stack(remove_keyboard=False)
    manager.show_mode = ShowMode.NO_UPDATE
    outcome = await privacy.forget(person, successors, data["clock"]())
    # The dialog library saves its (now empty) stack after this handler: erase it after that.
    data["after_update"].append(lambda: privacy.erase_conversation(person.id))
    notifier: Notifier = data["notifier"]
    for org, successor in outcome:
        if successor is not None:
            await notifier.send(successor, lambda name=org.name: (_coordinator_text(name), None))
            await refresh_commands(data, successor)
    text = _(
        "🗑 Your data has been deleted: language, country, roles, memberships, requests and "
        "the contacts you shared. If you write to the bot again, it starts from scratch."
    )
    if callback.message is not None:
        with contextlib.suppress(TelegramBadRequest):
            await callback.message.edit_text(text)  # type: ignore[union-attr]


def _coordinator_text(name: str) -> str:
    return _(
        "You are now the coordinator of «{org}»: its previous coordinator left the bot. "
        "/myorg shows its members and invite link."
    ).format(org=escape(name))
