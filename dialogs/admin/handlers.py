"""The admins' console's actions. Each calls a service that checks the admin role (the
buttons come from the client and can be forged); the person acted on is the one the admin
chose, kept in the dialog's data."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.command_menus import refresh_commands
from bot.domain.admin import AppointRole
from bot.domain.errors import NotAllowed
from bot.ui import admin as ui
from bot.ui.html import html
from dialogs.admin.getters import (
    BROADCAST_TEXT,
    CAMPAIGN,
    FAMILY,
    FOUND,
    LINK,
    LINK_ROLE,
    LISTING_BLOCKED,
    NOTICE,
    PAGE,
    TARGET,
)
from dialogs.admin.states import AdminConsole as S
from dialogs.audience import audience_from
from dialogs.common import ERROR_KEY, bot_of, now_of, person_of, services_of, set_error
from dialogs.staff.names import label_of


async def on_query(message: Message, manager: DialogManager, value: str) -> None:
    found = await services_of(manager).admin.search(person_of(manager), value)
    manager.dialog_data[FOUND] = [str(uid) for uid in found]
    manager.dialog_data.pop(LISTING_BLOCKED, None)
    manager.dialog_data.pop(ERROR_KEY, None)


async def on_blocked(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    found = await services_of(manager).admin.blocked(person_of(manager))
    manager.dialog_data[FOUND] = [str(uid) for uid in found]
    manager.dialog_data[LISTING_BLOCKED] = True
    manager.dialog_data.pop(ERROR_KEY, None)


async def on_pick(callback: CallbackQuery, _w: Any, manager: DialogManager, uid: str) -> None:
    manager.dialog_data[TARGET] = uid
    await manager.switch_to(S.person)


def _role(button: Button) -> AppointRole:
    return AppointRole.ORGANIZER if "organizer" in button.widget_id else AppointRole.EXPERT


async def on_appoint(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    services = services_of(manager)
    target = int(manager.dialog_data[TARGET])
    role = _role(button)
    outcome = await services.admin.appoint(person_of(manager), target, role, now_of(manager))
    await refresh_commands(bot_of(manager), services, target)
    label = await label_of(bot_of(manager), target)
    manager.dialog_data[NOTICE] = ui.appointed_text(role.value, outcome.value, label)


async def on_remove(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    services = services_of(manager)
    target = int(manager.dialog_data[TARGET])
    role = _role(button)
    if await services.admin.remove(person_of(manager), target, role, now_of(manager)):
        await refresh_commands(bot_of(manager), services, target)
        label = await label_of(bot_of(manager), target)
        manager.dialog_data[NOTICE] = ui.removed_text(role.value, label)


async def on_block(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    target = int(manager.dialog_data[TARGET])
    blocked = button.widget_id == "block"
    try:
        await services_of(manager).admin.set_blocked(
            person_of(manager), target, blocked, now_of(manager)
        )
    except NotAllowed:  # an administrator: set in the settings, not here
        manager.dialog_data[NOTICE] = html(_("Administrators cannot be blocked."))
        return
    manager.dialog_data[NOTICE] = html(
        _("⛔ Blocked: the bot ignores this person now, except /forget.")
        if blocked
        else _("✅ Unblocked.")
    )


async def on_link(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    role = _role(button)
    token = await services_of(manager).admin.create_link(person_of(manager), role, now_of(manager))
    me = await bot_of(manager).me()
    manager.dialog_data[LINK] = f"https://t.me/{me.username}?start={APPOINT_PREFIX}{token}"
    manager.dialog_data[LINK_ROLE] = role.value
    await manager.switch_to(S.link_ready)


APPOINT_PREFIX = "appoint_"


async def on_broadcast_text(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data[BROADCAST_TEXT] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.audience)


async def on_audience_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    await manager.switch_to(S.preview)


async def on_send(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    text = manager.dialog_data.pop(BROADCAST_TEXT, None)
    if text is None:  # sent already (a double tap)
        await manager.switch_to(S.progress if CAMPAIGN in manager.dialog_data else S.main)
        return
    try:
        campaign = await services_of(manager).admin.broadcast(
            person_of(manager), text, audience_from(manager), now_of(manager)
        )
    except ValueError:
        manager.dialog_data[BROADCAST_TEXT] = text
        set_error(manager, _("Something in the message is no longer valid; please check it."))
        return
    manager.dialog_data[CAMPAIGN] = campaign
    await manager.switch_to(S.progress)


async def on_family(callback: CallbackQuery, _w: Any, manager: DialogManager, key: str) -> None:
    if key == "all":
        manager.dialog_data.pop(FAMILY, None)
    elif key in ui.AUDIT_FAMILIES:
        manager.dialog_data[FAMILY] = key
    manager.dialog_data[PAGE] = 0


async def on_prev(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data[PAGE] = max(0, int(manager.dialog_data.get(PAGE, 0)) - 1)


async def on_next(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data[PAGE] = int(manager.dialog_data.get(PAGE, 0)) + 1
