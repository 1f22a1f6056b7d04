"""Recommendation follow-ups: an organizer sends a set of recommendations to the approved
organizations of the groups it addresses; each organization answers each recommendation
put to it (revisable until the deadline, every revision kept), with commitments checked
in on until done; the silent are reminded at planned moments; the organizer reads a
report, exports it, and sends a summary to every addressee. Each action is one
transaction, its notices queued in it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.db.database import Database
from bot.db.repositories.recommendations import (
    AddressedOrg,
    NewSet,
    RecommendationsRepository,
)
from bot.domain.errors import InvalidChoice
from bot.domain.limits import Action
from bot.domain.people import Person
from bot.domain.recommendations import (
    COMMITMENT_CHECKIN,
    COMMITMENT_OVERDUE,
    MAX_RECOMMENDATION_LENGTH,
    MAX_RECOMMENDATIONS,
    MAX_SECTION_LENGTH,
    MAX_TITLE_LENGTH,
    RECS,
    RECS_REMINDER,
    RECS_SUMMARY,
    REMIND_BEFORE_DEADLINE,
    Answer,
    AnswerProblem,
    Commitment,
    CommitmentStatus,
    DraftRecommendation,
    DraftSection,
    Group,
    InvalidRecSet,
    RecDraft,
    RecLine,
    Recommendation,
    RecProblem,
    RecReport,
    RecSet,
    Verdict,
    WrittenAnswer,
)
from bot.roles import Role
from bot.services.access import refuse
from bot.services.limits import Limits
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.text_input import TextRule, clean_text

WRITTEN = TextRule(min_length=3, max_length=1500)
COMMITMENT = TextRule(min_length=3, max_length=500)
NOTE = TextRule(min_length=2, max_length=500)


@dataclass(frozen=True, slots=True)
class RecReach:
    """Whom a set goes to: the organizations of the groups it addresses, the people who
    receive it (coordinators, members too if chosen), by group how many organizations."""

    orgs: tuple[AddressedOrg, ...]
    people: tuple[int, ...]

    def orgs_of(self, group: Group) -> int:
        return sum(1 for o in self.orgs if o.group == group)


@dataclass(frozen=True, slots=True)
class Sent:
    rec_set: RecSet
    orgs: int
    people: int


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an organization stands in a set: the recommendations put to it, its answers,
    and the next one it has not answered (None: all answered)."""

    rec_set: RecSet
    org: AddressedOrg
    recommendations: tuple[Recommendation, ...]
    answers: dict[int, Answer]
    next: Recommendation | None

    @property
    def answered(self) -> int:
        return sum(1 for r in self.recommendations if r.id in self.answers)

    def position_of(self, recommendation_id: int) -> int:
        return next(i for i, r in enumerate(self.recommendations) if r.id == recommendation_id)


@dataclass(frozen=True, slots=True)
class CheckedIn:
    rec_set: RecSet
    recommendation: Recommendation
    org_name: str
    commitment: Commitment


@dataclass(frozen=True, slots=True)
class Answered:
    progress: Progress
    recommendation: Recommendation
    answer: Answer


