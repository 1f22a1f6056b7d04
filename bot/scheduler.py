"""The bot's clockwork. The schedule lives in the database: APScheduler only ticks once a
minute, and each tick asks the services what is due and moves it forward in the same
transaction that queues its messages, so a restart neither skips nor repeats anything and
two ticks cannot send the same reminder twice."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.db.database import Database
from bot.db.repositories.events import Event, Reminder
from bot.services.events import EventsService
from bot.timekeeping import Clock
from bot.ui.broadcasts import Broadcaster
from bot.ui.events import reminder_text

log = logging.getLogger(__name__)


class Ticker:
    def __init__(
        self, db: Database, events: EventsService, broadcaster: Broadcaster, clock: Clock
    ) -> None:
        self._db = db
        self._events = events
        self._broadcaster = broadcaster
        self._clock = clock
        self._lock = asyncio.Lock()
        self._scheduler: AsyncIOScheduler | None = None

    def start(self, interval_s: int = 60) -> None:
        self._scheduler = AsyncIOScheduler()
        self._scheduler.add_job(
            self._scheduled_tick,
            "interval",
            seconds=interval_s,
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(),
        )
        self._scheduler.start()

    def stop(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._scheduler = None

    async def _scheduled_tick(self) -> None:
        try:
            await self.tick(self._clock())
        except Exception:
            log.exception("tick failed")

    async def tick(self, now: datetime) -> int:
        """Queue what is due at `now`; returns how many reminders went out."""
        async with self._lock:
            sent = await self._reminders(now)
        if sent:
            self._broadcaster.delivery.wake()  # after the commits: the rows are there
        return sent

    async def _reminders(self, now: datetime) -> int:
        sent = 0
        for reminder, event in await self._events.due_reminders(now):
            try:
                async with self._db.transaction():
                    sent += await self._remind(reminder, event, now)
            except _AlreadySent:
                log.info("reminder %s was sent by another tick", reminder.id)
        return sent

    async def _remind(self, reminder: Reminder, event: Event, now: datetime) -> int:
        """Queue one reminder and mark it sent, in the caller's transaction."""
        campaign_id = None
        # A moment already past (the bot was down) gets no late reminder: it is only settled.
        recipients = (
            await self._events.reminder_recipients(reminder) if reminder.target_at > now else []
        )
        if recipients:
            campaign_id, _ = await self._broadcaster.send(
                f"event.reminder.{reminder.kind}",
                recipients,
                lambda locale, zone: (reminder_text(event, reminder, locale, zone), None),
                now,
                subject_id=event.id,
            )
        if not await self._events.reminder_done(reminder, campaign_id, now):
            raise _AlreadySent  # rolls the campaign back
        return 1 if campaign_id is not None else 0


class _AlreadySent(Exception):
    pass
