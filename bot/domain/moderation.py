"""Admins' review of applications: what a decision came to, and what waits for review."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.experts import ExpertProfile
from bot.domain.organizations import Organization, Outcome


class Subject(StrEnum):
    ORGANIZATION = "org"
    EXPERT = "expert"


@dataclass(frozen=True, slots=True)
class Decided:
    outcome: Outcome
    subject: Subject
    approved: bool  # what the application is now (for ALREADY: what it was decided)
    applicant_id: int | None = None
    applicant_told: bool = False


@dataclass(frozen=True, slots=True)
class PendingItem:
    subject: Subject
    id: int  # organization id, or the expert's user id
    organization: Organization | None = None
    expert: ExpertProfile | None = None


@dataclass(frozen=True, slots=True)
class PendingPage:
    items: tuple[PendingItem, ...]
    page: int
    pages: int
    total: int
