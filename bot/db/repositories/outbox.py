"""Campaigns and their outbox: a row per recipient, drained by the delivery sender."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database

STATUSES = ("queued", "sent", "failed", "blocked", "cancelled")


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    text: str
    markup: str | None  # inline keyboard as Bot API JSON


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    campaign_id: int
    user_id: int
    variant: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Progress:
    queued: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.queued + self.sent + self.failed + self.blocked + self.cancelled


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create_campaign(
        self,
        kind: str,
        subject_id: int | None,
        created_by: int | None,
        messages: dict[str, OutgoingMessage],
        recipients: Iterable[tuple[int, str]],
        now: datetime,
    ) -> tuple[int, int]:
        """A campaign with its rendered messages and a queued row per reachable recipient
        (people who blocked the bot are left out). Returns (campaign id, rows queued)."""
        stamp = now.isoformat()
        async with self._db.transaction():
            campaign_id = await self._db.execute(
                "INSERT INTO campaigns (kind, subject_id, created_by, created_at) "
                "VALUES (?, ?, ?, ?)",
                (kind, subject_id, created_by, stamp),
            )
            await self._db.executemany(
                "INSERT INTO campaign_messages (campaign_id, variant, text, markup) "
                "VALUES (?, ?, ?, ?)",
                [(campaign_id, loc, m.text, m.markup) for loc, m in messages.items()],
            )
            await self._db.executemany(
                "INSERT INTO outbox (campaign_id, user_id, variant, updated_at) "
                "SELECT ?, id, ?, ? FROM users WHERE id = ? AND is_active = 1 "
                "ON CONFLICT DO NOTHING",
                [(campaign_id, loc, stamp, uid) for uid, loc in recipients],
            )
            queued = await self._db.fetchval(
                "SELECT COUNT(*) FROM outbox WHERE campaign_id = ?", (campaign_id,)
            )
        return campaign_id, int(queued)

    async def queued(self, after_id: int, limit: int) -> list[OutboxRow]:
        rows = await self._db.fetchall(
            "SELECT o.id, o.campaign_id, o.user_id, o.variant, o.attempts FROM outbox o "
            "WHERE o.status = 'queued' AND o.id > ? ORDER BY o.id LIMIT ?",
            (after_id, limit),
        )
        return [OutboxRow(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def message(self, campaign_id: int, variant: str) -> OutgoingMessage | None:
        row = await self._db.fetchone(
            "SELECT text, markup FROM campaign_messages WHERE campaign_id = ? "
            "ORDER BY variant = ? DESC LIMIT 1",
            (campaign_id, variant),
        )
        return None if row is None else OutgoingMessage(row["text"], row["markup"])

    async def mark_sent(self, row_id: int, message_id: int, now: datetime) -> None:
        """Also a row cancelled while its message was on the way: it did go out."""
        await self._db.execute(
            "UPDATE outbox SET status = 'sent', message_id = ?, attempts = attempts + 1, "
            "error = NULL, updated_at = ? WHERE id = ? AND status IN ('queued', 'cancelled')",
            (message_id, now.isoformat(), row_id),
        )

    async def mark_failed(self, row_id: int, error: str, now: datetime) -> None:
        await self._db.execute(
            "UPDATE outbox SET status = 'failed', error = ?, attempts = attempts + 1, "
            "updated_at = ? WHERE id = ? AND status = 'queued'",
            (error[:500], now.isoformat(), row_id),
        )

    async def note_attempt(self, row_id: int, error: str, now: datetime) -> None:
        """A failed attempt that will be tried again."""
        await self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, error = ?, updated_at = ? WHERE id = ?",
            (error[:500], now.isoformat(), row_id),
        )

    async def mark_blocked(self, user_id: int, now: datetime) -> int:
        """Every queued row to a person who blocked the bot (or whose account is gone)."""
        return await self._db.rowcount(
            "UPDATE outbox SET status = 'blocked', updated_at = ? "
            "WHERE user_id = ? AND status = 'queued'",
            (now.isoformat(), user_id),
        )

    async def cancel(self, campaign_id: int, now: datetime) -> int:
        """Stop a campaign: its rows not yet sent are not sent. Returns how many."""
        async with self._db.transaction():
            await self._db.execute(
                "UPDATE campaigns SET status = 'cancelled' WHERE id = ?", (campaign_id,)
            )
            return await self._db.rowcount(
                "UPDATE outbox SET status = 'cancelled', updated_at = ? "
                "WHERE campaign_id = ? AND status = 'queued'",
                (now.isoformat(), campaign_id),
            )

    async def progress(self, campaign_id: int) -> Progress:
        rows = await self._db.fetchall(
            "SELECT status, COUNT(*) FROM outbox WHERE campaign_id = ? GROUP BY status",
            (campaign_id,),
        )
        return Progress(**{r[0]: r[1] for r in rows})

    async def campaigns_of(self, kind: str, subject_id: int) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT id FROM campaigns WHERE kind = ? AND subject_id = ? ORDER BY id",
            (kind, subject_id),
        )
        return [r[0] for r in rows]

    async def has_queued(self) -> bool:
        return bool(await self._db.fetchval("SELECT 1 FROM outbox WHERE status = 'queued' LIMIT 1"))
