"""Unexpected errors told to the admins in the chat: a short notice naming the kind of
error (its type and where it happened, never its message, which may quote what someone
typed), at most one per kind every ten minutes, saying how many there were."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bot.db.database import Database
from bot.services.notices import Notices
from bot.services.outbox import Outbox

ERROR_ALERT = "ops.error"
QUIET_FOR = timedelta(minutes=10)
_OURS = ("bot", "handlers", "dialogs")


def error_kind(error: BaseException) -> str:
    """The error's type and the last place in the bot's own code it passed through."""
    where = "?"
    for frame in traceback.extract_tb(error.__traceback__):
        parts = Path(frame.filename).parts
        for index, part in enumerate(parts):
            if part in _OURS:
                where = f"{'/'.join(parts[index:])}:{frame.lineno}"
                break
    return f"{type(error).__name__} at {where}"


@dataclass
class ErrorAlerts:
    db: Database
    outbox: Outbox
    notices: Notices
    admin_ids: frozenset[int]
    _told: dict[str, datetime] = field(default_factory=dict)
    _since: dict[str, int] = field(default_factory=dict)

    async def record(self, error: BaseException, now: datetime) -> bool:
        """Count the error; tell the admins when its kind was not told in the last ten
        minutes. True when they were told."""
        kind = error_kind(error)
        self._since[kind] = self._since.get(kind, 0) + 1
        last = self._told.get(kind)
        if last is not None and now - last < QUIET_FOR:
            return False
        count = self._since.pop(kind)
        self._told[kind] = now
        if not self.admin_ids:
            return False
        async with self.db.transaction():
            await self.outbox.queue(
                ERROR_ALERT, sorted(self.admin_ids), self.notices.error_alert(kind, count), now
            )
        return True
