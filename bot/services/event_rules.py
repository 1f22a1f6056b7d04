"""The rules an event's dates follow, and the reminders they call for."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.events import Event, EventDetails, InvalidEvent, Problem

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


def check(details: EventDetails, now: datetime, *, editing: bool = False) -> None:
    """InvalidEvent names the first rule broken."""
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


def check_edit(before: Event, details: EventDetails, now: datetime) -> None:
    """An edit may keep dates already past, but not move anything into the past."""
    check(details, now, editing=True)
    if details.starts_at != before.details.starts_at and details.starts_at <= now:
        raise InvalidEvent(Problem.START_PAST)
    known = {m.id: m for m in before.details.milestones}
    for milestone in details.milestones:
        if known.get(milestone.id) != milestone and milestone.due_at <= now:
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
