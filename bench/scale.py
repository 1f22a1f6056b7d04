"""The main screens at ten times a regional network, end to end.

A database is generated with a fixed seed, through the real migrations: 10,000
organizations (themes, countries, members; most approved), 100,000 people (language,
country, notification settings, interests), 300 experts, 40 organizers, 5,000 events over
a year and a half (audiences by theme, country, type and role, key dates, forms, 300,000
answers, and each one's announcement in the outbox: 500,000 rows), 1,000 polls (questions,
options, recipients, answers; a quarter anonymous), 10,000 consultation requests (a fifth
open in the experts' queue) with their conversations, and 50 recommendation sets with
addressees and answers. Then the real bot runs on a copy of it against the local Bot API
emulator (`SandboxHarness`), and each main screen is asked for again and again, by
different people where it makes sense: the partner directory searched by theme and by
country, a member's /events, an organizer's /myevents, the organizer's card of one of their
events (its answers and its announcement's progress) and the CSV of who answered it, the
results of a poll with thousands of answers, an expert's /queue, and the admins' figures
(/admin). Each time is measured
from the update queued at the emulator to the bot having finished it (its reply sent), and
each reply is checked, so that an error message is never what is timed. The SQL statements
one rendering runs are counted too, and the renderings during which CPython ran a full
garbage collection. The bot runs as `csobot run` runs it: on uvloop, with the garbage
collector settled after start-up (`bot.event_loop`). A minute or two, a third of it
generating the database.

    python bench/scale.py [--reps 100] [--keep PATH] [--only SCREEN ...] [--plans]

`--keep PATH` keeps the generated database there (and reuses it when it exists); `--plans`
prints each screen's queries with SQLite's plan and time for each, on the generated
database. The last line holds the figures as key=value pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import logging
import math
import os
import platform
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bot.app as app_module
from bot import event_loop
from bot.catalog import KINDS, THEMES
from bot.countries import CENTRAL_ASIA, TIMEZONES
from bot.db.database import Database
from bot.domain.events import ANNOUNCEMENT
from bot.domain.polls import POLL
from bot.sandbox.emulator import Message
from bot.sandbox.harness import ManualClock, SandboxHarness
from bot.sandbox.users import SandboxUser, find_button
from bot.ui.callbacks import EventAdmin, PollView

SEED = 2027
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
LANGUAGES = ("ru", "kk", "ky", "tg", "tk", "uz", "en")
ANSWER_LANGUAGES = ("ru", "kk", "ky", "tg", "uz", "en")

PEOPLE = 100_000
ORGANIZATIONS = 10_000
EVENTS = 5_000
POLLS = 1_000
CONSULTATIONS = 10_000
REC_SETS = 50
EXPERTS = 300
ORGANIZERS = 40
ANNOUNCED_TO = 100  # outbox rows of each event's announcement

# who the benchmark speaks as
BUSY_ORGANIZER = 1  # a tenth of the events and polls are theirs
FIRST_EXPERT = 101  # experts are 101..400
ADMIN_ID = PEOPLE + 1
BIG_POLL = 1  # the busy organizer's named poll to 5,000 people
BIG_POLL_RECIPIENTS = 5_000
BIG_POLL_QUESTIONS = 5

SCREENS = (
    "directory_theme",
    "directory_country",
    "events",
    "myevents",
    "event_answers",
    "event_roster",
    "poll_results",
    "expert_queue",
    "admin_figures",
)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _name(uid: int) -> str:
    """The Telegram first name the benchmark gives person `uid`."""
    return f"Person {uid}"


# ---------------------------------------------------------------------------- generating


async def generate(db: Database) -> dict[str, int]:
    """Fill `db` (migrated, empty) with the network; returns how many rows each table got."""
    rnd = random.Random(SEED)
    stamp = _iso(NOW - timedelta(days=400))
    counts: dict[str, int] = {}

    async def insert(table: str, sql: str, rows: list[tuple[Any, ...]]) -> None:
        await db.executemany(sql, rows)
        counts[table] = counts.get(table, 0) + len(rows)

    async with db.transaction():
        # people: the organizers (1..40) and the admin read English, the others any language
        users, settings = [], []
        for uid in range(1, PEOPLE + 2):
            country = rnd.choice(CENTRAL_ASIA)
            staff = uid <= ORGANIZERS or uid == ADMIN_ID or FIRST_EXPERT <= uid < 1000
            language = "en" if staff else rnd.choice(LANGUAGES)
            active = 0 if rnd.random() < 0.03 and uid > 1000 else 1
            users.append(
                (uid, language, country, TIMEZONES[country], active, stamp, stamp, _name(uid))
            )
            digest = rnd.choice(("off", "off", "daily", "weekly"))
            settings.append(
                (
                    uid,
                    digest,
                    rnd.randint(0, 6),
                    rnd.randint(7, 20),
                    None if digest == "off" else _iso(NOW + timedelta(hours=rnd.randint(1, 24))),
                    None if digest == "off" else _iso(NOW - timedelta(days=1)),
                    stamp,
                )
            )
        await insert(
            "users",
            "INSERT INTO users (id, language, language_chosen, country, timezone, is_active, "
            "created_at, updated_at, search_name) VALUES (?, ?, 1, ?, ?, ?, ?, ?, lower(?))",
            users,
        )
        await insert(
            "notification_settings",
            "INSERT INTO notification_settings (user_id, digest, digest_day, digest_hour, "
            "next_digest_at, last_digest_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            settings,
        )
        await insert(
            "interest_themes",
            "INSERT INTO interest_themes (user_id, theme) VALUES (?, ?)",
            [(uid, t) for uid in range(5, PEOPLE + 1, 10) for t in rnd.sample(THEMES, 3)],
        )
        await insert(
            "interest_countries",
            "INSERT INTO interest_countries (user_id, country) VALUES (?, ?)",
            [(uid, rnd.choice(CENTRAL_ASIA)) for uid in range(7, PEOPLE + 1, 20)],
        )
        await insert(
            "notification_modes",
            "INSERT INTO notification_modes (user_id, category, mode) VALUES (?, ?, ?)",
            [
                (
                    uid,
                    rnd.choice(("events", "polls", "organizations")),
                    rnd.choice(("digest", "off")),
                )
                for uid in range(3, PEOPLE + 1, 25)
            ],
        )
        await insert(
            "user_roles",
            "INSERT INTO user_roles (user_id, role, granted_at) VALUES (?, 'organizer', ?)",
            [(uid, stamp) for uid in range(1, ORGANIZERS + 1)],
        )
        await insert(
            "blocked_people",
            "INSERT INTO blocked_people (user_id, blocked_by, blocked_at) VALUES (?, ?, ?)",
            [(uid, ADMIN_ID, stamp) for uid in rnd.sample(range(1001, PEOPLE + 1), 60)],
        )

        # organizations: a coordinator each (nobody coordinates two), four more members
        coordinators = rnd.sample(range(1001, PEOPLE + 1), ORGANIZATIONS)
        orgs, org_themes, members, audit = [], [], [], []
        for oid in range(1, ORGANIZATIONS + 1):
            roll = rnd.random()
            status = (
                "approved"
                if roll < 0.96
                else "pending"
                if roll < 0.98
                else "rejected"
                if roll < 0.99
                else "closed"
            )
            created = NOW - timedelta(hours=rnd.randint(24, 24 * 700))
            decided = created + timedelta(hours=rnd.randint(1, 72))
            name = f"{rnd.choice(_ORG_WORDS)} {rnd.choice(_ORG_PLACES)} {oid}"
            coordinator = coordinators[oid - 1]
            orgs.append(
                (
                    oid,
                    name,
                    name.casefold(),
                    rnd.choice(KINDS),
                    rnd.choice(CENTRAL_ASIA),
                    rnd.choice(_ORG_PLACES),
                    "We work with communities of the region on their own projects.",
                    "+996 555 000 000" if oid % 3 else None,
                    int(oid % 3 != 0),
                    status,
                    coordinator,
                    _iso(created),
                    _iso(created),
                    None if status == "pending" else _iso(decided),
                )
            )
            org_themes += [(oid, t) for t in rnd.sample(THEMES, rnd.randint(1, 3))]
            if status == "approved":
                members.append((oid, coordinator, _iso(decided)))
                members += [(oid, rnd.randint(1001, PEOPLE), _iso(decided)) for _ in range(4)]
            if status != "pending":
                audit.append(
                    (ADMIN_ID, f"organization.{status}", "organization", oid, coordinator, stamp)
                )
        await insert(
            "organizations",
            "INSERT INTO organizations (id, name, name_key, kind, country, region, description, "
            "public_contact, contact_consent, status, coordinator_id, created_at, updated_at, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            orgs,
        )
        await insert(
            "organization_themes",
            "INSERT INTO organization_themes (organization_id, theme) VALUES (?, ?)",
            org_themes,
        )
        await insert(
            "organization_members",
            "INSERT INTO organization_members (organization_id, user_id, display_name, "
            "joined_at) VALUES (?, ?, 'A member', ?) ON CONFLICT DO NOTHING",
            members,
        )
        await insert(
            "audit_log",
            "INSERT INTO audit_log (actor_id, action, subject_type, subject_id, "
            "subject_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            audit,
        )
        approved = [o[0] for o in orgs if o[9] == "approved"]
        await insert(
            "partnerships",
            "INSERT INTO partnerships (from_org, to_org, status, created_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (a, b, rnd.choice(("pending", "accepted", "declined")), stamp)
                for a, b in (rnd.sample(approved, 2) for _ in range(2_000))
            ],
        )

        # experts 101..400: themes, countries and languages of answers
        experts, e_themes, e_countries, e_languages = [], [], [], []
        expert_ids = list(range(FIRST_EXPERT, FIRST_EXPERT + EXPERTS))
        for uid in expert_ids:
            roll = rnd.random()
            status = "approved" if roll < 0.9 else "pending" if roll < 0.97 else "rejected"
            available = 0 if rnd.random() < 0.15 and uid >= FIRST_EXPERT + 10 else 1
            experts.append(
                (uid, "Twenty years of work with rural cooperatives.", status, available)
            )
            e_themes += [(uid, t) for t in rnd.sample(THEMES, rnd.randint(3, 6))]
            e_countries += [(uid, c) for c in rnd.sample(CENTRAL_ASIA, rnd.randint(2, 4))]
            e_languages += [
                (uid, lang) for lang in {"ru", *rnd.sample(ANSWER_LANGUAGES, rnd.randint(1, 3))}
            ]
        await insert(
            "experts",
            "INSERT INTO experts (user_id, bio, status, available, created_at, updated_at, "
            f"decided_at) VALUES (?, ?, ?, ?, '{stamp}', '{stamp}', '{stamp}')",
            experts,
        )
        await insert(
            "expert_themes", "INSERT INTO expert_themes (user_id, theme) VALUES (?, ?)", e_themes
        )
        await insert(
            "expert_countries",
            "INSERT INTO expert_countries (user_id, country) VALUES (?, ?)",
            e_countries,
        )
        await insert(
            "expert_languages",
            "INSERT INTO expert_languages (user_id, language) VALUES (?, ?)",
            e_languages,
        )
        approved_experts = [e[0] for e in experts if e[2] == "approved"]

        await _generate_events(db, rnd, insert)
        await _generate_polls(db, rnd, insert)

        # consultations: a fifth open, a fifth in progress, the rest resolved
        consultations, messages = [], []
        for cid in range(1, CONSULTATIONS + 1):
            created = NOW - timedelta(hours=rnd.randint(1, 24 * 365))
            roll = rnd.random()
            status = "open" if roll < 0.2 else "taken" if roll < 0.4 else "resolved"
            anonymous = int(rnd.random() < 0.3)
            taken = created + timedelta(hours=rnd.randint(1, 48))
            answered = taken + timedelta(hours=rnd.randint(1, 24))
            consultations.append(
                (
                    cid,
                    rnd.randint(1001, PEOPLE),
                    None if anonymous else "An asker",
                    anonymous,
                    rnd.choice(THEMES),
                    rnd.choice(CENTRAL_ASIA),
                    rnd.choice(ANSWER_LANGUAGES),
                    "How do we register a cooperative of women in a village?",
                    status,
                    None if status == "open" else rnd.choice(approved_experts),
                    rnd.randint(1, 5) if status == "resolved" and rnd.random() < 0.6 else None,
                    _iso(created),
                    None if status == "open" else _iso(taken),
                    None if status == "open" else _iso(answered),
                    _iso(answered + timedelta(days=2)) if status == "resolved" else None,
                    _iso(created),
                    None if status == "open" else _iso(answered),
                    0 if status == "open" else 1,
                )
            )
            if status != "open":
                messages += [
                    (cid, "expert" if h % 2 else "asker", _iso(taken + timedelta(hours=h)))
                    for h in range(1, rnd.randint(3, 6))
                ]
        await insert(
            "consultations",
            "INSERT INTO consultations (id, asker_id, asker_name, anonymous, theme, country, "
            "language, question, status, expert_id, rating, created_at, taken_at, "
            "first_answer_at, resolved_at, opened_at, expert_answered_at, expert_turn) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            consultations,
        )
        await insert(
            "consultation_messages",
            "INSERT INTO consultation_messages (consultation_id, author, body, created_at) "
            "VALUES (?, ?, 'Start with the statute; here is a model.', ?)",
            messages,
        )

        await _generate_recommendations(db, rnd, insert, approved)
    return counts


_ORG_WORDS = (
    "Association",
    "Union",
    "Centre",
    "Foundation",
    "Coalition",
    "Network",
    "Initiative",
    "Alliance",
    "Chamber",
    "Council",
)
_ORG_PLACES = (
    "Naryn",
    "Osh",
    "Talas",
    "Karakol",
    "Almaty",
    "Shymkent",
    "Khujand",
    "Bukhara",
    "Samarkand",
    "Mary",
    "Dashoguz",
    "Taraz",
)
_EVENT_KINDS = ("info_meeting", "seminar", "webinar", "conference", "call", "other")


async def _generate_events(db: Database, rnd: random.Random, insert: Any) -> None:
    events, audience, milestones, questions, responses, answers = [], [], [], [], [], []
    campaigns, messages, outbox = [], [], []
    question_id = 0
    outbox_id = 0
    for eid in range(1, EVENTS + 1):
        organizer = BUSY_ORGANIZER if eid % 10 == 0 else rnd.randint(2, ORGANIZERS)
        starts = NOW + timedelta(hours=rnd.randint(-24 * 400, 24 * 150))
        created = min(starts, NOW) - timedelta(days=rnd.randint(5, 40))
        country = rnd.choice(CENTRAL_ASIA)
        has_form = eid % 8 == 0
        status = "cancelled" if rnd.random() < 0.04 else "published"
        events.append(
            (
                eid,
                organizer,
                rnd.choice(_EVENT_KINDS),
                f"Event {eid}: a school on coalitions and advocacy",
                "Five days of practice with trainers from the region.",
                _iso(starts),
                _iso(starts + timedelta(days=2)) if eid % 3 == 0 else None,
                TIMEZONES[country],
                "Bishkek, the House of Friendship" if eid % 2 else None,
                None if eid % 2 else "https://example.org/meet",
                rnd.randint(20, 200) if eid % 4 == 0 else None,
                _iso(starts - timedelta(days=3)) if has_form else None,
                status,
                _iso(created),
            )
        )
        if eid % 3:
            audience += [(eid, "theme", t) for t in rnd.sample(THEMES, 2)]
        if eid % 5 == 0:
            audience.append((eid, "country", country))
        if eid % 17 == 0:
            audience.append((eid, "kind", rnd.choice(KINDS)))
        if eid % 23 == 0:
            audience.append((eid, "role", "member"))
        if eid % 4 == 0:
            milestones.append((eid, "Applications close", _iso(starts - timedelta(days=3))))
        own = []
        if has_form:
            for position in range(2):
                question_id += 1
                own.append(question_id)
                questions.append((question_id, eid, position, "Why do you want to come?"))
        many = 2_000 if eid == 10 * 50 else rnd.randint(10, 110)
        for uid in set(rnd.sample(range(1, PEOPLE + 1), many)):
            status_ = rnd.choice(
                ("applied", "applied", "not_going", "waitlist")
                if has_form
                else ("going", "going", "maybe", "not_going", "waitlist")
            )
            since = _iso(created + timedelta(hours=rnd.randint(1, 96)))
            responses.append((eid, uid, _name(uid), status_, since, since))
            if status_ in ("applied", "waitlist"):
                answers += [(eid, uid, q, "To learn from the others.") for q in own]
        # the announcement, delivered to most of its readers
        campaigns.append((eid, ANNOUNCEMENT, eid, organizer, _iso(created)))
        messages.append((eid, "en UTC", f"📣 Event {eid}"))
        for uid in rnd.sample(range(1, PEOPLE + 1), ANNOUNCED_TO):
            outbox_id += 1
            roll = rnd.random()
            state = (
                "sent"
                if roll < 0.93
                else "blocked"
                if roll < 0.96
                else "failed"
                if roll < 0.98
                else "cancelled"
            )
            moment = _iso(created + timedelta(minutes=rnd.randint(1, 600)))
            outbox.append(
                (outbox_id, eid, uid, state, outbox_id if state == "sent" else None, moment)
            )
    await insert(
        "events",
        "INSERT INTO events (id, organizer_id, kind, title, description, starts_at, ends_at, "
        "timezone, place, online_url, capacity, apply_by, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*e, e[-1]) for e in events],
    )
    await insert(
        "event_audience",
        "INSERT INTO event_audience (event_id, dimension, value) VALUES (?, ?, ?)",
        audience,
    )
    await insert(
        "event_milestones",
        "INSERT INTO event_milestones (event_id, title, due_at) VALUES (?, ?, ?)",
        milestones,
    )
    await insert(
        "event_questions",
        "INSERT INTO event_questions (id, event_id, position, text) VALUES (?, ?, ?, ?)",
        questions,
    )
    await insert(
        "event_responses",
        "INSERT INTO event_responses (event_id, user_id, display_name, status, since, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        responses,
    )
    await insert(
        "event_answers",
        "INSERT INTO event_answers (event_id, user_id, question_id, answer) VALUES (?, ?, ?, ?)",
        answers,
    )
    await insert(
        "campaigns",
        "INSERT INTO campaigns (id, kind, subject_id, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        campaigns,
    )
    await insert(
        "campaign_messages",
        "INSERT INTO campaign_messages (campaign_id, variant, text) VALUES (?, ?, ?)",
        messages,
    )
    await insert(
        "outbox",
        "INSERT INTO outbox (id, campaign_id, user_id, variant, status, message_id, "
        "updated_at) VALUES (?, ?, ?, 'en UTC', ?, ?, ?)",
        outbox,
    )


async def _generate_polls(db: Database, rnd: random.Random, insert: Any) -> None:
    polls, questions, options, recipients, answers, poll_counts, texts = [], [], [], [], [], [], []
    question_id = 0
    for pid in range(1, POLLS + 1):
        big = pid == BIG_POLL
        organizer = BUSY_ORGANIZER if big or pid % 10 == 0 else rnd.randint(2, ORGANIZERS)
        anonymous = not big and pid % 4 == 0
        created = NOW - timedelta(hours=rnd.randint(24, 24 * 500))
        closes = NOW + timedelta(days=10) if big else created + timedelta(days=rnd.randint(3, 21))
        polls.append(
            (
                pid,
                f"Poll {pid}: the network's priorities for next year",
                int(anonymous),
                int(pid % 3 == 0),
                organizer,
                _iso(created),
                _iso(closes),
                _iso(closes) if closes < NOW else None,
            )
        )
        shape = []  # (question id, kind, options, other)
        count = BIG_POLL_QUESTIONS if big else rnd.randint(1, 5)
        for position in range(count):
            question_id += 1
            kind = ("single", "multiple", "rating", "single", "text")[position % 5]
            width = rnd.randint(2, 6) if kind in ("single", "multiple") else 0
            other = int(kind == "single" and rnd.random() < 0.3)
            questions.append(
                (
                    question_id,
                    pid,
                    position,
                    kind,
                    f"Question {position + 1}: what should come first?",
                    5 if kind == "rating" else None,
                    other,
                )
            )
            options += [(question_id, i, f"Option {i + 1}") for i in range(width)]
            shape.append((question_id, kind, width if kind != "rating" else 5, other))
        asked = rnd.sample(
            range(1, PEOPLE + 1), BIG_POLL_RECIPIENTS if big else rnd.randint(50, 500)
        )
        answered_at = _iso(created + timedelta(hours=5))
        for uid in asked:
            progress = 0 if rnd.random() < (0.3 if big else 0.45) else rnd.randint(1, count)
            recipients.append(
                (pid, uid, progress, None if anonymous or not progress else _name(uid))
            )
            for qid, kind, width, other in shape[:progress]:
                if kind == "text":
                    if anonymous:
                        texts.append((rnd.getrandbits(60), qid, "More trainings in villages."))
                    else:
                        answers.append((qid, uid, -1, "More trainings in villages.", answered_at))
                    continue
                if kind == "multiple":
                    chosen = rnd.sample(range(width), rnd.randint(1, width))
                else:
                    chosen = [rnd.randrange(width + other)]
                for option in chosen:
                    written = "Something else" if other and option == width else None
                    if anonymous:
                        poll_counts.append((qid, option))
                        if written:
                            texts.append((rnd.getrandbits(60), qid, written))
                    else:
                        answers.append((qid, uid, option, written, answered_at))
                if anonymous and kind == "multiple":
                    poll_counts.append((qid, -1))
    await insert(
        "polls",
        "INSERT INTO polls (id, title, anonymous, results_public, created_by, created_at, "
        "closes_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        polls,
    )
    await insert(
        "poll_questions",
        "INSERT INTO poll_questions (id, poll_id, position, kind, text, scale, other) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        questions,
    )
    await insert(
        "poll_options",
        "INSERT INTO poll_options (question_id, position, text) VALUES (?, ?, ?)",
        options,
    )
    await insert(
        "poll_recipients",
        "INSERT INTO poll_recipients (poll_id, user_id, progress, name) VALUES (?, ?, ?, ?)",
        recipients,
    )
    await insert(
        "poll_answers",
        "INSERT INTO poll_answers (question_id, user_id, option, text, answered_at) "
        "VALUES (?, ?, ?, ?, ?)",
        answers,
    )
    tallied: dict[tuple[int, int], int] = {}
    for key in poll_counts:
        tallied[key] = tallied.get(key, 0) + 1
    await insert(
        "poll_counts",
        "INSERT INTO poll_counts (question_id, option, count) VALUES (?, ?, ?)",
        [(q, o, n) for (q, o), n in tallied.items()],
    )
    await insert(
        "poll_texts",
        f"INSERT INTO poll_texts (id, question_id, text, day) VALUES (?, ?, ?, "
        f"'{NOW.date().isoformat()}') ON CONFLICT DO NOTHING",
        texts,
    )
    # the invitations went through the outbox too: their campaigns (rows only for the
    # events' announcements, to keep the generation short)
    await insert(
        "campaigns",
        "INSERT INTO campaigns (kind, subject_id, created_by, created_at) VALUES (?, ?, ?, ?)",
        [(POLL, p[0], p[4], p[5]) for p in polls],
    )


async def _generate_recommendations(
    db: Database, rnd: random.Random, insert: Any, approved: list[int]
) -> None:
    sets, sections, recs, groups, addressees, answers, history = [], [], [], [], [], [], []
    rec_id = section_id = 0
    for sid in range(1, REC_SETS + 1):
        sent = NOW - timedelta(days=rnd.randint(1, 300))
        sets.append(
            (
                sid,
                f"Recommendations of dialogue {sid}",
                rnd.randint(1, ORGANIZERS),
                _iso(sent - timedelta(days=1)),
                _iso(sent),
                _iso(sent + timedelta(days=30)),
            )
        )
        own = []
        for position in range(3):
            section_id += 1
            sections.append((section_id, sid, position, f"Panel {position + 1}"))
            for _ in range(3):
                rec_id += 1
                own.append(rec_id)
                recs.append((rec_id, sid, section_id, len(own) - 1))
                groups.append((rec_id, rnd.choice(("business", "cso", "government", "donor"))))
        addressed = rnd.sample(approved, 300)
        addressees += [(sid, oid) for oid in addressed]
        for oid in addressed[::2]:
            for rid in own[: rnd.randint(1, len(own))]:
                verdict = rnd.choice(("accept", "partial", "disagree", "not_applicable"))
                text = None if verdict in ("accept", "not_applicable") else "In part: the budget."
                moment = _iso(sent + timedelta(days=rnd.randint(1, 20)))
                answers.append((rid, oid, verdict, text, moment))
                history.append((rid, oid, verdict, text, moment))
    await insert(
        "rec_sets",
        "INSERT INTO rec_sets (id, title, created_by, created_at, sent_at, deadline) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        sets,
    )
    await insert(
        "rec_sections",
        "INSERT INTO rec_sections (id, set_id, position, title) VALUES (?, ?, ?, ?)",
        sections,
    )
    await insert(
        "recommendations",
        "INSERT INTO recommendations (id, set_id, section_id, position, text) "
        "VALUES (?, ?, ?, ?, 'Plan the budget together with the communities.')",
        recs,
    )
    await insert(
        "recommendation_groups",
        "INSERT INTO recommendation_groups (recommendation_id, grp) VALUES (?, ?)",
        groups,
    )
    await insert(
        "rec_addressees",
        "INSERT INTO rec_addressees (set_id, org_id, grp) VALUES (?, ?, 'cso')",
        addressees,
    )
    await insert(
        "rec_answers",
        "INSERT INTO rec_answers (recommendation_id, org_id, verdict, text, answered_at, "
        "revision) VALUES (?, ?, ?, ?, ?, 1)",
        answers,
    )
    await insert(
        "rec_answer_history",
        "INSERT INTO rec_answer_history (recommendation_id, org_id, verdict, text, "
        "answered_at, revision) VALUES (?, ?, ?, ?, ?, 1)",
        history,
    )


# ---------------------------------------------------------------------------- measuring


class Statements:
    """Counts the statements the repositories run (each `Database` call that reaches
    SQLite once: fetchone and fetchval go through fetchall)."""

    def __init__(self) -> None:
        self.count = 0
        self.recorded: list[tuple[str, Any]] | None = None  # (sql, parameters) when recording

    def install(self) -> None:
        for name in ("fetchall", "execute", "executemany", "rowcount", "returning"):
            original = getattr(Database, name)

            @functools.wraps(original)
            async def counted(db: Database, *args: Any, __original: Any = original) -> Any:
                self.count += 1
                if self.recorded is not None:
                    self.recorded.append((args[0], args[1] if len(args) > 1 else ()))
                return await __original(db, *args)

            setattr(Database, name, counted)
        together = getattr(Database, "write_together", None)
        if together is not None:  # several writes in one trip: each counts

            @functools.wraps(together)
            async def counted_together(db: Database, statements: Any) -> Any:
                self.count += len(statements)
                if self.recorded is not None:
                    self.recorded += list(statements)
                return await together(db, statements)

            Database.write_together = counted_together  # type: ignore[attr-defined]


def _percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile: of 100 values, p99 is the second largest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class FullCollections:
    """CPython's full garbage collections (generation 2), as `gc.callbacks` reports them:
    they stop the whole process, so an update being handled then waits for them."""

    def __init__(self) -> None:
        self.count = 0
        self.longest = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.longest = max(self.longest, time.perf_counter() - self._started)


@dataclass(frozen=True)
class Timing:
    latency: float  # seconds, from the update queued to the bot having finished it
    statements: int
    full_gcs: int  # full collections that ran meanwhile


@dataclass
class Result:
    screen: str
    latencies: list[float]
    statements: int
    full_gcs: int  # renderings during which a full collection ran
    recorded: list[tuple[str, Any]]  # the statements of one rendering

    @property
    def p50_ms(self) -> float:
        return _percentile(self.latencies, 0.5) * 1000

    @property
    def p99_ms(self) -> float:
        return _percentile(self.latencies, 0.99) * 1000


class Bench:
    """The bot on the generated database, and the people who ask for its screens."""

    def __init__(
        self,
        harness: SandboxHarness,
        facts: Facts,
        statements: Statements,
        collections: FullCollections,
    ) -> None:
        self.harness = harness
        self.facts = facts
        self.statements = statements
        self.collections = collections
        self._users: dict[int, SandboxUser] = {}

    def user(self, uid: int) -> SandboxUser:
        if uid not in self._users:
            self._users[uid] = self.harness.user(uid, _name(uid), "en")
        return self._users[uid]

    def _start(self) -> tuple[int, int, float]:
        return self.statements.count, self.collections.count, time.perf_counter()

    async def _timed(self, update_id: int, start: tuple[int, int, float]) -> Timing:
        statements, collections, started = start
        await self.harness.settle(update_id)
        return Timing(
            self.harness.tracker.finished_at[update_id] - started,
            self.statements.count - statements,
            self.collections.count - collections,
        )

    async def send(self, uid: int, text: str) -> Timing:
        """A message from `uid`, timed until the bot has handled it."""
        person = self.user(uid).person
        start = self._start()
        return await self._timed(self.harness.emulator.user_message(person, text), start)

    async def press(
        self, uid: int, button: str | int | None = None, data: str | None = None
    ) -> Timing:
        """A press on the person's newest message with buttons: `button` (its text or
        number) or callback `data`."""
        user = self.user(uid)
        message = user.last_with_buttons()
        if data is None:
            assert button is not None
            data = find_button(message, button)["callback_data"]
        start = self._start()
        update_id, _query = self.harness.emulator.press_button(user.person, message, data)
        return await self._timed(update_id, start)

    def last(self, uid: int) -> Message:
        return self.user(uid).last


def _check(condition: bool, screen: str, message: Message) -> None:
    if not condition:
        raise AssertionError(f"{screen}: unexpected reply {message.text!r} {message.buttons()}")


def _texts(message: Message) -> list[str]:
    return [b["text"] for b in message.buttons()]


@dataclass
class Facts:
    """What the generated database holds that the screens must show, read with plain SQL."""

    members: list[int]  # people of approved organizations, reading English
    experts: list[int]  # approved experts taking requests
    own_events: list[int]  # the busy organizer's events, latest start first
    answered: dict[int, int]  # event: how many answered it
    orgs_by_theme: dict[str, int]
    orgs_by_country: dict[str, int]
    takeable: dict[int, int]  # expert: requests they may take
    approved_orgs: int


def read_facts(path: Path, reps: int) -> Facts:
    conn = sqlite3.connect(path)
    try:
        members = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT m.user_id FROM organization_members m JOIN organizations o "
                "ON o.id = m.organization_id AND o.status = 'approved' JOIN users u "
                "ON u.id = m.user_id WHERE u.language = 'en' AND u.is_active = 1 "
                "AND m.user_id NOT IN (SELECT user_id FROM blocked_people) "
                "AND m.user_id NOT IN (SELECT coordinator_id FROM organizations) "
                "ORDER BY m.user_id"
            )
        ]
        experts = [
            r[0]
            for r in conn.execute(
                "SELECT user_id FROM experts WHERE status = 'approved' AND available = 1 "
                "ORDER BY user_id"
            )
        ]
        takeable = {
            e: conn.execute(
                "SELECT COUNT(*) FROM consultations c WHERE c.status = 'open' "
                "AND c.asker_id <> :e "
                "AND c.theme IN (SELECT theme FROM expert_themes WHERE user_id = :e) "
                "AND c.country IN (SELECT country FROM expert_countries WHERE user_id = :e) "
                "AND c.language IN (SELECT language FROM expert_languages WHERE user_id = :e)",
                {"e": e},
            ).fetchone()[0]
            for e in experts
        }
        return Facts(
            members=random.Random(SEED).sample(members, min(len(members), reps)),
            experts=experts[:20],
            own_events=[
                r[0]
                for r in conn.execute(
                    "SELECT id FROM events WHERE organizer_id = ? ORDER BY starts_at DESC, id DESC",
                    (BUSY_ORGANIZER,),
                )
            ],
            answered=dict(
                conn.execute(
                    "SELECT r.event_id, COUNT(*) FROM event_responses r JOIN events e "
                    "ON e.id = r.event_id WHERE e.organizer_id = ? GROUP BY r.event_id",
                    (BUSY_ORGANIZER,),
                ).fetchall()
            ),
            orgs_by_theme=dict(
                conn.execute(
                    "SELECT t.theme, COUNT(*) FROM organization_themes t JOIN organizations o "
                    "ON o.id = t.organization_id WHERE o.status = 'approved' GROUP BY t.theme"
                ).fetchall()
            ),
            orgs_by_country=dict(
                conn.execute(
                    "SELECT country, COUNT(*) FROM organizations WHERE status = 'approved' "
                    "GROUP BY country"
                ).fetchall()
            ),
            takeable=takeable,
            approved_orgs=conn.execute(
                "SELECT COUNT(*) FROM organizations WHERE status = 'approved'"
            ).fetchone()[0],
        )
    finally:
        conn.close()


Step = Callable[[Bench, int], Awaitable[Timing]]


async def directory(b: Bench, i: int, by: str) -> Timing:
    """A member opens /orgs, picks a theme (or a country), and asks for the list: timed
    from «Show»."""
    uid = b.facts.members[i % len(b.facts.members)]
    await b.send(uid, "/orgs")
    if by == "theme":
        value = THEMES[i % len(THEMES)]
        expected = b.facts.orgs_by_theme[value]
        await b.press(uid, "🏷")
        await b.press(uid, THEMES.index(value) + 2)  # after «Any»
    else:
        value = CENTRAL_ASIA[i % len(CENTRAL_ASIA)]
        expected = b.facts.orgs_by_country[value]
        await b.press(uid, "📍")
        await b.press(uid, CENTRAL_ASIA.index(value) + 2)
    show = next(t for t in _texts(b.user(uid).last_with_buttons()) if t.startswith("🔎"))
    timed = await b.press(uid, show)
    reply = b.last(uid)
    _check(f"Found {expected:,} organizations." in (reply.text or ""), f"directory by {by}", reply)
    names = [t for t in _texts(reply) if " · " in t]
    _check(len(names) == 8, f"directory by {by}", reply)
    return timed


async def events(b: Bench, i: int) -> Timing:
    uid = b.facts.members[i % len(b.facts.members)]
    timed = await b.send(uid, "/events")
    reply = b.last(uid)
    _check("Upcoming events" in (reply.text or ""), "events", reply)
    titles = [t for t in _texts(reply) if "Event " in t]
    _check(len(titles) == 6, "events", reply)
    return timed


async def myevents(b: Bench, i: int) -> Timing:
    timed = await b.send(BUSY_ORGANIZER, "/myevents")
    reply = b.last(BUSY_ORGANIZER)
    pages = -(-len(b.facts.own_events) // 8)
    text = reply.text or ""
    _check(f"Your events (page 1 of {pages})" in text, "myevents", reply)
    first = b.facts.own_events[0]
    _check(f"Event {first}:" in text and "Event " in _texts(reply)[0], "myevents", reply)
    return timed


async def event_answers(b: Bench, i: int) -> Timing:
    """The organizer's card of one of their events: its answers and announcement."""
    own = b.facts.own_events
    event_id = 500 if i == 0 else own[(i * 7) % len(own)]
    if i == 0 or not b.user(BUSY_ORGANIZER).messages:
        await b.send(BUSY_ORGANIZER, "/myevents")
    timed = await b.press(BUSY_ORGANIZER, data=EventAdmin(action="open", event_id=event_id).pack())
    reply = b.last(BUSY_ORGANIZER)
    text = reply.text or ""
    _check(f"Event {event_id}:" in text and "Announcement:" in text, "event answers", reply)
    _check(any("Answers (CSV)" in t for t in _texts(reply)), "event answers", reply)
    return timed


