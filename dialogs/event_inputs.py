"""Reading the dates, links and numbers typed into the event forms (new and edit): the
value, or None with the problem shown above the question."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.services.moments import (
    BadLink,
    BadMoment,
    BadNumber,
    MissingTime,
    parse_count,
    parse_link,
    parse_moment,
)
from dialogs.common import person_of, set_error
from dialogs.widgets import T


def date_hint() -> T:
    return T(
        "Write the date and the time as DD.MM.YYYY HH:MM, e.g. 13.06.2027 10:00, in the "
        "event's time zone ({zone})."
    )


def form_zone(manager: DialogManager) -> str:
    """The time zone of the event being written or edited: its own, or the organizer's."""
    return manager.dialog_data.get("timezone") or person_of(manager).timezone


def end_of_day_hint() -> T:
    return T("Without a time it means the end of that day.")


def read_moment(manager: DialogManager, raw: str, *, end_of_day: bool = False) -> datetime | None:
    """In the event's time zone."""
    try:
        return parse_moment(raw, form_zone(manager), end_of_day=end_of_day)
    except MissingTime as missing:
        set_error(
            manager,
            _(
                "What time on {day}? Please send the date with the time, e.g. {day} 10:00 "
                "(hours and minutes, 24-hour clock)."
            ).format(day=missing.day),
        )
        return None
    except BadMoment:
        set_error(
            manager,
            _("Please write the date as DD.MM.YYYY and the time as HH:MM, e.g. 13.06.2027 10:00."),
        )
        return None


def read_link(manager: DialogManager, raw: str) -> str | None:
    try:
        return parse_link(raw)
    except BadLink:
        set_error(manager, _("That is not a web link. Please send one starting with https://"))
        return None


def read_count(manager: DialogManager, raw: str) -> int | None:
    try:
        return parse_count(raw)
    except BadNumber:
        set_error(manager, _("Please send a whole number of places, e.g. 25."))
        return None
