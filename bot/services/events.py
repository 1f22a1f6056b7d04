"""Events: publishing, answers (RSVP, waiting list, applications), edits, cancellation and
the reminders they call for. Plain data in and out; the UI renders and the delivery engine
sends."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.database import Database
from bot.db.repositories.events import (
    Event,
    EventDetails,
    EventsRepository,
    Reminder,
    RosterEntry,
)
from bot.roles import Role
from bot.services.access import refuse
from bot.services.people import Person

KINDS = ("info_meeting", "seminar", "webinar", "conference", "call", "other")
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
# Who each reminder is for: the start to those coming; milestones to everyone interested.
START_AUDIENCE = ("going", "applied")
MILESTONE_AUDIENCE = ("going", "maybe", "waitlist", "applied")
ANSWERED = ("going", "maybe", "not_going", "waitlist", "applied")


class Problem(StrEnum):
    START_PAST = "start_past"
    END_BEFORE_START = "end_before_start"
    DEADLINE_PAST = "deadline_past"
    DEADLINE_AFTER_START = "deadline_after_start"
    MILESTONE_PAST = "milestone_past"
    NO_QUESTIONS = "no_questions"
    CANCELLED = "cancelled"  # edited after it was cancelled


class InvalidEvent(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class Closed(StrEnum):
    """Why an answer is not taken."""

    GONE = "gone"  # no such event (deleted)
    CANCELLED = "cancelled"
    OVER = "over"  # the event has started or ended
    DEADLINE = "deadline"  # the application deadline has passed
    NEEDS_FORM = "needs_form"  # the event takes applications, not RSVPs
    NO_FORM = "no_form"


@dataclass(frozen=True, slots=True)
class Answered:
    status: str  # what was stored: going, maybe, not_going, waitlist, applied
    promoted: int | None = None  # someone moved from the waiting list to going
    changed: bool = True  # False for a repeated tap


def check(details: EventDetails, now: datetime, *, editing: bool = False) -> None:
    """The rules an event's dates must follow; InvalidEvent names the first one broken."""
    if details.starts_at <= now and not editing:
        raise InvalidEvent(Problem.START_PAST)
    if details.ends_at is not None and details.ends_at <= details.starts_at:
        raise InvalidEvent(Problem.END_BEFORE_START)
    if details.apply_by is not None:
        if details.apply_by <= now and not editing:
            raise InvalidEvent(Problem.DEADLINE_PAST)
        if details.apply_by > details.starts_at:
            raise InvalidEvent(Problem.DEADLINE_AFTER_START)
        if not details.questions:
            raise InvalidEvent(Problem.NO_QUESTIONS)
    if not editing and any(m.due_at <= now for m in details.milestones):
        raise InvalidEvent(Problem.MILESTONE_PAST)


def plan_reminders(event: Event, now: datetime) -> list[tuple[str, int | None, datetime, datetime]]:
    """(kind, milestone id, target, due) of the reminders still ahead. Tentative dates get
    no start reminders (they would announce a date nobody confirmed); milestones do."""
    details = event.details
    plan: list[tuple[str, int | None, datetime, datetime]] = []
    if not details.dates_tbc:
        for kind, before in (("day", DAY), ("hour", HOUR)):
            plan.append((kind, None, details.starts_at, details.starts_at - before))
    for milestone in details.milestones:
        plan.append(("milestone", milestone.id, milestone.due_at, milestone.due_at - DAY))
    return [p for p in plan if p[3] > now]


