"""The admins' console: the network's figures, finding a person, appointing and removing
organizers and experts (by choosing the person or by a one-time link), blocking an abusive
person, an ad-hoc broadcast through the outbox, the audit log. Every call checks the admin
role; every change is one transaction with its audit entry and its notices."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.admin_console import AdminConsoleRepository
from bot.db.repositories.appointments import AppointmentsRepository
from bot.db.repositories.audience import Audience, AudienceRepository
from bot.db.repositories.audit import AuditRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.admin import (
    Appointed,
    AppointRole,
    AuditPage,
    BroadcastProgress,
    Figures,
    PersonView,
)
from bot.domain.errors import InvalidChoice
from bot.domain.events import Reach
from bot.domain.people import Person
from bot.roles import Role
from bot.services import text_input
from bot.services.access import refuse, require
from bot.services.consultations import ConsultationsService
from bot.services.notices import Notices
from bot.services.outbox import Outbox

LINK_VALID = timedelta(days=7)
FOUND_AT_MOST = 8
BLOCKED_AT_MOST = 30
AUDIT_PAGE = 8
# the audit log's filters: the families of its actions
AUDIT_FAMILIES = ("organization", "expert", "organizer", "person", "broadcast")

APPOINTED = "staff.appointed"
REMOVED = "staff.removed"
LINK_USED = "staff.link_used"
BROADCAST = "admin.broadcast"


class _Unspent(Exception):
    """A link opened by someone who holds its role already: nothing of it is written."""

    def __init__(self, role: AppointRole) -> None:
        self.role = role


class AdminConsoleService:
    def __init__(
        self,
        db: Database,
        console: AdminConsoleRepository,
        users: UsersRepository,
        experts: ExpertsRepository,
        appointments: AppointmentsRepository,
        audit: AuditRepository,
        audience: AudienceRepository,
        consultations: ConsultationsService,
        outbox: Outbox,
        notices: Notices,
        admin_ids: frozenset[int],
    ) -> None:
        self._db = db
        self._console = console
        self._users = users
        self._experts = experts
        self._appointments = appointments
        self._audit = audit
        self._audience = audience
        self._consultations = consultations
        self._outbox = outbox
        self._notices = notices
        self._admin_ids = admin_ids

    def check(self, admin: Person) -> None:
        """NotAllowed for anyone but an admin (the console's every screen asks)."""
        require(admin, Role.ADMIN, "admin console")

    async def figures(self, admin: Person, now: datetime) -> Figures:
        require(admin, Role.ADMIN, "console figures")
        return await self._console.figures(now)

    # people

    async def search(self, admin: Person, query: str) -> list[int]:
        """People who started the bot whose name or @username contains `query`."""
        require(admin, Role.ADMIN, "search people")
        cleaned = text_input.clean_text(query, text_input.SEARCH).lstrip("@").casefold()
        return await self._users.search(cleaned, FOUND_AT_MOST)

    async def blocked(self, admin: Person) -> list[int]:
        """The people blocked, the latest first (found so even once they are forgotten)."""
        require(admin, Role.ADMIN, "list blocked people")
        return await self._users.blocked(BLOCKED_AT_MOST)

    async def person(self, admin: Person, user_id: int) -> PersonView | None:
        """None: nothing of them is stored (forgotten, and not blocked)."""
        require(admin, Role.ADMIN, "see a person")
        record = await self._users.get(user_id)
        if record is None:
            if not await self._users.is_blocked(user_id):
                return None
            return PersonView(
                user_id=user_id,
                roles=frozenset({Role.MEMBER}),
                reachable=False,
                blocked=True,
                expert_status=None,
                expert_invited=False,
                is_admin=False,
            )
        profile = await self._experts.get(user_id)
        roles = {Role.MEMBER, *(Role(r) for r in record.granted_roles)}
        if record.expert:
            roles.add(Role.EXPERT)
        if record.coordinates:
            roles.add(Role.COORDINATOR)
        return PersonView(
            user_id=user_id,
            roles=frozenset(roles),
            reachable=record.is_active,
            blocked=record.blocked,
            expert_status=None if profile is None else profile.status,
            expert_invited=await self._appointments.expert_invited(user_id),
            is_admin=user_id in self._admin_ids,
        )

    # appointing and removing

    async def appoint(
        self, admin: Person, user_id: int, role: AppointRole, now: datetime
    ) -> Appointed:
        require(admin, Role.ADMIN, f"appoint {role.value}")
        async with self._db.transaction():
            return await self._appoint(admin.id, user_id, role, now)

    async def _appoint(
        self,
        admin_id: int | None,
        user_id: int,
        role: AppointRole,
        now: datetime,
        *,
        by_link: bool = False,
    ) -> Appointed:
        """Grant `role`; the person is told (by the outbox, or in the answer to the link
        they opened), the audit records it."""
        record = await self._users.get(user_id)
        if record is None:
            return Appointed.UNKNOWN
        if role is AppointRole.ORGANIZER:
            if Role.ORGANIZER.value in record.granted_roles:
                return Appointed.ALREADY
            await self._users.grant_role(user_id, Role.ORGANIZER.value, admin_id, now)
            outcome = Appointed.DONE
        else:
            if record.expert:
                return Appointed.ALREADY
            profile = await self._experts.get(user_id)
            if profile is not None and profile.status == "pending":
                await self._experts.decide(user_id, "approved", None, now)
                outcome = Appointed.DONE
            elif await self._appointments.expert_invited(user_id):
                return Appointed.ALREADY
            else:
                await self._appointments.invite_expert(user_id, admin_id, now)
                outcome = Appointed.INVITED
        await self._audit.record(
            admin_id,
            f"{role.value}.appoint",
            "user",
            now,
            subject_user_id=user_id,
            detail="link" if by_link else "",
        )
        if not by_link:
            await self._outbox.queue(
                APPOINTED,
                [user_id],
                self._notices.appointed(role.value, invited=outcome is Appointed.INVITED),
                now,
            )
        return outcome

    async def remove(self, admin: Person, user_id: int, role: AppointRole, now: datetime) -> bool:
        """False when the person does not hold the role (any more)."""
        require(admin, Role.ADMIN, f"remove {role.value}")
        async with self._db.transaction():
            record = await self._users.get(user_id)
            if record is None:
                return False
            if role is AppointRole.ORGANIZER:
                if Role.ORGANIZER.value not in record.granted_roles:
                    return False
                await self._users.revoke_role(user_id, Role.ORGANIZER.value)
            else:
                invited = await self._appointments.take_expert_invitation(user_id)
                withdrawn = await self._experts.withdraw(user_id, now)
                if not (invited or withdrawn):
                    return False
                if withdrawn:  # what they held goes back to the queue, its askers told
                    await self._consultations.expert_leaves(user_id, now)
            await self._audit.record(
                admin.id, f"{role.value}.remove", "user", now, subject_user_id=user_id
            )
            await self._outbox.queue(
                REMOVED, [user_id], self._notices.role_removed(role.value), now
            )
        return True

    async def create_link(self, admin: Person, role: AppointRole, now: datetime) -> str:
        """A one-time token for a link that makes whoever opens it `role`."""
        require(admin, Role.ADMIN, "appointment link")
        token = secrets.token_urlsafe(12)
        async with self._db.transaction():
            await self._appointments.create_link(token, role.value, admin.id, now, now + LINK_VALID)
        return token

    async def use_link(
        self, person: Person, token: str, name: str, now: datetime
    ) -> tuple[Appointed, AppointRole | None]:
        """The person opened an appointment link: the role it gives, once; the admin who
        made it is told who used it (`name`: as the person shows themselves to Telegram)."""
        try:
            async with self._db.transaction():
                used = await self._appointments.use_link(token, person.id, now)
                if used is None:
                    return Appointed.INVALID, None
                role, admin_id = AppointRole(used[0]), used[1]
                outcome = await self._appoint(admin_id, person.id, role, now, by_link=True)
                if outcome is Appointed.ALREADY:
                    raise _Unspent(role)  # the link stays for the one it was meant for
                if admin_id is not None:
                    await self._outbox.queue(
                        LINK_USED,
                        [admin_id],
                        self._notices.appointment_link_used(role.value, name),
                        now,
                        about_user_id=person.id,
                    )
        except _Unspent as unspent:
            return Appointed.ALREADY, unspent.role
        return outcome, role

    # blocking

    async def set_blocked(self, admin: Person, user_id: int, blocked: bool, now: datetime) -> bool:
        """False when nothing changed (already so). Admins cannot be blocked. Blocking
        also takes back the organizer and expert roles (the requests an expert held go
        back to the queue, their askers told); unblocking does not give them back."""
        require(admin, Role.ADMIN, "block a person")
        if user_id in self._admin_ids:
            raise refuse(admin, "block an admin")
        async with self._db.transaction():
            if not blocked:
                changed = await self._users.unblock(user_id)
            elif changed := await self._users.block(user_id, admin.id, now):
                await self._take_roles(user_id, now)
            if changed:
                await self._audit.record(
                    admin.id,
                    "person.block" if blocked else "person.unblock",
                    "user",
                    now,
                    subject_user_id=user_id,
                )
        return changed

    async def _take_roles(self, user_id: int, now: datetime) -> None:
        await self._users.revoke_role(user_id, Role.ORGANIZER.value)
        await self._appointments.take_expert_invitation(user_id)
        if await self._experts.withdraw(user_id, now):
            await self._consultations.expert_leaves(user_id, now)

    # broadcasting

    async def broadcast_reach(self, admin: Person, audience: Audience) -> Reach:
        """Whom the broadcast reaches (the admin too, when in the audience), and how many
        of its audience it cannot."""
        require(admin, Role.ADMIN, "broadcast")
        people = await self._audience.people(audience)
        return Reach(tuple(people), False, await self._audience.count_unreachable(audience))

    def broadcast_text(self, text: str) -> str:
        return text_input.clean_text(text, text_input.MESSAGE)

    async def broadcast(self, admin: Person, text: str, audience: Audience, now: datetime) -> int:
        """Queue the message to everyone `audience` reaches; returns the campaign's id."""
        require(admin, Role.ADMIN, "broadcast")
        text = self.broadcast_text(text)
        for dimension in audience:
            if dimension not in ("theme", "country", "kind", "role"):
                raise InvalidChoice(f"audience {dimension!r}")
        async with self._db.transaction():
            people = await self._audience.people(audience)
            queued = await self._outbox.queue(
                BROADCAST, people, self._notices.admin_broadcast(text), now, created_by=admin.id
            )
            await self._audit.record(
                admin.id,
                "broadcast.send",
                "campaign",
                now,
                subject_id=queued.campaign_id,
                detail=str(queued.count),
            )
        return queued.campaign_id

    async def broadcast_progress(self, admin: Person, campaign_id: int) -> BroadcastProgress:
        require(admin, Role.ADMIN, "broadcast progress")
        return await self._console.broadcast_progress(campaign_id)

    # the audit log

    async def audit(self, admin: Person, family: str | None, page: int) -> AuditPage:
        require(admin, Role.ADMIN, "audit log")
        if family is not None and family not in AUDIT_FAMILIES:
            raise InvalidChoice(f"audit family {family!r}")
        total = await self._audit.count(family)
        pages = max(1, (total + AUDIT_PAGE - 1) // AUDIT_PAGE)
        page = min(max(page, 0), pages - 1)
        rows = await self._audit.page(family, page * AUDIT_PAGE, AUDIT_PAGE)
        return AuditPage(tuple(rows), page, pages, total)
