"""The actions the per-person limits count."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.database import Database

KEPT = timedelta(days=7)


class ActionLogRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def count_since(self, user_id: int, action: str, since: datetime) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM action_log WHERE user_id = ? AND action = ? AND at > ?",
                (user_id, action, since.isoformat()),
            )
        )

    async def add(self, user_id: int, action: str, now: datetime) -> None:
        await self._db.execute(
            "DELETE FROM action_log WHERE user_id = ? AND at < ?",
            (user_id, (now - KEPT).isoformat()),
        )
        await self._db.execute(
            "INSERT INTO action_log (user_id, action, at) VALUES (?, ?, ?)",
            (user_id, action, now.isoformat()),
        )
