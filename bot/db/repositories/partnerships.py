"""Partnership proposals between organizations (double opt-in)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import contact_json, contact_of, dt
from bot.domain.organizations import Partnership
from bot.domain.people import Contact


def _partnership(row: sqlite3.Row) -> Partnership:
    return Partnership(
        id=row["id"],
        from_org=row["from_org"],
        to_org=row["to_org"],
        proposed_by=row["proposed_by"],
        proposer_contact=contact_of(row["proposer_contact"]),
        decided_by=row["decided_by"],
        accepter_contact=contact_of(row["accepter_contact"]),
        status=row["status"],
        decided_at=dt(row["decided_at"]) if row["decided_at"] else None,
        note=row["note"],
    )


class PartnershipsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open(
        self,
        from_org: int,
        to_org: int,
        proposed_by: int,
        contact: Contact,
        now: datetime,
        note: str | None = None,
    ) -> int | None:
        """A new pending proposal; None when the pair already has one pending or accepted."""
        self._db.require_transaction()
        existing = await self._db.fetchval(
            "SELECT id FROM partnerships WHERE status IN ('pending', 'accepted') AND "
            "((from_org = ? AND to_org = ?) OR (from_org = ? AND to_org = ?))",
            (from_org, to_org, to_org, from_org),
        )
        if existing is not None:
            return None
        return await self._db.execute(
            "INSERT INTO partnerships (from_org, to_org, proposed_by, proposer_contact, note, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (from_org, to_org, proposed_by, contact_json(contact), note, now.isoformat()),
        )

    async def between(self, org_a: int, org_b: int) -> Partnership | None:
        """The pending or agreed partnership of the pair, either way, if any."""
        row = await self._db.fetchone(
            "SELECT * FROM partnerships WHERE status IN ('pending', 'accepted') AND "
            "((from_org = ? AND to_org = ?) OR (from_org = ? AND to_org = ?))",
            (org_a, org_b, org_b, org_a),
        )
        return None if row is None else _partnership(row)

    async def of_org(self, org_id: int) -> list[Partnership]:
        """The organization's pending proposals, both ways, and its agreed partnerships,
        newest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM partnerships WHERE status IN ('pending', 'accepted') "
            "AND (from_org = ? OR to_org = ?) ORDER BY id DESC",
            (org_id, org_id),
        )
        return [_partnership(row) for row in rows]

    async def waiting_for(self, coordinator_id: int) -> list[tuple[int, int]]:
        """(organization id, count) of the proposals waiting for an answer from the
        approved organizations `coordinator_id` coordinates, from approved ones."""
        rows = await self._db.fetchall(
            "SELECT p.to_org, COUNT(*) AS waiting FROM partnerships p "
            "JOIN organizations t ON t.id = p.to_org "
            "JOIN organizations f ON f.id = p.from_org "
            "WHERE t.coordinator_id = ? AND t.status = 'approved' AND f.status = 'approved' "
            "AND p.status = 'pending' GROUP BY p.to_org ORDER BY p.to_org",
            (coordinator_id,),
        )
        return [(row[0], row[1]) for row in rows]

    async def withdraw(self, partnership_id: int, now: datetime) -> bool:
        """The pending proposal taken back by its organization: it keeps nothing of what
        the proposer gave (contact, note). False when it is no longer pending."""
        changed = await self._db.rowcount(
            "UPDATE partnerships SET status = 'withdrawn', proposer_contact = NULL, "
            "note = NULL, decided_at = ? WHERE id = ? AND status = 'pending'",
            (now.isoformat(), partnership_id),
        )
        return changed > 0

    async def get(self, partnership_id: int) -> Partnership | None:
        row = await self._db.fetchone("SELECT * FROM partnerships WHERE id = ?", (partnership_id,))
        return None if row is None else _partnership(row)

    async def decide(
        self,
        partnership_id: int,
        status: str,
        decided_by: int,
        contact: Contact | None,
        now: datetime,
    ) -> bool:
        changed = await self._db.rowcount(
            "UPDATE partnerships SET status = ?, decided_by = ?, accepter_contact = ?, "
            "decided_at = ? WHERE id = ? AND status = 'pending'",
            (status, decided_by, contact_json(contact), now.isoformat(), partnership_id),
        )
        return changed > 0

    async def last_declined(self, from_org: int, to_org: int) -> datetime | None:
        """When `to_org` last declined a proposal from `from_org`, if ever."""
        value = await self._db.fetchval(
            "SELECT MAX(decided_at) FROM partnerships WHERE from_org = ? AND to_org = ? "
            "AND status = 'declined'",
            (from_org, to_org),
        )
        return dt(value) if value else None
