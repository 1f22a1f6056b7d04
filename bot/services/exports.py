"""The directory as CSV for admins: approved organizations, and a contact only where the
organization agreed to show it."""

from __future__ import annotations

from bot.csv_files import csv_bytes
from bot.db.repositories.organizations import OrganizationsRepository
from bot.domain.people import Person
from bot.roles import Role
from bot.services.access import require

COLUMNS = (
    "id",
    "name",
    "type",
    "country",
    "region",
    "themes",
    "description",
    "public_contact",
    "registered_at",
)


class ExportsService:
    def __init__(self, organizations: OrganizationsRepository) -> None:
        self._orgs = organizations

    async def directory_csv(self, admin: Person) -> tuple[bytes, int]:
        """The CSV and the number of organizations in it."""
        require(admin, Role.ADMIN, "export directory")
        orgs = await self._orgs.with_status("approved")
        rows = [
            (
                org.id,
                org.name,
                org.kind,
                org.country,
                org.region,
                ";".join(org.themes),
                org.description,
                org.shown_contact or "",
                org.created_at[:10],
            )
            for org in orgs
        ]
        return csv_bytes(COLUMNS, rows), len(orgs)
