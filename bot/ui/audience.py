"""Who an announcement or a poll reaches, as its preview says it. Pure rendering."""

from __future__ import annotations

from aiogram.utils.i18n import ngettext

from bot.domain.events import Reach
from bot.formatting import format_number


def unreachable_lines(reach: Reach, locale: str) -> list[str]:
    """The people of the audience left out because they blocked the bot (none: nothing)."""
    if not reach.unreachable:
        return []
    return [
        ngettext(
            "Not counted: {count} person in this audience has blocked the bot.",
            "Not counted: {count} people in this audience have blocked the bot.",
            reach.unreachable,
        ).format(count=format_number(reach.unreachable, locale))
    ]
