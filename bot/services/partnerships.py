"""Partnership proposals between organizations: contacts are exchanged only when both
coordinators have agreed (double opt-in). After a decline, the same proposal waits."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.organizations import OrganizationsRepository
from bot.db.repositories.partnerships import PartnershipsRepository
from bot.domain.organizations import (
    RETRY_AFTER_DECLINE_DAYS,
    Outcome,
    Partnership,
    PartnershipAnswer,
    Proposal,
    ProposalOutcome,
)
from bot.domain.people import Contact, Person
from bot.services.access import refuse
from bot.services.notices import Notices
from bot.services.organizations import OrganizationsService
from bot.services.outbox import Outbox

PROPOSED = "partnership.proposed"
ANSWERED = "partnership.answered"
RETRY_AFTER = timedelta(days=RETRY_AFTER_DECLINE_DAYS)


class PartnershipsService:
    def __init__(
        self,
        db: Database,
        partnerships: PartnershipsRepository,
        organizations: OrganizationsRepository,
        own: OrganizationsService,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._partnerships = partnerships
        self._orgs = organizations
        self._own = own
        self._outbox = outbox
        self._notices = notices

    async def propose(
        self, person: Person, from_org: int, to_org: int, contact: Contact, now: datetime
    ) -> Proposal:
        async with self._db.transaction():
            own = await self._own.coordinated_org(person, from_org, "propose partnership")
            target = await self._orgs.get(to_org)
            if target is None or target.status != "approved" or target.id == own.id:
                return Proposal(ProposalOutcome.UNKNOWN)
            if target.coordinator_id is None:
                return Proposal(ProposalOutcome.NO_COORDINATOR, target)
            declined = await self._partnerships.last_declined(own.id, target.id)
            if declined is not None and now < declined + RETRY_AFTER:
                return Proposal(
                    ProposalOutcome.DECLINED_RECENTLY, target, retry_at=declined + RETRY_AFTER
                )
            pid = await self._partnerships.open(own.id, target.id, person.id, contact, now)
            if pid is None:
                return Proposal(ProposalOutcome.EXISTS, target)
            await self._outbox.queue(
                PROPOSED,
                [target.coordinator_id],
                self._notices.partnership_proposed(own, target, pid),
                now,
                subject_id=pid,
            )
        return Proposal(ProposalOutcome.SENT, target)

    async def answer(
        self, person: Person, partnership_id: int, accept: bool, contact: Contact, now: datetime
    ) -> PartnershipAnswer:
        """On Accept each side receives the other's contact; on Decline the proposer hears
        only that it was declined."""
        async with self._db.transaction():
            found = await self._partnerships.get(partnership_id)
            if found is None:
                return PartnershipAnswer(Outcome.GONE)
            accepter_org = await self._own.coordinated_org(
                person, found.to_org, "answer partnership"
            )
            proposer_org = await self._orgs.get(found.from_org)
            if proposer_org is None:
                return PartnershipAnswer(Outcome.GONE)
            status = "accepted" if accept else "declined"
            shared = contact if accept else None
            if not await self._partnerships.decide(found.id, status, person.id, shared, now):
                return PartnershipAnswer(Outcome.ALREADY, found, proposer_org, accepter_org)
            decided = await self._partnerships.get(found.id)
            assert decided is not None
            if decided.proposed_by is not None:
                render = (
                    self._notices.partnership_agreed(accepter_org, decided.accepter_contact)
                    if accept
                    else self._notices.partnership_declined(accepter_org)
                )
                await self._outbox.queue(
                    ANSWERED,
                    [decided.proposed_by],
                    render,
                    now,
                    subject_id=found.id,
                    about_user_id=person.id if accept else None,
                )
        return PartnershipAnswer(Outcome.DONE, decided, proposer_org, accepter_org)

    async def get(self, person: Person, partnership_id: int) -> Partnership:
        found = await self._partnerships.get(partnership_id)
        if found is None or person.id not in (found.proposed_by, found.decided_by):
            raise refuse(person, "read partnership", f"({partnership_id})")
        return found
