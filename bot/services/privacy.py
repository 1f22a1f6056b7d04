"""What the bot stores about a person, and forgetting them (/forget)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.organizations import Organization, OrganizationsRepository
from bot.db.repositories.personal_data import PersonalDataRepository
from bot.services.people import Person


@dataclass(frozen=True, slots=True)
class Handover:
    """An organization the person coordinates, and who could take it over."""

    organization: Organization
    candidates: tuple[tuple[int, str], ...]  # (user id, display name) of other members


class PrivacyService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._orgs = OrganizationsRepository(db)
        self._personal = PersonalDataRepository(db)

    async def handovers(self, person: Person) -> list[Handover]:
        result = []
        for org in await self._orgs.coordinated_by(person.id, ("approved", "pending")):
            members = await self._orgs.members(org.id)
            candidates = tuple((uid, name) for uid, name, _ in members if uid != person.id)
            result.append(Handover(org, candidates))
        return result

    async def forget(
        self, person: Person, successors: dict[int, int | None], now: datetime
    ) -> list[tuple[Organization, int | None]]:
        """Hand each coordinated organization to the chosen member (or close it: delete it,
        when None or no longer a member), then erase the person. Returns what happened to
        each organization: (organization, new coordinator or None)."""
        outcome: list[tuple[Organization, int | None]] = []
        async with self._db.transaction():
            for handover in await self.handovers(person):
                org = handover.organization
                successor = successors.get(org.id)
                if (
                    successor is not None
                    and org.status == "approved"
                    and successor in {uid for uid, _ in handover.candidates}
                ):
                    await self._orgs.set_coordinator(org.id, successor, now)
                    outcome.append((org, successor))
                else:
                    await self._orgs.delete(org.id)
                    outcome.append((org, None))
            await self._personal.erase(person.id)
        return outcome

    async def erase_conversation(self, user_id: int) -> None:
        """Conversation state written after the erasure by the same update."""
        await self._personal.erase_conversation(user_id)
