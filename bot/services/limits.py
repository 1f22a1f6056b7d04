"""Checking and spending a person's allowance of an action, in the transaction of the
action itself: an action that fails spends nothing."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.action_log import ActionLogRepository
from bot.domain.limits import LIMITS, Action, LimitReached
from bot.domain.people import Person
from bot.roles import Role


class Limits:
    def __init__(self, db: Database, log: ActionLogRepository) -> None:
        self._db = db
        self._log = log

    async def spend(self, person: Person, action: Action, now: datetime) -> None:
        """Record the action, or raise LimitReached when the person has used up its limit
        (admins have none). Part of the caller's transaction when there is one."""
        if person.has(Role.ADMIN):
            return
        limit = LIMITS[action]
        async with self._db.transaction():
            if await self._log.count_since(person.id, action.value, now - limit.window) >= (
                limit.count
            ):
                raise LimitReached(action, limit)
            await self._log.add(person.id, action.value, now)
