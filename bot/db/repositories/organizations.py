"""Organizations, their thematic areas and the directory search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt, marks
from bot.domain.organizations import DirectoryFilter, Member, NewOrganization, Organization

_SELECT = (
    "SELECT o.*, (SELECT group_concat(t.theme) FROM "
    "(SELECT ot.theme FROM organization_themes ot JOIN themes th ON th.slug = ot.theme "
    "WHERE ot.organization_id = o.id ORDER BY th.position) t) AS theme_list "
    "FROM organizations o"
)


def _organization(row: sqlite3.Row) -> Organization:
    return Organization(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        region=row["region"],
        description=row["description"],
        themes=tuple(filter(None, (row["theme_list"] or "").split(","))),
        public_contact=row["public_contact"],
        contact_consent=bool(row["contact_consent"]),
        status=row["status"],
        coordinator_id=row["coordinator_id"],
        created_at=row["created_at"],
        reject_reason=row["reject_reason"],
    )


def _where(flt: DirectoryFilter) -> tuple[str, list[object]]:
    clauses = ["o.status = 'approved'"]
    params: list[object] = []
    if flt.theme:
        clauses.append(
            "EXISTS (SELECT 1 FROM organization_themes x "
            "WHERE x.organization_id = o.id AND x.theme = ?)"
        )
        params.append(flt.theme)
    if flt.country:
        clauses.append("o.country = ?")
        params.append(flt.country)
    if flt.kind:
        clauses.append("o.kind = ?")
        params.append(flt.kind)
    if flt.name:
        clauses.append("instr(o.name_key, ?) > 0")
        params.append(flt.name.casefold())
    return " WHERE " + " AND ".join(clauses), params


class OrganizationsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find_by_name(self, name: str, country: str) -> int | None:
        """A pending or approved organization of that name (case-insensitive) in the country."""
        return await self._db.fetchval(
            "SELECT id FROM organizations WHERE name_key = ? AND country = ? "
            "AND status IN ('pending', 'approved')",
            (name.casefold(), country),
        )

    async def create(self, org: NewOrganization, status: str, now: datetime) -> int:
        self._db.require_transaction()
        stamp = now.isoformat()
        org_id = await self._db.execute(
            "INSERT INTO organizations (name, name_key, kind, country, region, description, "
            "public_contact, contact_consent, status, coordinator_id, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                org.name,
                org.name.casefold(),
                org.kind,
                org.country,
                org.region,
                org.description,
                org.public_contact,
                int(org.contact_consent),
                status,
                org.coordinator_id,
                stamp,
                stamp,
            ),
        )
        await self._set_themes(org_id, org.themes)
        if org.coordinator_id is not None and status == "approved":
            await self.add_member(org_id, org.coordinator_id, "", now)
        return org_id

    async def _set_themes(self, org_id: int, themes: Iterable[str]) -> None:
        await self._db.execute(
            "DELETE FROM organization_themes WHERE organization_id = ?", (org_id,)
        )
        await self._db.executemany(
            "INSERT INTO organization_themes (organization_id, theme) VALUES (?, ?)",
            [(org_id, theme) for theme in themes],
        )

    async def get(self, org_id: int) -> Organization | None:
        row = await self._db.fetchone(f"{_SELECT} WHERE o.id = ?", (org_id,))
        return None if row is None else _organization(row)

    async def count(self, status: str) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM organizations WHERE status = ?", (status,)
            )
        )

    async def decide(self, org_id: int, status: str, reason: str | None, now: datetime) -> bool:
        """Approve or reject a pending application; False when it is no longer pending."""
        changed = await self._db.rowcount(
            "UPDATE organizations SET status = ?, reject_reason = ?, decided_at = ?, "
            "updated_at = ? WHERE id = ? AND status = 'pending'",
            (status, reason, now.isoformat(), now.isoformat(), org_id),
        )
        return changed > 0

    async def update_details(
        self,
        org_id: int,
        *,
        region: str,
        description: str,
        themes: tuple[str, ...],
        public_contact: str | None,
        contact_consent: bool,
        now: datetime,
    ) -> None:
        self._db.require_transaction()
        await self._db.execute(
            "UPDATE organizations SET region = ?, description = ?, public_contact = ?, "
            "contact_consent = ?, updated_at = ? WHERE id = ?",
            (
                region,
                description,
                public_contact,
                int(contact_consent),
                now.isoformat(),
                org_id,
            ),
        )
        await self._set_themes(org_id, themes)

    async def set_coordinator(self, org_id: int, user_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE organizations SET coordinator_id = ?, updated_at = ? WHERE id = ?",
            (user_id, now.isoformat(), org_id),
        )

    async def delete(self, org_id: int) -> None:
        await self._db.execute("DELETE FROM organizations WHERE id = ?", (org_id,))

    async def search(
        self, flt: DirectoryFilter, *, offset: int, limit: int
    ) -> tuple[list[Organization], int]:
        """One page of approved organizations matching the filter, and the total count."""
        where, params = _where(flt)
        total = int(await self._db.fetchval(f"SELECT COUNT(*) FROM organizations o{where}", params))
        rows = await self._db.fetchall(
            f"{_SELECT}{where} ORDER BY o.name_key, o.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_organization(r) for r in rows], total

    async def with_status(self, status: str) -> list[Organization]:
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE o.status = ? ORDER BY o.country, o.name_key", (status,)
        )
        return [_organization(r) for r in rows]

    async def coordinated_by(self, user_id: int, statuses: tuple[str, ...]) -> list[Organization]:
        rows = await self._db.fetchall(
            f"{_SELECT} WHERE o.coordinator_id = ? AND o.status IN ({marks(statuses)}) "
            "ORDER BY o.id",
            [user_id, *statuses],
        )
        return [_organization(r) for r in rows]

    async def count_of(self, user_id: int, status: str) -> int:
        """How many organizations of `status` the person coordinates (applied for)."""
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM organizations WHERE coordinator_id = ? AND status = ?",
                (user_id, status),
            )
        )

    async def delete_unapproved_of(self, user_id: int) -> int:
        """The person's applications never approved (pending or rejected), with their
        description and contact: nobody else holds them (for /forget)."""
        return await self._db.rowcount(
            "DELETE FROM organizations WHERE coordinator_id = ? "
            "AND status IN ('pending', 'rejected', 'closed')",
            (user_id,),
        )

    # Members

    async def add_member(self, org_id: int, user_id: int, display_name: str, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "INSERT INTO organization_members (organization_id, user_id, display_name, "
            "joined_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (org_id, user_id, display_name, now.isoformat()),
        )
        return changed > 0

    async def remove_member(self, org_id: int, user_id: int) -> bool:
        changed = await self._db.rowcount(
            "DELETE FROM organization_members WHERE organization_id = ? AND user_id = ?",
            (org_id, user_id),
        )
        return changed > 0

    async def is_member(self, org_id: int, user_id: int) -> bool:
        return bool(
            await self._db.fetchval(
                "SELECT 1 FROM organization_members WHERE organization_id = ? AND user_id = ?",
                (org_id, user_id),
            )
        )

    async def members(
        self, org_id: int, *, offset: int = 0, limit: int = -1, excluding: int | None = None
    ) -> list[Member]:
        """In joining order; a page of them with `offset` and `limit`."""
        rows = await self._db.fetchall(
            "SELECT user_id, display_name, joined_at FROM organization_members "
            "WHERE organization_id = ? AND user_id IS NOT ? "
            "ORDER BY joined_at, user_id LIMIT ? OFFSET ?",
            (org_id, excluding, limit, offset),
        )
        return [Member(r["user_id"], r["display_name"], dt(r["joined_at"])) for r in rows]

    async def member_count(self, org_id: int, *, excluding: int | None = None) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM organization_members WHERE organization_id = ? "
                "AND user_id IS NOT ?",
                (org_id, excluding),
            )
        )

    async def member(self, org_id: int, user_id: int) -> Member | None:
        row = await self._db.fetchone(
            "SELECT user_id, display_name, joined_at FROM organization_members "
            "WHERE organization_id = ? AND user_id = ?",
            (org_id, user_id),
        )
        return None if row is None else Member(row[0], row[1], dt(row[2]))

    async def memberships_of(self, user_id: int) -> list[Organization]:
        rows = await self._db.fetchall(
            f"{_SELECT} JOIN organization_members m ON m.organization_id = o.id "
            "WHERE m.user_id = ? AND o.status = 'approved' ORDER BY m.joined_at",
            (user_id,),
        )
        return [_organization(r) for r in rows]

    # Invites

    async def set_invite(self, org_id: int, token: str | None, now: datetime) -> None:
        """Replace the organization's invite token; None revokes it."""
        self._db.require_transaction()
        await self._db.execute(
            "DELETE FROM organization_invites WHERE organization_id = ?", (org_id,)
        )
        if token is not None:
            await self._db.execute(
                "INSERT INTO organization_invites (organization_id, token, created_at) "
                "VALUES (?, ?, ?)",
                (org_id, token, now.isoformat()),
            )

    async def invite_token(self, org_id: int) -> str | None:
        return await self._db.fetchval(
            "SELECT token FROM organization_invites WHERE organization_id = ?", (org_id,)
        )

    async def organization_by_invite(self, token: str) -> int | None:
        return await self._db.fetchval(
            "SELECT organization_id FROM organization_invites WHERE token = ?", (token,)
        )
