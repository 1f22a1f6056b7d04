"""Pacing of outgoing messages under Telegram's flood limits.

About 30 messages per second in all and one per second to the same chat. Slots are handed
out in order at `rate_per_s`; a 429 pushes every slot past its `retry_after` and slows the
rate down, which then creeps back up with each success. Its clock and its sleep can be
virtual (tests drive time by hand).

Telegram counts a message when it gets there, not when its slot came. A send that leaves
late (the process paused past its slot, the row's read before the send was slow) or that
Telegram takes late (a pause on its side) lands close to the sends after it, and the one
30 slots later, on time, finds 30 in Telegram's last second: a 429, and every send waits.
So the pacer also counts each send as Telegram may, from when it leaves until its answer
and for a second after: no send leaves while `limit_per_s` others count, and a message to
a chat leaves `per_chat_gap_s` after the answer to the one before it. It knows a send was
answered when the sender says so (`answered()`, right after each call), or else when the
task that took its slot asks for another slot or ends; until then the send counts.
"""

from __future__ import annotations

import asyncio
import collections
import math
import time
from collections.abc import Awaitable, Callable

WINDOW_S = 1.0  # Telegram's limits are per second


class _Send:
    __slots__ = ("answered", "before")

    def __init__(self, before: _Send | None) -> None:
        self.answered: float | None = None  # when its answer was known (-inf: never left)
        self.before = before  # the message to the same chat before it, until it leaves


class Pacer:
    def __init__(
        self,
        rate_per_s: float = 29.0,
        per_chat_gap_s: float = 1.0,
        *,
        limit_per_s: int = 30,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        slowdown: float = 1.25,
        recovery: float = 0.99,
    ) -> None:
        self.base_interval = 1.0 / rate_per_s
        self.interval = self.base_interval
        self.per_chat_gap_s = per_chat_gap_s
        # Sends counting at once: Telegram's limit (a pacer set faster than it, as the
        # tests' sandbox, is held to its own rate only).
        self.window_limit = max(limit_per_s, math.ceil(rate_per_s))
        self.clock = clock
        self._sleep = sleep
        self.slowdown = slowdown
        self.recovery = recovery
        self._next = 0.0
        self._window: collections.deque[_Send] = collections.deque()  # left, oldest first
        self._chat_last: dict[int, _Send] = {}  # the last message to a chat that asked
        self._open: dict[asyncio.Future[object], _Send] = {}  # each task's send, until answered
        self._answer: asyncio.Event | None = None  # set at the next answer

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message to `chat_id` may go out, and take that slot. Messages to one
        chat go out in the order they asked, each at least `per_chat_gap_s` after the
        answer to the one before."""
        task = asyncio.current_task()
        self._answered(task)  # asking again: its last send was answered
        before = self._chat_last.get(chat_id)
        send = _Send(before)
        self._chat_last[chat_id] = send
        if len(self._chat_last) > 10_000:
            self._forget_past(self.clock())
        left = False
        try:
            if before is not None and self.per_chat_gap_s > 0:
                await self._after_answer(before, self.per_chat_gap_s)
            now = self.clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
            if slot > now:
                await self._sleep(slot - now)
            await self._room_in_window()
            left = True
        finally:
            if left:
                send.before = None
            else:  # cancelled while waiting: it never went out (the next one waits for
                send.answered = -math.inf  # the one before it)
        self._window.append(send)
        if task is None:
            send.answered = self.clock()
        else:
            self._open[task] = send
            task.add_done_callback(self._answered)

    def answered(self) -> None:
        """The current task's send has Telegram's answer (the sender says so right after
        each call; a task that asks again or ends says so too)."""
        self._answered(asyncio.current_task())

    def retry_after(self, seconds: float, chat_id: int) -> None:
        """Telegram answered 429: nothing goes out before `seconds`, and slower after."""
        self._next = max(self._next, self.clock() + seconds)
        self.interval = min(self.interval * self.slowdown, 1.0)

    def succeeded(self) -> None:
        self.interval = max(self.base_interval, self.interval * self.recovery)

    @property
    def rate_per_s(self) -> float:
        return 1.0 / self.interval

    def _answered(self, task: asyncio.Future[object] | None) -> None:
        """The send of `task` was answered (it asks again, or it ended)."""
        send = self._open.pop(task, None) if task is not None else None
        if send is None or send.answered is not None:
            return
        send.answered = self.clock()
        if self._answer is not None:
            self._answer.set()
            self._answer = None

    async def _an_answer(self) -> None:
        if self._answer is None:
            self._answer = asyncio.Event()
        await self._answer.wait()

    async def _after_answer(self, send: _Send | None, gap: float) -> None:
        """Until `gap` after the answer to `send` (or to the one before it, if it never left)."""
        while (send := _sent(send)) is not None and send.answered is None:
            await self._an_answer()
        if send is not None and send.answered is not None:
            wait = send.answered + gap - self.clock()
            if wait > 0:
                await self._sleep(wait)

    async def _room_in_window(self) -> None:
        """Until fewer than `window_limit` sends count: unanswered, or answered within the
        last second."""
        while True:
            now = self.clock()
            window = self._window
            while window and (first := window[0].answered) is not None and first <= now - WINDOW_S:
                window.popleft()
            if len(window) < self.window_limit:
                return
            counting = [s for s in window if s.answered is None or s.answered > now - WINDOW_S]
            self._window = collections.deque(counting)
            if len(counting) < self.window_limit:
                return
            answered = [s.answered for s in counting if s.answered is not None]
            if answered:
                await self._sleep(min(answered) + WINDOW_S - now)
            else:
                await self._an_answer()

    def _forget_past(self, now: float) -> None:
        gap = self.per_chat_gap_s
        done = []
        for chat_id, last in self._chat_last.items():
            send = _sent(last)
            if send is None or (send.answered is not None and send.answered + gap <= now):
                done.append(chat_id)
        for chat_id in done:
            del self._chat_last[chat_id]


def _sent(send: _Send | None) -> _Send | None:
    """`send`, or the one before it to the same chat if it never left, and so on."""
    while send is not None and send.answered == -math.inf:
        send = send.before
    return send
