"""Organizations, their members and join requests, and partnerships between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.people import Contact

MAX_PENDING_APPLICATIONS = 3  # organizations one person may have waiting for review
RETRY_AFTER_DECLINE_DAYS = 30  # a declined join request or proposal may be repeated after


@dataclass(frozen=True, slots=True)
class NewOrganization:
    name: str
    kind: str
    country: str
    region: str
    description: str
    themes: tuple[str, ...]
    coordinator_id: int | None = None
    public_contact: str | None = None
    contact_consent: bool = False


@dataclass(frozen=True, slots=True)
class Organization:
    id: int
    name: str
    kind: str
    country: str
    region: str
    description: str
    themes: tuple[str, ...]
    public_contact: str | None
    contact_consent: bool
    status: str
    coordinator_id: int | None
    created_at: str
    reject_reason: str | None

    @property
    def shown_contact(self) -> str | None:
        """The contact the directory may show: only with the organization's consent."""
        return self.public_contact if self.contact_consent else None


@dataclass(frozen=True, slots=True)
class DirectoryFilter:
    theme: str | None = None
    country: str | None = None
    kind: str | None = None
    name: str | None = None  # a part of the name, any case


@dataclass(frozen=True, slots=True)
class Draft:
    """An organization's application as the applicant wrote it."""

    name: str
    kind: str
    country: str
    region: str
    themes: tuple[str, ...]
    description: str
    contact: str | None
    contact_consent: bool


class Outcome(StrEnum):
    DONE = "done"
    ALREADY = "already"  # decided before (double tap, another admin)
    GONE = "gone"  # the object no longer exists


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    display_name: str
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class JoinRequest:
    id: int
    organization_id: int
    user_id: int
    display_name: str
    status: str


class JoinOutcome(StrEnum):
    REQUESTED = "requested"
    PENDING = "pending"  # one is waiting already
    MEMBER = "member"
    OWN = "own"  # the person coordinates it
    UNKNOWN = "unknown"  # no such link (revoked, or the organization is gone)
    DECLINED_RECENTLY = "declined_recently"


@dataclass(frozen=True, slots=True)
class JoinAttempt:
    outcome: JoinOutcome
    organization: Organization | None = None
    coordinator_told: bool = False
    retry_at: datetime | None = None  # after a recent decline: when asking again is possible


@dataclass(frozen=True, slots=True)
class JoinDecision:
    outcome: Outcome
    request: JoinRequest | None = None
    organization: Organization | None = None
    applicant_told: bool = False


@dataclass(frozen=True, slots=True)
class Partnership:
    id: int
    from_org: int
    to_org: int
    proposed_by: int | None
    proposer_contact: Contact | None
    decided_by: int | None
    accepter_contact: Contact | None
    status: str  # pending | accepted | declined | withdrawn
    decided_at: datetime | None = None
    note: str | None = None  # the proposing organization's few words to the other


class ProposalOutcome(StrEnum):
    SENT = "sent"
    EXISTS = "exists"  # pending or agreed already
    NO_COORDINATOR = "no_coordinator"
    OWN = "own"  # the person coordinates the other organization too
    UNKNOWN = "unknown"
    DECLINED_RECENTLY = "declined_recently"


@dataclass(frozen=True, slots=True)
class Proposal:
    outcome: ProposalOutcome
    target: Organization | None = None
    retry_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PartnershipAnswer:
    outcome: Outcome
    partnership: Partnership | None = None
    proposer_org: Organization | None = None
    accepter_org: Organization | None = None


@dataclass(frozen=True, slots=True)
class PartnershipView:
    """A partnership seen from one of its organizations (`org`, which the person
    coordinates): a proposal to it, a proposal of its own, or an agreed partnership."""

    partnership: Partnership
    org: Organization
    other: Organization

    @property
    def incoming(self) -> bool:
        return self.partnership.to_org == self.org.id

    @property
    def other_contact(self) -> Contact | None:
        """The other side's coordinator as they showed themselves, once both agreed."""
        if self.partnership.status != "accepted":
            return None
        p = self.partnership
        return p.proposer_contact if self.incoming else p.accepter_contact


@dataclass(frozen=True, slots=True)
class PartnershipsOf:
    """An organization's open proposals, both ways, and its partners."""

    org: Organization
    incoming: tuple[PartnershipView, ...]
    outgoing: tuple[PartnershipView, ...]
    partners: tuple[PartnershipView, ...]


@dataclass(frozen=True, slots=True)
class Handover:
    """An organization the person coordinates, and who could take it over."""

    organization: Organization
    candidates: tuple[Member, ...]  # the other members


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What /forget did: the organizations handed over (to whom) and those closed; or,
    with `conflict`, nothing, because the chosen successor of that organization has left
    it meanwhile (the person chooses again)."""

    handed_over: tuple[tuple[Organization, int], ...] = ()
    closed: tuple[Organization, ...] = ()
    conflict: Organization | None = None

    @property
    def done(self) -> bool:
        return self.conflict is None
