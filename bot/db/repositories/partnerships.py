"""Partnership proposals between organizations (double opt-in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database


@dataclass(frozen=True, slots=True)
class Partnership:
    id: int
    from_org: int
    to_org: int
    proposed_by: int | None
    proposer_contact: str | None
    decided_by: int | None
    accepter_contact: str | None
    status: str


class PartnershipsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open(
        self, from_org: int, to_org: int, proposed_by: int, contact: str, now: datetime
    ) -> int | None:
        """A new pending proposal; None when the pair already has one pending or accepted."""
        async with self._db.transaction():
            existing = await self._db.fetchval(
                "SELECT id FROM partnerships WHERE status IN ('pending', 'accepted') AND "
                "((from_org = ? AND to_org = ?) OR (from_org = ? AND to_org = ?))",
                (from_org, to_org, to_org, from_org),
            )
            if existing is not None:
                return None
            return await self._db.execute(
                "INSERT INTO partnerships (from_org, to_org, proposed_by, proposer_contact, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                (from_org, to_org, proposed_by, contact, now.isoformat()),
            )

    async def get(self, partnership_id: int) -> Partnership | None:
        row = await self._db.fetchone("SELECT * FROM partnerships WHERE id = ?", (partnership_id,))
        if row is None:
            return None
        return Partnership(
            id=row["id"],
            from_org=row["from_org"],
            to_org=row["to_org"],
            proposed_by=row["proposed_by"],
            proposer_contact=row["proposer_contact"],
            decided_by=row["decided_by"],
            accepter_contact=row["accepter_contact"],
            status=row["status"],
        )

    async def decide(
        self,
        partnership_id: int,
        status: str,
        decided_by: int,
        contact: str | None,
        now: datetime,
    ) -> bool:
        changed = await self._db.rowcount(
            "UPDATE partnerships SET status = ?, decided_by = ?, accepter_contact = ?, "
            "decided_at = ? WHERE id = ? AND status = 'pending'",
            (status, decided_by, contact, now.isoformat(), partnership_id),
        )
        return changed > 0
