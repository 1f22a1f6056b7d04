"""Recommendation follow-ups: a set of recommendations (a dialogue's panels and what each
asks of whom), sent to the organizations of the groups it addresses, each organization's
answer to each recommendation (with its history), the commitments made, and the rules
they keep."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum


class Group(StrEnum):
    """The stakeholder groups a recommendation addresses; each is organization types."""

    BUSINESS = "business"
    CSO = "cso"
    GOVERNMENT = "government"
    DONOR = "donor"
    OTHER = "other"


# The organization types (bot.catalog.KINDS) of each group.
GROUP_KINDS: dict[Group, tuple[str, ...]] = {
    Group.BUSINESS: ("business_association", "economic_coalition"),
    Group.CSO: ("ngo", "ngo_coalition", "initiative_group"),
    Group.GOVERNMENT: ("local_government",),
    Group.DONOR: ("donor",),
    Group.OTHER: ("other",),
}


def group_of_kind(kind: str) -> Group | None:
    for group, kinds in GROUP_KINDS.items():
        if kind in kinds:
            return group
    return None


# Campaign kinds of the outbox about recommendation sets (subject: the set).
RECS = "recs.invitation"  # the set, to the addressed organizations' people
RECS_REMINDER = "recs.reminder"  # to organizations that have not answered
RECS_SUMMARY = "recs.summary"  # the organizer's summary, to every addressee
COMMITMENT_CHECKIN = "recs.checkin"  # a commitment's date has come (subject: the set)
COMMITMENT_OVERDUE = "recs.overdue"  # to the organizer (subject: the set)

MAX_SECTIONS = 20
MAX_RECOMMENDATIONS = 100
MAX_TITLE_LENGTH = 200
MAX_SECTION_LENGTH = 300
MAX_RECOMMENDATION_LENGTH = 1500
REMIND_AFTER_DAYS = (3, 7)  # after sending, to the silent
REMIND_BEFORE_DEADLINE = timedelta(days=1)
CHECKIN_EVERY = timedelta(days=14)  # a commitment not done is asked about again


class Verdict(StrEnum):
    """An organization's answer to one recommendation."""

    ACCEPT = "accept"
    PARTIAL = "partial"  # accepted in part: a written answer is required
    DISAGREE = "disagree"  # a written answer is required
    NOT_APPLICABLE = "not_applicable"

    @property
    def needs_text(self) -> bool:
        return self in (Verdict.PARTIAL, Verdict.DISAGREE)


class CommitmentStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def settled(self) -> bool:
        return self in (CommitmentStatus.DONE, CommitmentStatus.DROPPED)


@dataclass(frozen=True, slots=True)
class DraftRecommendation:
    text: str
    groups: frozenset[Group] = frozenset()  # empty: not recognised, asked in review


@dataclass(frozen=True, slots=True)
class DraftSection:
    title: str
    recommendations: tuple[DraftRecommendation, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedText:
    """What an import recognised: the sections with their recommendations, the groups the
    text addresses as a whole (its heading, say «to business and CSOs»), and the lines
    it could not place (shown in the review)."""

    sections: tuple[DraftSection, ...]
    addressed: frozenset[Group] = frozenset()
    unplaced: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(s.recommendations) for s in self.sections)


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: int
    section_id: int
    position: int  # in its set, from 0
    text: str
    groups: frozenset[Group]


@dataclass(frozen=True, slots=True)
class Section:
    id: int
    position: int
    title: str
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True, slots=True)
class RecSet:
    id: int
    title: str
    source: str | None  # the dialogue or event it came from
    event_id: int | None
    held_on: date | None
    deadline: datetime | None  # answers until
    created_by: int | None
    created_at: datetime
    sent_at: datetime | None
    deleted_at: datetime | None
    include_members: bool  # members as well as coordinators receive it
    sections: tuple[Section, ...] = ()
    reminder_days: tuple[int, ...] = REMIND_AFTER_DAYS
    checkin_days: int = CHECKIN_EVERY.days

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(r for s in self.sections for r in s.recommendations)

    @property
    def groups(self) -> frozenset[Group]:
        return frozenset(g for r in self.recommendations for g in r.groups)

    def addressed_to(self, group: Group | None) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if group in r.groups)

    def is_open(self, now: datetime) -> bool:
        return (
            self.sent_at is not None
            and self.deleted_at is None
            and (self.deadline is None or now < self.deadline)
        )


