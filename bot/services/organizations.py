"""Registering organizations, moderating them, and their members and invite links."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.catalog import KINDS, THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.db.repositories.audit import AuditRepository
from bot.db.repositories.join_requests import JoinRequest, JoinRequestsRepository
from bot.db.repositories.organizations import (
    DirectoryFilter,
    NewOrganization,
    Organization,
    OrganizationsRepository,
)
from bot.roles import Role
from bot.services import text_input
from bot.services.access import refuse, require
from bot.services.people import Person


class DuplicateName(ValueError):
    """An organization of that name is already registered (or pending) in that country."""


@dataclass(frozen=True, slots=True)
class Draft:
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
class Decision:
    outcome: Outcome
    organization: Organization | None


@dataclass(frozen=True, slots=True)
class JoinAttempt:
    outcome: str  # requested | pending | member | unknown | own
    organization: Organization | None = None
    request_id: int | None = None


class OrganizationsService:
    def __init__(
        self,
        organizations: OrganizationsRepository,
        join_requests: JoinRequestsRepository,
        audit: AuditRepository,
    ) -> None:
        self._orgs = organizations
        self._requests = join_requests
        self._audit = audit

    # Registration

    async def check_name(self, name: str, country: str) -> None:
        if await self._orgs.find_by_name(name, country) is not None:
            raise DuplicateName(name)

    async def submit(self, applicant: Person, draft: Draft, now: datetime) -> Organization:
        """Store the application as pending; the applicant coordinates it once approved."""
        if draft.kind not in KINDS or draft.country not in (*CENTRAL_ASIA, OTHER):
            raise ValueError("unknown type or country")
        if not draft.themes or not set(draft.themes) <= set(THEMES):
            raise ValueError("themes")
        name = text_input.one_line(text_input.clean_text(draft.name, text_input.ORG_NAME))
        await self.check_name(name, draft.country)
        org_id = await self._orgs.create(
            NewOrganization(
                name=name,
                kind=draft.kind,
                country=draft.country,
                region=text_input.one_line(text_input.clean_text(draft.region, text_input.REGION)),
                description=text_input.clean_text(draft.description, text_input.DESCRIPTION),
                themes=tuple(t for t in THEMES if t in draft.themes),
                coordinator_id=applicant.id,
                public_contact=draft.contact,
                contact_consent=draft.contact_consent and bool(draft.contact),
            ),
            "pending",
            now,
        )
        org = await self._orgs.get(org_id)
        assert org is not None
        return org

    async def get(self, org_id: int) -> Organization | None:
        return await self._orgs.get(org_id)

    async def search(
        self, flt: DirectoryFilter, *, offset: int, limit: int
    ) -> tuple[list[Organization], int]:
        """Approved organizations only, whoever asks."""
        return await self._orgs.search(flt, offset=offset, limit=limit)

    async def decide(
        self, admin: Person, org_id: int, approve: bool, reason: str | None, now: datetime
    ) -> Decision:
        require(admin, Role.ADMIN, "moderate organization")
        org = await self._orgs.get(org_id)
        if org is None:
            return Decision(Outcome.GONE, None)
        status = "approved" if approve else "rejected"
        if not await self._orgs.decide(org_id, status, reason, now):
            return Decision(Outcome.ALREADY, org)
        if approve and org.coordinator_id is not None:
            await self._orgs.add_member(org_id, org.coordinator_id, "", now)
        await self._audit.record(
            admin.id,
            "organization.approve" if approve else "organization.reject",
            "organization",
            now,
            subject_id=org_id,
            subject_user_id=org.coordinator_id,
            detail=reason or "",
        )
        return Decision(Outcome.DONE, await self._orgs.get(org_id))

    async def pending_review(self, admin: Person) -> list[Organization]:
        require(admin, Role.ADMIN, "list pending organizations")
        return await self._orgs.with_status("pending")

    async def pending_of(self, person: Person) -> list[Organization]:
        return await self._orgs.coordinated_by(person.id, ("pending",))

    async def coordinated(self, person: Person) -> list[Organization]:
        return await self._orgs.coordinated_by(person.id, ("approved",))

    async def memberships(self, person: Person) -> list[Organization]:
        return await self._orgs.memberships_of(person.id)

    async def update_details(
        self,
        person: Person,
        org_id: int,
        *,
        region: str,
        description: str,
        themes: tuple[str, ...],
        contact: str | None,
        contact_consent: bool,
        now: datetime,
    ) -> Organization:
        org = await self.coordinated_org(person, org_id, "edit organization")
        await self._orgs.update_details(
            org.id,
            region=region,
            description=description,
            themes=themes,
            public_contact=contact,
            contact_consent=contact_consent and bool(contact),
            now=now,
        )
        updated = await self._orgs.get(org.id)
        assert updated is not None
        return updated

    async def coordinated_org(self, person: Person, org_id: int, action: str) -> Organization:
        """The approved organization, when `person` coordinates it; NotAllowed otherwise."""
        org = await self._orgs.get(org_id)
        if org is None or org.status != "approved" or org.coordinator_id != person.id:
            raise refuse(person, action, f"(organization {org_id})")
        return org

    # Members and invites

    async def invite_token(self, person: Person, org_id: int, now: datetime) -> str:
        """The organization's invite token, made on first use."""
        org = await self.coordinated_org(person, org_id, "invite link")
        token = await self._orgs.invite_token(org.id)
        if token is None:
            token = await self.renew_invite(person, org_id, now)
        return token

    async def renew_invite(self, person: Person, org_id: int, now: datetime) -> str:
        """A new token; links with the old one stop working."""
        org = await self.coordinated_org(person, org_id, "renew invite link")
        token = secrets.token_urlsafe(12)
        await self._orgs.set_invite(org.id, token, now)
        return token

    async def revoke_invite(self, person: Person, org_id: int, now: datetime) -> None:
        org = await self.coordinated_org(person, org_id, "revoke invite link")
        await self._orgs.set_invite(org.id, None, now)

    async def current_invite(self, person: Person, org_id: int) -> str | None:
        org = await self.coordinated_org(person, org_id, "read invite link")
        return await self._orgs.invite_token(org.id)

    async def request_join(
        self, person: Person, token: str, display_name: str, now: datetime
    ) -> JoinAttempt:
        org_id = await self._orgs.organization_by_invite(token)
        org = None if org_id is None else await self._orgs.get(org_id)
        if org is None or org.status != "approved":
            return JoinAttempt("unknown")
        if org.coordinator_id == person.id:
            return JoinAttempt("own", org)
        if await self._orgs.is_member(org.id, person.id):
            return JoinAttempt("member", org)
        name = text_input.one_line(display_name)[:64]
        request_id = await self._requests.open(org.id, person.id, name, now)
        if request_id is None:
            return JoinAttempt("pending", org)
        return JoinAttempt("requested", org, request_id)

    async def decide_join(
        self, person: Person, request_id: int, accept: bool, now: datetime
    ) -> tuple[Outcome, JoinRequest | None, Organization | None]:
        request = await self._requests.get(request_id)
        if request is None:
            return Outcome.GONE, None, None
        org = await self.coordinated_org(person, request.organization_id, "decide join request")
        if not await self._requests.decide(request_id, "accepted" if accept else "declined", now):
            return Outcome.ALREADY, request, org
        if accept:
            await self._orgs.add_member(org.id, request.user_id, request.display_name, now)
        return Outcome.DONE, request, org

    async def members(self, person: Person, org_id: int) -> list[tuple[int, str, str]]:
        org = await self.coordinated_org(person, org_id, "list members")
        return await self._orgs.members(org.id)

    async def remove_member(self, person: Person, org_id: int, user_id: int) -> bool:
        org = await self.coordinated_org(person, org_id, "remove member")
        if user_id == person.id:
            return False  # the coordinator hands over or closes instead (/forget)
        return await self._orgs.remove_member(org.id, user_id)
