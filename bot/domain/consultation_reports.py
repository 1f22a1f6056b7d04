"""What the consultation desk's lists show: an asker's requests, an expert's queue, a
thread read again, and the organizers' figures. A request line carries no question and no
message: lists, figures and exports never show what was written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Generic, TypeVar

from bot.domain.consultations import Consultation, Side

T = TypeVar("T")


class ListView(StrEnum):
    """Which list a request was opened from (its Back button returns there)."""

    ASKED = "asked"  # the asker's own requests (/myrequests)
    TAKE = "take"  # open requests an expert may take (/queue)
    MINE = "mine"  # requests the expert took (/queue)


@dataclass(frozen=True, slots=True)
class RequestLine:
    id: int
    theme: str
    country: str
    language: str
    status: str  # open | taken | resolved
    anonymous: bool
    asker_name: str | None  # None for an anonymous request
    created_at: datetime
    taken_at: datetime | None
    first_answer_at: datetime | None
    resolved_at: datetime | None
    rating: int | None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    page: int  # 0-based
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class Queue:
    """An expert's /queue: one of its two lists, with the size of both."""

    view: ListView  # TAKE or MINE
    listing: Page[RequestLine]
    to_take: int
    mine: int
    paused: bool  # the expert paused their requests: nothing to take until they resume


@dataclass(frozen=True, slots=True)
class ThreadEntry:
    author: Side
    author_id: int | None  # None once its author is forgotten
    body: str
    file_kind: str | None  # photo | document
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Thread:
    """A request and its conversation as one side reads it again; the question first."""

    consultation: Consultation
    side: Side
    entries: tuple[ThreadEntry, ...]


@dataclass(frozen=True, slots=True)
class Figures:
    requests: int
    open: int  # not resolved: waiting for an expert or with one
    waiting: int  # nobody has taken it
    resolved: int
    answered: int  # with a first answer from an expert
    median_first_answer: timedelta | None  # from asking to the first answer
    median_resolution: timedelta | None  # from asking to resolved
    average_rating: float | None
    ratings: int


@dataclass(frozen=True, slots=True)
class Report:
    overall: Figures
    by_theme: tuple[tuple[str, Figures], ...]  # theme slug, most requests first
    by_country: tuple[tuple[str, Figures], ...]  # country code, most requests first
