"""/organizers: admins appoint and remove organizers. The services check the admin role on
every action."""

from __future__ import annotations

import operator
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Row, SwitchTo
from aiogram_dialog.widgets.text import Const, Format

from bot.command_menus import refresh_commands
from dialogs.checked import CheckedSelect
from dialogs.common import (
    ERROR_KEY,
    ErrorLine,
    bot_of,
    now_of,
    person_of,
    services_of,
    set_error,
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
    if await services.staff.remove(person_of(manager), target, now_of(manager)):
        await refresh_commands(bot_of(manager), services, target)
        name = await label_of(bot_of(manager), target)
        manager.dialog_data["notice"] = _("{name} is no longer an organizer.").format(name=name)
    await manager.switch_to(Staff.organizers)


async def on_appoint_message(message: Message, _w: Any, manager: DialogManager) -> None:
    """A numeric Telegram id, or a message forwarded from the person."""
    user_id = None
    origin = message.forward_origin
    if origin is not None and getattr(origin, "sender_user", None) is not None:
        user_id = origin.sender_user.id  # type: ignore[union-attr]
    elif message.text and message.text.strip().isdigit():
        user_id = int(message.text.strip())
    if user_id is None:
        set_error(
            manager,
            _(
                "Send the person's numeric Telegram id (they see it in /profile) or forward "
                "a message of theirs."
            ),
        )
        return
    services = services_of(manager)
    result = await services.staff.appoint(person_of(manager), user_id, now_of(manager))
    if result == "unknown":
        set_error(manager, _("This person has not started the bot yet."))
        return
    manager.dialog_data.pop(ERROR_KEY, None)
    name = await label_of(bot_of(manager), user_id)
    if result == "done":
        await refresh_commands(bot_of(manager), services, user_id)
        manager.dialog_data["notice"] = _("{name} is now an organizer.").format(name=name)
    else:
        manager.dialog_data["notice"] = _("{name} is already an organizer.").format(name=name)
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
            SwitchTo(T("➕ Appoint an organizer"), id="appoint", state=Staff.appoint),
            Cancel(T("« Back")),
            getter=organizers_getter,
            state=Staff.organizers,
        ),
        Window(
            ErrorLine(),
            T(
                "Send the Telegram id of the person to appoint (they see it in /profile), or "
                "forward a message of theirs."
            ),
            MessageInput(on_appoint_message),
            SwitchTo(T("« Back"), id="back", state=Staff.organizers),
            state=Staff.appoint,
        ),
        Window(
            T("Remove {name} from the organizers? They keep their other roles."),
            Button(T("Remove"), id="remove", on_click=on_remove),
            SwitchTo(T("« Back"), id="back_list", state=Staff.organizers),
            getter=remove_getter,
            state=Staff.remove,
        ),
    )
