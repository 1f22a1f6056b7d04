"""An event's answers as a table for the organizer's CSV file."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.utils.i18n import gettext as _

from bot.domain.events import Event, RosterEntry
from bot.domain.people import Person
from bot.ui.events import response_name


def roster_table(
    event: Event, roster: list[RosterEntry], reader: Person
) -> tuple[list[str], list[list[str]]]:
    """The header (one column per question of the form) and a row per person. Times are
    ISO 8601 in the event's time zone, which spreadsheets read as dates."""
    questions = event.details.questions
    zone = ZoneInfo(event.details.timezone)
    header = [
        _("Name"),
        _("Telegram username"),
        _("Answer"),
        _("Answered at"),
        *(q.text for q in questions),
    ]
    rows = [
        [
            entry.display_name,
            # as a link: a cell starting with @ would be neutralised as a formula
            f"https://t.me/{entry.username}" if entry.username else "",
            response_name(entry.status),
            entry.since.astimezone(zone).isoformat(timespec="seconds"),
            *(entry.answers.get(q.id, "") for q in questions),
        ]
        for entry in roster
    ]
    return header, rows
