"""What digests and organizers' summaries are made of, read for many people at once: a
few queries per batch of people, none per person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.audience import Audience
from bot.db.repositories.rows import dt, marks
from bot.domain.digests import (
    EventFigures,
    KeyDate,
    NewEvent,
    NewOrganization,
    PollFigures,
    RecFigures,
    WaitingPoll,
    WaitingProposals,
    WaitingRecs,
)
from bot.domain.events import ANNOUNCEMENT

_CHUNK = 500
# answers that make an event the person's own: its dates come to their digest
_ANSWERED = ("going", "maybe", "waitlist", "applied")


@dataclass(frozen=True, slots=True)
class EventNews:
    event: NewEvent
    audience: Audience
    created_at: datetime
    apply_by: datetime | None


@dataclass(frozen=True, slots=True)
class OrgNews:
    organization: NewOrganization
    themes: frozenset[str]
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class RequestRow:
    id: int
    asker_id: int
    theme: str
    taken_at: datetime | None
    resolved_at: datetime | None


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


class DigestsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ events

    async def _audiences(self, event_ids: list[int]) -> dict[int, Audience]:
        audiences: dict[int, dict[str, tuple[str, ...]]] = {e: {} for e in event_ids}
        for chunk in _chunks(event_ids):
            for r in await self._db.fetchall(
                "SELECT event_id, dimension, value FROM event_audience "
                f"WHERE event_id IN ({marks(chunk)}) ORDER BY event_id, dimension, value",
                chunk,
            ):
                audiences[r[0]][r[1]] = (*audiences[r[0]].get(r[1], ()), r[2])
        return audiences

    async def event_news(self, since: datetime, now: datetime, until: datetime) -> list[EventNews]:
        """Published events still ahead that were announced after `since`, or whose
        applications close before `until`."""
        rows = await self._db.fetchall(
            "SELECT id, title, starts_at, timezone, dates_tbc, place, online_url, created_at, "
            "apply_by FROM events WHERE status = 'published' AND starts_at > ? AND "
            "(created_at > ? OR (apply_by > ? AND apply_by <= ?)) ORDER BY starts_at, id",
            (now.isoformat(), since.isoformat(), now.isoformat(), until.isoformat()),
        )
        audiences = await self._audiences([r[0] for r in rows])
        return [
            EventNews(
                NewEvent(r[0], r[1], dt(r[2]), r[3], bool(r[4]), bool(r[6]) and not r[5]),
                audiences[r[0]],
                dt(r[7]),
                dt(r[8]) if r[8] else None,
            )
            for r in rows
        ]

    async def announced(self, event_ids: list[int], user_ids: list[int]) -> set[tuple[int, int]]:
        """(event, person) pairs whose announcement the person was sent (or is being)."""
        found: set[tuple[int, int]] = set()
        if not event_ids:
            return found
        for chunk in _chunks(user_ids):
            for r in await self._db.fetchall(
                "SELECT c.subject_id, o.user_id FROM campaigns c JOIN outbox o "
                "ON o.campaign_id = c.id WHERE c.kind = ? "
                f"AND c.subject_id IN ({marks(event_ids)}) AND o.user_id IN ({marks(chunk)}) "
                "AND o.status IN ('queued', 'sent')",
                (ANNOUNCEMENT, *event_ids, *chunk),
            ):
                found.add((r[0], r[1]))
        return found

    async def answered(self, user_ids: list[int]) -> dict[int, set[int]]:
        """Person -> the events (still published) they answered in any way."""
        found: dict[int, set[int]] = {}
        for chunk in _chunks(user_ids):
            for r in await self._db.fetchall(
                "SELECT r.user_id, r.event_id FROM event_responses r JOIN events e "
                "ON e.id = r.event_id AND e.status = 'published' "
                f"WHERE r.user_id IN ({marks(chunk)})",
                chunk,
            ):
                found.setdefault(r[0], set()).add(r[1])
        return found

    async def own_dates(
        self, user_ids: list[int], now: datetime, until: datetime
    ) -> dict[int, list[KeyDate]]:
        """Person -> the starts and milestones between `now` and `until` of the events
        they said they go to, may go to, wait for or applied to."""
        found: dict[int, list[KeyDate]] = {}
        window = (now.isoformat(), until.isoformat())
        for chunk in _chunks(user_ids):
            q = marks(chunk)
            statuses = marks(_ANSWERED)
            for r in await self._db.fetchall(
                "SELECT r.user_id, e.id, e.title, e.starts_at FROM event_responses r "
                "JOIN events e ON e.id = r.event_id AND e.status = 'published' "
                f"WHERE r.user_id IN ({q}) AND r.status IN ({statuses}) "
                "AND e.starts_at > ? AND e.starts_at <= ?",
                (*chunk, *_ANSWERED, *window),
            ):
                found.setdefault(r[0], []).append(KeyDate(r[1], r[2], dt(r[3]), "start"))
            for r in await self._db.fetchall(
                "SELECT r.user_id, e.id, e.title, m.due_at, m.title FROM event_responses r "
                "JOIN events e ON e.id = r.event_id AND e.status = 'published' "
                "JOIN event_milestones m ON m.event_id = e.id "
                f"WHERE r.user_id IN ({q}) AND r.status IN ({statuses}) "
                "AND m.due_at > ? AND m.due_at <= ?",
                (*chunk, *_ANSWERED, *window),
            ):
                found.setdefault(r[0], []).append(KeyDate(r[1], r[2], dt(r[3]), "milestone", r[4]))
        return found

    # ------------------------------------------------------------------ polls, recommendations

    async def waiting_polls(
        self, user_ids: list[int], now: datetime
    ) -> dict[int, list[WaitingPoll]]:
        found: dict[int, list[WaitingPoll]] = {}
        for chunk in _chunks(user_ids):
            for r in await self._db.fetchall(
                "SELECT r.user_id, p.id, p.title, p.closes_at FROM poll_recipients r "
                "JOIN polls p ON p.id = r.poll_id "
                f"WHERE r.user_id IN ({marks(chunk)}) AND p.closed_at IS NULL "
                "AND p.closes_at > ? AND r.progress < "
                "(SELECT COUNT(*) FROM poll_questions q WHERE q.poll_id = p.id) "
                "ORDER BY p.closes_at, p.id",
                (*chunk, now.isoformat()),
            ):
                found.setdefault(r[0], []).append(WaitingPoll(r[1], r[2], dt(r[3])))
        return found

    async def waiting_recs(
        self, user_ids: list[int], now: datetime
    ) -> dict[int, list[WaitingRecs]]:
        """Person -> the sets their organizations still have recommendations to answer of
        (coordinators always; members when the set was sent to members too)."""
        found: dict[int, list[WaitingRecs]] = {}
        for chunk in _chunks(user_ids):
            q = marks(chunk)
            rows = await self._db.fetchall(
                "WITH people (user_id, org_id, coordinator) AS ("
                f"SELECT coordinator_id, id, 1 FROM organizations WHERE coordinator_id IN ({q}) "
                "UNION SELECT user_id, organization_id, 0 FROM organization_members "
                f"WHERE user_id IN ({q})), "
                "due (set_id, org_id, title, org_name, deadline, include_members, total, done) "
                "AS (SELECT s.id, a.org_id, s.title, o.name, s.deadline, s.include_members, "
                "(SELECT COUNT(*) FROM recommendations r JOIN recommendation_groups g "
                "ON g.recommendation_id = r.id AND g.grp = a.grp WHERE r.set_id = s.id), "
                "(SELECT COUNT(*) FROM rec_answers x JOIN recommendations r "
                "ON r.id = x.recommendation_id WHERE r.set_id = s.id AND x.org_id = a.org_id) "
                "FROM rec_addressees a JOIN rec_sets s ON s.id = a.set_id "
                "JOIN organizations o ON o.id = a.org_id AND o.status = 'approved' "
                "WHERE s.sent_at IS NOT NULL AND s.deleted_at IS NULL "
                "AND (s.deadline IS NULL OR s.deadline > ?) "
                "AND a.org_id IN (SELECT org_id FROM people)) "
                "SELECT DISTINCT p.user_id, d.set_id, d.org_id, d.title, d.org_name, "
                "d.total - d.done, d.deadline FROM due d JOIN people p ON p.org_id = d.org_id "
                "WHERE d.total > d.done AND (p.coordinator = 1 OR d.include_members = 1) "
                "ORDER BY d.deadline, d.set_id, d.org_name",
                (*chunk, *chunk, now.isoformat()),
            )
            for r in rows:
                found.setdefault(r[0], []).append(
                    WaitingRecs(r[1], r[2], r[3], r[4], r[5], dt(r[6]) if r[6] else None)
                )
        return found

    # ------------------------------------------------------------------ consultations

    async def request_changes(
        self, user_ids: list[int], since: datetime
    ) -> tuple[list[RequestRow], dict[int, list[datetime]]]:
        """The persons' requests taken or resolved after `since`, or with expert messages
        after it; and those messages' times per request."""
        stamp = since.isoformat()
        requests: list[RequestRow] = []
        answers: dict[int, list[datetime]] = {}
        for chunk in _chunks(user_ids):
            rows = await self._db.fetchall(
                "SELECT c.id, c.asker_id, c.theme, c.taken_at, c.resolved_at FROM consultations c "
                f"WHERE c.asker_id IN ({marks(chunk)}) AND (c.taken_at > ? OR c.resolved_at > ? "
                "OR EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = c.id "
                "AND m.author = 'expert' AND m.created_at > ?)) ORDER BY c.id",
                (*chunk, stamp, stamp, stamp),
            )
            batch = [
                RequestRow(r[0], r[1], r[2], dt(r[3]) if r[3] else None, dt(r[4]) if r[4] else None)
                for r in rows
            ]
            requests += batch
            ids = [r.id for r in batch]
            for part in _chunks(ids):
                for m in await self._db.fetchall(
                    "SELECT consultation_id, created_at FROM consultation_messages "
                    f"WHERE consultation_id IN ({marks(part)}) AND author = 'expert' "
                    "AND created_at > ?",
                    (*part, stamp),
                ):
                    answers.setdefault(m[0], []).append(dt(m[1]))
        return requests, answers

    async def takeable(self, user_ids: list[int]) -> dict[int, int]:
        """Expert -> the open requests their profile fits (others' requests), for the
        approved and available experts among `user_ids`."""
        found: dict[int, int] = {}
        for chunk in _chunks(user_ids):
            for r in await self._db.fetchall(
                "SELECT e.user_id, COUNT(c.id) FROM experts e JOIN consultations c "
                "ON c.status = 'open' AND c.asker_id <> e.user_id "
                f"WHERE e.user_id IN ({marks(chunk)}) AND e.status = 'approved' "
                "AND e.available = 1 "
                "AND EXISTS (SELECT 1 FROM expert_themes t WHERE t.user_id = e.user_id "
                "AND t.theme = c.theme) "
                "AND EXISTS (SELECT 1 FROM expert_countries x WHERE x.user_id = e.user_id "
                "AND x.country = c.country) "
                "AND EXISTS (SELECT 1 FROM expert_languages l WHERE l.user_id = e.user_id "
                "AND l.language = c.language) GROUP BY e.user_id",
                chunk,
            ):
                found[r[0]] = r[1]
        return found

    async def waiting_proposals(self, user_ids: list[int]) -> dict[int, list[WaitingProposals]]:
        """Coordinator -> their approved organizations with partnership proposals to
        answer."""
        found: dict[int, list[WaitingProposals]] = {}
        for chunk in _chunks(user_ids):
            for r in await self._db.fetchall(
                "SELECT o.coordinator_id, o.id, o.name, COUNT(p.id) FROM organizations o "
                "JOIN partnerships p ON p.to_org = o.id AND p.status = 'pending' "
                f"WHERE o.coordinator_id IN ({marks(chunk)}) AND o.status = 'approved' "
                "GROUP BY o.coordinator_id, o.id, o.name ORDER BY o.name_key",
                chunk,
            ):
                found.setdefault(r[0], []).append(WaitingProposals(r[1], r[2], r[3]))
        return found

    # ------------------------------------------------------------------ organizations

    async def new_organizations(self, since: datetime) -> list[OrgNews]:
        rows = await self._db.fetchall(
            "SELECT o.id, o.name, o.country, o.kind, o.decided_at, "
            "(SELECT group_concat(t.theme) FROM organization_themes t "
            "WHERE t.organization_id = o.id) FROM organizations o "
            "WHERE o.status = 'approved' AND o.decided_at > ? ORDER BY o.name_key",
            (since.isoformat(),),
        )
        return [
            OrgNews(
                NewOrganization(r[0], r[1], r[2], r[3]),
                frozenset(filter(None, (r[5] or "").split(","))),
                dt(r[4]),
            )
            for r in rows
        ]

    async def organizations_of(self, user_ids: list[int]) -> dict[int, set[int]]:
        """Person -> the organizations they coordinate or belong to."""
        found: dict[int, set[int]] = {}
        for chunk in _chunks(user_ids):
            q = marks(chunk)
            for r in await self._db.fetchall(
                f"SELECT coordinator_id, id FROM organizations WHERE coordinator_id IN ({q}) "
                "UNION SELECT user_id, organization_id FROM organization_members "
                f"WHERE user_id IN ({q})",
                (*chunk, *chunk),
            ):
                found.setdefault(r[0], set()).add(r[1])
        return found

    # ------------------------------------------------------------------ organizers' summaries

    async def organizer_events(self, organizer_id: int, since: datetime) -> list[EventFigures]:
        """The organizer's published events still ahead or begun after `since`: answers
        by status, and how many came after `since`."""
        rows = await self._db.fetchall(
            "SELECT e.id, e.title, e.starts_at, r.status, COUNT(r.user_id), "
            "SUM(CASE WHEN r.updated_at > ? THEN 1 ELSE 0 END) FROM events e "
            "LEFT JOIN event_responses r ON r.event_id = e.id "
            "WHERE e.organizer_id = ? AND e.status = 'published' AND e.starts_at > ? "
            "GROUP BY e.id, r.status ORDER BY e.starts_at, e.id",
            (since.isoformat(), organizer_id, since.isoformat()),
        )
        heads: dict[int, tuple[str, datetime]] = {}
        answers: dict[int, dict[str, int]] = {}
        new: dict[int, int] = {}
        for r in rows:
            heads.setdefault(r[0], (r[1], dt(r[2])))
            answers.setdefault(r[0], {})
            if r[3] is not None:
                answers[r[0]][r[3]] = r[4]
                new[r[0]] = new.get(r[0], 0) + (r[5] or 0)
        return [
            EventFigures(event_id, title, starts, answers[event_id], new.get(event_id, 0))
            for event_id, (title, starts) in heads.items()
        ]

    async def organizer_polls(self, organizer_id: int, since: datetime) -> list[PollFigures]:
        """The organizer's polls open now or closed since `since`."""
        rows = await self._db.fetchall(
            "SELECT p.id, p.title, p.closed_at IS NOT NULL, "
            "(SELECT COUNT(*) FROM poll_recipients r WHERE r.poll_id = p.id), "
            "(SELECT COUNT(*) FROM poll_recipients r WHERE r.poll_id = p.id AND r.progress >= "
            "(SELECT COUNT(*) FROM poll_questions q WHERE q.poll_id = p.id)) "
            "FROM polls p WHERE p.created_by = ? AND (p.closed_at IS NULL OR p.closed_at > ?) "
            "ORDER BY p.closes_at, p.id",
            (organizer_id, since.isoformat()),
        )
        return [PollFigures(r[0], r[1], r[3], r[4], bool(r[2])) for r in rows]

    async def organizer_recs(self, organizer_id: int, today: str) -> list[RecFigures]:
        """The organizer's sent sets: organizations that answered in full, and
        commitments past their date not done."""
        rows = await self._db.fetchall(
            "SELECT s.id, s.title, "
            "(SELECT COUNT(*) FROM rec_addressees a WHERE a.set_id = s.id), "
            "(SELECT COUNT(*) FROM rec_addressees a WHERE a.set_id = s.id AND "
            "(SELECT COUNT(*) FROM recommendations r JOIN recommendation_groups g "
            "ON g.recommendation_id = r.id AND g.grp = a.grp WHERE r.set_id = s.id) <= "
            "(SELECT COUNT(*) FROM rec_answers x JOIN recommendations r "
            "ON r.id = x.recommendation_id WHERE r.set_id = s.id AND x.org_id = a.org_id)), "
            "(SELECT COUNT(*) FROM rec_commitments c JOIN rec_answers x "
            "ON x.recommendation_id = c.recommendation_id AND x.org_id = c.org_id "
            "JOIN recommendations r ON r.id = c.recommendation_id WHERE r.set_id = s.id "
            "AND c.status IN ('planned', 'in_progress') AND x.commitment_due < ?) "
            "FROM rec_sets s WHERE s.created_by = ? AND s.sent_at IS NOT NULL "
            "AND s.deleted_at IS NULL ORDER BY s.id",
            (today, organizer_id),
        )
        return [RecFigures(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    async def open_requests(self) -> dict[str, int]:
        """Requests waiting for an expert, by theme."""
        rows = await self._db.fetchall(
            "SELECT theme, COUNT(*) FROM consultations WHERE status = 'open' GROUP BY theme "
            "ORDER BY theme"
        )
        return {r[0]: r[1] for r in rows}