async def event_roster(b: Bench, i: int) -> Timing:
    """Who answered one of the busy organizer's events, as the CSV the card's «👥 Answers»
    sends; asked by the admin, whom the 30 files a day of organizers do not limit."""
    own = b.facts.own_events
    event_id = 500 if i == 0 else own[(i * 7) % len(own)]
    if not b.user(ADMIN_ID).messages:
        await b.send(ADMIN_ID, "/myevents")
    timed = await b.press(ADMIN_ID, data=EventAdmin(action="roster", event_id=event_id).pack())
    reply = b.last(ADMIN_ID)
    rows = reply.document.content.decode("utf-8-sig").splitlines() if reply.document else []
    _check(len(rows) == 1 + b.facts.answered.get(event_id, 0), "event roster", reply)
    _check(rows[0].startswith("Name,Telegram username,Answer,Answered at"), "event roster", reply)
    return timed


async def poll_results(b: Bench, i: int) -> Timing:
    """The busy organizer's named poll to 5,000 people, a question at a time."""
    if i == 0 or not b.user(BUSY_ORGANIZER).messages:
        await b.send(BUSY_ORGANIZER, "/polls")
    question = i % BIG_POLL_QUESTIONS
    timed = await b.press(
        BUSY_ORGANIZER,
        data=PollView(action="open", poll_id=BIG_POLL, question=question).pack(),
    )
    reply = b.last(BUSY_ORGANIZER)
    text = reply.text or ""
    _check(
        f"Poll {BIG_POLL}:" in text
        and "Answered every question:" in text
        and f"Question {question + 1} of {BIG_POLL_QUESTIONS}" in text,
        "poll results",
        reply,
    )
    return timed


