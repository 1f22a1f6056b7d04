"""The screen of an organization's answers, shared by the buttons' handlers and the
writing steps: the recommendation asked for, or the thanks once all are answered."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.domain.people import Person
from bot.services.recommendations import Progress
from bot.ui.html import Markup
from bot.ui.recommendations import all_answered, recommendation_screen


def screen(
    progress: Progress, position: int | None, person: Person
) -> tuple[Markup, InlineKeyboardMarkup]:
    """The recommendation at `position` (or the next not answered), or the thanks once
    all are answered."""
    if position is None:
        if progress.next is None:
            return all_answered(
                progress.rec_set,
                progress.org.id,
                progress.org.name,
                len(progress.recommendations),
                person.locale,
                person.timezone,
            )
        position = progress.position_of(progress.next.id)
    return recommendation_screen(
        progress.rec_set,
        progress.org.id,
        progress.org.name,
        progress.recommendations,
        min(max(position, 0), len(progress.recommendations) - 1),
        progress.answers,
        person.locale,
        person.timezone,
    )
