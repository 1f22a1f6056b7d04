"""The events list's one query (`AudienceRepository.upcoming_for`) agrees with the rule
an event's card applies one event at a time (`reaches`), over a network where every kind
of audience and person occurs: a fixed-seed generator, so a failure repeats."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.audience import AudienceRepository

NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ")
KINDS = ("ngo", "business_association", "ngo_coalition")
THEMES = ("youth", "data_advocacy", "gender_equality", "environment")
ROLES = ("member", "coordinator", "expert", "organizer")


async def _network(db: Database, rnd: random.Random) -> list[int]:
    stamp = NOW.isoformat()
    people = list(range(1, 41))
    async with db.transaction():
        for uid in people:
            country = rnd.choice((*COUNTRIES, None))
            await db.execute(
                "INSERT INTO users (id, country, is_active, created_at, updated_at) "
                "VALUES (?, ?, 1, ?, ?)",
                (uid, country, stamp, stamp),
            )
            if rnd.random() < 0.2:
                await db.execute(
                    "INSERT INTO user_roles (user_id, role, granted_at) VALUES (?, ?, ?)",
                    (uid, "organizer", stamp),
                )
            if rnd.random() < 0.25:
                status = rnd.choice(("approved", "pending"))
                await db.execute(
                    "INSERT INTO experts (user_id, bio, status, created_at, updated_at) "
                    "VALUES (?, '', ?, ?, ?)",
                    (uid, status, stamp, stamp),
                )
                for theme in rnd.sample(THEMES, 2):
                    await db.execute(
                        "INSERT INTO expert_themes (user_id, theme) VALUES (?, ?)", (uid, theme)
                    )
        for org in range(1, 13):
            coordinator = rnd.choice(people)
            status = rnd.choice(("approved", "approved", "pending", "closed"))
            await db.execute(
                "INSERT INTO organizations (id, name, name_key, kind, country, region, "
                "description, status, coordinator_id, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 'R', 'D', ?, ?, ?, ?)",
                (
                    org,
                    f"Org {org}",
                    f"org {org}",
                    rnd.choice(KINDS),
                    rnd.choice(COUNTRIES),
                    status,
                    coordinator,
                    stamp,
                    stamp,
                ),
            )
            for theme in rnd.sample(THEMES, rnd.randint(1, 2)):
                await db.execute(
                    "INSERT INTO organization_themes (organization_id, theme) VALUES (?, ?)",
                    (org, theme),
                )
            members = {coordinator, *rnd.sample(people, rnd.randint(0, 4))}
            for uid in members:
                await db.execute(
                    "INSERT INTO organization_members (organization_id, user_id, joined_at) "
                    "VALUES (?, ?, ?)",
                    (org, uid, stamp),
                )
        for event in range(1, 61):
            starts = NOW + timedelta(days=rnd.randint(-5, 30))
            await db.execute(
                "INSERT INTO events (id, organizer_id, kind, title, description, starts_at, "
                "timezone, status, created_at, updated_at) "
                "VALUES (?, ?, 'seminar', 'T', 'D', ?, 'Asia/Bishkek', ?, ?, ?)",
                (
                    event,
                    rnd.choice(people),
                    starts.isoformat(),
                    rnd.choice(("published", "published", "cancelled")),
                    stamp,
                    stamp,
                ),
            )
            dimensions = {
                "country": COUNTRIES,
                "kind": KINDS,
                "theme": THEMES,
                "role": ROLES,
            }
            for dimension in rnd.sample(list(dimensions), rnd.randint(0, 3)):
                for value in rnd.sample(dimensions[dimension], rnd.randint(1, 2)):
                    await db.execute(
                        "INSERT INTO event_audience (event_id, dimension, value) VALUES (?, ?, ?)",
                        (event, dimension, value),
                    )
            for uid in rnd.sample(people, rnd.randint(0, 2)):  # answered it
                await db.execute(
                    "INSERT INTO event_responses (event_id, user_id, status, since, "
                    "updated_at) VALUES (?, ?, 'going', ?, ?)",
                    (event, uid, stamp, stamp),
                )
    return people


async def test_the_events_list_shows_exactly_the_events_each_person_may_see(tmp_path):
    db = await Database.open(tmp_path / "bot.db")
    try:
        people = await _network(db, random.Random(14))
        audience = AudienceRepository(db)
        upcoming = [
            r[0]
            for r in await db.fetchall(
                "SELECT id FROM events WHERE status = 'published' "
                "AND COALESCE(ends_at, starts_at) >= ? ORDER BY starts_at, id",
                (NOW.isoformat(),),
            )
        ]
        seen_some = 0
        for uid in people:
            expected = [e for e in upcoming if await audience.reaches(e, uid)]
            assert await audience.upcoming_for(uid, NOW) == expected, f"person {uid}"
            seen_some += 0 < len(expected) < len(upcoming)
        assert seen_some > 10, "the network tells people apart"
    finally:
        await db.close()
