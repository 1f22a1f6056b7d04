"""Moving people from an event's waiting list to its free places, in order, and telling
them, in the transaction of whatever freed the places."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.domain.events import PROMOTED, Event
from bot.services.notices import Notices
from bot.services.outbox import Outbox


class WaitingList:
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

    async def fill(self, event: Event, now: datetime) -> list[int]:
        """Promote people from the waiting list while places are free; returns who."""
        self._db.require_transaction()
        promoted: list[int] = []
        capacity = event.details.capacity
        while capacity is None or (await self._responses.counts(event.id))["going"] < capacity:
            waiting = await self._responses.first_waiting(event.id)
            if waiting is None:
                break
            await self._responses.set_response(event.id, waiting, "going", now, None)
            promoted.append(waiting)
        if promoted:
            await self._outbox.queue(
                PROMOTED, promoted, self._notices.promoted(event), now, subject_id=event.id
            )
        return promoted
