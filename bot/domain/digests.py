"""What a digest tells one person, and what an organizer's weekly summary tells them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class NewEvent:
    id: int
    title: str
    starts_at: datetime
    timezone: str  # the event's own zone (in-person events are shown in it)
    dates_tbc: bool
    online: bool


@dataclass(frozen=True, slots=True)
class KeyDate:
    """A date of the coming week: an event the person answered starts, one of its
    milestones falls, or the application deadline of an event in their interests."""

    event_id: int
    event_title: str
    at: datetime
    what: str  # start | apply_by | milestone
    milestone: str = ""  # the milestone's title


@dataclass(frozen=True, slots=True)
class WaitingPoll:
    id: int
    title: str
    closes_at: datetime


@dataclass(frozen=True, slots=True)
class WaitingRecs:
    set_id: int
    org_id: int
    title: str
    org_name: str
    unanswered: int
    deadline: datetime | None


@dataclass(frozen=True, slots=True)
class RequestChange:
    """What happened to one of the person's consultation requests since the last digest."""

    id: int
    theme: str
    taken: bool = False
    answers: int = 0  # the expert's new messages
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class NewOrganization:
    id: int
    name: str
    country: str
    kind: str


@dataclass(frozen=True, slots=True)
class WaitingProposals:
    """Partnership proposals waiting for the answer of an organization the person
    coordinates."""

    org_id: int
    org_name: str
    count: int


@dataclass(frozen=True, slots=True)
class Digest:
    user_id: int
    since: datetime
    events: list[NewEvent] = field(default_factory=list)
    key_dates: list[KeyDate] = field(default_factory=list)
    polls: list[WaitingPoll] = field(default_factory=list)
    recs: list[WaitingRecs] = field(default_factory=list)
    requests: list[RequestChange] = field(default_factory=list)
    organizations: list[NewOrganization] = field(default_factory=list)
    proposals: list[WaitingProposals] = field(default_factory=list)
    open_requests: int = 0  # requests an expert like the person could take now

    @property
    def empty(self) -> bool:
        return not (
            self.proposals
            or self.open_requests
            or self.events
            or self.key_dates
            or self.polls
            or self.recs
            or self.requests
            or self.organizations
        )


@dataclass(frozen=True, slots=True)
class EventFigures:
    id: int
    title: str
    starts_at: datetime
    answers: dict[str, int]  # status -> people
    new: int  # answers since the last summary


@dataclass(frozen=True, slots=True)
class PollFigures:
    id: int
    title: str
    asked: int
    answered: int  # answered every question
    closed: bool


@dataclass(frozen=True, slots=True)
class RecFigures:
    id: int
    title: str
    addressees: int
    answered: int  # organizations that answered all addressed to them
    overdue: int  # commitments past their date, not done


@dataclass(frozen=True, slots=True)
class Summary:
    """An organizer's week: their own items, and the requests waiting for an expert."""

    user_id: int
    since: datetime
    events: list[EventFigures] = field(default_factory=list)
    polls: list[PollFigures] = field(default_factory=list)
    recs: list[RecFigures] = field(default_factory=list)
    open_requests: dict[str, int] = field(default_factory=dict)  # theme -> waiting

    @property
    def empty(self) -> bool:
        return not (self.events or self.polls or self.recs or self.open_requests)
