"""The reminders events call for: one row per moment, marked sent in the transaction that
queues it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt
from bot.domain.events import Reminder

Plan = Iterable[tuple[str, int | None, datetime, datetime]]  # kind, milestone, target, due


class EventRemindersRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace(self, event_id: int, reminders: Plan) -> None:
        """Drop the reminders not yet sent and plan these. A moment already reminded of
        (same kind, milestone and target) is not planned again."""
        self._db.require_transaction()
        await self._db.execute(
            "DELETE FROM event_reminders WHERE event_id = ? AND sent_at IS NULL", (event_id,)
        )
        for kind, milestone_id, target, due in reminders:
            done = await self._db.fetchval(
                "SELECT 1 FROM event_reminders WHERE event_id = ? AND kind = ? "
                "AND milestone_id IS ? AND target_at = ?",
                (event_id, kind, milestone_id, target.isoformat()),
            )
            if not done:
                await self._db.execute(
                    "INSERT INTO event_reminders (event_id, kind, milestone_id, target_at, "
                    "due_at) VALUES (?, ?, ?, ?, ?)",
                    (event_id, kind, milestone_id, target.isoformat(), due.isoformat()),
                )

    async def drop(self, event_id: int) -> None:
        await self._db.execute(
            "DELETE FROM event_reminders WHERE event_id = ? AND sent_at IS NULL", (event_id,)
        )

    async def due(self, now: datetime) -> list[Reminder]:
        rows = await self._db.fetchall(
            "SELECT r.* FROM event_reminders r JOIN events e ON e.id = r.event_id "
            "WHERE r.sent_at IS NULL AND r.due_at <= ? AND e.status = 'published' "
            "ORDER BY r.due_at, r.id",
            (now.isoformat(),),
        )
        return [
            Reminder(r["id"], r["event_id"], r["kind"], r["milestone_id"], dt(r["target_at"]))
            for r in rows
        ]

    async def mark_sent(self, reminder_id: int, campaign_id: int | None, now: datetime) -> bool:
        """False when another tick got there first."""
        changed = await self._db.rowcount(
            "UPDATE event_reminders SET sent_at = ?, campaign_id = ? "
            "WHERE id = ? AND sent_at IS NULL",
            (now.isoformat(), campaign_id, reminder_id),
        )
        return changed > 0
