"""What a person reads when they reached a limit. Pure."""

from __future__ import annotations

from aiogram.utils.i18n import I18n

from bot.domain.limits import Action, LimitReached
from bot.i18n import NP_

_WHAT = {
    Action.EVENT: NP_(
        "You have announced {count} event in the last 24 hours, as many as one person may.",
        "You have announced {count} events in the last 24 hours, as many as one person may.",
    ),
    Action.POLL: NP_(
        "You have sent {count} poll in the last 24 hours, as many as one person may.",
        "You have sent {count} polls in the last 24 hours, as many as one person may.",
    ),
    Action.RECS: NP_(
        "You have sent {count} set of recommendations in the last 24 "
        "hours, as many as one person may.",
        "You have sent {count} sets of recommendations in the last "
        "24 hours, as many as one person may.",
    ),
    Action.BROADCAST: NP_(
        "You have sent {count} message to many people in the last 24 "
        "hours, as many as one person may.",
        "You have sent {count} messages to many people in the last "
        "24 hours, as many as one person may.",
    ),
    Action.ASK: NP_(
        "You have sent {count} request to experts in the last 24 hours, as many as one person may.",
        "You have sent {count} requests to experts in the last 24 "
        "hours, as many as one person may.",
    ),
    Action.EXPORT: NP_(
        "You have downloaded {count} file in the last 24 hours, as many as one person may.",
        "You have downloaded {count} files in the last 24 hours, as many as one person may.",
    ),
}


def limit_text(error: LimitReached, i18n: I18n, locale: str) -> str:
    """Plain text (it may show as an alert)."""
    one, many = _WHAT[error.action]
    count = error.limit.count
    said = i18n.gettext(one, many, count, locale=locale).format(count=count)
    later = i18n.gettext("Please try again later.", locale=locale)
    return f"{said} {later}"
