"""Admins see the organizers they appointed (appointing and removing: the admins' console,
`bot.services.admin_console`)."""

from __future__ import annotations

from bot.db.repositories.users import UsersRepository
from bot.domain.people import Person
from bot.domain.staff import OrganizersPage
from bot.roles import Role
from bot.services.access import require

PAGE = 10


class StaffService:
    def __init__(self, users: UsersRepository) -> None:
        self._users = users

    async def organizers(self, admin: Person) -> list[int]:
        require(admin, Role.ADMIN, "list organizers")
        return await self._users.with_role(Role.ORGANIZER.value)

    async def organizers_page(self, admin: Person, page: int) -> OrganizersPage:
        """The organizers, a page at a time (each is shown by name, asked of Telegram)."""
        ids = await self.organizers(admin)
        pages = max(1, (len(ids) + PAGE - 1) // PAGE)
        page = min(max(page, 0), pages - 1)
        return OrganizersPage(tuple(ids[page * PAGE : (page + 1) * PAGE]), page, pages, len(ids))
