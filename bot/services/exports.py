"""The directory as CSV for admins: approved organizations, and a contact only where the
organization agreed to show it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from bot.db.repositories.organizations import OrganizationsRepository
from bot.roles import Role
from bot.services.access import require
from bot.services.people import Person

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


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so spreadsheet programs read Cyrillic right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
