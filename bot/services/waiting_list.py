"""Moving people from an event's waiting list to its free places, in order, and telling
them, in the transaction of whatever freed the places."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.domain.events import PROMOTED, Event, places_taken
from bot.services.event_cards import AnnouncementCards
from bot.services.notices import Notices
from bot.services.outbox import Outbox


class WaitingList:
    def __init__(
        self,
        db: Database,
        responses: EventResponsesRepository,
        outbox: Outbox,
        notices: Notices,
        cards: AnnouncementCards,
    ) -> None:
        self._cards = cards
        self._db = db
        self._responses = responses
        self._outbox = outbox
        self._notices = notices

    async def fill(self, event: Event, now: datetime) -> list[int]:
        """Promote people from the waiting list while places are free, in order; returns
        who. An application on the waiting list becomes an application within the places."""
        self._db.require_transaction()
        promoted: list[int] = []
        capacity = event.details.capacity
        status = "applied" if event.details.questions else "going"
        while capacity is None or places_taken(await self._responses.counts(event.id)) < capacity:
            waiting = await self._responses.first_waiting(event.id)
            if waiting is None:
                break
            await self._responses.set_response(event.id, waiting, status, now, None)
            promoted.append(waiting)
        if promoted:
            await self._outbox.queue(
                PROMOTED, promoted, self._notices.promoted(event), now, subject_id=event.id
            )
            await self._cards.follow(event, now, only=promoted)
        return promoted
