"""Partnership proposals between organizations (double opt-in)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt
from bot.domain.organizations import Partnership
from bot.domain.people import Contact


def _dump(contact: Contact | None) -> str | None:
    if contact is None:
        return None
    return json.dumps({"id": contact.user_id, "name": contact.name, "username": contact.username})


def _load(raw: str | None) -> Contact | None:
    if not raw:
        return None
    data = json.loads(raw)
    return Contact(int(data["id"]), str(data["name"]), data.get("username"))


def _partnership(row: sqlite3.Row) -> Partnership:
    return Partnership(
        id=row["id"],
        from_org=row["from_org"],
        to_org=row["to_org"],
        proposed_by=row["proposed_by"],
        proposer_contact=_load(row["proposer_contact"]),
        decided_by=row["decided_by"],
        accepter_contact=_load(row["accepter_contact"]),
        status=row["status"],
        decided_at=dt(row["decided_at"]) if row["decided_at"] else None,
    )


class PartnershipsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open(
        self, from_org: int, to_org: int, proposed_by: int, contact: Contact, now: datetime
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
            "INSERT INTO partnerships (from_org, to_org, proposed_by, proposer_contact, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            (from_org, to_org, proposed_by, _dump(contact), now.isoformat()),
        )

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
            (status, decided_by, _dump(contact), now.isoformat(), partnership_id),
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
