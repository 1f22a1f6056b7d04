"""Knowing when the bot has finished handling an update (tests, benchmarks, the console).

The dispatcher's own error handling runs in its outermost middleware, so completion is
signalled from `feed_update`, around everything, including error handlers.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update


class SettleTracker:
    def __init__(self) -> None:
        self._done: set[int] = set()
        self._waiters: dict[int, asyncio.Event] = {}
        self.finished_at: dict[int, float] = {}

    def done(self, update_id: int) -> None:
        self._done.add(update_id)
        self.finished_at[update_id] = time.perf_counter()
        event = self._waiters.pop(update_id, None)
        if event is not None:
            event.set()

    def is_done(self, update_id: int) -> bool:
        return update_id in self._done

    async def wait(self, update_id: int, timeout: float = 15.0) -> None:
        if update_id in self._done:
            return
        event = self._waiters.setdefault(update_id, asyncio.Event())
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            raise TimeoutError(f"the bot did not finish update {update_id} in {timeout}s") from None


class TrackingDispatcher(Dispatcher):
    """A Dispatcher that reports each finished update to a SettleTracker."""

    def __init__(self, *args: Any, tracker: SettleTracker, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tracker = tracker

    async def feed_update(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        try:
            return await super().feed_update(bot, update, **kwargs)
        finally:
            self.tracker.done(update.update_id)
