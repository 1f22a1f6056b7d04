"""What the admins' console shows and does: the network's figures, a person as an admin
sees them, the audit log's pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.roles import Role


@dataclass(frozen=True, slots=True)
class Figures:
    organizations: int  # approved
    by_country: tuple[tuple[str, int], ...]  # approved, most first
    by_kind: tuple[tuple[str, int], ...]
    by_theme: tuple[tuple[str, int], ...]
    pending_organizations: int
    people: int
    reachable: int  # have not blocked the bot
    unreachable: int
    experts: int  # approved
    experts_available: int
    pending_experts: int
    organizers: int
    blocked: int  # by an admin
    upcoming_events: int
    open_polls: int
    open_consultations: int  # open or taken, not resolved
    rec_sets: int  # sent, not deleted
    outbox_backlog: int
    sent_day: int
    failed_day: int  # failed or blocked in the last 24 hours


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person as the admins' console shows them (their name is asked of Telegram)."""

    user_id: int
    roles: frozenset[Role]
    reachable: bool
    blocked: bool
    expert_status: str | None  # pending | approved | rejected | None (no profile)
    expert_invited: bool
    is_admin: bool  # configured by ADMIN_IDS: nobody can change that here


class AppointRole(StrEnum):
    ORGANIZER = "organizer"
    EXPERT = "expert"


class Appointed(StrEnum):
    DONE = "done"  # holds the role now
    INVITED = "invited"  # an expert with no profile: asked to write it, approved at once
    ALREADY = "already"
    UNKNOWN = "unknown"  # never started the bot
    INVALID = "invalid"  # a link used, expired or unknown


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    actor_id: int | None
    action: str
    subject_type: str
    subject_id: int | None
    subject_user_id: int | None
    detail: str


@dataclass(frozen=True, slots=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    page: int  # 0-based
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class BroadcastProgress:
    recipients: int
    sent: int
    queued: int
    failed: int  # failed, or blocked the bot meanwhile
    started_at: datetime | None