async def expert_queue(b: Bench, i: int) -> Timing:
    uid = b.facts.experts[i % len(b.facts.experts)]
    timed = await b.send(uid, "/queue")
    reply = b.last(uid)
    expected = b.facts.takeable[uid]
    _check(f"Requests you can take: {expected}" in (reply.text or ""), "expert queue", reply)
    offers = [t for t in _texts(reply) if t.startswith("✋")]
    _check(len(offers) == min(8, expected), "expert queue", reply)
    return timed


async def admin_figures(b: Bench, i: int) -> Timing:
    timed = await b.send(ADMIN_ID, "/admin")
    reply = b.last(ADMIN_ID)
    _check(
        f"Organizations: {b.facts.approved_orgs:,} approved" in (reply.text or ""),
        "admin figures",
        reply,
    )
    return timed


STEPS: dict[str, Step] = {
    "directory_theme": lambda b, i: directory(b, i, "theme"),
    "directory_country": lambda b, i: directory(b, i, "country"),
    "events": events,
    "myevents": myevents,
    "event_answers": event_answers,
    "event_roster": event_roster,
    "poll_results": poll_results,
    "expert_queue": expert_queue,
    "admin_figures": admin_figures,
}
WARM_UP = 3


async def measure(
    path: Path, facts: Facts, reps: int, only: list[str]
) -> tuple[list[Result], FullCollections]:
    statements = Statements()
    statements.install()
    collections = FullCollections()
    # At start-up the bot sets the command menu of every role holder, one setMyCommands
    # each: nearly 10,000 coordinators here, longer than the harness waits for polling to
    # begin. The screens do not depend on it.
    skipped = []

    async def not_published(_bot: Any, _i18n: Any, person: Any) -> None:
        skipped.append(person.id)

    app_module.publish_person_commands = not_published  # type: ignore[assignment]
    results = []
    async with SandboxHarness(
        path,
        admin_ids=frozenset({ADMIN_ID}),
        clock=ManualClock(NOW),
        throttling={"rate_per_s": 1000.0, "burst": 1000},
    ) as harness:
        harness.drain_on_settle = False  # these screens queue nothing
        print(f"  start-up: {len(skipped):,} personal command menus not published", file=sys.stderr)
        event_loop.settle_after_startup()  # as `csobot run` does
        gc.callbacks.append(collections)
        bench = Bench(harness, facts, statements, collections)
        for screen in only:
            step = STEPS[screen]
            timings: list[Timing] = []
            for i in range(-WARM_UP, reps):
                timing = await step(bench, i % reps if i < 0 else i)
                if i >= 0:
                    timings.append(timing)
            statements.recorded = []
            await step(bench, 1)  # once more, its statements recorded (for --plans)
            recorded, statements.recorded = statements.recorded, None
            result = Result(
                screen,
                [t.latency for t in timings],
                # the sender's idle poll may fall into a rendering: the fewest is the screen's
                min(t.statements for t in timings),
                sum(1 for t in timings if t.full_gcs),
                recorded,
            )
            results.append(result)
            print(
                f"  {screen}: p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms",
                file=sys.stderr,
            )
        gc.callbacks.remove(collections)
    return results, collections


