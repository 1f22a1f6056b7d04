"""Campaigns and their outbox: a row per recipient, claimed with a lease and drained by the
delivery sender."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import marks
from bot.domain.notifications import Mode, QuietHours
from bot.domain.outbox import Delivered, OutboxRow, OutgoingMessage, Progress

STATUSES = ("queued", "sent", "failed", "blocked", "cancelled")
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Reader:
    """A reachable recipient as a campaign needs them."""

    user_id: int
    language: str | None
    timezone: str | None
    quiet: QuietHours | None
    mode: Mode


@dataclass(frozen=True, slots=True)
class RowState:
    status: str | None  # None: the row is gone
    lease_owner: str | None
    message: OutgoingMessage | None
    edit_message_id: int | None = None  # edit this message of the reader's instead of sending
    revision: int = 0  # of the message read


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ writing campaigns

    async def reachable(self, user_ids: Sequence[int], category: str | None = None) -> list[Reader]:
        """Those of `user_ids` who have not blocked the bot (nor been blocked by the
        admins), in the order given: their language, time zone, quiet hours and what they
        chose for `category`."""
        found: dict[int, Reader] = {}
        unique = list(dict.fromkeys(user_ids))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            rows = await self._db.fetchall(
                "SELECT u.id, u.language, u.timezone, s.quiet_from, s.quiet_until, m.mode "
                "FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id "
                "LEFT JOIN notification_modes m ON m.user_id = u.id AND m.category = ? "
                f"WHERE u.is_active = 1 AND u.id IN ({marks(chunk)}) "
                "AND NOT EXISTS (SELECT 1 FROM blocked_people b WHERE b.user_id = u.id)",
                (category or "", *chunk),
            )
            for r in rows:
                quiet = QuietHours(r[3], r[4]) if r[3] is not None and r[4] is not None else None
                found[r[0]] = Reader(r[0], r[1], r[2], quiet, Mode(r[5] or Mode.IMMEDIATE))
        return [found[uid] for uid in unique if uid in found]

    async def create_campaign(
        self,
        kind: str,
        *,
        subject_id: int | None,
        created_by: int | None,
        about_user_id: int | None,
        messages: dict[str, OutgoingMessage],
        rows: Iterable[tuple[int, str, int | None, datetime | None]],
        now: datetime,
    ) -> int:
        """A campaign with its rendered messages and a queued row per (user id, variant,
        message to edit or None, not before or None)."""
        self._db.require_transaction()
        stamp = now.isoformat()
        campaign_id = await self._db.execute(
            "INSERT INTO campaigns (kind, subject_id, created_by, about_user_id, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (kind, subject_id, created_by, about_user_id, stamp),
        )
        await self._db.executemany(
            "INSERT INTO campaign_messages (campaign_id, variant, text, markup, file_kind, "
            "file_id) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (campaign_id, variant, m.text, m.markup, m.file_kind, m.file_id)
                for variant, m in messages.items()
            ],
        )
        await self._db.executemany(
            "INSERT INTO outbox (campaign_id, user_id, variant, edit_message_id, not_before, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (campaign_id, uid, variant, edit, later.isoformat() if later else None, stamp)
                for uid, variant, edit, later in rows
            ],
        )
        return campaign_id

    # ------------------------------------------------------------------ the sender's side

    async def claim(
        self, owner: str, now: datetime, until: datetime, limit: int
    ) -> list[OutboxRow]:
        """Lease up to `limit` queued rows nobody holds (or whose lease ran out) and that
        are not held for the reader's quiet hours, oldest first. One statement: two senders
        never claim the same row."""
        stamp = now.isoformat()
        rows = await self._db.returning(
            "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id IN ("
            "SELECT id FROM outbox WHERE status = 'queued' "
            "AND (lease_until IS NULL OR lease_until < ?) "
            "AND (not_before IS NULL OR not_before <= ?) ORDER BY id LIMIT ?) "
            "RETURNING id, campaign_id, user_id, variant, attempts",
            (owner, until.isoformat(), stamp, stamp, limit),
        )
        return sorted((OutboxRow(r[0], r[1], r[2], r[3], r[4]) for r in rows), key=lambda r: r.id)

    async def renew(self, owner: str, until: datetime, row_ids: Iterable[int]) -> None:
        """Extend the leases of the rows this sender is working on (only those)."""
        ids = list(row_ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            await self._db.execute(
                "UPDATE outbox SET lease_until = ? WHERE lease_owner = ? AND status = 'queued' "
                f"AND id IN ({marks(chunk)})",
                (until.isoformat(), owner, *chunk),
            )

    async def release_rows(self, owner: str, row_ids: Iterable[int]) -> None:
        """Give back rows this sender holds (one it could not deliver goes back to the
        queue at once)."""
        ids = list(row_ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            await self._db.execute(
                "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? "
                f"AND status = 'queued' AND id IN ({marks(chunk)})",
                (owner, *chunk),
            )

    async def release(self, owner: str) -> int:
        """Give back the rows this sender holds and has not sent (a graceful stop)."""
        return await self._db.rowcount(
            "UPDATE outbox SET lease_owner = NULL, lease_until = NULL "
            "WHERE lease_owner = ? AND status = 'queued'",
            (owner,),
        )

    async def lease_holders(self) -> list[str]:
        """The senders holding leases on rows not yet sent."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT lease_owner FROM outbox WHERE status = 'queued' "
            "AND lease_owner IS NOT NULL"
        )
        return [r[0] for r in rows]

    async def current(self, row_id: int) -> RowState:
        """The row's status and lease holder now, and its campaign's message for its
        variant (another variant of the campaign when that one is missing)."""
        row = await self._db.fetchone(
            "SELECT status, lease_owner, campaign_id, variant, edit_message_id FROM outbox "
            "WHERE id = ?",
            (row_id,),
        )
        if row is None:
            return RowState(None, None, None)
        text = await self._db.fetchone(
            "SELECT text, markup, revision, file_kind, file_id FROM campaign_messages "
            "WHERE campaign_id = ? "
            "ORDER BY variant = ? DESC LIMIT 1",
            (row[2], row[3]),
        )
        if text is None:
            return RowState(row[0], row[1], None, row[4])
        message = OutgoingMessage(text[0], text[1], text[3], text[4])
        return RowState(row[0], row[1], message, row[4], text[2])

    async def mark_sent(
        self, row_id: int, message_id: int, now: datetime, revision: int | None = None
    ) -> None:
        """Also a row cancelled while its message was on the way: it did go out. When its
        text was rendered again after `revision` was read (the item changed meanwhile), the
        row goes back to the queue as an edit of the message just delivered."""
        newer = (
            "EXISTS (SELECT 1 FROM campaign_messages m WHERE m.campaign_id = outbox.campaign_id "
            "AND m.variant = outbox.variant AND m.revision > ?)"
        )
        stale = revision if revision is not None else 2**62
        await self._db.execute(
            f"UPDATE outbox SET status = CASE WHEN {newer} THEN 'queued' ELSE 'sent' END, "
            f"edit_message_id = CASE WHEN {newer} THEN ? ELSE edit_message_id END, "
            "message_id = ?, attempts = attempts + 1, error = NULL, lease_owner = NULL, "
            "lease_until = NULL, updated_at = ? WHERE id = ? AND status IN ('queued', 'cancelled')",
            (stale, stale, message_id, message_id, now.isoformat(), row_id),
        )

    async def mark_failed(self, row_id: int, error: str, now: datetime) -> None:
        await self._db.execute(
            "UPDATE outbox SET status = 'failed', error = ?, attempts = attempts + 1, "
            "lease_owner = NULL, lease_until = NULL, updated_at = ? "
            "WHERE id = ? AND status = 'queued'",
            (error[:500], now.isoformat(), row_id),
        )

    async def note_attempt(self, row_id: int, error: str, now: datetime) -> None:
        """A failed attempt that will be tried again."""
        await self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, error = ?, updated_at = ? WHERE id = ?",
            (error[:500], now.isoformat(), row_id),
        )

    async def block_user(self, user_id: int, now: datetime) -> int:
        """Every queued row to a person who blocked the bot (or whose account is gone)
        becomes `blocked`. Returns the newest row id that existed then (rows after it were
        queued later, when the person could be reached again)."""
        await self._db.execute(
            "UPDATE outbox SET status = 'blocked', lease_owner = NULL, lease_until = NULL, "
            "updated_at = ? WHERE user_id = ? AND status = 'queued'",
            (now.isoformat(), user_id),
        )
        return int(await self._db.fetchval("SELECT COALESCE(MAX(id), 0) FROM outbox") or 0)

    async def cancel_for(self, kind: str, subject_id: int, user_id: int, now: datetime) -> int:
        """Stop what campaigns of `kind` about `subject_id` still have queued for one
        person (not what is on its way); how many."""
        return await self._db.rowcount(
            "UPDATE outbox SET status = 'cancelled', updated_at = ? "
            "WHERE user_id = ? AND status = 'queued' AND lease_owner IS NULL "
            "AND campaign_id IN (SELECT id FROM campaigns WHERE kind = ? AND subject_id = ?)",
            (now.isoformat(), user_id, kind, subject_id),
        )

    async def was_sent(self, kind: str, subject_id: int, user_id: int) -> bool:
        return bool(
            await self._db.fetchval(
                "SELECT 1 FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
                "WHERE c.kind = ? AND c.subject_id = ? AND o.user_id = ? LIMIT 1",
                (kind, subject_id, user_id),
            )
        )

    async def subject_of(self, kinds: tuple[str, ...], user_id: int, message_id: int) -> int | None:
        return await self._db.fetchval(
            "SELECT c.subject_id FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
            f"WHERE o.user_id = ? AND o.message_id = ? AND c.kind IN ({marks(kinds)}) "
            "ORDER BY o.id DESC LIMIT 1",
            (user_id, message_id, *kinds),
        )

    async def waiting_variants(self, campaign_id: int) -> list[str]:
        """The variants of a campaign that readers still wait for, or that are on their way
        (claimed, not yet recorded as sent; maybe cancelled meanwhile)."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT variant FROM outbox WHERE campaign_id = ? AND (status = 'queued' "
            "OR (lease_owner IS NOT NULL AND message_id IS NULL)) ORDER BY variant",
            (campaign_id,),
        )
        return [r[0] for r in rows]

    async def replace_message(
        self, campaign_id: int, variant: str, message: OutgoingMessage
    ) -> None:
        await self._db.execute(
            "UPDATE campaign_messages SET text = ?, markup = ?, file_kind = ?, file_id = ?, "
            "revision = revision + 1 WHERE campaign_id = ? AND variant = ?",
            (
                message.text,
                message.markup,
                message.file_kind,
                message.file_id,
                campaign_id,
                variant,
            ),
        )

    async def delivered(
        self, kind: str, subject_id: int, *, every: bool = False
    ) -> list[Delivered]:
        sql = (
            "SELECT o.user_id, o.message_id FROM outbox o "
            "JOIN campaigns c ON c.id = o.campaign_id "
            "WHERE c.kind = ? AND c.subject_id = ? AND o.message_id IS NOT NULL "
            "ORDER BY o.user_id, o.message_id"
            if every
            else "SELECT o.user_id, MAX(o.message_id) FROM outbox o "
            "JOIN campaigns c ON c.id = o.campaign_id "
            "WHERE c.kind = ? AND c.subject_id = ? AND o.message_id IS NOT NULL "
            "GROUP BY o.user_id ORDER BY o.user_id"
        )
        rows = await self._db.fetchall(sql, (kind, subject_id))
        return [Delivered(r[0], r[1]) for r in rows]

    async def campaigns_like(self, kinds: str, subject_id: int) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT id FROM campaigns WHERE kind LIKE ? AND subject_id = ? ORDER BY id",
            (kinds, subject_id),
        )
        return [r[0] for r in rows]

    async def has_queued(self, now: datetime) -> bool:
        """Whether a row waits to be sent at `now` (not one held for quiet hours)."""
        return bool(
            await self._db.fetchval(
                "SELECT 1 FROM outbox WHERE status = 'queued' "
                "AND (not_before IS NULL OR not_before <= ?) LIMIT 1",
                (now.isoformat(),),
            )
        )

    # ------------------------------------------------------------------ organizers' side

    async def cancel(self, campaign_id: int, now: datetime) -> int:
        """Stop a campaign: its rows not yet sent are not sent. Returns how many."""
        self._db.require_transaction()
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
