"""Reminders that are due: each queued and marked sent in one transaction, so a restart
neither skips nor repeats one, and two ticks at once send it once."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.db.database import Database
from bot.db.repositories.event_reminders import EventRemindersRepository
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.db.repositories.events import EventsRepository
from bot.domain.events import (
    ANSWERS_SUMMARY,
    MILESTONE_AUDIENCE,
    REMINDER,
    START_AUDIENCE,
    AnswersSummary,
    Reminder,
)
from bot.services.notices import Notices
from bot.services.outbox import Outbox

log = logging.getLogger(__name__)

SUMMARY_EVERY = timedelta(days=1)


class _AlreadySent(Exception):
    pass


class RemindersService:
    def __init__(
        self,
        db: Database,
        events: EventsRepository,
        responses: EventResponsesRepository,
        reminders: EventRemindersRepository,
        outbox: Outbox,
        notices: Notices,
    ) -> None:
        self._db = db
        self._events = events
        self._responses = responses
        self._reminders = reminders
        self._outbox = outbox
        self._notices = notices

    async def send_due(self, now: datetime) -> int:
        """Queue every reminder due at `now`; returns how many went out to someone."""
        sent = 0
        for reminder in await self._reminders.due(now):
            try:
                async with self._db.transaction():
                    sent += await self._send(reminder, now)
            except _AlreadySent:
                log.info("reminder %s was sent by another tick", reminder.id)
        return sent

    async def send_summaries(self, now: datetime) -> int:
        """The daily summaries of new answers that are due; how many went out. Each is
        queued and moved on in one transaction (two ticks at once send it once)."""
        sent = 0
        for event_id, since in await self._events.summaries_due(now, SUMMARY_EVERY):
            try:
                async with self._db.transaction():
                    sent += await self._summarize(event_id, since, now)
            except _AlreadySent:
                log.info("the answers summary of event %s was sent by another tick", event_id)
        return sent

    async def _summarize(self, event_id: int, since: str, now: datetime) -> int:
        event = await self._events.get(event_id)
        new = await self._responses.counts_since(event_id, since)
        queued = 0
        if event is not None and event.organizer_id is not None and new:
            summary = AnswersSummary(event, new, await self._responses.counts(event_id))
            result = await self._outbox.queue(
                ANSWERS_SUMMARY,
                [event.organizer_id],
                self._notices.answers_summary(summary),
                now,
                subject_id=event_id,
            )
            queued = 1 if result.count else 0
        if not await self._events.mark_summarized(event_id, since, now):
            raise _AlreadySent  # rolls the summary back
        return queued

    async def _send(self, reminder: Reminder, now: datetime) -> int:
        event = await self._events.get(reminder.event_id)
        campaign_id = None
        # A moment already past (the bot was down) gets no late reminder: it is only settled.
        if event is not None and reminder.target_at > now:
            statuses = START_AUDIENCE if reminder.kind in ("day", "hour") else MILESTONE_AUDIENCE
            recipients = await self._responses.responders(event.id, statuses)
            if recipients:
                queued = await self._outbox.queue(
                    f"{REMINDER}.{reminder.kind}",
                    recipients,
                    self._notices.reminder(event, reminder),
                    now,
                    subject_id=event.id,
                )
                campaign_id = queued.campaign_id
        if not await self._reminders.mark_sent(reminder.id, campaign_id, now):
            raise _AlreadySent  # rolls the campaign back
        return 1 if campaign_id is not None else 0
