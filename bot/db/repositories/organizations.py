"""Organizations and their thematic areas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database


@dataclass(frozen=True, slots=True)
class NewOrganization:
    name: str
    kind: str
    country: str
    region: str
    description: str
    themes: tuple[str, ...]
    coordinator_id: int | None = None
    public_contact: str | None = None
    contact_consent: bool = False


class OrganizationsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def find_by_name(self, name: str, country: str) -> int | None:
        return await self._db.fetchval(
            "SELECT id FROM organizations WHERE name_key = ? AND country = ? "
            "AND status IN ('pending', 'approved')",
            (name.casefold(), country),
        )

    async def create(self, org: NewOrganization, status: str, now: datetime) -> int:
        stamp = now.isoformat()
        async with self._db.transaction():
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
        return org_id

    async def _set_themes(self, org_id: int, themes: Iterable[str]) -> None:
        await self._db.execute(
            "DELETE FROM organization_themes WHERE organization_id = ?", (org_id,)
        )
        await self._db.executemany(
            "INSERT INTO organization_themes (organization_id, theme) VALUES (?, ?)",
            [(org_id, theme) for theme in themes],
        )

    async def count(self, status: str) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM organizations WHERE status = ?", (status,)
            )
        )
