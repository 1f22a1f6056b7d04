"""Events, their milestones, audience, application form, answers and reminders."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.db.database import Database

DIMENSIONS = ("theme", "country", "kind", "role")
ANNOUNCEMENT = "event.announce"  # the campaign kind of an event's announcement
RESPONSES = ("going", "maybe", "not_going", "waitlist", "applied")


@dataclass(frozen=True, slots=True)
class Milestone:
    title: str
    due_at: datetime
    link: str | None = None
    id: int = 0


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    options: tuple[str, ...] = ()  # empty: a free-text answer
    id: int = 0


@dataclass(frozen=True, slots=True)
class EventDetails:
    """What the organizer writes; the same for a new event and an edit."""

    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime | None
    dates_tbc: bool
    timezone: str
    place: str | None = None
    online_url: str | None = None
    contact: str | None = None
    capacity: int | None = None
    apply_by: datetime | None = None
    milestones: tuple[Milestone, ...] = ()
    questions: tuple[Question, ...] = ()
    audience: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    organizer_id: int | None
    status: str
    version: int
    details: EventDetails


@dataclass(frozen=True, slots=True)
class RosterEntry:
    user_id: int
    display_name: str
    status: str
    since: datetime
    answers: dict[int, str]


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    event_id: int
    kind: str
    milestone_id: int | None
    target_at: datetime


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# A person's reach for audience matching: their country, their approved organizations'
# countries, types and themes, their expert themes and their roles.
_MATCH = {
    "country": (
        "(u.country IN ({q}) OR EXISTS (SELECT 1 FROM organization_members m "
        "JOIN organizations o ON o.id = m.organization_id AND o.status = 'approved' "
        "WHERE m.user_id = u.id AND o.country IN ({q})))"
    ),
    "kind": (
        "EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' "
        "WHERE m.user_id = u.id AND o.kind IN ({q}))"
    ),
    "theme": (
        "(EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' JOIN organization_themes t "
        "ON t.organization_id = o.id WHERE m.user_id = u.id AND t.theme IN ({q})) "
        "OR EXISTS (SELECT 1 FROM experts e JOIN expert_themes et ON et.user_id = e.user_id "
        "WHERE e.user_id = u.id AND e.status = 'approved' AND et.theme IN ({q})))"
    ),
}
_ROLE_MATCH = {
    "member": (
        "EXISTS (SELECT 1 FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' WHERE m.user_id = u.id)"
    ),
    "coordinator": (
        "EXISTS (SELECT 1 FROM organizations o WHERE o.coordinator_id = u.id "
        "AND o.status = 'approved')"
    ),
    "expert": "EXISTS (SELECT 1 FROM experts e WHERE e.user_id = u.id AND e.status = 'approved')",
    "organizer": (
        "EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'organizer')"
    ),
}


def audience_condition(audience: dict[str, tuple[str, ...]]) -> tuple[str, list[object]]:
    """SQL over `users u` that is true for the people `audience` reaches."""
    parts: list[str] = []
    params: list[object] = []
    for dimension, values in audience.items():
        if not values:
            continue
        if dimension == "role":
            roles = [_ROLE_MATCH[v] for v in values if v in _ROLE_MATCH]
            parts.append("(" + " OR ".join(roles or ["0"]) + ")")
            continue
        sql = _MATCH[dimension]
        marks = ", ".join("?" * len(values))
        parts.append(sql.format(q=marks))
        params += list(values) * sql.count("{q}")
    return (" AND ".join(parts) or "1"), params


class EventsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ events

    async def create(self, organizer_id: int, details: EventDetails, now: datetime) -> int:
        stamp = now.isoformat()
        async with self._db.transaction():
            event_id = await self._db.execute(
                "INSERT INTO events (organizer_id, kind, title, description, starts_at, ends_at, "
                "dates_tbc, timezone, place, online_url, contact, capacity, apply_by, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    organizer_id,
                    details.kind,
                    details.title,
                    details.description,
                    _iso(details.starts_at),
                    _iso(details.ends_at),
                    int(details.dates_tbc),
                    details.timezone,
                    details.place,
                    details.online_url,
                    details.contact,
                    details.capacity,
                    _iso(details.apply_by),
                    stamp,
                    stamp,
                ),
            )
            await self._db.executemany(
                "INSERT INTO event_milestones (event_id, title, due_at, link) VALUES (?, ?, ?, ?)",
                [(event_id, m.title, _iso(m.due_at), m.link) for m in details.milestones],
            )
            await self._db.executemany(
                "INSERT INTO event_questions (event_id, position, text, options) "
                "VALUES (?, ?, ?, ?)",
                [
                    (event_id, i, q.text, json.dumps(list(q.options)) if q.options else None)
                    for i, q in enumerate(details.questions)
                ],
            )
            await self._db.executemany(
                "INSERT INTO event_audience (event_id, dimension, value) VALUES (?, ?, ?)",
                [
                    (event_id, dim, value)
                    for dim, values in details.audience.items()
                    for value in values
                ],
            )
        return event_id

    async def update(self, event_id: int, details: EventDetails, now: datetime) -> None:
        """The fields an organizer edits after publishing (not the form nor the audience).
        Key dates keep their ids (and so the record of reminders already sent for them)."""
        async with self._db.transaction():
            await self._sync_milestones(event_id, details.milestones)
            await self._db.execute(
                "UPDATE events SET title = ?, description = ?, starts_at = ?, ends_at = ?, "
                "dates_tbc = ?, place = ?, online_url = ?, contact = ?, capacity = ?, "
                "apply_by = ?, version = version + 1, updated_at = ? WHERE id = ?",
                (
                    details.title,
                    details.description,
                    _iso(details.starts_at),
                    _iso(details.ends_at),
                    int(details.dates_tbc),
                    details.place,
                    details.online_url,
                    details.contact,
                    details.capacity,
                    _iso(details.apply_by),
                    now.isoformat(),
                    event_id,
                ),
            )

    async def _sync_milestones(self, event_id: int, milestones: tuple[Milestone, ...]) -> None:
        kept = [m.id for m in milestones if m.id]
        marks = ", ".join("?" * len(kept))
        await self._db.execute(
            "DELETE FROM event_milestones WHERE event_id = ?"
            + (f" AND id NOT IN ({marks})" if kept else ""),
            (event_id, *kept),
        )
        for m in milestones:
            if m.id:
                await self._db.execute(
                    "UPDATE event_milestones SET title = ?, due_at = ?, link = ? "
                    "WHERE id = ? AND event_id = ?",
                    (m.title, _iso(m.due_at), m.link, m.id, event_id),
                )
            else:
                await self._db.execute(
                    "INSERT INTO event_milestones (event_id, title, due_at, link) "
                    "VALUES (?, ?, ?, ?)",
                    (event_id, m.title, _iso(m.due_at), m.link),
                )

    async def cancel(self, event_id: int, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE events SET status = 'cancelled', version = version + 1, updated_at = ? "
            "WHERE id = ? AND status = 'published'",
            (now.isoformat(), event_id),
        )
        return changed > 0

    async def get(self, event_id: int) -> Event | None:
        row = await self._db.fetchone("SELECT * FROM events WHERE id = ?", (event_id,))
        if row is None:
            return None
        milestones = await self._db.fetchall(
            "SELECT * FROM event_milestones WHERE event_id = ? ORDER BY due_at, id", (event_id,)
        )
        questions = await self._db.fetchall(
            "SELECT * FROM event_questions WHERE event_id = ? ORDER BY position", (event_id,)
        )
        audience_rows = await self._db.fetchall(
            "SELECT dimension, value FROM event_audience WHERE event_id = ? "
            "ORDER BY dimension, value",
            (event_id,),
        )
        audience: dict[str, tuple[str, ...]] = {}
        for r in audience_rows:
            audience[r["dimension"]] = (*audience.get(r["dimension"], ()), r["value"])
        return _event(row, milestones, questions, audience)

    async def upcoming_for(
        self, user_id: int, now: datetime, *, offset: int, limit: int
    ) -> tuple[list[Event], int]:
        """Published events not yet over that reach the person (their audience, or the
        announcement did, or they answered or organize it), soonest first."""
        ids = [
            r[0]
            for r in await self._db.fetchall(
                "SELECT e.id FROM events e WHERE e.status = 'published' "
                "AND COALESCE(e.ends_at, e.starts_at) >= ? ORDER BY e.starts_at, e.id",
                (now.isoformat(),),
            )
        ]
        visible = [i for i in ids if await self.reaches(i, user_id)]
        page = [await self.get(i) for i in visible[offset : offset + limit]]
        return [e for e in page if e is not None], len(visible)

    async def reaches(self, event_id: int, user_id: int) -> bool:
        event = await self._db.fetchone("SELECT organizer_id FROM events WHERE id = ?", (event_id,))
        if event is None:
            return False
        if event["organizer_id"] == user_id or await self.response(event_id, user_id):
            return True
        if await self._db.fetchval(  # the announcement reached them (the audience may change)
            "SELECT 1 FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
            "WHERE c.kind = ? AND c.subject_id = ? AND o.user_id = ?",
            (ANNOUNCEMENT, event_id, user_id),
        ):
            return True
        audience = await self._audience(event_id)
        condition, params = audience_condition(audience)
        return bool(
            await self._db.fetchval(
                f"SELECT 1 FROM users u WHERE u.id = ? AND {condition}", (user_id, *params)
            )
        )

    async def audience_of(self, event_id: int) -> list[tuple[int, str | None, str | None]]:
        """(user id, language, time zone) of everyone the audience reaches."""
        condition, params = audience_condition(await self._audience(event_id))
        rows = await self._db.fetchall(
            f"SELECT u.id, u.language, u.timezone FROM users u WHERE u.is_active = 1 "
            f"AND {condition} ORDER BY u.id",
            params,
        )
        return [(r[0], r[1], r[2]) for r in rows]

    async def count_audience(self, audience: dict[str, tuple[str, ...]]) -> int:
        condition, params = audience_condition(audience)
        return int(
            await self._db.fetchval(
                f"SELECT COUNT(*) FROM users u WHERE u.is_active = 1 AND {condition}", params
            )
        )

    async def _audience(self, event_id: int) -> dict[str, tuple[str, ...]]:
        rows = await self._db.fetchall(
            "SELECT dimension, value FROM event_audience WHERE event_id = ?", (event_id,)
        )
        audience: dict[str, tuple[str, ...]] = {}
        for r in rows:
            audience[r[0]] = (*audience.get(r[0], ()), r[1])
        return audience

    async def organized_by(self, user_id: int | None) -> list[tuple[Event, dict[str, int]]]:
        """The events `user_id` organizes, newest first; every event when None."""
        rows = await self._db.fetchall(
            "SELECT id FROM events WHERE ? IS NULL OR organizer_id = ? "
            "ORDER BY starts_at DESC, id DESC",
            (user_id, user_id),
        )
        result = []
        for r in rows:
            event = await self.get(r[0])
            if event is not None:
                result.append((event, await self.counts(event.id)))
        return result

    # ------------------------------------------------------------------ answers

    async def response(self, event_id: int, user_id: int) -> str | None:
        return await self._db.fetchval(
            "SELECT status FROM event_responses WHERE event_id = ? AND user_id = ?",
            (event_id, user_id),
        )

    async def set_response(
        self, event_id: int, user_id: int, status: str, now: datetime, display_name: str | None
    ) -> None:
        """Keeps `since` (the place in the waiting list) while the status stays the same, and
        the name when `display_name` is None."""
        stamp = now.isoformat()
        await self._db.execute(
            "INSERT INTO event_responses (event_id, user_id, display_name, status, since, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, user_id) DO UPDATE "
            "SET since = CASE WHEN status = excluded.status THEN since ELSE excluded.since END, "
            "display_name = CASE WHEN ? IS NULL THEN display_name "
            "ELSE excluded.display_name END, "
            "status = excluded.status, updated_at = excluded.updated_at",
            (event_id, user_id, display_name or "", status, stamp, stamp, display_name),
        )

    async def counts(self, event_id: int) -> dict[str, int]:
        rows = await self._db.fetchall(
            "SELECT status, COUNT(*) FROM event_responses WHERE event_id = ? GROUP BY status",
            (event_id,),
        )
        return {status: 0 for status in RESPONSES} | {r[0]: r[1] for r in rows}

    async def first_waiting(self, event_id: int) -> int | None:
        return await self._db.fetchval(
            "SELECT user_id FROM event_responses WHERE event_id = ? AND status = 'waitlist' "
            "ORDER BY since, user_id LIMIT 1",
            (event_id,),
        )

    async def responders(
        self, event_id: int, statuses: Iterable[str]
    ) -> list[tuple[int, str | None, str | None]]:
        """(user id, language, time zone) of the active people whose answer is in
        `statuses`."""
        wanted = tuple(statuses)
        rows = await self._db.fetchall(
            "SELECT u.id, u.language, u.timezone FROM event_responses r JOIN users u "
            f"ON u.id = r.user_id WHERE r.event_id = ? AND r.status IN "
            f"({', '.join('?' * len(wanted))}) AND u.is_active = 1 ORDER BY u.id",
            (event_id, *wanted),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    async def save_answers(
        self,
        event_id: int,
        user_id: int,
        answers: dict[int, str],
        now: datetime,
        display_name: str,
    ) -> None:
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM event_answers WHERE event_id = ? AND user_id = ?",
                (event_id, user_id),
            )
            await self._db.executemany(
                "INSERT INTO event_answers (event_id, user_id, question_id, answer) "
                "VALUES (?, ?, ?, ?)",
                [(event_id, user_id, qid, text) for qid, text in answers.items()],
            )
            await self.set_response(event_id, user_id, "applied", now, display_name)

    async def withdraw(self, event_id: int, user_id: int, now: datetime) -> None:
        """The application's answers go; the person stays on record as not going."""
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM event_answers WHERE event_id = ? AND user_id = ?",
                (event_id, user_id),
            )
            await self.set_response(event_id, user_id, "not_going", now, None)

    async def answers_of(self, event_id: int, user_id: int) -> dict[int, str]:
        rows = await self._db.fetchall(
            "SELECT question_id, answer FROM event_answers WHERE event_id = ? AND user_id = ?",
            (event_id, user_id),
        )
        return {r[0]: r[1] for r in rows}

    async def roster(self, event_id: int) -> list[RosterEntry]:
        """Everyone who answered, by status then time of answer."""
        rows = await self._db.fetchall(
            "SELECT user_id, display_name, status, since FROM event_responses "
            "WHERE event_id = ? ORDER BY status, since, user_id",
            (event_id,),
        )
        answers = await self._db.fetchall(
            "SELECT user_id, question_id, answer FROM event_answers WHERE event_id = ?",
            (event_id,),
        )
        by_user: dict[int, dict[int, str]] = {}
        for a in answers:
            by_user.setdefault(a[0], {})[a[1]] = a[2]
        return [
            RosterEntry(r[0], r[1], r[2], _dt(r[3]), by_user.get(r[0], {}))  # type: ignore[arg-type]
            for r in rows
        ]

    # ------------------------------------------------------------------ reminders

    async def replace_reminders(
        self, event_id: int, reminders: Iterable[tuple[str, int | None, datetime, datetime]]
    ) -> None:
        """Drop the reminders not yet sent and plan these: (kind, milestone id, target,
        due). A moment already reminded of (same kind, milestone and target) is not planned
        again."""
        async with self._db.transaction():
            await self._db.execute(
                "DELETE FROM event_reminders WHERE event_id = ? AND sent_at IS NULL", (event_id,)
            )
            for kind, milestone_id, target, due in reminders:
                done = await self._db.fetchval(
                    "SELECT 1 FROM event_reminders WHERE event_id = ? AND kind = ? "
                    "AND milestone_id IS ? AND target_at = ?",
                    (event_id, kind, milestone_id, target.isoformat()),
                )
                if not done:
                    await self._db.execute(
                        "INSERT INTO event_reminders (event_id, kind, milestone_id, target_at, "
                        "due_at) VALUES (?, ?, ?, ?, ?)",
                        (event_id, kind, milestone_id, target.isoformat(), due.isoformat()),
                    )

    async def drop_reminders(self, event_id: int) -> None:
        await self._db.execute(
            "DELETE FROM event_reminders WHERE event_id = ? AND sent_at IS NULL", (event_id,)
        )

    async def due_reminders(self, now: datetime) -> list[Reminder]:
        rows = await self._db.fetchall(
            "SELECT r.* FROM event_reminders r JOIN events e ON e.id = r.event_id "
            "WHERE r.sent_at IS NULL AND r.due_at <= ? AND e.status = 'published' "
            "ORDER BY r.due_at, r.id",
            (now.isoformat(),),
        )
        return [
            Reminder(r["id"], r["event_id"], r["kind"], r["milestone_id"], _dt(r["target_at"]))  # type: ignore[arg-type]
            for r in rows
        ]

    async def mark_reminder(self, reminder_id: int, campaign_id: int | None, now: datetime) -> bool:
        """False when another tick got there first."""
        changed = await self._db.rowcount(
            "UPDATE event_reminders SET sent_at = ?, campaign_id = ? "
            "WHERE id = ? AND sent_at IS NULL",
            (now.isoformat(), campaign_id, reminder_id),
        )
        return changed > 0


def _event(
    row: sqlite3.Row,
    milestones: list[sqlite3.Row],
    questions: list[sqlite3.Row],
    audience: dict[str, tuple[str, ...]],
) -> Event:
    details = EventDetails(
        kind=row["kind"],
        title=row["title"],
        description=row["description"],
        starts_at=_dt(row["starts_at"]),  # type: ignore[arg-type]
        ends_at=_dt(row["ends_at"]),
        dates_tbc=bool(row["dates_tbc"]),
        timezone=row["timezone"],
        place=row["place"],
        online_url=row["online_url"],
        contact=row["contact"],
        capacity=row["capacity"],
        apply_by=_dt(row["apply_by"]),
        milestones=tuple(
            Milestone(m["title"], _dt(m["due_at"]), m["link"], m["id"])  # type: ignore[arg-type]
            for m in milestones
        ),
        questions=tuple(
            Question(q["text"], tuple(json.loads(q["options"])) if q["options"] else (), q["id"])
            for q in questions
        ),
        audience=audience,
    )
    return Event(row["id"], row["organizer_id"], row["status"], row["version"], details)
