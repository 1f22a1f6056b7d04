"""People's answers to events: going / maybe / not going / waiting list / applied, and the
answers of application forms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt, marks
from bot.domain.events import RESPONSES, RosterEntry


class EventResponsesRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def response(self, event_id: int, user_id: int) -> str | None:
        return await self._db.fetchval(
            "SELECT status FROM event_responses WHERE event_id = ? AND user_id = ?",
            (event_id, user_id),
        )

    async def set_response(
        self,
        event_id: int,
        user_id: int,
        status: str,
        now: datetime,
        display_name: str | None,
        username: str | None = None,
    ) -> None:
        """Keeps `since` (the place in the waiting list) while the status stays the same, and
        the name and @username when `display_name` is None."""
        stamp = now.isoformat()
        await self._db.execute(
            "INSERT INTO event_responses (event_id, user_id, display_name, username, status, "
            "since, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (event_id, user_id) DO UPDATE "
            "SET since = CASE WHEN status = excluded.status THEN since ELSE excluded.since END, "
            "display_name = CASE WHEN ? IS NULL THEN display_name "
            "ELSE excluded.display_name END, "
            "username = CASE WHEN ? IS NULL THEN username ELSE excluded.username END, "
            "status = excluded.status, updated_at = excluded.updated_at",
            (
                event_id,
                user_id,
                display_name or "",
                username,
                status,
                stamp,
                stamp,
                display_name,
                display_name,
            ),
        )

    async def counts(self, event_id: int) -> dict[str, int]:
        rows = await self._db.fetchall(
            "SELECT status, COUNT(*) FROM event_responses WHERE event_id = ? GROUP BY status",
            (event_id,),
        )
        return {status: 0 for status in RESPONSES} | {r[0]: r[1] for r in rows}

    async def counts_of(self, event_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """`counts` of each of these events, in one query (per 500 events)."""
        ids = list(dict.fromkeys(event_ids))
        found: dict[int, dict[str, int]] = {
            event_id: {status: 0 for status in RESPONSES} for event_id in ids
        }
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = await self._db.fetchall(
                "SELECT event_id, status, COUNT(*) FROM event_responses "
                f"WHERE event_id IN ({marks(chunk)}) GROUP BY event_id, status",
                chunk,
            )
            for event_id, status, count in rows:
                found[event_id][status] = count
        return found

    async def name_of(self, event_id: int, user_id: int) -> tuple[str, str | None]:
        """The Telegram name and @username the person answered with."""
        row = await self._db.fetchone(
            "SELECT display_name, username FROM event_responses WHERE event_id = ? AND user_id = ?",
            (event_id, user_id),
        )
        return (row[0], row[1]) if row else ("", None)

    async def counts_since(self, event_id: int, since: str) -> dict[str, int]:
        """The answers given (or changed) after `since`, per answer."""
        rows = await self._db.fetchall(
            "SELECT status, COUNT(*) FROM event_responses WHERE event_id = ? AND updated_at > ? "
            "GROUP BY status",
            (event_id, since),
        )
        return {r[0]: r[1] for r in rows}

    async def first_waiting(self, event_id: int) -> int | None:
        return await self._db.fetchval(
            "SELECT user_id FROM event_responses WHERE event_id = ? AND status = 'waitlist' "
            "ORDER BY since, user_id LIMIT 1",
            (event_id,),
        )

    async def responders(self, event_id: int, statuses: Iterable[str]) -> list[int]:
        """The people (not blocked) whose answer is in `statuses`."""
        wanted = tuple(statuses)
        rows = await self._db.fetchall(
            "SELECT r.user_id FROM event_responses r JOIN users u ON u.id = r.user_id "
            f"WHERE r.event_id = ? AND r.status IN ({marks(wanted)}) AND u.is_active = 1 "
            "ORDER BY r.user_id",
            (event_id, *wanted),
        )
        return [r[0] for r in rows]

    async def answers_by_person(
        self, event_id: int, statuses: Iterable[str]
    ) -> list[tuple[int, str]]:
        """(person, answer) of the people (not blocked) whose answer is in `statuses`."""
        wanted = tuple(statuses)
        rows = await self._db.fetchall(
            "SELECT r.user_id, r.status FROM event_responses r JOIN users u ON u.id = r.user_id "
            f"WHERE r.event_id = ? AND r.status IN ({marks(wanted)}) AND u.is_active = 1 "
            "ORDER BY r.user_id",
            (event_id, *wanted),
        )
        return [(r[0], r[1]) for r in rows]

    async def statuses_of(self, event_id: int, user_ids: Iterable[int]) -> dict[int, str]:
        """The answers of these people to the event (those who answered)."""
        ids = list(user_ids)
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = await self._db.fetchall(
                "SELECT user_id, status FROM event_responses WHERE event_id = ? "
                f"AND user_id IN ({marks(chunk)})",
                (event_id, *chunk),
            )
            found.update({r[0]: r[1] for r in rows})
        return found

    async def save_answers(
        self,
        event_id: int,
        user_id: int,
        answers: dict[int, str],
        status: str,
        now: datetime,
        name: str,
        username: str | None = None,
    ) -> None:
        self._db.require_transaction()
        await self._db.execute(
            "DELETE FROM event_answers WHERE event_id = ? AND user_id = ?", (event_id, user_id)
        )
        await self._db.executemany(
            "INSERT INTO event_answers (event_id, user_id, question_id, answer) "
            "VALUES (?, ?, ?, ?)",
            [(event_id, user_id, qid, text) for qid, text in answers.items()],
        )
        await self.set_response(event_id, user_id, status, now, name, username)

    async def withdraw(self, event_id: int, user_id: int, now: datetime) -> None:
        """The application's answers go; the person stays on record as not going."""
        self._db.require_transaction()
        await self._db.execute(
            "DELETE FROM event_answers WHERE event_id = ? AND user_id = ?", (event_id, user_id)
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
            "SELECT user_id, display_name, status, since, username FROM event_responses "
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
        return [RosterEntry(r[0], r[1], r[2], dt(r[3]), by_user.get(r[0], {}), r[4]) for r in rows]

    async def going_to_limited(self, user_id: int, now: datetime) -> list[int]:
        """The events still ahead, with a limit of places, where the person holds one (for
        /forget)."""
        rows = await self._db.fetchall(
            "SELECT r.event_id FROM event_responses r JOIN events e ON e.id = r.event_id "
            "WHERE r.user_id = ? AND r.status IN ('going', 'applied') AND e.capacity IS NOT NULL "
            "AND e.status = 'published' AND e.starts_at > ? ORDER BY r.event_id",
            (user_id, now.isoformat()),
        )
        return [r[0] for r in rows]