class RecommendationsService:
    def __init__(
        self,
        db: Database,
        repo: RecommendationsRepository,
        outbox: Outbox,
        notices: Notices,
        *,
        limits: Limits | None = None,
    ) -> None:
        self._limits = limits
        self._db = db
        self._repo = repo
        self._outbox = outbox
        self._notices = notices

    def check_organizer(self, person: Person, action: str) -> None:
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action)

    # ------------------------------------------------------------------ writing, sending

    @staticmethod
    def check(draft: RecDraft, now: datetime) -> RecDraft:
        """The draft with its texts trimmed, or InvalidRecSet (with the number of the
        recommendation at fault, from 1)."""
        title = " ".join(draft.title.split())
        if not title:
            raise InvalidRecSet(RecProblem.EMPTY_TEXT)
        if len(title) > MAX_TITLE_LENGTH:
            raise InvalidRecSet(RecProblem.LONG_TEXT)
        sections = []
        number = 0
        for section in draft.sections:
            heading = " ".join(section.title.split())[:MAX_SECTION_LENGTH]
            recs = []
            for rec in section.recommendations:
                number += 1
                text = " ".join(rec.text.split())
                if not text:
                    raise InvalidRecSet(RecProblem.EMPTY_TEXT, number)
                if len(text) > MAX_RECOMMENDATION_LENGTH:
                    raise InvalidRecSet(RecProblem.LONG_TEXT, number)
                if not rec.groups:
                    raise InvalidRecSet(RecProblem.NO_ADDRESSEE, number)
                recs.append(DraftRecommendation(text, rec.groups))
            if recs:
                sections.append(DraftSection(heading, tuple(recs)))
        if not number:
            raise InvalidRecSet(RecProblem.NO_RECOMMENDATIONS)
        if number > MAX_RECOMMENDATIONS:
            raise InvalidRecSet(RecProblem.TOO_MANY)
        if draft.deadline is not None and draft.deadline <= now:
            raise InvalidRecSet(RecProblem.DEADLINE_PAST)
        return replace(draft, title=title, sections=tuple(sections))

    async def reach(self, person: Person, groups: frozenset[Group], members: bool) -> RecReach:
        self.check_organizer(person, "count a set's addressees")
        orgs = await self._repo.approved_of(sorted(groups))
        people = await self._repo.people_of([o.id for o in orgs], members)
        return RecReach(tuple(orgs), tuple(uid for uid in people if uid != person.id))

    async def send(self, person: Person, draft: RecDraft, now: datetime) -> Sent:
        """The set stored and sent to the people of its addressed organizations; the
        reminders to the silent planned."""
        self.check_organizer(person, "send recommendations")
        draft = self.check(draft, now)
        async with self._db.transaction():
            if self._limits is not None:
                await self._limits.spend(person, Action.RECS, now)
            reach = await self.reach(person, draft.groups, draft.include_members)
            if not reach.orgs:
                raise InvalidRecSet(RecProblem.NOBODY)
            set_id = await self._repo.create(
                NewSet(
                    draft.title,
                    draft.source,
                    draft.event_id,
                    draft.held_on,
                    draft.deadline,
                    draft.include_members,
                    draft.reminder_days,
                    draft.checkin_days,
                    draft.sections,
                ),
                person.id,
                now,
            )
            await self._repo.add_addressees(set_id, reach.orgs)
            await self._repo.mark_sent(set_id, now)
            moments = [now + timedelta(days=days) for days in draft.reminder_days]
            if draft.deadline is not None:
                moments.append(draft.deadline - REMIND_BEFORE_DEADLINE)
            await self._repo.plan_reminders(
                set_id,
                sorted(
                    m for m in moments if now < m and (draft.deadline is None or m < draft.deadline)
                ),
            )
            rec_set = await self._repo.get(set_id)
            assert rec_set is not None
            queued = await self._outbox.queue(
                RECS,
                reach.people,
                self._notices.rec_invitation(rec_set),
                now,
                subject_id=set_id,
                created_by=person.id,
            )
        return Sent(rec_set, len(reach.orgs), queued.count)

    # ------------------------------------------------------------------ answering

    async def _open_set(self, set_id: int, now: datetime) -> RecSet | AnswerProblem:
        rec_set = await self._repo.get(set_id) if 0 <= set_id < 2**62 else None
        if rec_set is None or rec_set.sent_at is None:
            return AnswerProblem.NOT_ADDRESSED
        if not rec_set.is_open(now):
            return AnswerProblem.CLOSED
        return rec_set

    async def orgs_for(
        self, person: Person, set_id: int, now: datetime
    ) -> tuple[RecSet, list[AddressedOrg]] | AnswerProblem:
        """The person's organizations the set was sent to (they answer for one of them)."""
        rec_set = await self._open_set(set_id, now)
        if isinstance(rec_set, AnswerProblem):
            return rec_set
        orgs = await self._repo.orgs_of_person(set_id, person.id)
        return (rec_set, orgs) if orgs else AnswerProblem.NOT_ADDRESSED

    async def progress(
        self, person: Person, set_id: int, org_id: int, now: datetime, *, after: int | None = None
    ) -> Progress | AnswerProblem:
        """Where the person's organization stands; `next` is the first unanswered
        recommendation after position `after` (or from the start)."""
        found = await self.orgs_for(person, set_id, now)
        if isinstance(found, AnswerProblem):
            return found
        rec_set, orgs = found
        org = next((o for o in orgs if o.id == org_id), None)
        if org is None:
            return AnswerProblem.NOT_ADDRESSED
        return await self._progress(rec_set, org, after)

    async def _progress(self, rec_set: RecSet, org: AddressedOrg, after: int | None) -> Progress:
        recs = rec_set.addressed_to(org.group)
        answers = await self._repo.answers_of_org(rec_set.id, org.id)
        start = 0 if after is None else after + 1
        following = [r for r in recs[start:] if r.id not in answers]
        earlier = [r for r in recs[:start] if r.id not in answers]
        pending = following or earlier
        return Progress(rec_set, org, recs, answers, pending[0] if pending else None)

    async def answer(
        self,
        person: Person,
        set_id: int,
        org_id: int,
        recommendation_id: int,
        verdict: Verdict,
        now: datetime,
        *,
        text: str | None = None,
        commitment: str | None = None,
        due: date | None = None,
    ) -> Answered | AnswerProblem:
        """The organization's answer to one recommendation (its member gives it), stored
        with a revision; a written answer required for «in part» and «disagree»."""
        written = clean_text(text, WRITTEN) if text and text.strip() else None
        if verdict.needs_text and written is None:
            return AnswerProblem.NEEDS_TEXT
        promise = clean_text(commitment, COMMITMENT) if commitment else None
        if (promise is None) != (due is None):
            return AnswerProblem.BAD_DATE
        if due is not None and due < now.astimezone(ZoneInfo(person.timezone)).date():
            return AnswerProblem.BAD_DATE  # a day already gone where the person is
        async with self._db.transaction():
            found = await self.progress(person, set_id, org_id, now)
            if isinstance(found, AnswerProblem):
                return found
            rec = next((r for r in found.recommendations if r.id == recommendation_id), None)
            if rec is None:
                return AnswerProblem.NOT_ADDRESSED  # not put to this organization (forged)
            before = found.answers.get(rec.id)
            if promise is None and before is not None:
                # a verdict changed, the commitment made earlier stands (it ends through
                # its check-ins: done, or dropped)
                promise, due = before.commitment, before.commitment_due
            unchanged = before is not None and (
                before.verdict,
                before.text,
                before.commitment,
                before.commitment_due,
            ) == (verdict, written, promise, due)
            if not unchanged:  # a double tap makes no second revision
                await self._repo.save_answer(
                    rec.id, org_id, verdict, written, promise, due, person.id, now
                )
            if due is not None and (
                before is None or (before.commitment, before.commitment_due) != (promise, due)
            ):
                await self._repo.set_commitment(rec.id, org_id, due, now)
            position = found.position_of(rec.id)
            progress = await self._progress(found.rec_set, found.org, position)
            if progress.next is None and position + 1 < len(progress.recommendations):
                # all answered, the answers being reviewed: on to the following one
                progress = replace(progress, next=progress.recommendations[position + 1])
            answer = progress.answers[rec.id]
        return Answered(progress, rec, answer)

    async def history(
        self, person: Person, set_id: int, org_id: int, recommendation_id: int
    ) -> list[Answer]:
        """Every revision of an organization's answer: for its people and the organizers."""
        rec_set = await self._repo.get(set_id)
        if rec_set is None:
            raise refuse(person, f"history of set {set_id}")
        mine = {o.id for o in await self._repo.orgs_of_person(set_id, person.id)}
        if org_id not in mine and not self._owns(person, rec_set):
            raise refuse(person, f"history of set {set_id} org {org_id}")
        if recommendation_id not in {r.id for r in rec_set.recommendations}:
            raise InvalidChoice(f"set {set_id} recommendation {recommendation_id}")
        return await self._repo.history(recommendation_id, org_id)

    async def waiting(self, person: Person, now: datetime) -> list[Progress]:
        """The open sets addressed to the person's organizations, each organization's
        progress (those with something left to answer first)."""
        found = []
        for set_id in await self._repo.open_sets_of_person(person.id, now):
            rec_set = await self._repo.get(set_id)
            if rec_set is None:
                continue
            for org in await self._repo.orgs_of_person(set_id, person.id):
                found.append(await self._progress(rec_set, org, None))
        return sorted(found, key=lambda p: p.next is None)

    async def waiting_count(self, person: Person, now: datetime) -> int:
        """How many of the person's organizations have recommendations left to answer (a
        set each): the main menu's figure."""
        return await self._repo.waiting_count(person.id, now)

    # ------------------------------------------------------------------ commitments

    async def checkin(
        self,
        person: Person,
        set_id: int,
        org_id: int,
        recommendation_id: int,
        status: CommitmentStatus | None,
        now: datetime,
        note: str | None = None,
    ) -> CheckedIn | AnswerProblem:
        """The organization says how its commitment stands (and a note); not done, it is
        asked again after the set's interval."""
        cleaned = clean_text(note, NOTE) if note else None
        async with self._db.transaction():
            rec_set = await self._repo.get(set_id) if 0 <= set_id < 2**62 else None
            if rec_set is None or rec_set.deleted_at is not None:
                return AnswerProblem.CLOSED
            mine = {o.id: o for o in await self._repo.orgs_of_person(set_id, person.id)}
            current = await self._repo.commitment(recommendation_id, org_id)
            rec = next((r for r in rec_set.recommendations if r.id == recommendation_id), None)
            if org_id not in mine or current is None or rec is None:
                return AnswerProblem.NOT_ADDRESSED
            status = status or current.status
            following = None if status.settled else now + timedelta(days=rec_set.checkin_days)
            await self._repo.update_commitment(
                recommendation_id, org_id, status, cleaned, following, now
            )
            updated = await self._repo.commitment(recommendation_id, org_id)
        assert updated is not None
        return CheckedIn(rec_set, rec, mine[org_id].name, updated)

    # ------------------------------------------------------------------ the ticks

    async def send_due(self, now: datetime) -> None:
        """Reminders to the silent at their planned moments, check-ins of commitments whose
        date has come, and the organizers told of commitments overdue: each once (marked
        in the transaction that queues, so also across a restart)."""
        for set_id, due_at in await self._repo.due_reminders(now):
            async with self._db.transaction():
                if not await self._repo.mark_reminded(set_id, due_at, now):
                    continue
                rec_set = await self._repo.get(set_id)
                if rec_set is None or not rec_set.is_open(now):
                    continue
                silent = await self._repo.silent_orgs(set_id)
                people = await self._repo.people_of(silent, rec_set.include_members)
                await self._outbox.queue(
                    RECS_REMINDER,
                    people,
                    self._notices.rec_reminder(rec_set),
                    now,
                    subject_id=set_id,
                    created_by=rec_set.created_by,
                )
        for due in await self._repo.due_checkins(now):
            async with self._db.transaction():
                rec_set = await self._repo.get(due.set_id)
                if rec_set is None:
                    continue
                following = now + timedelta(days=rec_set.checkin_days)
                # from the moment listed only: another tick, or a status given meanwhile,
                # has moved it on already
                if not await self._repo.move_checkin(
                    due.recommendation_id, due.org_id, due.moment, following
                ):
                    continue
                commitment = await self._repo.commitment(due.recommendation_id, due.org_id)
                rec = next(r for r in rec_set.recommendations if r.id == due.recommendation_id)
                names = await self._repo.org_names([due.org_id])
                people = set(await self._repo.people_of([due.org_id], rec_set.include_members))
                answer = await self._repo.answer_of(due.recommendation_id, due.org_id)
                if answer is not None and answer.answered_by is not None:
                    # the member who made the commitment, if still in the organization
                    theirs = await self._repo.orgs_of_person(due.set_id, answer.answered_by)
                    if due.org_id in {o.id for o in theirs}:
                        people.add(answer.answered_by)
                if commitment is None:
                    continue
                await self._outbox.queue(
                    COMMITMENT_CHECKIN,
                    sorted(people),
                    self._notices.rec_checkin(
                        rec_set, rec, due.org_id, names.get(due.org_id, ""), commitment
                    ),
                    now,
                    subject_id=due.set_id,
                    created_by=rec_set.created_by,
                )
        for due in await self._repo.overdue(now.astimezone(UTC).date()):
            async with self._db.transaction():
                if not await self._repo.mark_overdue_told(due.recommendation_id, due.org_id, now):
                    continue
                rec_set = await self._repo.get(due.set_id)
                commitment = await self._repo.commitment(due.recommendation_id, due.org_id)
                if rec_set is None or commitment is None or rec_set.created_by is None:
                    continue
                rec = next(r for r in rec_set.recommendations if r.id == due.recommendation_id)
                names = await self._repo.org_names([due.org_id])
                await self._outbox.queue(
                    COMMITMENT_OVERDUE,
                    [rec_set.created_by],
                    self._notices.rec_overdue(rec_set, rec, names.get(due.org_id, ""), commitment),
                    now,
                    subject_id=due.set_id,
                )

    # ------------------------------------------------------------------ organizers

    @staticmethod
    def _owns(person: Person, rec_set: RecSet) -> bool:
        """Its organizer while they still are one, or an admin."""
        if person.has(Role.ADMIN):
            return True
        return rec_set.created_by == person.id and person.has(Role.ORGANIZER)

    async def own_set(self, person: Person, set_id: int) -> RecSet:
        rec_set = await self._repo.get(set_id) if 0 <= set_id < 2**62 else None
        if rec_set is None or rec_set.deleted_at is not None or not self._owns(person, rec_set):
            raise refuse(person, f"set {set_id}")
        return rec_set

    async def count(self) -> int:
        return await self._repo.count()

    async def listing(self, person: Person) -> list[tuple[int, str, datetime | None]]:
        self.check_organizer(person, "list recommendation sets")
        return await self._repo.listing(None if person.has(Role.ADMIN) else person.id)

    async def report(self, person: Person, set_id: int) -> RecReport:
        """Per recommendation the answers by kind with every written partial acceptance
        and disagreement; per organization its answer rate and commitments."""
        rec_set = await self.own_set(person, set_id)
        orgs = await self._repo.progress_of_orgs(set_id)
        addressees = await self._repo.addressees(set_id)
        names = {o.id: o.name for o in addressees}
        group_of = {o.id: o.group for o in addressees}
        by_rec: dict[int, list[Answer]] = {}
        for a in await self._repo.answers_of_set(set_id):
            by_rec.setdefault(a.recommendation_id, []).append(a)
        lines = []
        accepted: dict[Group, set[int]] = {}
        for rec in rec_set.recommendations:
            mine = by_rec.get(rec.id, [])
            counts = Counter(a.verdict for a in mine)
            written = tuple(
                WrittenAnswer(names.get(a.org_id, ""), a.verdict, a.text or "")
                for a in mine
                if a.verdict.needs_text
            )
            for a in mine:
                if a.verdict in (Verdict.ACCEPT, Verdict.PARTIAL) and a.org_id in group_of:
                    accepted.setdefault(group_of[a.org_id], set()).add(rec.id)
            addressed = sum(1 for o in addressees if o.group in rec.groups)
            lines.append(RecLine(rec, addressed, dict(counts), written))
        commitments = Counter(c.status for c in await self._repo.commitments_of_set(set_id))
        return RecReport(
            rec_set,
            tuple(lines),
            tuple(orgs),
            dict(commitments),
            {group: len(ids) for group, ids in accepted.items()},
            {g: len(rec_set.addressed_to(g)) for g in rec_set.groups},
        )

    async def export(
        self, person: Person, set_id: int
    ) -> tuple[RecReport, list[Answer], dict[int, str], list[Commitment]]:
        """What the organizer's CSV holds: every answer as it stands, with its
        organization's name, and the commitments' status."""
        report = await self.report(person, set_id)
        names = {o.id: o.name for o in await self._repo.addressees(set_id)}
        return (
            report,
            await self._repo.answers_of_set(set_id),
            names,
            await self._repo.commitments_of_set(set_id),
        )

    async def revisions(
        self, person: Person, set_id: int
    ) -> tuple[RecReport, list[Answer], dict[int, str]]:
        """Every revision of every answer of the set, for its organizer's CSV."""
        report = await self.report(person, set_id)
        names = {o.id: o.name for o in await self._repo.addressees(set_id)}
        return report, await self._repo.history_of_set(set_id), names

    async def send_summary(self, person: Person, set_id: int, now: datetime) -> int:
        """The report's summary, to every addressee, in each one's language; once per
        state of the answers (0: sent already)."""
        report = await self.report(person, set_id)
        async with self._db.transaction():
            if not await self._repo.mark_summary(set_id, now):
                return 0  # sent already, and no answer has changed since
            if self._limits is not None:
                await self._limits.spend(person, Action.BROADCAST, now)
            addressees = await self._repo.addressees(set_id)
            people = await self._repo.people_of(
                [o.id for o in addressees], report.rec_set.include_members
            )
            queued = await self._outbox.queue(
                RECS_SUMMARY,
                [uid for uid in people if uid != person.id],
                self._notices.rec_summary(report),
                now,
                subject_id=set_id,
                created_by=person.id,
            )
        return queued.count

    async def delete(self, person: Person, set_id: int, now: datetime) -> RecSet:
        """The set withdrawn: no more answers, reminders or check-ins; what was queued and
        not sent yet is not sent."""
        rec_set = await self.own_set(person, set_id)
        async with self._db.transaction():
            if await self._repo.mark_deleted(set_id, now):
                await self._outbox.cancel_about("recs.%", set_id, now)
        return rec_set
