"""Partnership proposals between organizations: contacts are exchanged only when both
coordinators have agreed (double opt-in)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.db.repositories.organizations import Organization
from bot.db.repositories.partnerships import Partnership, PartnershipsRepository
from bot.services.access import refuse
from bot.services.organizations import OrganizationsService, Outcome
from bot.services.people import Person


@dataclass(frozen=True, slots=True)
class Contact:
    """How to reach a coordinator, as they showed themselves to Telegram when they acted."""

    user_id: int
    name: str
    username: str | None

    def dump(self) -> str:
        return json.dumps({"id": self.user_id, "name": self.name, "username": self.username})

    @classmethod
    def load(cls, raw: str | None) -> Contact | None:
        if not raw:
            return None
        data = json.loads(raw)
        return cls(int(data["id"]), str(data["name"]), data.get("username"))


@dataclass(frozen=True, slots=True)
class Proposal:
    outcome: str  # sent | exists | no_coordinator | unknown
    partnership_id: int | None = None
    target: Organization | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    outcome: Outcome
    partnership: Partnership | None
    proposer_org: Organization | None
    accepter_org: Organization | None


class PartnershipsService:
    def __init__(
        self, partnerships: PartnershipsRepository, organizations: OrganizationsService
    ) -> None:
        self._partnerships = partnerships
        self._orgs = organizations

    async def propose(
        self, person: Person, from_org: int, to_org: int, contact: Contact, now: datetime
    ) -> Proposal:
        own = await self._orgs.coordinated_org(person, from_org, "propose partnership")
        target = await self._orgs.get(to_org)
        if target is None or target.status != "approved" or target.id == own.id:
            return Proposal("unknown")
        if target.coordinator_id is None:
            return Proposal("no_coordinator", target=target)
        pid = await self._partnerships.open(own.id, target.id, person.id, contact.dump(), now)
        if pid is None:
            return Proposal("exists", target=target)
        return Proposal("sent", pid, target)

    async def answer(
        self, person: Person, partnership_id: int, accept: bool, contact: Contact, now: datetime
    ) -> Answer:
        found = await self._partnerships.get(partnership_id)
        if found is None:
            return Answer(Outcome.GONE, None, None, None)
        accepter_org = await self._orgs.coordinated_org(person, found.to_org, "answer partnership")
        proposer_org = await self._orgs.get(found.from_org)
        status = "accepted" if accept else "declined"
        if not await self._partnerships.decide(
            found.id, status, person.id, contact.dump() if accept else None, now
        ):
            return Answer(Outcome.ALREADY, found, proposer_org, accepter_org)
        return Answer(
            Outcome.DONE, await self._partnerships.get(found.id), proposer_org, accepter_org
        )

    async def get(self, person: Person, partnership_id: int) -> Partnership:
        found = await self._partnerships.get(partnership_id)
        if found is None or person.id not in (found.proposed_by, found.decided_by):
            raise refuse(person, "read partnership", f"({partnership_id})")
        return found
