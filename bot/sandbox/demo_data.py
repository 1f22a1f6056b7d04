"""Demo people and organizations for the sandbox, taken from the seed documents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

from bot.db.database import Database
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.organizations import NewOrganization, OrganizationsRepository
from bot.db.repositories.users import UsersRepository


@dataclass(frozen=True)
class DemoPerson:
    id: int
    role: str
    first_name: str
    language_code: str
    expert: dict[str, object] | None = None


def load() -> dict[str, list[dict[str, object]]]:
    text = (resources.files("bot.sandbox") / "demo_data.json").read_text(encoding="utf-8")
    return json.loads(text)


def demo_people() -> list[DemoPerson]:
    return [DemoPerson(**p) for p in load()["people"]]  # type: ignore[arg-type]


async def seed(db: Database, now: datetime) -> None:
    """Give the demo people their roles and add the organizations, once."""
    users = UsersRepository(db)
    organizations = OrganizationsRepository(db)
    experts = ExpertsRepository(db)
    for person in demo_people():
        await users.create(person.id, None, now)
        if person.role == "organizer":
            await users.grant_role(person.id, person.role, None, now)
        if person.expert is not None and await experts.get(person.id) is None:
            profile = person.expert
            await experts.save(
                person.id,
                bio=str(profile["bio"]),
                themes=tuple(profile["themes"]),  # type: ignore[arg-type]
                countries=tuple(profile["countries"]),  # type: ignore[arg-type]
                languages=tuple(profile["languages"]),  # type: ignore[arg-type]
                status="approved",
                now=now,
            )
    for raw in load()["organizations"]:
        assert isinstance(raw, dict)
        org = NewOrganization(
            name=str(raw["name"]),
            kind=str(raw["kind"]),
            country=str(raw["country"]),
            region=str(raw["region"]),
            description=str(raw["description"]),
            themes=tuple(raw["themes"]),  # type: ignore[arg-type]
            coordinator_id=raw["coordinator"],  # type: ignore[arg-type]
        )
        if await organizations.find_by_name(org.name, org.country) is None:
            await organizations.create(org, "approved", now)
