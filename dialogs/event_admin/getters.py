from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.formatting import format_datetime, format_number
from bot.ui.html import html, lines
from dialogs.common import person_of
from dialogs.event_inputs import form_zone
from dialogs.key_dates import key_dates_data


async def edit_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    person = person_of(dialog_manager)
    locale, zone = person.locale, form_zone(dialog_manager)

    def moment(key: str) -> str:
        value = data.get(key)
        return format_datetime(datetime.fromisoformat(value), locale, zone) if value else "—"

    def text(key: str) -> str:
        return data.get(key) or "—"

    parts = [
        html(
            _(
                "✏️ <b>Edit the event</b>: change what you need, then «Save». Everyone who "
                "answered is told what changed."
            )
        ),
        "",
        _("Title: {value}").format(value=text("title")),
        _("Starts: {value}").format(value=moment("start")),
        _("Ends: {value}").format(value=moment("end")),
        _("Dates: {value}").format(
            value=_("to be confirmed") if data.get("tbc") else _("confirmed")
        ),
        _("Place: {value}").format(value=text("place")),
        _("Online link: {value}").format(value=text("link")),
        _("Contact: {value}").format(value=text("contact")),
        _("Places: {value}").format(
            value=format_number(data["capacity"], locale) if data.get("capacity") else _("no limit")
        ),
    ]
    parts.append(_("Key dates: {count}").format(count=len(data.get("milestones", []))))
    if data.get("has_form"):
        parts.append(_("Applications until: {value}").format(value=moment("apply_by")))
    return {
        **key_dates_data(dialog_manager),
        "summary": lines(parts),
        "has_form": bool(data.get("has_form")),
        "tbc_button": _("❔ Mark as to be confirmed")
        if not data.get("tbc")
        else _("✅ Mark as confirmed"),
    }


async def message_getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    return {"text": dialog_manager.dialog_data.get("text", "")}
