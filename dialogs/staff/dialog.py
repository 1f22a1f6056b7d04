"""/organizers: the organizers, each to remove; appointing one opens the admins' console's
search for the person. The services check the admin role on every action."""

from __future__ import annotations

import operator
from typing import Any

from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Const, Format

from bot.command_menus import refresh_commands
from bot.domain.admin import AppointRole
from dialogs.admin.states import AdminConsole
from dialogs.checked import CheckedSelect
from dialogs.common import (
    bot_of,
    now_of,
    person_of,
    services_of,
)
from dialogs.staff.names import label_of, labels_of
from dialogs.staff.states import Staff
from dialogs.widgets import Html, T

_ID = operator.itemgetter(0)


async def organizers_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    listing = await services_of(dialog_manager).staff.organizers_page(
        person_of(dialog_manager), int(dialog_manager.dialog_data.get("page", 0))
    )
    labels = await labels_of(bot_of(dialog_manager), listing.user_ids)
    return {
        "organizers": [
            (str(uid), label) for uid, label in zip(listing.user_ids, labels, strict=True)
        ],
        "count": listing.total,
        "page": listing.page + 1,
        "pages": listing.pages,
        "several_pages": listing.pages > 1,
        "has_prev": listing.page > 0,
        "has_next": listing.page + 1 < listing.pages,
        "notice": dialog_manager.dialog_data.pop("notice", ""),
    }


async def remove_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    target = int(dialog_manager.dialog_data["target"])
    return {"name": await label_of(bot_of(dialog_manager), target)}


async def on_prev_page(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = max(0, int(manager.dialog_data.get("page", 0)) - 1)


async def on_next_page(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["page"] = int(manager.dialog_data.get("page", 0)) + 1


async def on_pick(callback: CallbackQuery, _w: Any, manager: DialogManager, uid: str) -> None:
    manager.dialog_data["target"] = uid
    await manager.switch_to(Staff.remove)


async def on_remove(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    services = services_of(manager)
    target = int(manager.dialog_data["target"])
    if await services.admin.remove(
        person_of(manager), target, AppointRole.ORGANIZER, now_of(manager)
    ):
        await refresh_commands(bot_of(manager), services, target)
        name = await label_of(bot_of(manager), target)
        manager.dialog_data["notice"] = _("{name} is no longer an organizer.").format(name=name)
    await manager.switch_to(Staff.organizers)


def staff_dialog() -> Dialog:
    return Dialog(
        Window(
            Html("{notice}", when="notice"),
            T("<b>Organizers</b>: {count}"),
            T("Page {page} of {pages}", when="several_pages"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="organizer",
                    item_id_getter=_ID,
                    items="organizers",
                    on_click=on_pick,
                )
            ),
            Row(
                Button(Const("«"), id="prev", on_click=on_prev_page, when="has_prev"),
                Button(Const("»"), id="next", on_click=on_next_page, when="has_next"),
            ),
            # the person is chosen from a search by name or @username (the admins' console)
            Start(T("➕ Appoint an organizer"), id="appoint", state=AdminConsole.people),
            Cancel(T("« Back")),
            getter=organizers_getter,
            state=Staff.organizers,
        ),
        Window(
            T("Remove {name} from the organizers? They keep their other roles."),
            Button(T("Remove"), id="remove", on_click=on_remove),
            SwitchTo(T("« Back"), id="back_list", state=Staff.organizers),
            getter=remove_getter,
            state=Staff.remove,
        ),
    )
