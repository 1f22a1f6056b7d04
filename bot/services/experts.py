"""Expert applications and the experts' availability."""

from __future__ import annotations

from datetime import datetime

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.db.database import Database
from bot.db.repositories.appointments import AppointmentsRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.domain.errors import InvalidChoice
from bot.domain.experts import ExpertDraft, ExpertProfile
from bot.domain.people import Contact, Person
from bot.locales import LANGUAGES
from bot.roles import Role
from bot.services import text_input
from bot.services.access import require
from bot.services.notices import Notices
from bot.services.outbox import Outbox

REVIEW = "expert.review"


class ExpertsService:
    def __init__(
        self,
        db: Database,
        experts: ExpertsRepository,
        outbox: Outbox,
        notices: Notices,
        admin_ids: frozenset[int],
        appointments: AppointmentsRepository | None = None,
    ) -> None:
        self._appointments = appointments
        self._db = db
        self._experts = experts
        self._outbox = outbox
        self._notices = notices
        self._admin_ids = admin_ids

    async def profile(self, person: Person) -> ExpertProfile | None:
        return await self._experts.get(person.id)

    async def apply(
        self, person: Person, draft: ExpertDraft, contact: Contact, now: datetime
    ) -> ExpertProfile:
        """Submit (or resubmit after an edit) a profile, and send the admins its card; the
        profile of someone an admin appointed an expert is approved at once."""
        if not draft.themes or not set(draft.themes) <= set(THEMES):
            raise InvalidChoice("themes")
        if not draft.countries or not set(draft.countries) <= {*CENTRAL_ASIA, OTHER}:
            raise InvalidChoice("countries")
        if not draft.languages or not set(draft.languages) <= set(LANGUAGES):
            raise InvalidChoice("languages")
        bio = text_input.clean_text(draft.bio, text_input.BIO)
        async with self._db.transaction():
            appointed = self._appointments is not None and (
                await self._appointments.take_expert_invitation(person.id)
            )
            await self._experts.save(
                person.id,
                bio=bio,
                themes=draft.themes,
                countries=draft.countries,
                languages=draft.languages,
                status="pending",
                now=now,
            )
            if appointed:
                await self._experts.decide(person.id, "approved", None, now)
                profile = await self._experts.get(person.id)
                assert profile is not None
                return profile
            profile = await self._experts.get(person.id)
            assert profile is not None
            await self._outbox.queue(
                REVIEW,
                sorted(self._admin_ids),
                self._notices.expert_review(profile, contact),
                now,
                subject_id=person.id,
                about_user_id=person.id,
            )
        return profile

    async def set_available(self, person: Person, available: bool, now: datetime) -> bool:
        require(person, Role.EXPERT, "expert availability")
        return await self._experts.set_available(person.id, available, now)