class EventsService:
    def __init__(self, db: Database, events: EventsRepository) -> None:
        self._db = db
        self._events = events

    # ------------------------------------------------------------------ organizers

    async def publish(self, person: Person, details: EventDetails, now: datetime) -> Event:
        if not person.has(Role.ORGANIZER) and not person.has(Role.ADMIN):
            raise refuse(person, "create event")
        check(details, now)
        event_id = await self._events.create(person.id, details, now)
        event = await self._events.get(event_id)
        assert event is not None
        await self._events.replace_reminders(event.id, plan_reminders(event, now))
        return event

    async def own_event(self, person: Person, event_id: int, action: str) -> Event:
        """The event, when `person` organizes it (or is an admin); NotAllowed otherwise."""
        event = await self._events.get(event_id)
        if event is None:
            raise refuse(person, action, f"(event {event_id} is gone)")
        if event.organizer_id != person.id and not person.has(Role.ADMIN):
            raise refuse(person, action, f"(event {event_id})")
        if not person.has(Role.ORGANIZER) and not person.has(Role.ADMIN):
            raise refuse(person, action, "(no longer an organizer)")
        return event

    async def edit(
        self, person: Person, event_id: int, details: EventDetails, now: datetime
    ) -> tuple[Event, Event, list[int]]:
        """(before, after, people moved from the waiting list to going). Reminders follow
        the new dates; more places let the waiting list in, in order."""
        before = await self.own_event(person, event_id, "edit event")
        if before.status != "published":
            raise InvalidEvent(Problem.CANCELLED)
        details = replace(
            details,
            kind=before.details.kind,
            timezone=before.details.timezone,
            questions=before.details.questions,
            audience=before.details.audience,
        )
        check(details, now, editing=True)
        if details.starts_at != before.details.starts_at and details.starts_at <= now:
            raise InvalidEvent(Problem.START_PAST)
        known = {m.id: m for m in before.details.milestones}
        for milestone in details.milestones:
            unchanged = known.get(milestone.id) == milestone
            if not unchanged and milestone.due_at <= now:
                raise InvalidEvent(Problem.MILESTONE_PAST)
        promoted: list[int] = []
        async with self._db.transaction():
            await self._events.update(event_id, details, now)
            capacity = details.capacity
            while capacity is None or (await self._events.counts(event_id))["going"] < capacity:
                waiting = await self._events.first_waiting(event_id)
                if waiting is None:
                    break
                await self._events.set_response(event_id, waiting, "going", now, None)
                promoted.append(waiting)
        after = await self._events.get(event_id)
        assert after is not None
        await self._events.replace_reminders(event_id, plan_reminders(after, now))
        return before, after, promoted

    async def cancel(self, person: Person, event_id: int, now: datetime) -> Event | None:
        """The cancelled event; None when it was cancelled already (a double tap)."""
        event = await self.own_event(person, event_id, "cancel event")
        if not await self._events.cancel(event_id, now):
            return None
        await self._events.drop_reminders(event_id)
        return event

    async def organized(self, person: Person) -> list[tuple[Event, dict[str, int]]]:
        """An organizer's own events; for an admin, every event (also those whose organizer
        left)."""
        if person.has(Role.ADMIN):
            return await self._events.organized_by(None)
        if not person.has(Role.ORGANIZER):
            raise refuse(person, "list own events")
        return await self._events.organized_by(person.id)

    async def roster(self, person: Person, event_id: int) -> tuple[Event, list[RosterEntry]]:
        event = await self.own_event(person, event_id, "read attendees")
        return event, await self._events.roster(event_id)

    async def audience(self, event: Event) -> list[tuple[int, str | None, str | None]]:
        return await self._events.audience_of(event.id)

    async def audience_size(self, audience: dict[str, tuple[str, ...]]) -> int:
        return await self._events.count_audience(audience)

    async def responders(
        self, event_id: int, statuses: tuple[str, ...] = ANSWERED
    ) -> list[tuple[int, str | None, str | None]]:
        return await self._events.responders(event_id, statuses)

    async def counts(self, event_id: int) -> dict[str, int]:
        return await self._events.counts(event_id)

    # ------------------------------------------------------------------ members

    async def get(self, event_id: int) -> Event | None:
        return await self._events.get(event_id)

    async def visible(self, person: Person, event_id: int) -> Event | None:
        """The event, if the person may see it (its audience reaches them)."""
        if not await self._events.reaches(event_id, person.id):
            return None
        return await self._events.get(event_id)

    async def upcoming(
        self, person: Person, now: datetime, *, offset: int, limit: int
    ) -> tuple[list[Event], int]:
        return await self._events.upcoming_for(person.id, now, offset=offset, limit=limit)

    async def response(self, person: Person, event_id: int) -> str | None:
        return await self._events.response(event_id, person.id)

    def _open(self, event: Event | None, now: datetime) -> Closed | None:
        if event is None:
            return Closed.GONE
        if event.status == "cancelled":
            return Closed.CANCELLED
        if event.details.starts_at <= now:
            return Closed.OVER
        return None

    async def rsvp(
        self, person: Person, event_id: int, choice: str, display_name: str, now: datetime
    ) -> Answered | Closed:
        """One answer at a time: a double tap or two people taking the last place are
        decided in turn."""
        async with self._db.transaction():
            return await self._rsvp(person, event_id, choice, display_name, now)

    async def _rsvp(
        self, person: Person, event_id: int, choice: str, display_name: str, now: datetime
    ) -> Answered | Closed:
        event = await self.visible(person, event_id)
        closed = self._open(event, now)
        if closed is not None:
            return closed
        assert event is not None
        if event.details.questions and choice != "not_going":
            return Closed.NEEDS_FORM
        current = await self._events.response(event_id, person.id)
        wanted = choice
        capacity = event.details.capacity
        if choice == "going" and current in ("going", "waitlist"):
            return Answered(current, changed=False)
        if choice == current:
            return Answered(current, changed=False)
        full = capacity is not None and (await self._events.counts(event_id))["going"] >= capacity
        if choice == "going" and full:
            wanted = "waitlist"
        await self._events.set_response(event_id, person.id, wanted, now, display_name)
        promoted = None
        if current == "going" and capacity is not None:
            promoted = await self._events.first_waiting(event_id)
            if promoted is not None:
                await self._events.set_response(event_id, promoted, "going", now, None)
        return Answered(wanted, promoted)

    async def form(self, person: Person, event_id: int, now: datetime) -> Event | Closed:
        """The event whose form the person may fill in (or edit) now."""
        event = await self.visible(person, event_id)
        closed = self._open(event, now)
        if closed is not None:
            return closed
        assert event is not None
        if not event.details.questions:
            return Closed.NO_FORM
        if event.details.apply_by is not None and event.details.apply_by <= now:
            return Closed.DEADLINE
        return event

    async def apply(
        self,
        person: Person,
        event_id: int,
        answers: dict[int, str],
        display_name: str,
        now: datetime,
    ) -> Answered | Closed:
        event = await self.form(person, event_id, now)
        if isinstance(event, Closed):
            return event
        known = {q.id: q for q in event.details.questions}
        if set(answers) != set(known):
            return Closed.NO_FORM  # the form changed under the person; they start again
        for qid, answer in answers.items():
            options = known[qid].options
            if options and answer not in options:
                return Closed.NO_FORM
        before = await self._events.response(event_id, person.id)
        await self._events.save_answers(event_id, person.id, answers, now, display_name)
        return Answered("applied", changed=before != "applied")

    async def withdraw(self, person: Person, event_id: int, now: datetime) -> Answered | Closed:
        """Take an application back (its answers are deleted), until the event starts."""
        event = await self.visible(person, event_id)
        closed = self._open(event, now)
        if closed is not None:
            return closed
        current = await self._events.response(event_id, person.id)
        if current != "applied":
            return Answered(current or "not_going", changed=False)
        await self._events.withdraw(event_id, person.id, now)
        return Answered("not_going")

    async def answers(self, person: Person, event_id: int) -> dict[int, str]:
        return await self._events.answers_of(event_id, person.id)

    # ------------------------------------------------------------------ reminders

    async def due_reminders(self, now: datetime) -> list[tuple[Reminder, Event]]:
        due = []
        for reminder in await self._events.due_reminders(now):
            event = await self._events.get(reminder.event_id)
            if event is not None:
                due.append((reminder, event))
        return due

    async def reminder_recipients(
        self, reminder: Reminder
    ) -> list[tuple[int, str | None, str | None]]:
        statuses = START_AUDIENCE if reminder.kind in ("day", "hour") else MILESTONE_AUDIENCE
        return await self._events.responders(reminder.event_id, statuses)

    async def reminder_done(
        self, reminder: Reminder, campaign_id: int | None, now: datetime
    ) -> bool:
        return await self._events.mark_reminder(reminder.id, campaign_id, now)
