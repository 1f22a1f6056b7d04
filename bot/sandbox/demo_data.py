"""Demo people and organizations for the sandbox, taken from the seed documents.

Four demo people have a role (member and coordinator, organizer, expert, admin); the fifth,
the newcomer, has never started the bot: no row, no role, no organization, so their /start
is the first minute a real newcomer sees."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from importlib import resources
from zoneinfo import ZoneInfo

from bot.db.database import Database
from bot.db.repositories.consultations import ConsultationsRepository
from bot.db.repositories.event_reminders import EventRemindersRepository
from bot.db.repositories.events import EventsRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.organizations import OrganizationsRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.consultations import Draft
from bot.domain.events import EventDetails, Milestone, Question
from bot.domain.organizations import NewOrganization
from bot.domain.polls import DraftQuestion, QuestionKind
from bot.domain.rec_import import parse_text
from bot.domain.recommendations import RecDraft
from bot.services.container import Services
from bot.services.event_rules import plan_reminders

NEWCOMER = "newcomer"


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
    async with db.transaction():
        await _seed(db, now)


async def _seed(db: Database, now: datetime) -> None:
    users = UsersRepository(db)
    organizations = OrganizationsRepository(db)
    experts = ExpertsRepository(db)
    for person in demo_people():
        if person.role == NEWCOMER:
            continue  # the bot knows nothing of them until they write
        # their app's language, as the bot would detect it from their first message: what
        # the demo's broadcasts (a poll, the recommendations) reach them in
        await users.create(person.id, person.language_code, now)
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


def _at(now: datetime, zone: str, days: int, hour: int) -> datetime:
    local = (now.astimezone(ZoneInfo(zone)) + timedelta(days=days)).date()
    return datetime.combine(local, time(hour, 0 if hour < 23 else 59), ZoneInfo(zone)).astimezone(
        UTC
    )


async def seed_consultations(db: Database, now: datetime) -> None:
    """A request of the demo member, open, once: the demo expert finds it in /queue and can
    take it (and the member sees it in /myrequests)."""
    async with db.transaction():
        if await db.fetchval("SELECT COUNT(*) FROM consultations"):
            return
        for raw in load().get("consultations", []):
            draft = Draft(
                theme=str(raw["theme"]),
                country=str(raw["country"]),
                language=str(raw["language"]),
                question=str(raw["question"]),
                anonymous=bool(raw["anonymous"]),
            )
            await ConsultationsRepository(db).create(
                int(raw["asker"]),  # type: ignore[arg-type]
                str(raw["asker_name"]),
                draft,
                now,
            )


async def seed_polls(services: Services, now: datetime) -> None:
    """The survey's question on the regional structure's name, sent by the demo organizer to
    everyone in the sandbox (an anonymous poll needs at least three recipients; the demo
    expert answers it with a tap), once, when the sandbox has no poll yet. Through the
    service and the outbox, as an organizer's poll goes."""
    if await services.polls.count():
        return
    for raw in load().get("polls", []):
        organizer = await services.people.find(int(raw["organizer"]))  # type: ignore[arg-type]
        if organizer is None:
            continue
        audience = {k: tuple(v) for k, v in dict(raw["audience"]).items()}  # type: ignore[arg-type]
        await services.polls.send(
            organizer,
            str(raw["title"]),
            [
                DraftQuestion(
                    QuestionKind.SINGLE,
                    str(raw["question"]),
                    tuple(str(o) for o in raw["options"]),  # type: ignore[attr-defined]
                )
            ],
            audience,
            now + timedelta(days=int(raw["days"])),  # type: ignore[arg-type]
            now,
            anonymous=bool(raw["anonymous"]),
            results_public=bool(raw["results_public"]),
        )


def recommendations_letter() -> str:
    """The seed letter that sends the panels' recommendations to businesses and CSOs."""
    return (resources.files("bot.sandbox") / "recommendations_letter.txt").read_text(
        encoding="utf-8"
    )


async def seed_recommendations(services: Services, now: datetime) -> None:
    """The seed letter's recommendations imported as an organizer would paste them and
    sent by the demo organizer to the business and CSO organizations (the demo member
    coordinates one), once, when the sandbox has none yet; answers due in three weeks."""
    if await services.recommendations.count():
        return
    organizer = next((p for p in demo_people() if p.role == "organizer"), None)
    person = await services.people.find(organizer.id) if organizer else None
    if person is None:
        return
    imported = parse_text(recommendations_letter())
    await services.recommendations.send(
        person,
        RecDraft(
            title="Вклад ОГО в развитие регионов Кыргызской Республики",
            source="Многосторонний диалог, Бишкек",
            held_on=datetime(2023, 3, 1, tzinfo=UTC).date(),
            sections=imported.sections,
            deadline=now + timedelta(weeks=3),
        ),
        now,
    )


async def seed_events(db: Database, now: datetime) -> None:
    """The workshop call of the seeds as an upcoming event (its dates moved ahead of `now`),
    once, when the sandbox has no event yet."""
    async with db.transaction():
        await _seed_events(db, now)


async def _seed_events(db: Database, now: datetime) -> None:
    events = EventsRepository(db)
    if await db.fetchval("SELECT COUNT(*) FROM events"):
        return
    for raw in load().get("events", []):
        zone = str(raw["timezone"])
        start = _at(now, zone, int(raw["starts_in_days"]), int(raw["start_hour"]))  # type: ignore[arg-type]
        details = EventDetails(
            kind=str(raw["kind"]),
            title=str(raw["title"]),
            description=str(raw["description"]),
            starts_at=start,
            ends_at=_at(
                now,
                zone,
                int(raw["starts_in_days"]) + int(raw["length_days"]),  # type: ignore[arg-type]
                int(raw["end_hour"]),  # type: ignore[arg-type]
            ),
            dates_tbc=bool(raw["dates_tbc"]),
            timezone=zone,
            place=raw.get("place"),  # type: ignore[arg-type]
            contact=raw.get("contact"),  # type: ignore[arg-type]
            apply_by=_at(now, zone, int(raw["apply_in_days"]), 23),  # type: ignore[arg-type]
            milestones=tuple(
                Milestone(m["title"], _at(now, zone, m["in_days"], m["hour"]), m["link"])
                for m in raw["milestones"]  # type: ignore[union-attr]
            ),
            questions=tuple(
                Question(q["text"], tuple(q["options"]))
                for q in raw["questions"]  # type: ignore[union-attr]
            ),
            audience={k: tuple(v) for k, v in raw["audience"].items()},  # type: ignore[union-attr]
        )
        event_id = await events.create(int(raw["organizer"]), details, now)  # type: ignore[arg-type]
        event = await events.get(event_id)
        assert event is not None
        await EventRemindersRepository(db).replace(event_id, plan_reminders(event, now))
