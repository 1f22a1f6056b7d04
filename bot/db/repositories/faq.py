"""The knowledge base's view of consultations: the two consents, and the published exchanges
(resolved, both consents given, the expert still among us) by theme and by words."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.db.database import Database
from bot.domain.faq import Case, Entry, EntryMessage, Found, Summary

_PUBLISHED = (
    "c.status = 'resolved' AND c.expert_id IS NOT NULL "
    "AND c.faq_asker_consent = 1 AND c.faq_expert_consent = 1"
)
_COLUMNS = {"asker": "faq_asker_consent", "expert": "faq_expert_consent"}


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _case(row: sqlite3.Row) -> Case:
    return Case(
        consultation_id=row["id"],
        asker_id=row["asker_id"],
        expert_id=row["expert_id"],
        status=row["status"],
        theme=row["theme"],
        asker_consent=_flag(row["faq_asker_consent"]),
        expert_consent=_flag(row["faq_expert_consent"]),
    )


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _spellings(word: str) -> list[str]:
    """LIKE ignores case only for ASCII letters in SQLite (and for none in PostgreSQL): a
    word is looked for as written in lower case, in capitals and capitalized, which covers
    how words are written in Cyrillic too («закон», «ЗАКОН», «Закон»)."""
    spellings: list[str] = []
    for form in (word.lower(), word.upper(), word.capitalize()):
        if form not in spellings:
            spellings.append(form)
    return spellings


# Only the words of those who consented: the asker and the expert who holds the request
# (an expert it was passed on from, or handed back by, was never asked).
_CONSENTED_AUTHOR = "(m.author = 'asker' OR m.author_id = c.expert_id)"


def _word_clause(word: str) -> tuple[str, list[str]]:
    patterns = [_like(s) for s in _spellings(word)]
    question = " OR ".join("c.question LIKE ? ESCAPE '\\'" for _ in patterns)
    body = " OR ".join("m.body LIKE ? ESCAPE '\\'" for _ in patterns)
    sql = (
        f"({question} OR EXISTS (SELECT 1 FROM consultation_messages m "
        f"WHERE m.consultation_id = c.id AND {_CONSENTED_AUTHOR} AND ({body})))"
    )
    return sql, patterns + patterns


def _where(theme: str | None, words: Sequence[str]) -> tuple[str, list[object]]:
    clauses = [_PUBLISHED]
    params: list[object] = []
    if theme is not None:
        clauses.append("c.theme = ?")
        params.append(theme)
    for word in words:
        sql, patterns = _word_clause(word)
        clauses.append(sql)
        params.extend(patterns)
    return " AND ".join(clauses), params


class FaqRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def case(self, consultation_id: int) -> Case | None:
        row = await self._db.fetchone(
            "SELECT id, asker_id, expert_id, status, theme, faq_asker_consent, "
            "faq_expert_consent FROM consultations WHERE id = ?",
            (consultation_id,),
        )
        return None if row is None else _case(row)

    async def answer(self, consultation_id: int, side: str, consent: bool) -> bool:
        """A side's first answer: False when it had answered already."""
        column = _COLUMNS[side]
        changed = await self._db.rowcount(
            f"UPDATE consultations SET {column} = ? WHERE id = ? AND {column} IS NULL "
            "AND status = 'resolved'",
            (int(consent), consultation_id),
        )
        return changed > 0

    async def withdraw(self, consultation_id: int, side: str) -> None:
        column = _COLUMNS[side]
        await self._db.execute(
            f"UPDATE consultations SET {column} = 0 WHERE id = ?", (consultation_id,)
        )

    async def theme_counts(self) -> dict[str, int]:
        rows = await self._db.fetchall(
            f"SELECT c.theme, COUNT(*) FROM consultations c WHERE {_PUBLISHED} GROUP BY c.theme"
        )
        return {r[0]: int(r[1]) for r in rows}

    async def search(
        self, theme: str | None, words: Sequence[str], offset: int, limit: int
    ) -> Found:
        """Published exchanges of `theme` (any: None) whose question or messages hold every
        one of `words`; newest first."""
        where, params = _where(theme, words)
        total = int(
            await self._db.fetchval(f"SELECT COUNT(*) FROM consultations c WHERE {where}", params)
        )
        rows = await self._db.fetchall(
            f"SELECT c.id, c.theme, c.question FROM consultations c WHERE {where} "
            "ORDER BY c.resolved_at DESC, c.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Found([Summary(r[0], r[1], r[2]) for r in rows], total)

    async def entry(self, consultation_id: int) -> tuple[Entry, int, int] | None:
        """A published exchange, with its member's and expert's ids (to know who may
        withdraw); None when it is not published."""
        row = await self._db.fetchone(
            "SELECT c.id, c.theme, c.country, c.question, c.asker_id, c.expert_id "
            f"FROM consultations c WHERE c.id = ? AND {_PUBLISHED}",
            (consultation_id,),
        )
        if row is None:
            return None
        messages = await self._db.fetchall(
            "SELECT author, body, file_kind FROM consultation_messages m "
            "WHERE consultation_id = ? AND (m.author = 'asker' OR m.author_id = ?) "
            "ORDER BY id",
            (consultation_id, row["expert_id"]),
        )
        entry = Entry(
            key=row["id"],
            theme=row["theme"],
            country=row["country"],
            question=row["question"],
            messages=tuple(EntryMessage(m[0], m[1], m[2]) for m in messages),
        )
        return entry, row["asker_id"], row["expert_id"]
