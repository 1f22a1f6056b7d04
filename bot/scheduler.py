"""The bot's clockwork. The schedule lives in the database: APScheduler only ticks once a
minute, and each tick asks the services what is due; they move it forward in the same
transaction that queues its messages, so a restart neither skips nor repeats anything and
two ticks cannot send the same reminder twice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.services.consultations import ConsultationsService
from bot.services.digests import DigestsService
from bot.services.polls import PollsService
from bot.services.recommendations import RecommendationsService
from bot.services.reminders import RemindersService
from bot.timekeeping import Clock

log = logging.getLogger(__name__)


class Ticker:
    def __init__(
        self,
        reminders: RemindersService,
        clock: Clock,
        desk: ConsultationsService | None = None,
        polls: PollsService | None = None,
        checkpoint: Callable[[], Awaitable[None]] | None = None,
        recommendations: RecommendationsService | None = None,
        digests: DigestsService | None = None,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self._digests = digests
        self._wake = wake
        self._recommendations = recommendations
        self._checkpoint = checkpoint
        self._desk = desk
        self._polls = polls
        self._reminders = reminders
        self._clock = clock
        self._lock = asyncio.Lock()
        self._scheduler: AsyncIOScheduler | None = None
        self.last_tick: datetime | None = None  # when the last tick finished (health)

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

    async def finished(self) -> None:
        """Wait for a tick under way to finish (before the database closes)."""
        async with self._lock:
            pass

    async def _scheduled_tick(self) -> None:
        try:
            await self.tick(self._clock())
        except Exception:
            log.exception("tick failed")

    async def tick(self, now: datetime) -> int:
        """Queue what is due at `now` (event reminders, organizers' daily summaries of
        answers, the consultation desk's reminders and escalations, polls whose time has
        come closed, recommendations' reminders and check-ins, digests and organizers'
        weekly summaries); returns how many event reminders went out."""
        async with self._lock:
            sent = await self._reminders.send_due(now)
            await self._reminders.send_summaries(now)
            if self._desk is not None:
                await self._desk.send_due(now)
            if self._polls is not None:
                await self._polls.close_due(now)
            if self._recommendations is not None:
                await self._recommendations.send_due(now)
            if self._digests is not None:
                await self._digests.send_due(now)
                await self._digests.send_summaries(now)
            if self._wake is not None:
                self._wake()  # messages held for quiet hours may be due now
            if self._checkpoint is not None:
                await self._checkpoint()
            self.last_tick = now
            return sent
