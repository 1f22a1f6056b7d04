"""Events with their key dates, application form and audience (one aggregate)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.rows import dt, iso, marks
from bot.domain.events import Event, EventDetails, Milestone, Question

_CHUNK = 500  # ids in one IN list


class EventsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, organizer_id: int, details: EventDetails, now: datetime) -> int:
        self._db.require_transaction()
        stamp = now.isoformat()
        event_id = await self._db.execute(
            "INSERT INTO events (organizer_id, kind, title, description, starts_at, ends_at, "
            "dates_tbc, timezone, place, online_url, contact, capacity, apply_by, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                organizer_id,
                details.kind,
                details.title,
                details.description,
                iso(details.starts_at),
                iso(details.ends_at),
                int(details.dates_tbc),
                details.timezone,
                details.place,
                details.online_url,
                details.contact,
                details.capacity,
                iso(details.apply_by),
                stamp,
                stamp,
            ),
        )
        await self._db.executemany(
            "INSERT INTO event_milestones (event_id, title, due_at, link) VALUES (?, ?, ?, ?)",
            [(event_id, m.title, iso(m.due_at), m.link) for m in details.milestones],
        )
        await self._db.executemany(
            "INSERT INTO event_questions (event_id, position, text, options) VALUES (?, ?, ?, ?)",
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
        self._db.require_transaction()
        await self._sync_milestones(event_id, details.milestones)
        await self._db.execute(
            "UPDATE events SET title = ?, description = ?, starts_at = ?, ends_at = ?, "
            "dates_tbc = ?, place = ?, online_url = ?, contact = ?, capacity = ?, "
            "apply_by = ?, version = version + 1, updated_at = ? WHERE id = ?",
            (
                details.title,
                details.description,
                iso(details.starts_at),
                iso(details.ends_at),
                int(details.dates_tbc),
                details.place,
                details.online_url,
                details.contact,
                details.capacity,
                iso(details.apply_by),
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
                    (m.title, iso(m.due_at), m.link, m.id, event_id),
                )
            else:
                await self._db.execute(
                    "INSERT INTO event_milestones (event_id, title, due_at, link) "
                    "VALUES (?, ?, ?, ?)",
                    (event_id, m.title, iso(m.due_at), m.link),
                )

    async def cancel(self, event_id: int, now: datetime) -> bool:
        """False when it was not published (cancelled already: a double tap)."""
        changed = await self._db.rowcount(
            "UPDATE events SET status = 'cancelled', version = version + 1, updated_at = ? "
            "WHERE id = ? AND status = 'published'",
            (now.isoformat(), event_id),
        )
        return changed > 0

    async def get(self, event_id: int) -> Event | None:
        found = await self.get_many([event_id])
        return found[0] if found else None

    async def get_many(self, event_ids: Sequence[int]) -> list[Event]:
        """The events of `event_ids` that exist, in that order: four queries for a page of
        them (or for a few hundred), not four per event."""
        rows: dict[int, sqlite3.Row] = {}
        milestones: dict[int, list[sqlite3.Row]] = {}
        questions: dict[int, list[sqlite3.Row]] = {}
        audience: dict[int, dict[str, tuple[str, ...]]] = {}
        ids = list(dict.fromkeys(event_ids))
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            q = marks(chunk)
            found = await self._db.fetchall(f"SELECT * FROM events WHERE id IN ({q})", chunk)
            if not found:
                continue
            rows.update((row["id"], row) for row in found)
            for m in await self._db.fetchall(
                f"SELECT * FROM event_milestones WHERE event_id IN ({q}) "
                "ORDER BY event_id, due_at, id",
                chunk,
            ):
                milestones.setdefault(m["event_id"], []).append(m)
            for question in await self._db.fetchall(
                f"SELECT * FROM event_questions WHERE event_id IN ({q}) "
                "ORDER BY event_id, position",
                chunk,
            ):
                questions.setdefault(question["event_id"], []).append(question)
            for r in await self._db.fetchall(
                "SELECT event_id, dimension, value FROM event_audience "
                f"WHERE event_id IN ({q}) ORDER BY event_id, dimension, value",
                chunk,
            ):
                of_event = audience.setdefault(r["event_id"], {})
                of_event[r["dimension"]] = (*of_event.get(r["dimension"], ()), r["value"])
        return [
            _event(rows[i], milestones.get(i, []), questions.get(i, []), audience.get(i, {}))
            for i in ids
            if i in rows
        ]

    async def organized_ids(self, user_id: int | None) -> list[int]:
        """The events `user_id` organizes, latest start first; every event when None."""
        if user_id is None:
            rows = await self._db.fetchall("SELECT id FROM events ORDER BY starts_at DESC, id DESC")
        else:
            rows = await self._db.fetchall(
                "SELECT id FROM events WHERE organizer_id = ? ORDER BY starts_at DESC, id DESC",
                (user_id,),
            )
        return [r[0] for r in rows]

    async def set_answer_notices(self, event_id: int, mode: str, now: datetime) -> None:
        """A daily summary counts from now (what came before was told as it came)."""
        await self._db.execute(
            "UPDATE events SET answer_notices = ?, answers_told_at = ? WHERE id = ?",
            (mode, now.isoformat(), event_id),
        )

    async def summaries_due(self, now: datetime, every: timedelta) -> list[tuple[int, str]]:
        """(event, last summary's moment) of the published events whose organizer wants a
        daily summary, whose last one is `every` ago or more and was before the event
        ended (so the last day before it, and its last hours, are told too)."""
        rows = await self._db.fetchall(
            "SELECT id, COALESCE(answers_told_at, created_at) FROM events "
            "WHERE answer_notices = 'daily' AND status = 'published' AND organizer_id IS NOT NULL "
            "AND COALESCE(answers_told_at, created_at) < COALESCE(ends_at, starts_at) "
            "AND COALESCE(answers_told_at, created_at) <= ? ORDER BY id",
            ((now - every).isoformat(),),
        )
        return [(r[0], r[1]) for r in rows]

    async def mark_summarized(self, event_id: int, since: str, now: datetime) -> bool:
        """Move the summary on from `since` to `now`; False when another tick did already."""
        changed = await self._db.rowcount(
            "UPDATE events SET answers_told_at = ? "
            "WHERE id = ? AND COALESCE(answers_told_at, created_at) = ?",
            (now.isoformat(), event_id, since),
        )
        return changed > 0

    async def organizer_of(self, event_id: int) -> int | None:
        return await self._db.fetchval("SELECT organizer_id FROM events WHERE id = ?", (event_id,))

    async def forget_organizer(self, user_id: int) -> None:
        """The organizer's own contact goes with them; the events stay, without organizer."""
        await self._db.execute(
            "UPDATE events SET contact = NULL, organizer_id = NULL WHERE organizer_id = ?",
            (user_id,),
        )


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
        starts_at=dt(row["starts_at"]),
        ends_at=dt(row["ends_at"]) if row["ends_at"] else None,
        dates_tbc=bool(row["dates_tbc"]),
        timezone=row["timezone"],
        place=row["place"],
        online_url=row["online_url"],
        contact=row["contact"],
        capacity=row["capacity"],
        apply_by=dt(row["apply_by"]) if row["apply_by"] else None,
        milestones=tuple(
            Milestone(m["title"], dt(m["due_at"]), m["link"], m["id"]) for m in milestones
        ),
        questions=tuple(
            Question(q["text"], tuple(json.loads(q["options"])) if q["options"] else (), q["id"])
            for q in questions
        ),
        audience=audience,
    )
    return Event(
        row["id"],
        row["organizer_id"],
        row["status"],
        row["version"],
        details,
        row["answer_notices"],
    )
