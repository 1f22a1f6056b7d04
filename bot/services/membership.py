"""Joining an organization through its invite link: the request reaches the coordinator,
the answer reaches the person, each in the transaction that decides it. After a decline the
same person waits before asking that organization again."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.join_requests import JoinRequestsRepository
from bot.db.repositories.organizations import OrganizationsRepository
from bot.domain.organizations import (
    RETRY_AFTER_DECLINE_DAYS,
    JoinAttempt,
    JoinDecision,
    JoinOutcome,
    Outcome,
)
from bot.domain.people import Person
from bot.services import text_input
from bot.services.notices import Notices
from bot.services.organizations import OrganizationsService
from bot.services.outbox import Outbox

REQUEST = "organization.join_request"
ANSWER = "organization.join_answer"
RETRY_AFTER = timedelta(days=RETRY_AFTER_DECLINE_DAYS)


class MembershipService:
    def __init__(
        self,
        db: Database,
        organizations: OrganizationsRepository,
        requests: JoinRequestsRepository,
        own: OrganizationsService,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._orgs = organizations
        self._requests = requests
        self._own = own
        self._outbox = outbox
        self._notices = notices

    async def request_join(
        self, person: Person, token: str, display_name: str, now: datetime
    ) -> JoinAttempt:
        async with self._db.transaction():
            org_id = await self._orgs.organization_by_invite(token)
            org = None if org_id is None else await self._orgs.get(org_id)
            if org is None or org.status != "approved" or org.coordinator_id is None:
                return JoinAttempt(JoinOutcome.UNKNOWN)
            if org.coordinator_id == person.id:
                return JoinAttempt(JoinOutcome.OWN, org)
            if await self._orgs.is_member(org.id, person.id):
                return JoinAttempt(JoinOutcome.MEMBER, org)
            declined = await self._requests.last_declined(org.id, person.id)
            if declined is not None and now < declined + RETRY_AFTER:
                return JoinAttempt(
                    JoinOutcome.DECLINED_RECENTLY, org, retry_at=declined + RETRY_AFTER
                )
            name = text_input.one_line(display_name)[:64]
            request_id = await self._requests.open(org.id, person.id, name, now)
            if request_id is None:
                return JoinAttempt(JoinOutcome.PENDING, org)
            queued = await self._outbox.queue(
                REQUEST,
                [org.coordinator_id],
                self._notices.join_request(org, request_id, name),
                now,
                subject_id=request_id,
                about_user_id=person.id,
            )
        return JoinAttempt(JoinOutcome.REQUESTED, org, coordinator_told=queued.count > 0)

    async def decide_join(
        self, person: Person, request_id: int, accept: bool, now: datetime
    ) -> JoinDecision:
        async with self._db.transaction():
            request = await self._requests.get(request_id)
            if request is None:
                return JoinDecision(Outcome.GONE)
            org = await self._own.coordinated_org(
                person, request.organization_id, "decide join request"
            )
            status = "accepted" if accept else "declined"
            if not await self._requests.decide(request_id, status, now):
                return JoinDecision(Outcome.ALREADY, request, org)
            if accept:
                await self._orgs.add_member(org.id, request.user_id, request.display_name, now)
            queued = await self._outbox.queue(
                ANSWER,
                [request.user_id],
                self._notices.join_decided(org, accept),
                now,
                subject_id=request_id,
            )
        return JoinDecision(Outcome.DONE, request, org, applicant_told=queued.count > 0)
