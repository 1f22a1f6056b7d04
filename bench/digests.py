"""Building digests for many people at once, as the tick does at a busy hour.

A database is generated with a fixed seed: 10,000 people in the five countries (each with
a daily digest), 1,000 organizations with members, 500 events (audiences by theme and
country, key dates, answers), 200 polls, 50 recommendation sets with answers, and 5,000
consultation requests with their conversations. Then the digests of the first 1,000,
3,000 and 10,000 people are built and rendered (each in its reader's language and time
zone), as `DigestsService.send_due` does before queueing them, each size in a fresh
process: the time, the peak memory (tracemalloc) and the growth from 1,000 to 10,000 (10
means linear).

    python bench/digests.py [--people 10000]

The last line holds the figures as key=value pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.catalog import KINDS, THEMES
from bot.countries import CENTRAL_ASIA, TIMEZONES
from bot.db.database import Database
from bot.i18n import build_i18n
from bot.services.container import build_services
from bot.ui.notices import RenderedNotices

SEED = 2026
NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
LANGUAGES = ("ru", "kk", "ky", "tg", "tk", "uz", "en")
EVENTS, POLLS, REC_SETS, CONSULTATIONS = 500, 200, 50, 5000


def _iso(moment: datetime) -> str:
    return moment.isoformat()


async def generate(db: Database, people: int) -> None:
    rnd = random.Random(SEED)
    stamp = _iso(NOW - timedelta(days=60))
    async with db.transaction():
        users = []
        for uid in range(1, people + 1):
            country = rnd.choice(CENTRAL_ASIA)
            users.append((uid, rnd.choice(LANGUAGES), country, TIMEZONES[country], stamp, stamp))
        await db.executemany(
            "INSERT INTO users (id, language, language_chosen, country, timezone, created_at, "
            "updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)",
            users,
        )
        await db.executemany(
            "INSERT INTO notification_settings (user_id, digest, digest_hour, next_digest_at, "
            "last_digest_at, updated_at) VALUES (?, 'daily', 9, ?, ?, ?)",
            [(u[0], _iso(NOW), _iso(NOW - timedelta(days=1)), stamp) for u in users],
        )
        # a tenth of the people choose themes of interest
        await db.executemany(
            "INSERT INTO interest_themes (user_id, theme) VALUES (?, ?)",
            [(u[0], t) for u in users[::10] for t in rnd.sample(THEMES, 3)],
        )
        await db.execute(
            "INSERT INTO user_roles (user_id, role, granted_at) VALUES (1, 'organizer', ?)",
            (stamp,),
        )

        orgs = people // 10
        org_rows, themes, members = [], [], []
        for oid in range(1, orgs + 1):
            decided = NOW - timedelta(hours=rnd.randint(1, 24 * 60))
            org_rows.append(
                (
                    oid,
                    f"Organization {oid}",
                    f"organization {oid}",
                    rnd.choice(KINDS),
                    rnd.choice(CENTRAL_ASIA),
                    "Region",
                    "What it does.",
                    oid,  # its coordinator: person `oid`
                    stamp,
                    stamp,
                    _iso(decided),
                )
            )
            themes += [(oid, t) for t in rnd.sample(THEMES, 2)]
            members += [(oid, rnd.randint(1, people), stamp) for _ in range(5)]
        await db.executemany(
            "INSERT INTO organizations (id, name, name_key, kind, country, region, description, "
            "status, coordinator_id, created_at, updated_at, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?, ?)",
            org_rows,
        )
        await db.executemany(
            "INSERT INTO organization_themes (organization_id, theme) VALUES (?, ?)", themes
        )
        await db.executemany(
            "INSERT INTO organization_members (organization_id, user_id, joined_at) "
            "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            members,
        )

        events, audience, milestones, responses = [], [], [], []
        for eid in range(1, EVENTS + 1):
            created = NOW - timedelta(hours=rnd.randint(1, 24 * 60))
            starts = NOW + timedelta(hours=rnd.randint(2, 24 * 120))
            apply_by = starts - timedelta(days=rnd.randint(1, 20)) if eid % 4 == 0 else None
            events.append(
                (
                    eid,
                    f"Event {eid}: a school on coalitions",
                    _iso(starts),
                    rnd.choice(list(TIMEZONES.values())),
                    "Bishkek" if eid % 2 else None,
                    None if eid % 2 else "https://example.org/meet",
                    _iso(apply_by) if apply_by and apply_by > NOW else None,
                    _iso(created),
                )
            )
            if eid % 3:
                audience += [(eid, "theme", t) for t in rnd.sample(THEMES, 2)]
            if eid % 5 == 0:
                audience.append((eid, "country", rnd.choice(CENTRAL_ASIA)))
            milestones.append((eid, "Applications close", _iso(starts - timedelta(days=3))))
            responses += [
                (eid, rnd.randint(1, people), rnd.choice(("going", "maybe", "applied")), stamp)
                for _ in range(20)
            ]
        await db.executemany(
            "INSERT INTO events (id, organizer_id, kind, title, description, starts_at, "
            "timezone, place, online_url, apply_by, created_at, updated_at) "
            "VALUES (?, 1, 'seminar', ?, 'Five days.', ?, ?, ?, ?, ?, ?, ?)",
            [(*e, e[-1]) for e in events],
        )
        await db.executemany(
            "INSERT INTO event_audience (event_id, dimension, value) VALUES (?, ?, ?)", audience
        )
        await db.executemany(
            "INSERT INTO event_milestones (event_id, title, due_at) VALUES (?, ?, ?)", milestones
        )
        await db.executemany(
            "INSERT INTO event_responses (event_id, user_id, status, since, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(*r, r[-1]) for r in responses],
        )

        polls, questions, recipients = [], [], []
        for pid in range(1, POLLS + 1):
            closes = NOW + timedelta(hours=rnd.randint(-24 * 10, 24 * 20))
            polls.append((pid, f"Poll {pid}: which theme first?", stamp, _iso(closes)))
            questions.append((pid, pid))
            recipients += [
                (pid, uid, rnd.choice((0, 0, 1)))
                for uid in rnd.sample(range(1, people + 1), min(people, 300))
            ]
        await db.executemany(
            "INSERT INTO polls (id, title, anonymous, created_by, created_at, closes_at) "
            "VALUES (?, ?, 0, 1, ?, ?)",
            polls,
        )
        await db.executemany(
            "INSERT INTO poll_questions (id, poll_id, position, kind, text) "
            "VALUES (?, ?, 0, 'single', 'Which theme first?')",
            questions,
        )
        await db.executemany(
            "INSERT INTO poll_recipients (poll_id, user_id, progress) VALUES (?, ?, ?)",
            recipients,
        )

        rec_id = 0
        for sid in range(1, REC_SETS + 1):
            await db.execute(
                "INSERT INTO rec_sets (id, title, created_by, created_at, sent_at, deadline) "
                "VALUES (?, ?, 1, ?, ?, ?)",
                (sid, f"Recommendations {sid}", stamp, stamp, _iso(NOW + timedelta(days=10))),
            )
            await db.execute(
                "INSERT INTO rec_sections (id, set_id, position, title) VALUES (?, ?, 0, 'Panel')",
                (sid, sid),
            )
            recs = []
            for position in range(6):
                rec_id += 1
                recs.append(rec_id)
                await db.execute(
                    "INSERT INTO recommendations (id, set_id, section_id, position, text) "
                    "VALUES (?, ?, ?, ?, 'Work together.')",
                    (rec_id, sid, sid, position),
                )
                await db.execute(
                    "INSERT INTO recommendation_groups (recommendation_id, grp) VALUES (?, 'cso')",
                    (rec_id,),
                )
            addressed = rnd.sample(range(1, orgs + 1), min(orgs, 60))
            await db.executemany(
                "INSERT INTO rec_addressees (set_id, org_id, grp) VALUES (?, ?, 'cso')",
                [(sid, oid) for oid in addressed],
            )
            await db.executemany(
                "INSERT INTO rec_answers (recommendation_id, org_id, verdict, answered_at, "
                "revision) VALUES (?, ?, 'accept', ?, 1)",
                [(r, oid, stamp) for oid in addressed[::2] for r in recs[: rnd.randint(1, 6)]],
            )

        consultations, messages = [], []
        for cid in range(1, CONSULTATIONS + 1):
            created = NOW - timedelta(hours=rnd.randint(1, 24 * 30))
            taken = created + timedelta(hours=rnd.randint(1, 48))
            status = rnd.choice(("open", "taken", "resolved"))
            consultations.append(
                (
                    cid,
                    rnd.randint(1, people),
                    rnd.choice(THEMES),
                    rnd.choice(CENTRAL_ASIA),
                    status,
                    _iso(created),
                    _iso(taken) if status != "open" else None,
                    _iso(taken + timedelta(hours=24)) if status == "resolved" else None,
                )
            )
            if status != "open":
                messages += [
                    (cid, _iso(taken + timedelta(hours=h))) for h in range(1, rnd.randint(2, 5))
                ]
        await db.executemany(
            "INSERT INTO consultations (id, asker_id, theme, country, language, question, "
            "status, created_at, taken_at, resolved_at) "
            "VALUES (?, ?, ?, ?, 'ru', 'How?', ?, ?, ?, ?)",
            consultations,
        )
        await db.executemany(
            "INSERT INTO consultation_messages (consultation_id, author, body, created_at) "
            "VALUES (?, 'expert', 'Like this.', ?)",
            messages,
        )


async def build_for(services, notices, people: int, memory: bool) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    """Build and render the digests of persons 1..people: seconds, peak MB (when
    `memory`: tracemalloc slows allocations, so time and memory are measured in separate
    runs), digests that would be sent, messages (pages) they make."""
    rows = await services.digests.due(NOW, people)
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    digests = await services.digests.build(
        [(d.user_id, datetime.fromisoformat(d.last_at) if d.last_at else None) for d in rows],
        NOW,
    )
    pages = 0
    sent = 0
    for due, digest in zip(rows, digests, strict=True):
        if digest.empty:
            continue
        sent += 1
        pages += len(notices.digest(digest, NOW)(due.language or "ru", due.timezone or "UTC"))
    elapsed = time.perf_counter() - started
    peak = 0
    if memory:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, peak / 2**20, sent, pages


async def measure(people: int, size: int, memory: bool) -> None:
    """One size, in a process of its own (nothing memoized by an earlier size)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.db")
        await generate(db, people)
        notices = RenderedNotices(build_i18n("ru"))
        services = build_services(
            db,
            notices,
            lambda: NOW,
            admin_ids=frozenset(),
            default_locale="ru",
            default_timezone="Asia/Almaty",
        )
        elapsed, peak, sent, pages = await build_for(services, notices, size, memory)
        await db.close()
    print(
        f"people={size} build_s={elapsed:.2f} peak_mb={peak:.1f} digests={sent} "
        f"messages={pages} per_person_ms={elapsed / size * 1000:.2f}"
    )


