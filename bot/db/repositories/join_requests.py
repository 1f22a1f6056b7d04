"""Requests to join an organization through its invite link."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt
from bot.domain.organizations import JoinRequest


class JoinRequestsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open(self, org_id: int, user_id: int, display_name: str, now: datetime) -> int | None:
        """A new pending request; None when one is already pending."""
        existing = await self._db.fetchval(
            "SELECT id FROM join_requests WHERE organization_id = ? AND user_id = ? "
            "AND status = 'pending'",
            (org_id, user_id),
        )
        if existing is not None:
            return None
        return (
            await self._db.execute(
                "INSERT INTO join_requests (organization_id, user_id, display_name, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (org_id, user_id, display_name, now.isoformat()),
            )
            or None
        )

    async def get(self, request_id: int) -> JoinRequest | None:
        row = await self._db.fetchone("SELECT * FROM join_requests WHERE id = ?", (request_id,))
        if row is None:
            return None
        return JoinRequest(
            row["id"], row["organization_id"], row["user_id"], row["display_name"], row["status"]
        )

    async def decide(self, request_id: int, status: str, now: datetime) -> bool:
        """False when the request was already decided (a double tap, a second coordinator)."""
        changed = await self._db.rowcount(
            "UPDATE join_requests SET status = ?, decided_at = ? WHERE id = ? "
            "AND status = 'pending'",
            (status, now.isoformat(), request_id),
        )
        return changed > 0

    async def last_declined(self, org_id: int, user_id: int) -> datetime | None:
        """When the coordinator last declined this person's request, if ever."""
        value = await self._db.fetchval(
            "SELECT MAX(decided_at) FROM join_requests WHERE organization_id = ? "
            "AND user_id = ? AND status = 'declined'",
            (org_id, user_id),
        )
        return dt(value) if value else None
