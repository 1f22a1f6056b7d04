"""Consultations: a request from a member, the expert who takes it, their conversation,
and how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# Campaign kinds of the outbox about consultations (subject: the request).
OFFER = "consultation.offer"  # the card with Take, to every matching expert
OFFER_TAKEN = "consultation.offer_taken"  # the other experts' cards edited to "taken"
UNMATCHED = "consultation.unmatched"  # organizers told that no expert matches
TAKEN = "consultation.taken"  # the asker told who took it (or that an expert did)
RELAYED = "consultation.message"  # a message of one side to the other
RESOLVED = "consultation.resolved"  # the expert told that it is resolved, and the rating
TAKE_REMINDER = "consultation.take_reminder"  # matching experts reminded of an untaken one
ALERT = "consultation.alert"  # organizers alerted that nobody took it
ANSWER_REMINDER = "consultation.answer_reminder"  # the expert reminded to answer
RETURNED = "consultation.returned"  # back in the queue: the asker told
HANDED_BACK = "consultation.handed_back"  # the expert gave it back: the asker told
PASSED = "consultation.passed"  # passed to another expert: both told
# The messages a reply (Telegram's own) to which belongs in the request's thread.
THREAD_KINDS = (OFFER, TAKEN, RELAYED, ANSWER_REMINDER, PASSED)

MAX_OPEN_PER_PERSON = 3


@dataclass(frozen=True, slots=True)
class DeskTimes:
    """The desk's schedule (operators set it: CONSULTATION_*_HOURS)."""

    take_reminder: timedelta = timedelta(hours=24)
    alert: timedelta = timedelta(hours=48)
    answer_reminder: timedelta = timedelta(hours=24)
    give_back: timedelta = timedelta(hours=72)


@dataclass(frozen=True, slots=True)
class Draft:
    theme: str
    country: str
    language: str
    question: str
    anonymous: bool


@dataclass(frozen=True, slots=True)
class Consultation:
    id: int
    asker_id: int
    asker_name: str | None  # None for an anonymous request
    anonymous: bool
    theme: str
    country: str
    language: str
    question: str
    status: str  # open | taken | resolved
    expert_id: int | None
    rating: int | None
    rating_comment: str | None
    created_at: datetime
    taken_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ThreadMessage:
    author: str  # asker | expert
    body: str
    created_at: datetime


class Side(StrEnum):
    ASKER = "asker"
    EXPERT = "expert"


class Refused(StrEnum):
    """Why an action on a request is not taken."""

    GONE = "gone"  # no such request (or not the person's)
    TAKEN = "taken"  # another expert took it first
    NOT_OPEN = "not_open"  # resolved meanwhile
    NOT_MATCHING = "not_matching"  # the expert's profile no longer fits, paused, or unapproved
    TOO_MANY = "too_many"  # the person has MAX_OPEN_PER_PERSON open requests


@dataclass(frozen=True, slots=True)
class Asked:
    consultation: Consultation
    experts: int  # how many matching experts were offered it (0: organizers were told)


@dataclass(frozen=True, slots=True)
class Relayed:
    consultation: Consultation
    side: Side  # who wrote
    reached: bool = True  # False: the other side has blocked the bot (the message is kept)