async def build(path: Path) -> None:
    started = time.perf_counter()
    db = await Database.open(path)
    try:
        counts = await generate(db)
    finally:
        await db.close()
    rows = sum(counts.values())
    print(
        f"generated {rows:,} rows in {time.perf_counter() - started:.1f} s "
        f"({path.stat().st_size / 2**20:.0f} MB)",
        file=sys.stderr,
    )


def print_plans(path: Path, results: list[Result]) -> None:
    """Each distinct statement of each screen's rendering (its setup steps included), with
    SQLite's plan for it on the generated database and its time there."""
    conn = sqlite3.connect(path)
    try:
        for result in results:
            print(f"== {result.screen}")
            seen = set()
            for sql, params in result.recorded:
                if sql in seen or not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                seen.add(sql)
                started = time.perf_counter()
                conn.execute(sql, params).fetchall()
                took = (time.perf_counter() - started) * 1000
                print(f"-- {took:6.2f} ms  {' '.join(sql.split())[:300]}")
                for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params):
                    print(f"     {row[3]}")
    finally:
        conn.close()


def _cpu() -> str:
    """The processor's model name, where Linux tells it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the generated database here")
    parser.add_argument("--only", nargs="*", choices=SCREENS, default=list(SCREENS))
    parser.add_argument(
        "--plans", action="store_true", help="print each screen's queries with their plans"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(
        f"database: {PEOPLE:,} people, {ORGANIZATIONS:,} organizations, {EVENTS:,} events, "
        f"{POLLS:,} polls, {CONSULTATIONS:,} consultations, {REC_SETS} recommendation sets "
        f"(seed {SEED}); {args.reps} repetitions a screen"
    )
    print(
        f"machine: {platform.machine()} {_cpu()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = args.keep or Path(tmp) / "generated.db"
        if not source.exists():
            asyncio.run(build(source))
        copy = Path(tmp) / "bot.db"
        shutil.copyfile(source, copy)  # the bot writes (its conversation state): a copy
        facts = read_facts(copy, args.reps)
        # on the event loop and with the garbage collector `csobot run` sets up
        results, collections = event_loop.run(measure(copy, facts, args.reps, args.only))
        if args.plans:
            print_plans(copy, results)
    print(f"{'screen':<20} {'p50 ms':>8} {'p99 ms':>8} {'statements':>11} {'full GCs':>9}")
    for r in results:
        print(
            f"{r.screen:<20} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f} {r.statements:>11} {r.full_gcs:>9}"
        )
    print(
        f"(statements: those one rendering runs; full GCs: renderings during which CPython "
        f"ran a full collection, {collections.count} in all, the longest "
        f"{collections.longest * 1000:.0f} ms)"
    )
    slowest = max(results, key=lambda r: r.p99_ms)
    print(
        f"slowest_screen={slowest.screen} slowest_p99_ms={slowest.p99_ms:.1f} "
        + " ".join(f"{r.screen}_p99_ms={r.p99_ms:.1f}" for r in results)
    )


if __name__ == "__main__":
    main()
