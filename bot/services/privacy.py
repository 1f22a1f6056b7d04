"""What the bot stores about a person, and forgetting them (/forget): their organizations
handed over or closed, a place they held given to the waiting list, and every row that
names them erased, in one transaction."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.db.repositories.events import EventsRepository
from bot.db.repositories.organizations import OrganizationsRepository
from bot.db.repositories.personal_data import PersonalDataRepository
from bot.domain.organizations import Forgotten, Member, Organization
from bot.domain.people import Person
from bot.services.consultations import ConsultationsService
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.waiting_list import WaitingList

NEW_COORDINATOR = "organization.new_coordinator"


class PrivacyService:
    def __init__(
        self,
        db: Database,
        organizations: OrganizationsRepository,
        events: EventsRepository,
        responses: EventResponsesRepository,
        personal: PersonalDataRepository,
        waiting_list: WaitingList,
        consultations: ConsultationsService,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._orgs = organizations
        self._events = events
        self._responses = responses
        self._personal = personal
        self._waiting = waiting_list
        self._consultations = consultations
        self._outbox = outbox
        self._notices = notices

    async def handovers(self, person: Person) -> list[Organization]:
        """The approved organizations the person coordinates: each needs a successor or
        is closed. (Applications not yet approved are simply deleted.)"""
        return await self._orgs.coordinated_by(person.id, ("approved",))

    async def candidates(
        self, person: Person, org_id: int, *, offset: int, limit: int
    ) -> tuple[list[Member], int]:
        """A page of the members who could take over `org_id`, and how many there are."""
        if org_id not in {o.id for o in await self.handovers(person)}:
            return [], 0
        page = await self._orgs.members(org_id, offset=offset, limit=limit, excluding=person.id)
        return page, await self._orgs.member_count(org_id, excluding=person.id)

    async def candidate(self, person: Person, org_id: int, user_id: int) -> Member | None:
        if user_id == person.id or org_id not in {o.id for o in await self.handovers(person)}:
            return None
        return await self._orgs.member(org_id, user_id)

    async def forget(
        self, person: Person, successors: dict[int, int | None], now: datetime
    ) -> Forgotten:
        """Hand each coordinated organization to the chosen member (None: close it), then
        erase the person. A successor who is no longer a member stops everything."""
        async with self._db.transaction():
            orgs = await self.handovers(person)
            for org in orgs:
                successor = successors.get(org.id)
                if org.id not in successors or (
                    successor is not None
                    and (
                        successor == person.id or not await self._orgs.is_member(org.id, successor)
                    )
                ):
                    return Forgotten(conflict=org)
            handed: list[tuple[Organization, int]] = []
            closed: list[Organization] = []
            for org in orgs:
                successor = successors[org.id]
                if successor is None:
                    await self._orgs.delete(org.id)
                    closed.append(org)
                    continue
                await self._orgs.set_coordinator(org.id, successor, now)
                handed.append((org, successor))
                await self._outbox.queue(
                    NEW_COORDINATOR,
                    [successor],
                    self._notices.new_coordinator(org),
                    now,
                    subject_id=org.id,
                )
            places = [
                event
                for event_id in await self._responses.going_to_limited(person.id, now)
                if (event := await self._events.get(event_id)) is not None
            ]
            await self._consultations.expert_leaves(person.id, now)
            await self._personal.erase(person.id, now)
            for event in places:
                await self._waiting.fill(event, now)
        return Forgotten(tuple(handed), tuple(closed))

    async def erase_conversation(self, user_id: int) -> None:
        """Conversation state written after the erasure by the same update."""
        await self._personal.erase_conversation(user_id)
