"""Reading consultation requests for lists, figures and exports: never a question or a
message body, except a thread read by one of its two sides."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt
from bot.domain.consultation_reports import RequestLine, ThreadEntry
from bot.domain.consultations import Side

_LINE = (
    "SELECT id, theme, country, language, status, anonymous, asker_name, created_at, "
    "taken_at, first_answer_at, resolved_at, rating FROM consultations c"
)

# Open requests an expert's profile fits: its themes, countries and languages, not their own.
_TAKEABLE = (
    "c.status = 'open' AND c.asker_id <> ? "
    "AND EXISTS (SELECT 1 FROM expert_themes t WHERE t.user_id = ? AND t.theme = c.theme) "
    "AND EXISTS (SELECT 1 FROM expert_countries k WHERE k.user_id = ? "
    "AND k.country = c.country) "
    "AND EXISTS (SELECT 1 FROM expert_languages l WHERE l.user_id = ? "
    "AND l.language = c.language)"
)

# An expert's own requests: those in progress first, then the newest.
_HANDLED = "c.expert_id = ? AND c.status IN ('taken', 'resolved')"
_HANDLED_ORDER = "CASE WHEN c.status = 'taken' THEN 0 ELSE 1 END, c.id DESC"


def _moment(value: str | None) -> datetime | None:
    return None if value is None else dt(value)


def _line(row: sqlite3.Row) -> RequestLine:
    return RequestLine(
        id=row["id"],
        theme=row["theme"],
        country=row["country"],
        language=row["language"],
        status=row["status"],
        anonymous=bool(row["anonymous"]),
        asker_name=None if row["anonymous"] else row["asker_name"],
        created_at=dt(row["created_at"]),
        taken_at=_moment(row["taken_at"]),
        first_answer_at=_moment(row["first_answer_at"]),
        resolved_at=_moment(row["resolved_at"]),
        rating=row["rating"],
    )


class ConsultationReportsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _lines(
        self, where: str, order: str, params: tuple[int, ...], limit: int, offset: int
    ) -> list[RequestLine]:
        rows = await self._db.fetchall(
            f"{_LINE} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_line(r) for r in rows]

    async def _count(self, where: str, params: tuple[int, ...]) -> int:
        return int(
            await self._db.fetchval(f"SELECT COUNT(*) FROM consultations c WHERE {where}", params)
        )

    async def asked_by(self, asker_id: int, limit: int, offset: int) -> list[RequestLine]:
        return await self._lines("c.asker_id = ?", "c.id DESC", (asker_id,), limit, offset)

    async def asked_count(self, asker_id: int) -> int:
        return await self._count("c.asker_id = ?", (asker_id,))

    async def takeable(self, expert_id: int, limit: int, offset: int) -> list[RequestLine]:
        return await self._lines(_TAKEABLE, "c.id DESC", (expert_id,) * 4, limit, offset)

    async def takeable_count(self, expert_id: int) -> int:
        return await self._count(_TAKEABLE, (expert_id,) * 4)

    async def can_take(self, expert_id: int, consultation_id: int) -> bool:
        """The request is open and the expert's profile fits it."""
        return (
            await self._count(f"c.id = ? AND {_TAKEABLE}", (consultation_id,) + (expert_id,) * 4)
            > 0
        )

    async def handled_by(self, expert_id: int, limit: int, offset: int) -> list[RequestLine]:
        return await self._lines(_HANDLED, _HANDLED_ORDER, (expert_id,), limit, offset)

    async def handled_count(self, expert_id: int) -> int:
        return await self._count(_HANDLED, (expert_id,))

    async def unresolved(self, limit: int, offset: int) -> list[RequestLine]:
        """Requests not resolved yet, the oldest first (the longest waiting on top)."""
        return await self._lines("c.status <> 'resolved'", "c.id", (), limit, offset)

    async def unresolved_count(self) -> int:
        return await self._count("c.status <> 'resolved'", ())

    async def every_line(self) -> list[RequestLine]:
        rows = await self._db.fetchall(f"{_LINE} ORDER BY c.id")
        return [_line(r) for r in rows]

    async def thread(self, consultation_id: int) -> list[ThreadEntry]:
        rows = await self._db.fetchall(
            "SELECT author, author_id, body, file_kind, created_at FROM consultation_messages "
            "WHERE consultation_id = ? ORDER BY id",
            (consultation_id,),
        )
        return [
            ThreadEntry(
                Side(r["author"]), r["author_id"], r["body"], r["file_kind"], dt(r["created_at"])
            )
            for r in rows
        ]
