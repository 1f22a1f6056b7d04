"""Expert applications, their moderation and the experts' availability."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.db.repositories.audit import AuditRepository
from bot.db.repositories.experts import ExpertProfile, ExpertsRepository
from bot.locales import LANGUAGES
from bot.roles import Role
from bot.services import text_input
from bot.services.access import require
from bot.services.organizations import Outcome
from bot.services.people import Person


@dataclass(frozen=True, slots=True)
class ExpertDraft:
    themes: tuple[str, ...]
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    bio: str


class ExpertsService:
    def __init__(self, experts: ExpertsRepository, audit: AuditRepository) -> None:
        self._experts = experts
        self._audit = audit

    async def profile(self, user_id: int) -> ExpertProfile | None:
        return await self._experts.get(user_id)

    async def apply(self, person: Person, draft: ExpertDraft, now: datetime) -> ExpertProfile:
        """Submit (or resubmit after an edit) a profile for the admins' approval."""
        if not draft.themes or not set(draft.themes) <= set(THEMES):
            raise ValueError("themes")
        if not draft.countries or not set(draft.countries) <= {*CENTRAL_ASIA, OTHER}:
            raise ValueError("countries")
        if not draft.languages or not set(draft.languages) <= set(LANGUAGES):
            raise ValueError("languages")
        await self._experts.save(
            person.id,
            bio=text_input.clean_text(draft.bio, text_input.BIO),
            themes=draft.themes,
            countries=draft.countries,
            languages=draft.languages,
            status="pending",
            now=now,
        )
        profile = await self._experts.get(person.id)
        assert profile is not None
        return profile

    async def decide(
        self, admin: Person, user_id: int, approve: bool, reason: str | None, now: datetime
    ) -> tuple[Outcome, ExpertProfile | None]:
        require(admin, Role.ADMIN, "moderate expert")
        profile = await self._experts.get(user_id)
        if profile is None:
            return Outcome.GONE, None
        status = "approved" if approve else "rejected"
        if not await self._experts.decide(user_id, status, reason, now):
            return Outcome.ALREADY, profile
        await self._audit.record(
            admin.id,
            "expert.approve" if approve else "expert.reject",
            "expert",
            now,
            subject_user_id=user_id,
            detail=reason or "",
        )
        return Outcome.DONE, await self._experts.get(user_id)

    async def pending_review(self, admin: Person) -> list[ExpertProfile]:
        require(admin, Role.ADMIN, "list pending experts")
        return await self._experts.with_status("pending")

    async def set_available(self, person: Person, available: bool, now: datetime) -> bool:
        require(person, Role.EXPERT, "expert availability")
        return await self._experts.set_available(person.id, available, now)