def _run(people: int, size: int, memory: bool) -> dict[str, str]:
    command = [sys.executable, __file__, "--people", str(people), "--only", str(size)]
    run = subprocess.run(
        [*command, *(["--memory"] if memory else [])], capture_output=True, text=True, check=True
    )
    line = run.stdout.strip().splitlines()[-1]
    return dict(part.split("=") for part in line.split())


def main(people: int) -> None:
    sizes = [n for n in (1_000, 3_000, 10_000) if n <= people] or [people]
    print(
        f"database: {people} people, {EVENTS} events, {POLLS} polls, {REC_SETS} "
        f"recommendation sets, {CONSULTATIONS} consultations (seed {SEED})"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.system()}"
    )
    figures: dict[int, tuple[float, float]] = {}
    for size in sizes:
        timed, traced = (_run(people, size, memory) for memory in (False, True))
        print(
            f"people={size} build_s={timed['build_s']} peak_mb={traced['peak_mb']} "
            f"digests={timed['digests']} messages={timed['messages']} "
            f"per_person_ms={timed['per_person_ms']}"
        )
        figures[size] = (float(timed["build_s"]), float(traced["peak_mb"]))
    first, last = sizes[0], sizes[-1]
    growth = figures[last][0] / figures[first][0] if figures[first][0] else 0.0
    print(
        f"people={last} build_s={figures[last][0]:.2f} peak_mb={figures[last][1]:.1f} "
        f"growth={growth:.1f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--only", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        asyncio.run(measure(args.people, args.only, args.memory))
    else:
        main(args.people)
