"""An event's answers as a table for the organizer's CSV file."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.events import Event, RosterEntry
from bot.domain.people import Person
from bot.formatting import format_datetime
from bot.ui.events import response_name


def roster_table(
    event: Event, roster: list[RosterEntry], reader: Person
) -> tuple[list[str], list[list[str]]]:
    """The header (one column per question of the form) and a row per person."""
    questions = event.details.questions
    header = [_("Name"), _("Answer"), _("Answered at"), *(q.text for q in questions)]
    rows = [
        [
            entry.display_name,
            response_name(entry.status),
            format_datetime(entry.since, reader.locale, reader.timezone),
            *(entry.answers.get(q.id, "") for q in questions),
        ]
        for entry in roster
    ]
    return header, rows
