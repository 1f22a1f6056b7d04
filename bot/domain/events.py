"""Events: what organizers announce, how people answer, and the reminders they call for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

KINDS = ("info_meeting", "seminar", "webinar", "conference", "call", "other")
RESPONSES = ("going", "maybe", "not_going", "waitlist", "applied")
ANSWERED = RESPONSES  # everyone who answered anything
START_AUDIENCE = ("going", "applied")  # reminded of the start
MILESTONE_AUDIENCE = ("going", "maybe", "waitlist", "applied")  # reminded of key dates
HOLDING_A_PLACE = ("going", "applied")  # what counts against an event's places
APPLICATION = ("applied", "waitlist")  # an application on file (within the places or waiting)


def places_taken(counts: dict[str, int]) -> int:
    """How many of an event's places are taken: Going and applications alike."""
    return sum(counts.get(status, 0) for status in HOLDING_A_PLACE)


AUDIENCE_DIMENSIONS = ("theme", "country", "kind", "role")
AUDIENCE_ROLES = ("member", "coordinator", "expert", "organizer")

# Campaign kinds of the outbox about events.
ANNOUNCEMENT = "event.announce"
CHANGED = "event.changed"
CANCELLED = "event.cancelled"
PROMOTED = "event.promoted"
MESSAGE = "event.message"
REMINDER = "event.reminder"  # + "." + the reminder's kind
NEW_ANSWER = "event.new_answer"  # the organizer told of an answer as it comes
ANSWERS_SUMMARY = "event.answers_summary"  # the organizer's daily summary of answers
ANSWER_NOTICES = ("each", "daily", "off")  # how an organizer hears of new answers
CARD_UPDATE = "event.card"  # delivered announcements edited to follow their event
EVENT_CAMPAIGNS = "event.%"  # every campaign about an event (a LIKE pattern)


@dataclass(frozen=True, slots=True)
class Milestone:
    title: str
    due_at: datetime
    link: str | None = None
    id: int = 0


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    options: tuple[str, ...] = ()  # empty: a free-text answer
    id: int = 0


@dataclass(frozen=True, slots=True)
class EventDetails:
    """What the organizer writes; the same for a new event and an edit."""

    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime | None
    dates_tbc: bool
    timezone: str
    place: str | None = None
    online_url: str | None = None
    contact: str | None = None
    capacity: int | None = None
    apply_by: datetime | None = None
    milestones: tuple[Milestone, ...] = ()
    questions: tuple[Question, ...] = ()
    audience: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    organizer_id: int | None
    status: str
    version: int
    details: EventDetails
    answer_notices: str = "each"  # see ANSWER_NOTICES

    @property
    def published(self) -> bool:
        return self.status == "published"


@dataclass(frozen=True, slots=True)
class AnswersSummary:
    """What came in since the organizer's last daily summary: new answers per answer, and
    the totals now."""

    event: Event
    new: dict[str, int]
    totals: dict[str, int]


@dataclass(frozen=True, slots=True)
class RosterEntry:
    user_id: int
    display_name: str
    status: str
    since: datetime
    answers: dict[int, str]
    username: str | None = None


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    event_id: int
    kind: str  # day | hour | milestone
    milestone_id: int | None
    target_at: datetime


@dataclass(frozen=True, slots=True)
class EventView:
    """An event as one person sees it: how many places are taken and their own answer."""

    event: Event
    counts: dict[str, int]
    response: str | None


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of the upcoming events a person can see."""

    events: tuple[Event, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class Reach:
    """Who an announcement to an audience goes to, and who it leaves out and why."""

    recipients: tuple[int, ...]
    organizer_included: bool  # the organizer is in the audience, and is left out
    unreachable: int  # people in the audience who blocked the bot (or whose account is gone)


@dataclass(frozen=True, slots=True)
class OwnEvent:
    """An organizer's event with its answers and its announcement's progress."""

    event: Event
    counts: dict[str, int]


OWN_PAGE = 8  # an organizer's events on one page of /myevents


@dataclass(frozen=True)
class OwnEventPage:
    """One page of an organizer's events (an admin's: every event), latest first."""

    items: tuple[OwnEvent, ...]
    page: int
    pages: int
    total: int


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
    changed: bool = True  # False for a repeated tap
    view: EventView | None = None  # the event as the person sees it now


@dataclass(frozen=True, slots=True)
class Published:
    event: Event
    queued: int  # people the announcement is going to


@dataclass(frozen=True, slots=True)
class Edited:
    before: Event
    after: Event
    told: int  # people who answered and are told what changed
    promoted: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Cancelled:
    event: Event
    told: int