@dataclass(frozen=True, slots=True)
class Answer:
    recommendation_id: int
    org_id: int
    verdict: Verdict
    text: str | None
    commitment: str | None
    commitment_due: date | None
    answered_by: int | None
    answered_at: datetime
    revision: int  # 1 for the first answer, +1 for each change


@dataclass(frozen=True, slots=True)
class Commitment:
    recommendation_id: int
    org_id: int
    text: str
    due: date
    status: CommitmentStatus
    note: str | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OrgProgress:
    org_id: int
    name: str
    kind: str
    addressed: int  # recommendations addressed to it
    answered: int
    commitments: dict[CommitmentStatus, int] = field(default_factory=dict)


class RecProblem(StrEnum):
    """Why a set cannot be sent as it is."""

    NO_RECOMMENDATIONS = "no_recommendations"
    NO_ADDRESSEE = "no_addressee"  # a recommendation addresses no group
    EMPTY_TEXT = "empty_text"
    LONG_TEXT = "long_text"
    TOO_MANY = "too_many"
    DEADLINE_PAST = "deadline_past"
    NOBODY = "nobody"  # no approved organization of the groups addressed
    ALREADY_SENT = "already_sent"
    DELETED = "deleted"


class InvalidRecSet(ValueError):
    def __init__(self, problem: RecProblem, position: int | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.position = position  # the recommendation at fault, by its number in the set


class AnswerProblem(StrEnum):
    NOT_ADDRESSED = "not_addressed"  # not a member of an addressed organization
    CLOSED = "closed"  # the deadline has passed, or the set was deleted
    NEEDS_TEXT = "needs_text"  # Accept in part / Disagree without a written answer
    BAD_DATE = "bad_date"  # a commitment's date in the past


@dataclass(frozen=True, slots=True)
class RecDraft:
    """A set as its organizer wrote or imported it, before it is sent."""

    title: str
    sections: tuple[DraftSection, ...]
    deadline: datetime | None = None
    source: str | None = None
    event_id: int | None = None
    held_on: date | None = None
    include_members: bool = False
    reminder_days: tuple[int, ...] = REMIND_AFTER_DAYS
    checkin_days: int = CHECKIN_EVERY.days

    @property
    def recommendations(self) -> tuple[DraftRecommendation, ...]:
        return tuple(r for s in self.sections for r in s.recommendations)

    @property
    def groups(self) -> frozenset[Group]:
        return frozenset(g for r in self.recommendations for g in r.groups)


@dataclass(frozen=True, slots=True)
class WrittenAnswer:
    org_name: str
    verdict: Verdict
    text: str


@dataclass(frozen=True, slots=True)
class RecLine:
    """One recommendation in the organizer's report."""

    recommendation: Recommendation
    addressed: int  # organizations it was put to
    counts: dict[Verdict, int]
    written: tuple[WrittenAnswer, ...]  # every partial acceptance and disagreement


@dataclass(frozen=True, slots=True)
class RecReport:
    rec_set: RecSet
    lines: tuple[RecLine, ...]
    orgs: tuple[OrgProgress, ...]
    commitments: dict[CommitmentStatus, int]
    # per group: the recommendations at least one of its organizations accepted (in full
    # or in part)
    accepted_by: dict[Group, int] = field(default_factory=dict)
    addressed_to: dict[Group, int] = field(default_factory=dict)  # recommendations a group

    @property
    def addressed(self) -> int:
        """Answers asked for: each organization times the recommendations put to it."""
        return sum(o.addressed for o in self.orgs)

    @property
    def answered(self) -> int:
        return sum(o.answered for o in self.orgs)
