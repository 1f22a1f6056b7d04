"""Pacing of outgoing messages under Telegram's flood limits.

About 30 messages per second in all and one per second to the same chat. Slots are handed
out in order at `rate_per_s`; a 429 pushes every slot past its `retry_after` and slows the
rate down, which then creeps back up with each success. Its clock and its sleep can be
virtual (tests drive time by hand).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pacer:
    def __init__(
        self,
        rate_per_s: float = 29.0,
        per_chat_gap_s: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        slowdown: float = 1.25,
        recovery: float = 0.99,
    ) -> None:
        self.base_interval = 1.0 / rate_per_s
        self.interval = self.base_interval
        self.per_chat_gap_s = per_chat_gap_s
        self.clock = clock
        self._sleep = sleep
        self.slowdown = slowdown
        self.recovery = recovery
        self._next = 0.0
        self._chat_ready: dict[int, float] = {}  # when the next message to a chat may start
        self._chat_last: dict[int, float] = {}  # the slot of the last message to a chat

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to `chat_id` may go out, and take that slot. Messages to one
        chat go out in the order they asked, at least `per_chat_gap_s` apart."""
        now = self.clock()
        turn = max(now, self._chat_ready.get(chat_id, 0.0))
        self._chat_ready[chat_id] = turn + self.per_chat_gap_s  # the next one's turn
        if turn > now:
            await self._sleep(turn - now)
        while (last := self._chat_last.get(chat_id)) is not None:
            wait = last + self.per_chat_gap_s - self.clock()
            if wait <= 0:
                break
            await self._sleep(wait)  # the one before went out later than its turn
        now = self.clock()
        slot = max(now, self._next)
        self._next = slot + self.interval
        self._chat_last[chat_id] = slot
        if len(self._chat_last) > 10_000:
            self._forget_past(now)
        if slot > now:
            await self._sleep(slot - now)

    def retry_after(self, seconds: float, chat_id: int) -> None:
        """Telegram answered 429: nothing goes out before `seconds`, and slower after."""
        resume = self.clock() + seconds
        self._next = max(self._next, resume)
        self._chat_ready[chat_id] = max(self._chat_ready.get(chat_id, 0.0), resume)
        self.interval = min(self.interval * self.slowdown, 1.0)

    def succeeded(self) -> None:
        self.interval = max(self.base_interval, self.interval * self.recovery)

    @property
    def rate_per_s(self) -> float:
        return 1.0 / self.interval

    def _forget_past(self, now: float) -> None:
        horizon = now - self.per_chat_gap_s
        for chat_id in [c for c, t in self._chat_last.items() if t <= horizon]:
            del self._chat_last[chat_id]
        for chat_id in [c for c, t in self._chat_ready.items() if t <= now]:
            del self._chat_ready[chat_id]
