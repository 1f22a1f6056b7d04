"""Partnership proposals between organizations: contacts are exchanged only when both
coordinators have agreed (double opt-in). A proposal waits for the other coordinator (who
may not have opened the bot yet) until they answer it or its organization withdraws it;
after a decline, the same proposal waits 30 days."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.organizations import OrganizationsRepository
from bot.db.repositories.partnerships import PartnershipsRepository
from bot.domain.organizations import (
    RETRY_AFTER_DECLINE_DAYS,
    Organization,
    Outcome,
    Partnership,
    PartnershipAnswer,
    PartnershipsOf,
    PartnershipView,
    Proposal,
    ProposalOutcome,
)
from bot.domain.people import Contact, Person
from bot.services import text_input
from bot.services.access import refuse
from bot.services.notices import Notices
from bot.services.organizations import OrganizationsService
from bot.services.outbox import Outbox

PROPOSED = "partnership.proposed"
ANSWERED = "partnership.answered"
RETRY_AFTER = timedelta(days=RETRY_AFTER_DECLINE_DAYS)
NOTE = text_input.TextRule(min_length=2, max_length=300)  # a proposal's few words


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

    # Proposing

    async def check_target(self, person: Person, to_org: int) -> Proposal | None:
        """Why `to_org` cannot receive a proposal from the person, whichever of their
        organizations proposes (asked before they pick one); None when it can."""
        target = await self._orgs.get(to_org)
        if target is None or target.status != "approved":
            return Proposal(ProposalOutcome.UNKNOWN)
        if target.coordinator_id is None:
            return Proposal(ProposalOutcome.NO_COORDINATOR, target)
        if target.coordinator_id == person.id:
            return Proposal(ProposalOutcome.OWN, target)
        return None

    async def check(
        self, person: Person, from_org: int, to_org: int, now: datetime
    ) -> Proposal | None:
        """Why `from_org` cannot propose to `to_org` now (asked before the person writes a
        note); None when it can. `propose` checks all of it again."""
        own = await self._own.coordinated_org(person, from_org, "propose partnership")
        return await self._refusal(person, own, to_org, now)

    async def _refusal(
        self, person: Person, own: Organization, to_org: int, now: datetime
    ) -> Proposal | None:
        refused = await self.check_target(person, to_org)
        if refused is not None:
            return refused
        target = await self._orgs.get(to_org)
        assert target is not None
        if target.id == own.id:
            return Proposal(ProposalOutcome.UNKNOWN)
        if await self._partnerships.between(own.id, target.id) is not None:
            return Proposal(ProposalOutcome.EXISTS, target)
        declined = await self._partnerships.last_declined(own.id, target.id)
        if declined is not None and now < declined + RETRY_AFTER:
            return Proposal(
                ProposalOutcome.DECLINED_RECENTLY, target, retry_at=declined + RETRY_AFTER
            )
        return None

    async def propose(
        self,
        person: Person,
        from_org: int,
        to_org: int,
        contact: Contact,
        now: datetime,
        note: str | None = None,
    ) -> Proposal:
        """The proposal stored as pending and its notice queued for the other coordinator,
        together. The proposal waits in the bot whether or not the notice reaches them (they
        may never have opened the bot): they see it at /start and in /myorg."""
        if note is not None:
            note = text_input.clean_text(note, NOTE)
        async with self._db.transaction():
            own = await self._own.coordinated_org(person, from_org, "propose partnership")
            refused = await self._refusal(person, own, to_org, now)
            if refused is not None:
                return refused
            target = await self._orgs.get(to_org)
            assert target is not None and target.coordinator_id is not None
            pid = await self._partnerships.open(own.id, target.id, person.id, contact, now, note)
            if pid is None:
                return Proposal(ProposalOutcome.EXISTS, target)
            await self._outbox.queue(
                PROPOSED,
                [target.coordinator_id],
                self._notices.partnership_proposed(own, target, pid, note),
                now,
                subject_id=pid,
                # the note is the proposer's own words: it goes when they are forgotten
                about_user_id=person.id if note else None,
            )
        return Proposal(ProposalOutcome.SENT, target)

    # Answering and withdrawing

    async def answer(
        self, person: Person, partnership_id: int, accept: bool, contact: Contact, now: datetime
    ) -> PartnershipAnswer:
        """On Accept each side receives the other's contact; on Decline the proposer hears
        only that it was declined. A proposal withdrawn meanwhile is ALREADY decided, with
        its status saying so."""
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

    async def withdraw(
        self, person: Person, partnership_id: int, now: datetime
    ) -> PartnershipAnswer:
        """The proposing organization's coordinator takes a pending proposal back: nothing
        is shared, its notice is not sent if it has not gone yet, and its buttons say it was
        withdrawn. ALREADY when it was answered meanwhile."""
        async with self._db.transaction():
            found = await self._partnerships.get(partnership_id)
            if found is None:
                return PartnershipAnswer(Outcome.GONE)
            proposer_org = await self._own.coordinated_org(
                person, found.from_org, "withdraw partnership"
            )
            target = await self._orgs.get(found.to_org)
            if not await self._partnerships.withdraw(found.id, now):
                return PartnershipAnswer(Outcome.ALREADY, found, proposer_org, target)
            await self._outbox.cancel_about(PROPOSED, found.id, now)
            withdrawn = await self._partnerships.get(found.id)
        return PartnershipAnswer(Outcome.DONE, withdrawn, proposer_org, target)

    # Reading

    async def waiting(self, person: Person) -> list[tuple[Organization, int]]:
        """The person's organizations with proposals waiting for their answer, and how
        many: what /start tells them (the notices may never have reached them)."""
        found = []
        for org_id, count in await self._partnerships.waiting_for(person.id):
            org = await self._orgs.get(org_id)
            if org is not None:
                found.append((org, count))
        return found

    async def of_org(self, person: Person, org_id: int) -> PartnershipsOf:
        """The organization's proposals (to it and its own, still open) and its partners,
        for its coordinator."""
        org = await self._own.coordinated_org(person, org_id, "read partnerships")
        incoming: list[PartnershipView] = []
        outgoing: list[PartnershipView] = []
        partners: list[PartnershipView] = []
        for partnership in await self._partnerships.of_org(org.id):
            view = await self._view(org, partnership)
            if view is None:
                continue
            if partnership.status == "accepted":
                partners.append(view)
            elif view.incoming:
                incoming.append(view)
            else:
                outgoing.append(view)
        return PartnershipsOf(org, tuple(incoming), tuple(outgoing), tuple(partners))

    async def view(
        self, person: Person, org_id: int, partnership_id: int
    ) -> PartnershipView | None:
        """One open proposal or partnership of the organization, for its coordinator; None
        when it is no longer open (withdrawn, declined, gone) or not the organization's."""
        org = await self._own.coordinated_org(person, org_id, "read partnerships")
        found = await self._partnerships.get(partnership_id)
        if found is None or found.status not in ("pending", "accepted"):
            return None
        if org.id not in (found.from_org, found.to_org):
            return None
        return await self._view(org, found)

    async def _view(self, org: Organization, partnership: Partnership) -> PartnershipView | None:
        other_id = partnership.from_org if partnership.to_org == org.id else partnership.to_org
        other = await self._orgs.get(other_id)
        if other is None or other.status != "approved":
            return None
        return PartnershipView(partnership, org, other)

    async def get(self, person: Person, partnership_id: int) -> Partnership:
        found = await self._partnerships.get(partnership_id)
        if found is None or person.id not in (found.proposed_by, found.decided_by):
            raise refuse(person, "read partnership", f"({partnership_id})")
        return found
