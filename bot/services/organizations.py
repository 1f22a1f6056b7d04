"""Registering organizations, their details and invite links, and the directory."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.catalog import KINDS, THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.db.database import Database
from bot.db.repositories.organizations import OrganizationsRepository
from bot.domain.errors import InvalidChoice
from bot.domain.organizations import (
    MAX_PENDING_APPLICATIONS,
    DirectoryFilter,
    Draft,
    Member,
    NewOrganization,
    Organization,
)
from bot.domain.people import Contact, Person
from bot.services import text_input
from bot.services.access import refuse
from bot.services.notices import Notices
from bot.services.outbox import Outbox

REVIEW = "organization.review"  # the campaign kind of the admins' review cards


class DuplicateName(ValueError):
    """An organization of that name is already registered (or pending) in that country."""


class TooManyPending(ValueError):
    """The person already has the most applications one may have waiting for review."""


@dataclass(frozen=True, slots=True)
class Submitted:
    organization: Organization
    admins_told: int


class OrganizationsService:
    def __init__(
        self,
        db: Database,
        organizations: OrganizationsRepository,
        outbox: Outbox,
        notices: Notices,
        admin_ids: frozenset[int],
    ) -> None:
        self._db = db
        self._orgs = organizations
        self._outbox = outbox
        self._notices = notices
        self._admin_ids = admin_ids

    # Registration

    async def check_name(self, name: str, country: str) -> None:
        if await self._orgs.find_by_name(name, country) is not None:
            raise DuplicateName(name)

    async def check_can_apply(self, person: Person) -> None:
        """TooManyPending when the person has the most applications waiting already."""
        if await self._orgs.count_of(person.id, "pending") >= MAX_PENDING_APPLICATIONS:
            raise TooManyPending(person.id)

    async def submit(
        self, applicant: Person, draft: Draft, contact: Contact, now: datetime
    ) -> Submitted:
        """Store the application as pending and send the admins its card, together; the
        applicant coordinates the organization once it is approved."""
        if draft.kind not in KINDS or draft.country not in (*CENTRAL_ASIA, OTHER):
            raise InvalidChoice("type or country")
        if not draft.themes or not set(draft.themes) <= set(THEMES):
            raise InvalidChoice("themes")
        name = text_input.one_line(text_input.clean_text(draft.name, text_input.ORG_NAME))
        public_contact = text_input.parse_contact(draft.contact) if draft.contact else None
        async with self._db.transaction():
            await self.check_can_apply(applicant)
            await self.check_name(name, draft.country)
            org_id = await self._orgs.create(
                NewOrganization(
                    name=name,
                    kind=draft.kind,
                    country=draft.country,
                    region=text_input.one_line(
                        text_input.clean_text(draft.region, text_input.REGION)
                    ),
                    description=text_input.clean_text(draft.description, text_input.DESCRIPTION),
                    themes=tuple(t for t in THEMES if t in draft.themes),
                    coordinator_id=applicant.id,
                    public_contact=public_contact,
                    contact_consent=draft.contact_consent and public_contact is not None,
                ),
                "pending",
                now,
            )
            org = await self._orgs.get(org_id)
            assert org is not None
            queued = await self._outbox.queue(
                REVIEW,
                sorted(self._admin_ids),
                self._notices.organization_review(org, contact),
                now,
                subject_id=org_id,
                about_user_id=applicant.id,
            )
        return Submitted(org, queued.count)

    async def get(self, org_id: int) -> Organization | None:
        return await self._orgs.get(org_id)

    async def listed(self, org_id: int) -> Organization | None:
        """The organization, if the directory shows it (approved)."""
        org = await self._orgs.get(org_id)
        return org if org is not None and org.status == "approved" else None

    async def search(
        self, flt: DirectoryFilter, *, offset: int, limit: int
    ) -> tuple[list[Organization], int]:
        """Approved organizations only, whoever asks."""
        return await self._orgs.search(flt, offset=offset, limit=limit)

    async def pending_of(self, person: Person) -> list[Organization]:
        return await self._orgs.coordinated_by(person.id, ("pending",))

    async def coordinated(self, person: Person) -> list[Organization]:
        return await self._orgs.coordinated_by(person.id, ("approved",))

    async def memberships(self, person: Person) -> list[Organization]:
        return await self._orgs.memberships_of(person.id)

    async def coordinated_org(self, person: Person, org_id: int, action: str) -> Organization:
        """The approved organization, when `person` coordinates it; NotAllowed otherwise."""
        org = await self._orgs.get(org_id)
        if org is None or org.status != "approved" or org.coordinator_id != person.id:
            raise refuse(person, action, f"(organization {org_id})")
        return org

    async def update_details(
        self,
        person: Person,
        org_id: int,
        *,
        description: str | None = None,
        contact: str | None = None,
        contact_consent: bool | None = None,
        remove_contact: bool = False,
        now: datetime,
    ) -> Organization:
        """Change what is given; the rest stays as stored."""
        async with self._db.transaction():
            org = await self.coordinated_org(person, org_id, "edit organization")
            if remove_contact:
                new_contact, consent = None, False
            else:
                new_contact = contact if contact is not None else org.public_contact
                consent = org.contact_consent if contact_consent is None else contact_consent
            await self._orgs.update_details(
                org.id,
                region=org.region,
                description=description if description is not None else org.description,
                themes=org.themes,
                public_contact=new_contact,
                contact_consent=consent and bool(new_contact),
                now=now,
            )
            updated = await self._orgs.get(org.id)
        assert updated is not None
        return updated

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
        token = secrets.token_urlsafe(12)
        async with self._db.transaction():
            org = await self.coordinated_org(person, org_id, "renew invite link")
            await self._orgs.set_invite(org.id, token, now)
        return token

    async def revoke_invite(self, person: Person, org_id: int, now: datetime) -> None:
        async with self._db.transaction():
            org = await self.coordinated_org(person, org_id, "revoke invite link")
            await self._orgs.set_invite(org.id, None, now)

    async def current_invite(self, person: Person, org_id: int) -> str | None:
        org = await self.coordinated_org(person, org_id, "read invite link")
        return await self._orgs.invite_token(org.id)

    async def members(
        self, person: Person, org_id: int, *, offset: int = 0, limit: int = -1
    ) -> tuple[list[Member], int]:
        """A page of the members (in joining order) and how many there are."""
        org = await self.coordinated_org(person, org_id, "list members")
        page = await self._orgs.members(org.id, offset=offset, limit=limit)
        return page, await self._orgs.member_count(org.id)

    async def member(self, person: Person, org_id: int, user_id: int) -> Member | None:
        org = await self.coordinated_org(person, org_id, "read member")
        return await self._orgs.member(org.id, user_id)

    async def remove_member(self, person: Person, org_id: int, user_id: int) -> bool:
        org = await self.coordinated_org(person, org_id, "remove member")
        if user_id == person.id:
            return False  # the coordinator hands over or closes instead (/forget)
        return await self._orgs.remove_member(org.id, user_id)
