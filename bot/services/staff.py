"""Admins appoint and remove organizers; every decision goes to the audit trail."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.audit import AuditRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.people import Person
from bot.domain.staff import OrganizersPage
from bot.roles import Role
from bot.services.access import require

PAGE = 10


class StaffService:
    def __init__(self, db: Database, users: UsersRepository, audit: AuditRepository) -> None:
        self._db = db
        self._users = users
        self._audit = audit

    async def organizers(self, admin: Person) -> list[int]:
        require(admin, Role.ADMIN, "list organizers")
        return await self._users.with_role(Role.ORGANIZER.value)

    async def organizers_page(self, admin: Person, page: int) -> OrganizersPage:
        """The organizers, a page at a time (each is shown by name, asked of Telegram)."""
        ids = await self.organizers(admin)
        pages = max(1, (len(ids) + PAGE - 1) // PAGE)
        page = min(max(page, 0), pages - 1)
        return OrganizersPage(tuple(ids[page * PAGE : (page + 1) * PAGE]), page, pages, len(ids))

    async def appoint(self, admin: Person, user_id: int, now: datetime) -> str:
        """unknown (never talked to the bot) | already | done"""
        require(admin, Role.ADMIN, "appoint organizer")
        async with self._db.transaction():
            record = await self._users.get(user_id)
            if record is None:
                return "unknown"
            if Role.ORGANIZER.value in record.granted_roles:
                return "already"
            await self._users.grant_role(user_id, Role.ORGANIZER.value, admin.id, now)
            await self._audit.record(
                admin.id, "organizer.appoint", "user", now, subject_user_id=user_id
            )
        return "done"

    async def remove(self, admin: Person, user_id: int, now: datetime) -> bool:
        require(admin, Role.ADMIN, "remove organizer")
        async with self._db.transaction():
            record = await self._users.get(user_id)
            if record is None or Role.ORGANIZER.value not in record.granted_roles:
                return False
            await self._users.revoke_role(user_id, Role.ORGANIZER.value)
            await self._audit.record(
                admin.id, "organizer.remove", "user", now, subject_user_id=user_id
            )
        return True
