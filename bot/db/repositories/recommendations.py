"""Recommendation sets: their sections and recommendations with the groups they address,
the organizations a set went to, each organization's answers (as they stand, and every
revision), commitments and their check-ins, and the reminders planned for the silent."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.db.database import Database
from bot.db.repositories.rows import dt, marks
from bot.domain.recommendations import (
    GROUP_KINDS,
    Answer,
    Commitment,
    CommitmentStatus,
    DraftSection,
    Group,
    OrgProgress,
    Recommendation,
    RecSet,
    Section,
    Verdict,
)


@dataclass(frozen=True, slots=True)
class NewSet:
    title: str
    source: str | None
    event_id: int | None
    held_on: date | None
    deadline: datetime | None
    include_members: bool
    reminder_days: tuple[int, ...]
    checkin_days: int
    sections: tuple[DraftSection, ...]


@dataclass(frozen=True, slots=True)
class AddressedOrg:
    id: int
    name: str
    kind: str
    group: Group


@dataclass(frozen=True, slots=True)
class DueCheckin:
    set_id: int
    recommendation_id: int
    org_id: int
    moment: str = ""  # the check-in's moment as listed (moved on only from it)


def _answer(r: sqlite3.Row) -> Answer:
    return Answer(
        recommendation_id=r["recommendation_id"],
        org_id=r["org_id"],
        verdict=Verdict(r["verdict"]),
        text=r["text"],
        commitment=r["commitment"],
        commitment_due=date.fromisoformat(r["commitment_due"]) if r["commitment_due"] else None,
        answered_by=r["answered_by"],
        answered_at=dt(r["answered_at"]),
        revision=r["revision"],
    )


def _kinds(groups: Sequence[Group]) -> list[str]:
    return [kind for group in groups for kind in GROUP_KINDS[group]]


def _group_case() -> str:
    """SQL: the group of organization `o` by its type."""
    whens = " ".join(
        f"WHEN o.kind IN ({', '.join(repr(k) for k in kinds)}) THEN '{group.value}'"
        for group, kinds in GROUP_KINDS.items()
    )
    return f"CASE {whens} END"


# The approved organizations a person coordinates or belongs to (params: user id twice):
# the queries of "what waits for this person" start from these, by index, not from every
# addressee of every set.
_MINE = (
    "WITH mine (id) AS (SELECT o.id FROM organizations o WHERE o.coordinator_id = ? "
    "AND o.status = 'approved' UNION SELECT o.id FROM organization_members m "
    "JOIN organizations o ON o.id = m.organization_id AND o.status = 'approved' "
    "WHERE m.user_id = ?)"
)


class RecommendationsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ the set

    async def create(self, new: NewSet, created_by: int, now: datetime) -> int:
        self._db.require_transaction()
        set_id = await self._db.execute(
            "INSERT INTO rec_sets (title, source, event_id, held_on, deadline, include_members, "
            "reminder_days, checkin_days, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.title,
                new.source,
                new.event_id,
                new.held_on.isoformat() if new.held_on else None,
                new.deadline.isoformat() if new.deadline else None,
                int(new.include_members),
                ",".join(str(d) for d in new.reminder_days),
                new.checkin_days,
                created_by,
                now.isoformat(),
            ),
        )
        position = 0
        for s_position, section in enumerate(new.sections):
            section_id = await self._db.execute(
                "INSERT INTO rec_sections (set_id, position, title) VALUES (?, ?, ?)",
                (set_id, s_position, section.title),
            )
            for rec in section.recommendations:
                rec_id = await self._db.execute(
                    "INSERT INTO recommendations (set_id, section_id, position, text) "
                    "VALUES (?, ?, ?, ?)",
                    (set_id, section_id, position, rec.text),
                )
                position += 1
                await self._db.executemany(
                    "INSERT INTO recommendation_groups (recommendation_id, grp) VALUES (?, ?)",
                    [(rec_id, group.value) for group in sorted(rec.groups)],
                )
        return set_id

    async def get(self, set_id: int) -> RecSet | None:
        row = await self._db.fetchone("SELECT * FROM rec_sets WHERE id = ?", (set_id,))
        if row is None:
            return None
        sections = await self._db.fetchall(
            "SELECT * FROM rec_sections WHERE set_id = ? ORDER BY position", (set_id,)
        )
        recs = await self._db.fetchall(
            "SELECT * FROM recommendations WHERE set_id = ? ORDER BY position", (set_id,)
        )
        groups: dict[int, set[Group]] = {r["id"]: set() for r in recs}
        for g in await self._db.fetchall(
            "SELECT g.recommendation_id, g.grp FROM recommendation_groups g "
            "JOIN recommendations r ON r.id = g.recommendation_id WHERE r.set_id = ?",
            (set_id,),
        ):
            groups[g[0]].add(Group(g[1]))
        by_section: dict[int, list[Recommendation]] = {s["id"]: [] for s in sections}
        for r in recs:
            by_section[r["section_id"]].append(
                Recommendation(
                    r["id"], r["section_id"], r["position"], r["text"], frozenset(groups[r["id"]])
                )
            )
        return RecSet(
            id=row["id"],
            title=row["title"],
            source=row["source"],
            event_id=row["event_id"],
            held_on=date.fromisoformat(row["held_on"]) if row["held_on"] else None,
            deadline=dt(row["deadline"]) if row["deadline"] else None,
            created_by=row["created_by"],
            created_at=dt(row["created_at"]),
            sent_at=dt(row["sent_at"]) if row["sent_at"] else None,
            deleted_at=dt(row["deleted_at"]) if row["deleted_at"] else None,
            include_members=bool(row["include_members"]),
            sections=tuple(
                Section(s["id"], s["position"], s["title"], tuple(by_section[s["id"]]))
                for s in sections
            ),
            reminder_days=tuple(int(d) for d in row["reminder_days"].split(",") if d),
            checkin_days=row["checkin_days"],
        )

    async def count(self) -> int:
        return int(await self._db.fetchval("SELECT COUNT(*) FROM rec_sets"))

    async def mark_summary(self, set_id: int, now: datetime) -> bool:
        """Once per state of the answers: False when a summary went out and no answer has
        changed since (a double tap)."""
        changed = await self._db.rowcount(
            "UPDATE rec_sets SET summary_at = ? WHERE id = ? AND (summary_at IS NULL OR "
            "summary_at < (SELECT MAX(h.answered_at) FROM rec_answer_history h "
            "JOIN recommendations r ON r.id = h.recommendation_id WHERE r.set_id = ?))",
            (now.isoformat(), set_id, set_id),
        )
        return changed > 0

    async def waiting_count(self, user_id: int, now: datetime) -> int:
        """How many (set, organization) pairs of the person still have a recommendation
        to answer: the main menu's figure, in one query."""
        return int(
            await self._db.fetchval(
                f"{_MINE} SELECT COUNT(*) FROM mine JOIN rec_addressees a ON a.org_id = mine.id "
                "JOIN rec_sets s ON s.id = a.set_id "
                "WHERE s.sent_at IS NOT NULL AND s.deleted_at IS NULL "
                "AND (s.deadline IS NULL OR s.deadline > ?) "
                "AND (SELECT COUNT(*) FROM recommendations r JOIN recommendation_groups g "
                "ON g.recommendation_id = r.id AND g.grp = a.grp WHERE r.set_id = s.id) > "
                "(SELECT COUNT(*) FROM rec_answers x JOIN recommendations r "
                "ON r.id = x.recommendation_id WHERE r.set_id = s.id AND x.org_id = a.org_id)",
                (user_id, user_id, now.isoformat()),
            )
        )

    async def mark_sent(self, set_id: int, now: datetime) -> None:
        await self._db.execute(
            "UPDATE rec_sets SET sent_at = ? WHERE id = ?", (now.isoformat(), set_id)
        )

    async def mark_deleted(self, set_id: int, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE rec_sets SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (now.isoformat(), set_id),
        )
        return changed > 0

    async def listing(self, created_by: int | None) -> list[tuple[int, str, datetime | None]]:
        """Sets not deleted, newest first (of one organizer, or all): id, title, deadline."""
        where, params = ("AND created_by = ?", [created_by]) if created_by is not None else ("", [])
        rows = await self._db.fetchall(
            f"SELECT id, title, deadline FROM rec_sets WHERE deleted_at IS NULL {where} "
            "ORDER BY id DESC LIMIT 30",
            params,
        )
        return [(r[0], r[1], dt(r[2]) if r[2] else None) for r in rows]

    # ------------------------------------------------------------------ addressees

    async def approved_of(self, groups: Sequence[Group]) -> list[AddressedOrg]:
        """The approved organizations of the groups, by name."""
        kinds = _kinds(groups)
        if not kinds:
            return []
        rows = await self._db.fetchall(
            f"SELECT o.id, o.name, o.kind, {_group_case()} AS grp FROM organizations o "
            f"WHERE o.status = 'approved' AND o.kind IN ({marks(kinds)}) ORDER BY o.name_key",
            kinds,
        )
        return [AddressedOrg(r[0], r[1], r[2], Group(r[3])) for r in rows]

    async def people_of(self, org_ids: Sequence[int], include_members: bool) -> list[int]:
        """The coordinators (and members) of the organizations who can be reached."""
        if not org_ids:
            return []
        members = (
            f"UNION SELECT m.user_id FROM organization_members m "
            f"WHERE m.organization_id IN ({marks(org_ids)})"
            if include_members
            else ""
        )
        rows = await self._db.fetchall(
            "SELECT u.id FROM users u WHERE u.is_active = 1 AND u.id IN ("
            f"SELECT o.coordinator_id FROM organizations o WHERE o.id IN ({marks(org_ids)}) "
            f"{members}) ORDER BY u.id",
            [*org_ids, *(org_ids if include_members else [])],
        )
        return [r[0] for r in rows]

    async def add_addressees(self, set_id: int, orgs: Sequence[AddressedOrg]) -> None:
        await self._db.executemany(
            "INSERT INTO rec_addressees (set_id, org_id, grp) VALUES (?, ?, ?) "
            "ON CONFLICT (set_id, org_id) DO NOTHING",
            [(set_id, o.id, o.group.value) for o in orgs],
        )

    async def addressees(self, set_id: int) -> list[AddressedOrg]:
        rows = await self._db.fetchall(
            "SELECT o.id, o.name, o.kind, a.grp FROM rec_addressees a "
            "JOIN organizations o ON o.id = a.org_id WHERE a.set_id = ? ORDER BY o.name_key",
            (set_id,),
        )
        return [AddressedOrg(r[0], r[1], r[2], Group(r[3])) for r in rows]

    async def orgs_of_person(self, set_id: int, user_id: int) -> list[AddressedOrg]:
        """The set's addressed organizations the person belongs to (coordinator included)."""
        rows = await self._db.fetchall(
            "SELECT o.id, o.name, o.kind, a.grp FROM rec_addressees a "
            "JOIN organizations o ON o.id = a.org_id AND o.status = 'approved' "
            "WHERE a.set_id = ? AND (o.coordinator_id = ? OR EXISTS (SELECT 1 FROM "
            "organization_members m WHERE m.organization_id = o.id AND m.user_id = ?)) "
            "ORDER BY o.name_key",
            (set_id, user_id, user_id),
        )
        return [AddressedOrg(r[0], r[1], r[2], Group(r[3])) for r in rows]

    async def open_sets_of_person(self, user_id: int, now: datetime) -> list[int]:
        """Sent sets, not deleted, before their deadline, addressed to an organization of
        the person."""
        rows = await self._db.fetchall(
            f"{_MINE} SELECT DISTINCT s.id FROM mine JOIN rec_addressees a ON a.org_id = mine.id "
            "JOIN rec_sets s ON s.id = a.set_id "
            "WHERE s.sent_at IS NOT NULL AND s.deleted_at IS NULL "
            "AND (s.deadline IS NULL OR s.deadline > ?) ORDER BY s.id DESC",
            (user_id, user_id, now.isoformat()),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ answers

    async def answer_of(self, recommendation_id: int, org_id: int) -> Answer | None:
        row = await self._db.fetchone(
            "SELECT * FROM rec_answers WHERE recommendation_id = ? AND org_id = ?",
            (recommendation_id, org_id),
        )
        return _answer(row) if row else None

    async def answers_of_org(self, set_id: int, org_id: int) -> dict[int, Answer]:
        rows = await self._db.fetchall(
            "SELECT a.* FROM rec_answers a JOIN recommendations r ON r.id = a.recommendation_id "
            "WHERE r.set_id = ? AND a.org_id = ?",
            (set_id, org_id),
        )
        return {r["recommendation_id"]: _answer(r) for r in rows}

    async def answers_of_set(self, set_id: int) -> list[Answer]:
        rows = await self._db.fetchall(
            "SELECT a.* FROM rec_answers a JOIN recommendations r ON r.id = a.recommendation_id "
            "WHERE r.set_id = ? ORDER BY r.position, a.org_id",
            (set_id,),
        )
        return [_answer(r) for r in rows]

    async def save_answer(
        self,
        recommendation_id: int,
        org_id: int,
        verdict: Verdict,
        text: str | None,
        commitment: str | None,
        due: date | None,
        user_id: int,
        now: datetime,
    ) -> int:
        """The organization's answer as it stands now, and a revision in its history;
        returns the revision."""
        self._db.require_transaction()
        previous = await self._db.fetchval(
            "SELECT revision FROM rec_answers WHERE recommendation_id = ? AND org_id = ?",
            (recommendation_id, org_id),
        )
        revision = (previous or 0) + 1
        values = (
            recommendation_id,
            org_id,
            verdict.value,
            text,
            commitment,
            due.isoformat() if due else None,
            user_id,
            now.isoformat(),
            revision,
        )
        await self._db.execute(
            "INSERT INTO rec_answers (recommendation_id, org_id, verdict, text, commitment, "
            "commitment_due, answered_by, answered_at, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (recommendation_id, org_id) DO UPDATE SET verdict = excluded.verdict, "
            "text = excluded.text, commitment = excluded.commitment, "
            "commitment_due = excluded.commitment_due, answered_by = excluded.answered_by, "
            "answered_at = excluded.answered_at, revision = excluded.revision",
            values,
        )
        await self._db.execute(
            "INSERT INTO rec_answer_history (recommendation_id, org_id, verdict, text, "
            "commitment, commitment_due, answered_by, answered_at, revision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        return revision

    async def history(self, recommendation_id: int, org_id: int) -> list[Answer]:
        rows = await self._db.fetchall(
            "SELECT * FROM rec_answer_history WHERE recommendation_id = ? AND org_id = ? "
            "ORDER BY revision",
            (recommendation_id, org_id),
        )
        return [_answer(r) for r in rows]

    async def history_of_set(self, set_id: int) -> list[Answer]:
        rows = await self._db.fetchall(
            "SELECT h.* FROM rec_answer_history h JOIN recommendations r "
            "ON r.id = h.recommendation_id WHERE r.set_id = ? "
            "ORDER BY r.position, h.org_id, h.revision",
            (set_id,),
        )
        return [_answer(r) for r in rows]

    async def silent_orgs(self, set_id: int) -> list[int]:
        """The addressed organizations that have not answered every recommendation
        addressed to their group."""
        rows = await self._db.fetchall(
            "SELECT a.org_id FROM rec_addressees a JOIN organizations o ON o.id = a.org_id "
            "AND o.status = 'approved' WHERE a.set_id = ? AND "
            "(SELECT COUNT(*) FROM recommendations r JOIN recommendation_groups g "
            "ON g.recommendation_id = r.id AND g.grp = a.grp WHERE r.set_id = a.set_id) > "
            "(SELECT COUNT(*) FROM rec_answers x JOIN recommendations r "
            "ON r.id = x.recommendation_id WHERE r.set_id = a.set_id AND x.org_id = a.org_id) "
            "ORDER BY a.org_id",
            (set_id,),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ commitments

    async def set_commitment(
        self, recommendation_id: int, org_id: int, due: date, now: datetime
    ) -> None:
        """A commitment made (or changed) with an answer: planned, checked in on at its
        date."""
        await self._db.execute(
            "INSERT INTO rec_commitments (recommendation_id, org_id, status, next_checkin, "
            "updated_at) VALUES (?, ?, 'planned', ?, ?) ON CONFLICT (recommendation_id, org_id) "
            "DO UPDATE SET status = 'planned', note = NULL, next_checkin = excluded.next_checkin, "
            "overdue_told_at = NULL, updated_at = excluded.updated_at",
            (recommendation_id, org_id, _checkin_moment(due), now.isoformat()),
        )

    async def commitment(self, recommendation_id: int, org_id: int) -> Commitment | None:
        row = await self._db.fetchone(
            "SELECT c.*, a.commitment, a.commitment_due FROM rec_commitments c "
            "JOIN rec_answers a ON a.recommendation_id = c.recommendation_id "
            "AND a.org_id = c.org_id WHERE c.recommendation_id = ? AND c.org_id = ?",
            (recommendation_id, org_id),
        )
        return _commitment(row) if row else None

    async def commitments_of_set(self, set_id: int) -> list[Commitment]:
        rows = await self._db.fetchall(
            "SELECT c.*, a.commitment, a.commitment_due FROM rec_commitments c "
            "JOIN rec_answers a ON a.recommendation_id = c.recommendation_id "
            "AND a.org_id = c.org_id JOIN recommendations r ON r.id = c.recommendation_id "
            "WHERE r.set_id = ? AND a.commitment IS NOT NULL ORDER BY r.position, c.org_id",
            (set_id,),
        )
        return [_commitment(r) for r in rows]

    async def update_commitment(
        self,
        recommendation_id: int,
        org_id: int,
        status: CommitmentStatus,
        note: str | None,
        next_checkin: datetime | None,
        now: datetime,
    ) -> bool:
        changed = await self._db.rowcount(
            "UPDATE rec_commitments SET status = ?, note = COALESCE(?, note), next_checkin = ?, "
            "updated_at = ? WHERE recommendation_id = ? AND org_id = ?",
            (
                status.value,
                note,
                next_checkin.isoformat() if next_checkin else None,
                now.isoformat(),
                recommendation_id,
                org_id,
            ),
        )
        return changed > 0

    async def due_checkins(self, now: datetime) -> list[DueCheckin]:
        rows = await self._db.fetchall(
            "SELECT r.set_id, c.recommendation_id, c.org_id, c.next_checkin "
            "FROM rec_commitments c JOIN recommendations r ON r.id = c.recommendation_id "
            "JOIN rec_sets s ON s.id = r.set_id AND s.deleted_at IS NULL "
            "WHERE c.next_checkin IS NOT NULL AND c.next_checkin <= ? "
            "ORDER BY c.next_checkin, c.recommendation_id, c.org_id",
            (now.isoformat(),),
        )
        return [DueCheckin(r[0], r[1], r[2], r[3]) for r in rows]

    async def move_checkin(
        self, recommendation_id: int, org_id: int, before: str, after: datetime
    ) -> bool:
        """The next check-in moved on, once (False: another tick did it)."""
        changed = await self._db.rowcount(
            "UPDATE rec_commitments SET next_checkin = ? WHERE recommendation_id = ? "
            "AND org_id = ? AND next_checkin = ?",
            (after.isoformat(), recommendation_id, org_id, before),
        )
        return changed > 0

    async def overdue(self, today: date) -> list[DueCheckin]:
        """Commitments past their date, not done nor dropped, the organizer not told yet."""
        rows = await self._db.fetchall(
            "SELECT r.set_id, c.recommendation_id, c.org_id FROM rec_commitments c "
            "JOIN rec_answers a ON a.recommendation_id = c.recommendation_id "
            "AND a.org_id = c.org_id JOIN recommendations r ON r.id = c.recommendation_id "
            "JOIN rec_sets s ON s.id = r.set_id AND s.deleted_at IS NULL "
            "WHERE c.status IN ('planned', 'in_progress') AND c.overdue_told_at IS NULL "
            "AND a.commitment_due < ? ORDER BY r.set_id, r.position, c.org_id",
            (today.isoformat(),),
        )
        return [DueCheckin(r[0], r[1], r[2]) for r in rows]

    async def mark_overdue_told(self, recommendation_id: int, org_id: int, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE rec_commitments SET overdue_told_at = ? WHERE recommendation_id = ? "
            "AND org_id = ? AND overdue_told_at IS NULL",
            (now.isoformat(), recommendation_id, org_id),
        )
        return changed > 0

    # ------------------------------------------------------------------ reminders

    async def plan_reminders(self, set_id: int, moments: Sequence[datetime]) -> None:
        await self._db.executemany(
            "INSERT INTO rec_reminders (set_id, due_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(set_id, m.isoformat()) for m in moments],
        )

    async def due_reminders(self, now: datetime) -> list[tuple[int, str]]:
        rows = await self._db.fetchall(
            "SELECT r.set_id, r.due_at FROM rec_reminders r JOIN rec_sets s ON s.id = r.set_id "
            "WHERE r.done_at IS NULL AND r.due_at <= ? AND s.deleted_at IS NULL "
            "ORDER BY r.due_at, r.set_id",
            (now.isoformat(),),
        )
        return [(r[0], r[1]) for r in rows]

    async def mark_reminded(self, set_id: int, due_at: str, now: datetime) -> bool:
        changed = await self._db.rowcount(
            "UPDATE rec_reminders SET done_at = ? WHERE set_id = ? AND due_at = ? "
            "AND done_at IS NULL",
            (now.isoformat(), set_id, due_at),
        )
        return changed > 0

    # ------------------------------------------------------------------ reports

    async def progress_of_orgs(self, set_id: int) -> list[OrgProgress]:
        rows = await self._db.fetchall(
            "SELECT o.id, o.name, o.kind, "
            "(SELECT COUNT(*) FROM recommendations r JOIN recommendation_groups g "
            "ON g.recommendation_id = r.id AND g.grp = a.grp WHERE r.set_id = a.set_id), "
            "(SELECT COUNT(*) FROM rec_answers x JOIN recommendations r "
            "ON r.id = x.recommendation_id WHERE r.set_id = a.set_id AND x.org_id = a.org_id) "
            "FROM rec_addressees a JOIN organizations o ON o.id = a.org_id "
            "WHERE a.set_id = ? ORDER BY o.name_key",
            (set_id,),
        )
        statuses = await self._db.fetchall(
            "SELECT c.org_id, c.status, COUNT(*) FROM rec_commitments c "
            "JOIN rec_answers x ON x.recommendation_id = c.recommendation_id "
            "AND x.org_id = c.org_id AND x.commitment IS NOT NULL "
            "JOIN recommendations r ON r.id = c.recommendation_id WHERE r.set_id = ? "
            "GROUP BY c.org_id, c.status",
            (set_id,),
        )
        by_org: dict[int, dict[CommitmentStatus, int]] = {}
        for org_id, status, count in statuses:
            by_org.setdefault(org_id, {})[CommitmentStatus(status)] = count
        return [OrgProgress(r[0], r[1], r[2], r[3], r[4], by_org.get(r[0], {})) for r in rows]

    async def org_names(self, org_ids: Sequence[int]) -> dict[int, str]:
        if not org_ids:
            return {}
        rows = await self._db.fetchall(
            f"SELECT id, name FROM organizations WHERE id IN ({marks(org_ids)})", list(org_ids)
        )
        return {r[0]: r[1] for r in rows}


def _checkin_moment(due: date) -> str:
    """A commitment is asked about on the morning of its date: 04:00 UTC is 9 or 10 in
    the morning across Central Asia (UTC+5 and UTC+6)."""
    return datetime(due.year, due.month, due.day, 4, 0, tzinfo=UTC).isoformat()


def _commitment(r: sqlite3.Row) -> Commitment:
    return Commitment(
        recommendation_id=r["recommendation_id"],
        org_id=r["org_id"],
        text=r["commitment"] or "",
        due=date.fromisoformat(r["commitment_due"]),
        status=CommitmentStatus(r["status"]),
        note=r["note"],
        updated_at=dt(r["updated_at"]),
    )
