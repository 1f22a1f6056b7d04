"""Consultation requests and their conversations."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import contact_json, contact_of, dt
from bot.domain.consultations import Attachment, Consultation, Draft, FileKind, ThreadMessage
from bot.domain.people import Contact


def _consultation(row: sqlite3.Row) -> Consultation:
    return Consultation(
        id=row["id"],
        asker_id=row["asker_id"],
        asker_name=row["asker_name"],
        anonymous=bool(row["anonymous"]),
        theme=row["theme"],
        country=row["country"],
        language=row["language"],
        question=row["question"],
        status=row["status"],
        expert_id=row["expert_id"],
        rating=row["rating"],
        rating_comment=row["rating_comment"],
        created_at=dt(row["created_at"]),
        taken_at=dt(row["taken_at"]) if row["taken_at"] else None,
        files=row["files"],
        expert_turn=row["expert_turn"],
        asker_agreed=row["asker_contact"] is not None,
        expert_agreed=row["expert_contact"] is not None,
    )


# A request with how many photos and documents its thread holds.
_SELECT = (
    "SELECT c.*, (SELECT COUNT(*) FROM consultation_messages m WHERE m.consultation_id = c.id "
    "AND m.file_id IS NOT NULL) AS files FROM consultations c"
)


_SCHEDULE = ("experts_reminded_at", "organizers_alerted_at", "expert_reminded_at")
# A request going back into the queue: its reminders and alerts start afresh from now.
_REOPEN = (
    "opened_at = ?, experts_reminded_at = NULL, organizers_alerted_at = NULL, "
    "expert_reminded_at = NULL, expert_answered_at = NULL, asker_contact = NULL, "
    "expert_contact = NULL, expert_turn = expert_turn + 1"
)


def _due(column: str, status: str, since: str) -> str:
    """The condition of a moment of the schedule being due (parameters: status, before)."""
    assert column in _SCHEDULE and since in ("opened_at", "taken_at")
    unanswered = " AND expert_answered_at IS NULL" if status == "taken" else ""
    return f"status = ? AND {column} IS NULL AND {since} <= ?{unanswered}"


class ConsultationsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self, asker_id: int, asker_name: str | None, draft: Draft, now: datetime
    ) -> int:
        return await self._db.execute(
            "INSERT INTO consultations (asker_id, asker_name, anonymous, theme, country, "
            "language, question, created_at, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                asker_id,
                None if draft.anonymous else asker_name,
                int(draft.anonymous),
                draft.theme,
                draft.country,
                draft.language,
                draft.question,
                now.isoformat(),
                now.isoformat(),
            ),
        )

    async def get(self, consultation_id: int) -> Consultation | None:
        row = await self._db.fetchone(f"{_SELECT} WHERE c.id = ?", (consultation_id,))
        return None if row is None else _consultation(row)

    async def held_by(self, expert_id: int) -> list[int]:
        """The requests an expert has taken and not finished."""
        rows = await self._db.fetchall(
            "SELECT id FROM consultations WHERE expert_id = ? AND status = 'taken' ORDER BY id",
            (expert_id,),
        )
        return [r[0] for r in rows]

    async def open_count(self, asker_id: int) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM consultations WHERE asker_id = ? "
                "AND status IN ('open', 'taken')",
                (asker_id,),
            )
        )

    async def matching_experts(self, draft: Draft, excluding: int) -> list[int]:
        """Approved, available experts whose themes, countries and languages fit."""
        rows = await self._db.fetchall(
            "SELECT e.user_id FROM experts e JOIN users u ON u.id = e.user_id "
            "WHERE e.status = 'approved' AND e.available = 1 AND u.is_active = 1 "
            "AND e.user_id <> ? "
            "AND EXISTS (SELECT 1 FROM expert_themes t WHERE t.user_id = e.user_id "
            "AND t.theme = ?) "
            "AND EXISTS (SELECT 1 FROM expert_countries c WHERE c.user_id = e.user_id "
            "AND c.country = ?) "
            "AND EXISTS (SELECT 1 FROM expert_languages l WHERE l.user_id = e.user_id "
            "AND l.language = ?) ORDER BY e.user_id",
            (excluding, draft.theme, draft.country, draft.language),
        )
        return [r[0] for r in rows]

    async def matching_experts_of(
        self, consultation_id: int, excluding: tuple[int, ...]
    ) -> list[int]:
        """The experts a stored request matches now (their profile may have changed)."""
        c = await self.get(consultation_id)
        if c is None:
            return []
        draft = Draft(c.theme, c.country, c.language, c.question, c.anonymous)
        return [
            uid
            for uid in await self.matching_experts(draft, excluding=c.asker_id)
            if uid not in excluding
        ]

    async def due(self, column: str, status: str, since: str, before: datetime) -> list[int]:
        """Requests in `status` whose `since` moment is before `before` and whose `column`
        (a moment of the schedule) is not set yet; for answers, only those unanswered."""
        rows = await self._db.fetchall(
            f"SELECT id FROM consultations WHERE {_due(column, status, since)} ORDER BY id",
            (status, before.isoformat()),
        )
        return [r[0] for r in rows]

    async def overdue(self, taken_before: datetime) -> list[int]:
        """Taken requests still without an answer from their expert since before then."""
        rows = await self._db.fetchall(
            "SELECT id FROM consultations WHERE status = 'taken' AND expert_answered_at IS NULL "
            "AND taken_at <= ? ORDER BY id",
            (taken_before.isoformat(),),
        )
        return [r[0] for r in rows]

    async def mark(
        self,
        consultation_id: int,
        column: str,
        status: str,
        since: str,
        before: datetime,
        now: datetime,
    ) -> bool:
        """Set a moment of the schedule once, if it is still due as `due` found it: False
        when another tick did already, or the request moved on meanwhile (taken, answered,
        back in the queue with a schedule started afresh)."""
        changed = await self._db.rowcount(
            f"UPDATE consultations SET {column} = ? WHERE id = ? AND {_due(column, status, since)}",
            (now.isoformat(), consultation_id, status, before.isoformat()),
        )
        return changed > 0

    async def give_back(
        self,
        consultation_id: int,
        expert_id: int,
        now: datetime,
        taken_before: datetime | None = None,
    ) -> bool:
        """Back to the queue from this expert (handed back; or, with `taken_before`, still
        unanswered since it was taken before then): its schedule starts afresh."""
        overdue = ""
        params: tuple[object, ...] = (now.isoformat(), consultation_id, expert_id)
        if taken_before is not None:
            overdue = " AND expert_answered_at IS NULL AND taken_at <= ?"
            params += (taken_before.isoformat(),)
        changed = await self._db.rowcount(
            "UPDATE consultations SET status = 'open', expert_id = NULL, taken_at = NULL, "
            f"{_REOPEN} WHERE id = ? AND status = 'taken' AND expert_id = ?{overdue}",
            params,
        )
        return changed > 0

    async def pass_to(self, consultation_id: int, expert_id: int, to: int, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE consultations SET expert_id = ?, taken_at = ?, expert_reminded_at = NULL, "
            "expert_answered_at = NULL, asker_contact = NULL, expert_contact = NULL, "
            "expert_turn = expert_turn + 1 WHERE id = ? AND status = 'taken' AND expert_id = ?",
            (to, now.isoformat(), consultation_id, expert_id),
        )
        return changed > 0

    async def agree_to_contact(self, consultation_id: int, side: str, contact: Contact) -> None:
        column = "asker_contact" if side == "asker" else "expert_contact"
        await self._db.execute(
            f"UPDATE consultations SET {column} = ? WHERE id = ?",
            (contact_json(contact), consultation_id),
        )

    async def contacts(self, consultation_id: int) -> tuple[Contact | None, Contact | None]:
        """The asker's and the expert's contacts, where each agreed to share theirs."""
        row = await self._db.fetchone(
            "SELECT asker_contact, expert_contact FROM consultations WHERE id = ?",
            (consultation_id,),
        )
        if row is None:
            return None, None
        return contact_of(row[0]), contact_of(row[1])

    async def take(self, consultation_id: int, expert_id: int, now: datetime) -> bool:
        """The first Take wins: one statement moves the request from open to taken."""
        changed = await self._db.rowcount(
            "UPDATE consultations SET status = 'taken', expert_id = ?, taken_at = ?, "
            "expert_reminded_at = NULL, expert_answered_at = NULL, "
            "expert_turn = expert_turn + 1 WHERE id = ? AND status = 'open'",
            (expert_id, now.isoformat(), consultation_id),
        )
        return changed > 0

    async def add_message(
        self,
        consultation_id: int,
        author: str,
        author_id: int,
        body: str,
        now: datetime,
        file: Attachment | None = None,
    ) -> None:
        self._db.require_transaction()
        await self._db.execute(
            "INSERT INTO consultation_messages (consultation_id, author, author_id, body, "
            "file_kind, file_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                consultation_id,
                author,
                author_id,
                body,
                file.kind.value if file else None,
                file.file_id if file else None,
                now.isoformat(),
            ),
        )
        if author == "expert":
            await self._db.execute(
                "UPDATE consultations SET first_answer_at = COALESCE(first_answer_at, ?), "
                "expert_answered_at = COALESCE(expert_answered_at, ?) WHERE id = ?",
                (now.isoformat(), now.isoformat(), consultation_id),
            )

    async def thread(self, consultation_id: int) -> list[ThreadMessage]:
        rows = await self._db.fetchall(
            "SELECT author, body, created_at, file_kind, file_id FROM consultation_messages "
            "WHERE consultation_id = ? ORDER BY id",
            (consultation_id,),
        )
        return [
            ThreadMessage(r[0], r[1], dt(r[2]), Attachment(FileKind(r[3]), r[4]) if r[4] else None)
            for r in rows
        ]

    async def resolve(self, consultation_id: int, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE consultations SET status = 'resolved', resolved_at = ? "
            "WHERE id = ? AND status = 'taken'",
            (now.isoformat(), consultation_id),
        )
        return changed > 0

    async def rate(self, consultation_id: int, rating: int, comment: str | None) -> None:
        await self._db.execute(
            "UPDATE consultations SET rating = ?, rating_comment = ? WHERE id = ?",
            (rating, comment, consultation_id),
        )
