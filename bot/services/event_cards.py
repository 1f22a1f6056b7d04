"""Delivered announcements follow their event: after an edit, a cancellation or a
promotion from the waiting list, each announcement a person received is edited (through
the outbox, paced like sends) to show the event as it is now and the buttons that fit that
person's answer. An announcement not sent yet goes out as the event is now."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.domain.events import ANNOUNCEMENT, CARD_UPDATE, Event
from bot.domain.outbox import Recipient
from bot.services.notices import Notices
from bot.services.outbox import Outbox


class AnnouncementCards:
    def __init__(
        self,
        db: Database,
        responses: EventResponsesRepository,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._responses = responses
        self._outbox = outbox
        self._notices = notices

    async def answered(self, event: Event, user_id: int, now: datetime) -> None:
        """A person answered: an update of their announcement still waiting was rendered
        for their old answer, so it is replaced by one for the answer they gave now."""
        self._db.require_transaction()
        if await self._outbox.cancel_for(CARD_UPDATE, event.id, user_id, now):
            await self.follow(event, now, only=[user_id])

    async def follow(
        self, event: Event, now: datetime, *, only: Collection[int] | None = None
    ) -> int:
        """Queue the edits of the delivered announcements of `event` (of `only` these
        people, when given), in the caller's transaction; how many."""
        self._db.require_transaction()
        if only is None:
            # the whole event changed: unsent announcements go out as it is now, and
            # earlier card updates still waiting are replaced by these
            await self._outbox.rerender(ANNOUNCEMENT, event.id, self._notices.announcement(event))
            await self._outbox.cancel_about(CARD_UPDATE, event.id, now)
        delivered = await self._outbox.delivered(ANNOUNCEMENT, event.id)
        if only is not None:
            delivered = [d for d in delivered if d.user_id in only]
        if not delivered:
            return 0
        answers = await self._responses.statuses_of(event.id, [d.user_id for d in delivered])
        queued = await self._outbox.queue_to(
            CARD_UPDATE,
            [
                Recipient(d.user_id, answers.get(d.user_id, ""), edit_message_id=d.message_id)
                for d in delivered
            ],
            lambda answer: self._notices.announcement(event, answer or None),
            now,
            subject_id=event.id,
            created_by=event.organizer_id,
        )
        return queued.count
