"""Polls, their questions and options; who was asked and how far they got; the answers,
kept per person for a named poll and only as counts (and unlinked texts) for an anonymous
one."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt, marks
from bot.domain.people import Contact
from bot.domain.polls import (
    Breakdown,
    Dimension,
    DraftQuestion,
    GroupCounts,
    NamedResponse,
    Poll,
    PollLine,
    Question,
    QuestionKind,
)

RESPONDENTS = -1  # poll_counts' option for how many answered a multiple-choice question

# Each person's groups for a breakdown: (user_id, grp) pairs.
_GROUPS = {
    Dimension.COUNTRY: "SELECT id AS user_id, country AS grp FROM users WHERE country IS NOT NULL",
    Dimension.KIND: (
        "SELECT m.user_id, o.kind AS grp FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved'"
    ),
    Dimension.THEME: (
        "SELECT m.user_id, t.theme AS grp FROM organization_members m JOIN organizations o "
        "ON o.id = m.organization_id AND o.status = 'approved' JOIN organization_themes t "
        "ON t.organization_id = o.id "
        "UNION SELECT e.user_id, et.theme AS grp FROM experts e JOIN expert_themes et "
        "ON et.user_id = e.user_id WHERE e.status = 'approved'"
    ),
}


@dataclass(frozen=True, slots=True)
class Tally:
    """What a question's answers add up to."""

    counts: tuple[int, ...]  # per option (or per point of a rating, 1 first)
    answered: int  # how many answered it
    values: tuple[int, ...] = ()  # a named rating's answers (an anonymous one: from counts)
    texts: tuple[str, ...] = ()  # free texts


def _question(row: sqlite3.Row, options: list[str]) -> Question:
    return Question(
        id=row["id"],
        position=row["position"],
        kind=QuestionKind(row["kind"]),
        text=row["text"],
        options=tuple(options),
        max_choices=row["max_choices"],
        scale=row["scale"],
        other=bool(row["other"]),
    )


def _anonymous_tally(question: Question, found: dict[int, int], texts: list[str]) -> Tally:
    """An anonymous question's counters (`found`: option: count) and its unlinked texts."""
    if question.kind == QuestionKind.TEXT:
        return Tally((), len(texts), texts=tuple(texts))
    width = question.choices
    counts = tuple(found.get(i, 0) for i in range(width))
    others = tuple(texts) if question.other else ()
    if question.kind == QuestionKind.MULTIPLE:
        return Tally(counts, found.get(RESPONDENTS, 0), texts=others)
    values = tuple(point for point in range(1, width + 1) for _ in range(counts[point - 1]))
    rating = question.kind == QuestionKind.RATING
    return Tally(counts, sum(counts), values if rating else (), texts=others)


def _named_tally(question: Question, found: dict[int, int], people: int, texts: list[str]) -> Tally:
    """A named question's answers: rows per option (`found`: option: rows), how many people
    answered it, and its texts in the order they were written."""
    if question.kind == QuestionKind.TEXT:
        return Tally((), people, texts=tuple(texts))
    counts = tuple(found.get(i, 0) for i in range(question.choices))
    if question.kind == QuestionKind.RATING:
        # every answer's points (a rating's row holds its points - 1)
        values = tuple(option + 1 for option in sorted(found) for _ in range(found[option]))
        return Tally(counts, people, values=values)
    return Tally(counts, people, texts=tuple(texts))


class PollsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        title: str,
        anonymous: bool,
        results_public: bool,
        created_by: int,
        closes_at: datetime,
        questions: Sequence[DraftQuestion],
        now: datetime,
        remind_at: datetime | None = None,
    ) -> int:
        self._db.require_transaction()
        poll_id = await self._db.execute(
            "INSERT INTO polls (title, anonymous, results_public, created_by, created_at, "
            "closes_at, remind_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                title,
                int(anonymous),
                int(results_public),
                created_by,
                now.isoformat(),
                closes_at.isoformat(),
                remind_at.isoformat() if remind_at else None,
            ),
        )
        for position, question in enumerate(questions):
            question_id = await self._db.execute(
                "INSERT INTO poll_questions (poll_id, position, kind, text, max_choices, "
                "scale, other) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    poll_id,
                    position,
                    question.kind.value,
                    question.text,
                    question.max_choices,
                    question.scale,
                    int(question.other),
                ),
            )
            await self._db.executemany(
                "INSERT INTO poll_options (question_id, position, text) VALUES (?, ?, ?)",
                [(question_id, i, text) for i, text in enumerate(question.options)],
            )
        return poll_id

    async def get(self, poll_id: int) -> Poll | None:
        row = await self._db.fetchone("SELECT * FROM polls WHERE id = ?", (poll_id,))
        if row is None:
            return None
        questions = await self._db.fetchall(
            "SELECT * FROM poll_questions WHERE poll_id = ? ORDER BY position", (poll_id,)
        )
        options: dict[int, list[str]] = {q["id"]: [] for q in questions}
        if options:
            for option in await self._db.fetchall(
                "SELECT question_id, text FROM poll_options "
                f"WHERE question_id IN ({marks(options)}) ORDER BY question_id, position",
                list(options),
            ):
                options[option[0]].append(option[1])
        return Poll(
            id=row["id"],
            title=row["title"],
            anonymous=bool(row["anonymous"]),
            results_public=bool(row["results_public"]),
            created_by=row["created_by"],
            created_at=dt(row["created_at"]),
            closes_at=dt(row["closes_at"]),
            closed_at=dt(row["closed_at"]) if row["closed_at"] else None,
            questions=tuple(_question(q, options[q["id"]]) for q in questions),
        )

    async def count(self) -> int:
        return int(await self._db.fetchval("SELECT COUNT(*) FROM polls"))

    async def listing(
        self, created_by: int | None, offset: int, limit: int
    ) -> tuple[list[PollLine], int]:
        """Polls newest first (of one organizer, or all), with how many were asked and how
        many answered every question; and how many polls there are."""
        where, params = ("p.created_by = ?", [created_by]) if created_by is not None else ("1", [])
        total = int(await self._db.fetchval(f"SELECT COUNT(*) FROM polls p WHERE {where}", params))
        rows = await self._db.fetchall(
            "SELECT p.id, p.title, p.closes_at, p.closed_at, "
            "(SELECT COUNT(*) FROM poll_recipients r WHERE r.poll_id = p.id) AS asked, "
            "(SELECT COUNT(*) FROM poll_recipients r WHERE r.poll_id = p.id AND r.progress >= "
            "(SELECT COUNT(*) FROM poll_questions q WHERE q.poll_id = p.id)) AS finished "
            f"FROM polls p WHERE {where} ORDER BY p.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        lines = [
            PollLine(
                r["id"],
                r["title"],
                dt(r["closes_at"]),
                dt(r["closed_at"]) if r["closed_at"] else None,
                r["asked"],
                r["finished"],
            )
            for r in rows
        ]
        return lines, total

    async def finished(self, poll_id: int) -> int:
        """How many answered every question."""
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM poll_recipients WHERE poll_id = ? AND progress >= "
                "(SELECT COUNT(*) FROM poll_questions WHERE poll_id = ?)",
                (poll_id, poll_id),
            )
        )

    # ------------------------------------------------------------------ participation

    async def add_recipients(self, poll_id: int, user_ids: Sequence[int]) -> None:
        await self._db.executemany(
            "INSERT INTO poll_recipients (poll_id, user_id) VALUES (?, ?) "
            "ON CONFLICT (poll_id, user_id) DO NOTHING",
            [(poll_id, uid) for uid in user_ids],
        )

    async def progress(self, poll_id: int, user_id: int) -> int | None:
        """How many questions the person has answered; None if the poll was not sent to
        them."""
        return await self._db.fetchval(
            "SELECT progress FROM poll_recipients WHERE poll_id = ? AND user_id = ?",
            (poll_id, user_id),
        )

    async def advance(self, poll_id: int, user_id: int, position: int) -> bool:
        """The person has answered question `position`, the next one they owed: False when
        they had answered it already (a double tap)."""
        changed = await self._db.rowcount(
            "UPDATE poll_recipients SET progress = progress + 1 "
            "WHERE poll_id = ? AND user_id = ? AND progress = ?",
            (poll_id, user_id, position),
        )
        return changed > 0

    async def name_respondent(self, poll_id: int, contact: Contact) -> None:
        """A named poll's respondent as the organizer sees them."""
        await self._db.execute(
            "UPDATE poll_recipients SET name = ?, username = ? WHERE poll_id = ? AND user_id = ?",
            (contact.name, contact.username, poll_id, contact.user_id),
        )

    async def named_responses(self, poll: Poll) -> list[NamedResponse]:
        """A named poll's responses, a row per person who answered anything: who, their
        country, and each question's answer (options by index, a rating's points - 1)."""
        people = await self._db.fetchall(
            "SELECT r.user_id, r.name, r.username, u.country FROM poll_recipients r "
            "JOIN users u ON u.id = r.user_id WHERE r.poll_id = ? AND r.progress > 0 "
            "ORDER BY r.name, r.user_id",
            (poll.id,),
        )
        ids = [q.id for q in poll.questions]
        answers: dict[tuple[int, int], list[int]] = {}
        texts: dict[tuple[int, int], str] = {}
        if ids:
            for row in await self._db.fetchall(
                "SELECT question_id, user_id, option, text FROM poll_answers "
                f"WHERE question_id IN ({marks(ids)}) ORDER BY option",
                ids,
            ):
                key = (row[0], row[1])
                if row[3] is not None:
                    texts[key] = row[3]
                if row[2] >= 0:
                    answers.setdefault(key, []).append(row[2])
        return [
            NamedResponse(
                user_id=p[0],
                name=p[1] or "",
                username=p[2],
                country=p[3],
                answers=tuple(tuple(answers.get((qid, p[0]), ())) for qid in ids),
                texts=tuple(texts.get((qid, p[0])) for qid in ids),
            )
            for p in people
        ]

    async def waiting(self, user_id: int, now: datetime) -> list[tuple[int, int]]:
        """The open polls sent to the person that they have not answered in full, soonest
        closing first: each poll's id and how many questions they have answered."""
        rows = await self._db.fetchall(
            "SELECT p.id, r.progress FROM poll_recipients r JOIN polls p ON p.id = r.poll_id "
            "WHERE r.user_id = ? AND p.closed_at IS NULL AND p.closes_at > ? AND r.progress < "
            "(SELECT COUNT(*) FROM poll_questions q WHERE q.poll_id = p.id) "
            "ORDER BY p.closes_at, p.id",
            (user_id, now.isoformat()),
        )
        return [(r[0], r[1]) for r in rows]

    async def waiting_count(self, user_id: int, now: datetime) -> int:
        """How many open polls wait for the person's answers, in one query."""
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM poll_recipients r JOIN polls p ON p.id = r.poll_id "
                "WHERE r.user_id = ? AND p.closed_at IS NULL AND p.closes_at > ? AND "
                "r.progress < (SELECT COUNT(*) FROM poll_questions q WHERE q.poll_id = p.id)",
                (user_id, now.isoformat()),
            )
        )

    async def asked(self, poll_id: int) -> int:
        return int(
            await self._db.fetchval(
                "SELECT COUNT(*) FROM poll_recipients WHERE poll_id = ?", (poll_id,)
            )
        )

    # ------------------------------------------------------------------ answers

    async def record_named(
        self,
        question: Question,
        user_id: int,
        options: Sequence[int],
        text: str | None,
        now: datetime,
    ) -> None:
        """A named answer, replacing the person's earlier answer to the question: a row per
        option chosen, the text on «Other» (or, for a free text, on the one row)."""
        self._db.require_transaction()
        await self._db.execute(
            "DELETE FROM poll_answers WHERE question_id = ? AND user_id = ?",
            (question.id, user_id),
        )
        written = question.other_index if question.kind != QuestionKind.TEXT else -1
        await self._db.executemany(
            "INSERT INTO poll_answers (question_id, user_id, option, text, answered_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (question.id, user_id, option, text if option == written else None, now.isoformat())
                for option in options or [-1]
            ],
        )

    async def count_anonymous(
        self, question_id: int, options: Sequence[int], multiple: bool
    ) -> None:
        """An anonymous answer: only the counts grow."""
        self._db.require_transaction()
        counted = [*options, RESPONDENTS] if multiple else list(options)
        await self._db.executemany(
            "INSERT INTO poll_counts (question_id, option, count) VALUES (?, ?, 1) "
            "ON CONFLICT (question_id, option) DO UPDATE SET count = count + 1",
            [(question_id, option) for option in counted],
        )

    async def add_anonymous_text(self, question_id: int, text: str, now: datetime) -> None:
        """An anonymous free text under a random id, with its day only."""
        await self._db.execute(
            "INSERT INTO poll_texts (id, question_id, text, day) VALUES (?, ?, ?, ?)",
            (secrets.randbits(62), question_id, text, now.date().isoformat()),
        )

    async def tallies(self, poll: Poll) -> dict[int, Tally]:
        """What each question's answers add up to, by question id: a few queries for the
        whole poll, whatever its number of questions and answers."""
        ids = [question.id for question in poll.questions]
        if not ids:
            return {}
        q = marks(ids)
        counted: dict[int, dict[int, int]] = {i: {} for i in ids}
        texts: dict[int, list[str]] = {i: [] for i in ids}
        if poll.anonymous:
            for question_id, option, count in await self._db.fetchall(
                f"SELECT question_id, option, count FROM poll_counts WHERE question_id IN ({q})",
                ids,
            ):
                counted[question_id][option] = count
            for question_id, text in await self._db.fetchall(
                f"SELECT question_id, text FROM poll_texts WHERE question_id IN ({q}) "
                "ORDER BY question_id, id",
                ids,
            ):
                texts[question_id].append(text)
            return {
                question.id: _anonymous_tally(question, counted[question.id], texts[question.id])
                for question in poll.questions
            }
        for question_id, option, count in await self._db.fetchall(
            "SELECT question_id, option, COUNT(*) FROM poll_answers "
            f"WHERE question_id IN ({q}) GROUP BY question_id, option",
            ids,
        ):
            counted[question_id][option] = count
        people = {
            r[0]: r[1]
            for r in await self._db.fetchall(
                "SELECT question_id, COUNT(DISTINCT user_id) FROM poll_answers "
                f"WHERE question_id IN ({q}) GROUP BY question_id",
                ids,
            )
        }
        for question_id, text in await self._db.fetchall(
            "SELECT question_id, text FROM poll_answers "
            f"WHERE question_id IN ({q}) AND text IS NOT NULL AND text <> '' "
            "ORDER BY question_id, answered_at, user_id, option",
            ids,
        ):
            texts[question_id].append(text)
        return {
            question.id: _named_tally(
                question, counted[question.id], people.get(question.id, 0), texts[question.id]
            )
            for question in poll.questions
        }

    async def chosen(self, question_id: int, user_id: int) -> list[int]:
        """A named poll's answer of one person (the options they chose)."""
        rows = await self._db.fetchall(
            "SELECT option FROM poll_answers WHERE question_id = ? AND user_id = ? "
            "AND option >= 0 ORDER BY option",
            (question_id, user_id),
        )
        return [r[0] for r in rows]

    async def written(self, question_id: int, user_id: int) -> str | None:
        """A named poll's text of one person (a free text, or what «Other» was)."""
        return await self._db.fetchval(
            "SELECT text FROM poll_answers WHERE question_id = ? AND user_id = ? "
            "AND text IS NOT NULL",
            (question_id, user_id),
        )

    async def breakdown(self, question: Question, dimension: Dimension) -> Breakdown:
        """A named question's answers by the respondents' groups (largest groups first)."""
        groups = _GROUPS[dimension]
        rows = await self._db.fetchall(
            f"SELECT g.grp, a.option, COUNT(DISTINCT a.user_id) FROM poll_answers a "
            f"JOIN ({groups}) g ON g.user_id = a.user_id "
            "WHERE a.question_id = ? AND a.option >= 0 GROUP BY g.grp, a.option",
            (question.id,),
        )
        sizes = await self._db.fetchall(
            f"SELECT g.grp, COUNT(DISTINCT a.user_id) FROM poll_answers a "
            f"JOIN ({groups}) g ON g.user_id = a.user_id "
            "WHERE a.question_id = ? GROUP BY g.grp",
            (question.id,),
        )
        outside = await self._db.fetchval(
            "SELECT COUNT(DISTINCT a.user_id) FROM poll_answers a WHERE a.question_id = ? "
            f"AND a.user_id NOT IN (SELECT user_id FROM ({groups}))",
            (question.id,),
        )
        counts: dict[str, list[int]] = {r[0]: [0] * question.choices for r in sizes}
        for grp, option, count in rows:
            if 0 <= option < question.choices:
                counts[grp][option] = count
        ordered = sorted(sizes, key=lambda r: (-r[1], r[0]))
        return Breakdown(
            dimension,
            tuple(GroupCounts(r[0], r[1], tuple(counts[r[0]])) for r in ordered),
            int(outside or 0),
        )

    # ------------------------------------------------------------------ closing

    async def close(self, poll_id: int, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE polls SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
            (now.isoformat(), poll_id),
        )
        return changed > 0

    async def due_to_remind(self, now: datetime) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT id FROM polls WHERE closed_at IS NULL AND reminded_at IS NULL "
            "AND remind_at <= ? AND closes_at > ? ORDER BY id",
            (now.isoformat(), now.isoformat()),
        )
        return [r[0] for r in rows]

    async def mark_reminded(self, poll_id: int, now: datetime) -> bool:
        """Once: False when another tick did, or the poll closed meanwhile."""
        changed = await self._db.rowcount(
            "UPDATE polls SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL "
            "AND closed_at IS NULL AND remind_at <= ?",
            (now.isoformat(), poll_id, now.isoformat()),
        )
        return changed > 0

    async def progress_of_all(self, poll_id: int) -> dict[int, int]:
        """Each recipient's progress (how many questions they have answered)."""
        rows = await self._db.fetchall(
            "SELECT user_id, progress FROM poll_recipients WHERE poll_id = ?", (poll_id,)
        )
        return {r[0]: r[1] for r in rows}

    async def due_to_close(self, now: datetime) -> list[int]:
        rows = await self._db.fetchall(
            "SELECT id FROM polls WHERE closed_at IS NULL AND closes_at <= ? ORDER BY id",
            (now.isoformat(),),
        )
        return [r[0] for r in rows]
