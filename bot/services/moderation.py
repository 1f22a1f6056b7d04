"""Admins' decisions on organizations and experts: the decision, the audit entry and the
applicant's answer, in one transaction; and the paged list of what waits for review."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.audit import AuditRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.organizations import OrganizationsRepository
from bot.domain.experts import ExpertProfile
from bot.domain.moderation import Decided, PendingItem, PendingPage, Subject
from bot.domain.organizations import Organization, Outcome
from bot.domain.people import Person
from bot.roles import Role
from bot.services.access import require
from bot.services.notices import Notices
from bot.services.outbox import Outbox

DECISION = "moderation.decision"
PAGE = 8


def _action(subject: Subject) -> str:
    return "moderate organization" if subject is Subject.ORGANIZATION else "moderate expert"


class ModerationService:
    def __init__(
        self,
        db: Database,
        organizations: OrganizationsRepository,
        experts: ExpertsRepository,
        audit: AuditRepository,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._orgs = organizations
        self._experts = experts
        self._audit = audit
        self._outbox = outbox
        self._notices = notices

    async def decide(
        self,
        admin: Person,
        subject: Subject,
        object_id: int,
        approve: bool,
        reason: str | None,
        now: datetime,
    ) -> Decided:
        require(admin, Role.ADMIN, _action(subject))
        async with self._db.transaction():
            if subject is Subject.ORGANIZATION:
                return await self._decide_org(admin, object_id, approve, reason, now)
            return await self._decide_expert(admin, object_id, approve, reason, now)

    async def _decide_org(
        self, admin: Person, org_id: int, approve: bool, reason: str | None, now: datetime
    ) -> Decided:
        org = await self._orgs.get(org_id)
        if org is None:
            return Decided(Outcome.GONE, Subject.ORGANIZATION, False)
        status = "approved" if approve else "rejected"
        if not await self._orgs.decide(org_id, status, reason, now):
            return Decided(Outcome.ALREADY, Subject.ORGANIZATION, org.status == "approved")
        if approve and org.coordinator_id is not None:
            await self._orgs.add_member(org_id, org.coordinator_id, "", now)
        await self._audit.record(
            admin.id,
            "organization.approve" if approve else "organization.reject",
            "organization",
            now,
            subject_id=org_id,
            subject_user_id=org.coordinator_id,
            detail=reason or "",
        )
        decided = await self._orgs.get(org_id)
        assert decided is not None
        told = False
        if org.coordinator_id is not None:
            queued = await self._outbox.queue(
                DECISION,
                [org.coordinator_id],
                self._notices.organization_decided(decided),
                now,
                subject_id=org_id,
            )
            told = queued.count > 0
        return Decided(Outcome.DONE, Subject.ORGANIZATION, approve, org.coordinator_id, told)

    async def _decide_expert(
        self, admin: Person, user_id: int, approve: bool, reason: str | None, now: datetime
    ) -> Decided:
        profile = await self._experts.get(user_id)
        if profile is None:
            return Decided(Outcome.GONE, Subject.EXPERT, False)
        status = "approved" if approve else "rejected"
        if not await self._experts.decide(user_id, status, reason, now):
            return Decided(Outcome.ALREADY, Subject.EXPERT, profile.status == "approved")
        await self._audit.record(
            admin.id,
            "expert.approve" if approve else "expert.reject",
            "expert",
            now,
            subject_user_id=user_id,
            detail=reason or "",
        )
        decided = await self._experts.get(user_id)
        assert decided is not None
        queued = await self._outbox.queue(
            DECISION, [user_id], self._notices.expert_decided(decided), now
        )
        return Decided(Outcome.DONE, Subject.EXPERT, approve, user_id, queued.count > 0)

    async def still_pending(
        self, admin: Person, subject: Subject, object_id: int
    ) -> Organization | ExpertProfile | Decided:
        """The application, while it waits for a decision; otherwise what became of it."""
        require(admin, Role.ADMIN, _action(subject))
        found: Organization | ExpertProfile | None
        if subject is Subject.ORGANIZATION:
            found = await self._orgs.get(object_id)
        else:
            found = await self._experts.get(object_id)
        if found is None:
            return Decided(Outcome.GONE, subject, False)
        if found.status != "pending":
            return Decided(Outcome.ALREADY, subject, found.status == "approved")
        return found

    async def pending(self, admin: Person, page: int) -> PendingPage:
        """Everything waiting for review, oldest first, a page at a time."""
        require(admin, Role.ADMIN, "list pending applications")
        items = [
            PendingItem(Subject.ORGANIZATION, org.id, organization=org)
            for org in await self._orgs.with_status("pending")
        ] + [
            PendingItem(Subject.EXPERT, profile.user_id, expert=profile)
            for profile in await self._experts.with_status("pending")
        ]
        pages = max(1, (len(items) + PAGE - 1) // PAGE)
        page = min(max(page, 0), pages - 1)
        return PendingPage(tuple(items[page * PAGE : (page + 1) * PAGE]), page, pages, len(items))

    async def organization(self, admin: Person, org_id: int) -> Organization | None:
        require(admin, Role.ADMIN, "read application")
        return await self._orgs.get(org_id)

    async def expert(self, admin: Person, user_id: int) -> ExpertProfile | None:
        require(admin, Role.ADMIN, "read application")
        return await self._experts.get(user_id)
