"""A token bucket per person, so one person flooding the bot cannot slow the others down.

Runs first, before any database work: a flood costs a dictionary lookup per update. The
person is told once per burst to slow down; the updates over the limit are dropped.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import TelegramObject, Update, User

log = logging.getLogger(__name__)

Notify = Callable[[Update, dict[str, Any]], Awaitable[None]]


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ThrottlingMiddleware(BaseMiddleware):
    def __init__(
        self,
        *,
        rate_per_s: float = 3.0,
        burst: int = 10,
        notify: Notify | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_tracked: int = 50_000,
    ) -> None:
        self.rate = rate_per_s
        self.burst = burst
        self.notify = notify
        self.clock = clock
        self.max_tracked = max_tracked
        self._buckets: dict[int, _Bucket] = {}
        self.dropped = 0

    def _take(self, user_id: int) -> _Bucket | None:
        """Take a token; returns the bucket when there was none left."""
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self.max_tracked:
                self._forget_full(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            if bucket.tokens >= 1:
                bucket.warned = False
            return None
        return bucket

    def _forget_full(self, now: float) -> None:
        full = [
            uid
            for uid, b in self._buckets.items()
            if b.tokens + (now - b.updated) * self.rate >= self.burst
        ]
        for uid in full:
            del self._buckets[uid]

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or not isinstance(event, Update):
            return await handler(event, data)
        if event.message is None and event.callback_query is None:
            return await handler(event, data)
        empty = self._take(user.id)
        if empty is None:
            return await handler(event, data)
        self.dropped += 1
        if not empty.warned and self.notify is not None:
            empty.warned = True
            await self.notify(event, data)
        elif event.callback_query is not None:
            await _stop_spinner(data, event.callback_query.id)
        log.debug("throttled update %s from user %s", event.update_id, user.id)
        return None


async def _stop_spinner(data: dict[str, Any], query_id: str) -> None:
    """A dropped button press is still answered (silently), or the button keeps spinning."""
    bot = data.get("bot")
    if bot is None:
        return
    with contextlib.suppress(TelegramAPIError):
        await bot.answer_callback_query(query_id)
