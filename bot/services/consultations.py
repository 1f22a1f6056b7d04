"""The consultation desk: a member asks, the matching experts are offered the request,
the first Take wins, the bot relays the conversation, the member resolves and rates it.
Each action is one transaction with the notices it causes (the outbox)."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.consultations import ConsultationsRepository
from bot.db.repositories.experts import ExpertsRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.consultations import (
    MAX_OPEN_PER_PERSON,
    OFFER,
    OFFER_TAKEN,
    RELAYED,
    RESOLVED,
    TAKEN,
    UNMATCHED,
    Asked,
    Consultation,
    Draft,
    Refused,
    Relayed,
    Side,
    ThreadMessage,
)
from bot.domain.errors import InvalidChoice
from bot.domain.outbox import Recipient
from bot.domain.people import Person
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.text_input import CONSULTATION_QUESTION, MESSAGE, clean_text


class ConsultationsService:
    def __init__(
        self,
        db: Database,
        consultations: ConsultationsRepository,
        experts: ExpertsRepository,
        users: UsersRepository,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._consultations = consultations
        self._experts = experts
        self._users = users
        self._outbox = outbox
        self._notices = notices

    async def ask(
        self, person: Person, draft: Draft, display_name: str, now: datetime
    ) -> Asked | Refused:
        """The request is stored and offered to every matching expert; with none, the
        organizers are told at once."""
        draft = Draft(
            draft.theme,
            draft.country,
            draft.language,
            clean_text(draft.question, CONSULTATION_QUESTION),
            draft.anonymous,
        )
        async with self._db.transaction():
            if await self._consultations.open_count(person.id) >= MAX_OPEN_PER_PERSON:
                return Refused.TOO_MANY
            consultation_id = await self._consultations.create(person.id, display_name, draft, now)
            consultation = await self._consultations.get(consultation_id)
            assert consultation is not None
            experts = await self._consultations.matching_experts(draft, excluding=person.id)
            if experts:
                await self._queue(OFFER, consultation, experts, self._notices.offer, now)
            else:
                organizers = [
                    uid for uid in await self._users.with_role("organizer") if uid != person.id
                ]
                await self._queue(UNMATCHED, consultation, organizers, self._notices.unmatched, now)
        return Asked(consultation, len(experts))

    async def _queue(self, kind, consultation, user_ids, render_of, now) -> int:  # type: ignore[no-untyped-def]
        queued = await self._outbox.queue(
            kind,
            user_ids,
            render_of(consultation),
            now,
            subject_id=consultation.id,
            about_user_id=consultation.asker_id,
        )
        return queued.count

    async def take(
        self, person: Person, consultation_id: int, now: datetime
    ) -> Consultation | Refused:
        """Exactly one expert wins a request; the asker is told, and the other experts'
        cards say it was taken."""
        async with self._db.transaction():
            consultation = await self._consultations.get(consultation_id)
            if consultation is None:
                return Refused.GONE
            if consultation.status != "open":
                return Refused.TAKEN if consultation.expert_id != person.id else consultation
            if not await self._fits(person, consultation):
                return Refused.NOT_MATCHING
            if not await self._consultations.take(consultation_id, person.id, now):
                return Refused.TAKEN
            taken = await self._consultations.get(consultation_id)
            assert taken is not None
            await self._queue(TAKEN, taken, [taken.asker_id], self._notices.taken, now)
            others = [
                d
                for d in await self._outbox.delivered(OFFER, consultation_id)
                if d.user_id != person.id
            ]
            if others:
                await self._outbox.queue_to(
                    OFFER_TAKEN,
                    [Recipient(d.user_id, edit_message_id=d.message_id) for d in others],
                    lambda _segment: self._notices.offer_taken(taken),
                    now,
                    subject_id=consultation_id,
                    about_user_id=taken.asker_id,
                )
        return taken

    async def _fits(self, person: Person, consultation: Consultation) -> bool:
        profile = await self._experts.get(person.id)
        return (
            profile is not None
            and profile.status == "approved"
            and profile.available
            and person.id != consultation.asker_id
            and consultation.theme in profile.themes
            and consultation.country in profile.countries
            and consultation.language in profile.languages
        )

    async def side_of(self, person: Person, consultation_id: int) -> tuple[Consultation, Side]:
        """The request and the person's side in it; InvalidChoice for anyone else (a
        forged button)."""
        consultation = await self._consultations.get(consultation_id)
        if consultation is not None:
            if consultation.asker_id == person.id:
                return consultation, Side.ASKER
            if consultation.expert_id == person.id:
                return consultation, Side.EXPERT
        raise InvalidChoice(f"consultation {consultation_id}")

    async def reply(
        self, person: Person, consultation_id: int, text: str, now: datetime
    ) -> Relayed | Refused:
        """One side's message, relayed to the other through the outbox."""
        body = clean_text(text, MESSAGE)
        async with self._db.transaction():
            consultation, side = await self.side_of(person, consultation_id)
            if consultation.status != "taken" or consultation.expert_id is None:
                return Refused.NOT_OPEN
            await self._consultations.add_message(consultation_id, side, person.id, body, now)
            other = consultation.expert_id if side == Side.ASKER else consultation.asker_id
            await self._outbox.queue(
                RELAYED,
                [other],
                self._notices.relayed(consultation, side, body),
                now,
                subject_id=consultation_id,
                about_user_id=consultation.asker_id,
            )
        return Relayed(consultation, side)

    async def resolve(
        self, person: Person, consultation_id: int, now: datetime
    ) -> Consultation | Refused:
        """The asker closes the request as resolved; the expert is told."""
        async with self._db.transaction():
            _asked, side = await self.side_of(person, consultation_id)
            if side != Side.ASKER:
                raise InvalidChoice(f"resolve consultation {consultation_id} as expert")
            if not await self._consultations.resolve(consultation_id, now):
                return Refused.NOT_OPEN
            resolved = await self._consultations.get(consultation_id)
            assert resolved is not None
            if resolved.expert_id is not None:
                await self._queue(
                    RESOLVED, resolved, [resolved.expert_id], self._notices.resolved, now
                )
        return resolved

    async def rate(
        self,
        person: Person,
        consultation_id: int,
        rating: int,
        comment: str | None,
        now: datetime,
    ) -> Consultation | Refused:
        """The asker rates a resolved request (again, to change it); the expert sees it."""
        if not 1 <= rating <= 5:
            raise InvalidChoice(f"rating {rating}")
        if comment is not None:
            comment = clean_text(comment, MESSAGE)
        async with self._db.transaction():
            consultation, side = await self.side_of(person, consultation_id)
            if side != Side.ASKER:
                raise InvalidChoice(f"rate consultation {consultation_id} as expert")
            if consultation.status != "resolved":
                return Refused.NOT_OPEN
            await self._consultations.rate(consultation_id, rating, comment)
            rated = await self._consultations.get(consultation_id)
            assert rated is not None
            if rated.expert_id is not None:
                await self._queue(RESOLVED, rated, [rated.expert_id], self._notices.rated, now)
        return rated

    async def thread(self, person: Person, consultation_id: int) -> list[ThreadMessage]:
        await self.side_of(person, consultation_id)
        return await self._consultations.thread(consultation_id)
