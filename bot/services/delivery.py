"""The one way the bot sends a message to many people: a durable outbox and its sender.

A campaign is stored with its message (rendered once per language and time zone) and a
`queued` row per recipient, in one transaction. One sender drains the rows in order, paced
under Telegram's limits (`Pacer`):

- accepted by Telegram: the row becomes `sent` right away (one small write per message);
- 429: every send waits `retry_after`, then goes on slower; the row is tried again;
- 403 (blocked, deactivated): the person is marked unreachable and every queued row to
  them becomes `blocked`;
- another 4xx: the row becomes `failed` with Telegram's description;
- a network or server error: tried again with a backoff, `failed` after `max_attempts`.

After a crash or restart the sender starts over from the `queued` rows. What can be sent
twice is only a message Telegram accepted while the process died before writing `sent`: at
most the sends in flight at that moment (`concurrency`). Nothing is lost: a row leaves
`queued` only once its outcome is known.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.db.repositories.outbox import OutboxRepository, OutboxRow, OutgoingMessage, Progress
from bot.services.pacing import Pacer
from bot.timekeeping import Clock

log = logging.getLogger(__name__)


class RetryAfter(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class Unreachable(Exception):
    """The person blocked the bot or their account is gone (403)."""


class Rejected(Exception):
    """Telegram refused this message for good (400 and the like)."""


class TransientError(Exception):
    """The network or Telegram's servers failed; worth another try."""


class Transport(Protocol):
    async def send(self, chat_id: int, message: OutgoingMessage) -> int:
        """Send and return Telegram's message id, or raise one of the errors above."""


@dataclass
class SenderStats:
    sent: int = 0
    retry_after: int = 0
    blocked: int = 0
    failed: int = 0
    transient: int = 0


@dataclass
class _State:
    inflight: set[int] = field(default_factory=set)
    cancelled: set[int] = field(default_factory=set)
    unreachable: set[int] = field(default_factory=set)
    messages: dict[tuple[int, str], OutgoingMessage | None] = field(default_factory=dict)


class Sender:
    def __init__(
        self,
        outbox: OutboxRepository,
        transport: Transport,
        on_unreachable: Callable[[int], Awaitable[None]],
        clock: Clock,
        *,
        pacer: Pacer | None = None,
        concurrency: int = 8,
        max_attempts: int = 5,
        backoff_s: float = 1.0,
        batch: int = 200,
        idle_poll_s: float = 30.0,
    ) -> None:
        self._outbox = outbox
        self._transport = transport
        self._on_unreachable = on_unreachable
        self._clock = clock
        self.pacer = pacer or Pacer()
        self._slots = asyncio.Semaphore(concurrency)
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._batch = batch
        self._idle_poll_s = idle_poll_s
        self._wake = asyncio.Event()
        self._state = _State()
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self.stats = SenderStats()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run(), name="delivery-sender")

    async def stop(self, grace_s: float = 5.0) -> None:
        """Stop taking rows; let the sends in flight finish (and be recorded) first."""
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
            self._runner = None
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace_s)
        for task in list(self._tasks):
            task.cancel()

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    def cancelled(self, campaign_id: int) -> None:
        self._state.cancelled.add(campaign_id)

    async def drained(self, timeout: float = 30.0) -> None:
        """Wait until nothing is queued or in flight (tests and benchmarks)."""
        await asyncio.wait_for(self._idle.wait(), timeout)

    # ------------------------------------------------------------------ the loop

    async def _run(self) -> None:
        # Outbox ids only grow (AUTOINCREMENT): a pass walks past every row it has seen, and
        # new campaigns land after the cursor. A quiet spell starts a new pass from the top.
        cursor = 0
        while True:
            self._wake.clear()  # before the read: a wake-up during it is not lost
            try:
                rows = await self._outbox.queued(cursor, self._batch)
            except Exception:  # the database busy or failing: the sender must not die
                log.exception("reading the outbox failed; trying again")
                await asyncio.sleep(self._backoff_s)
                continue
            if not rows:
                if await self._wait_for_work():
                    cursor = 0
                continue
            cursor = rows[-1].id
            for row in rows:
                if row.id in self._state.inflight:
                    continue
                await self._slots.acquire()
                self._state.inflight.add(row.id)
                task = asyncio.create_task(self._deliver(row))
                self._tasks.add(task)
                task.add_done_callback(self._done)

    async def _wait_for_work(self) -> bool:
        """Wait for a wake-up; True when none came (time for a pass from the top)."""
        if not self._tasks and not self._wake.is_set():  # a wake-up pending is not idle
            self._idle.set()
        try:
            await asyncio.wait_for(self._wake.wait(), self._idle_poll_s)
        except TimeoutError:
            return True
        return False

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery task failed", exc_info=task.exception())
        if not self._tasks:
            self._wake.set()  # look once more; idle when nothing is left

    # ------------------------------------------------------------------ one row

    async def _deliver(self, row: OutboxRow) -> None:
        """A row whose outcome could not be written stays queued: the next pass from the top
        takes it again."""
        try:
            await self._deliver_row(row)
        finally:
            self._state.inflight.discard(row.id)

    async def _deliver_row(self, row: OutboxRow) -> None:
        message = await self._message(row.campaign_id, row.variant)
        if message is None:
            await self._outbox.mark_failed(row.id, "campaign message missing", self._clock())
            return
        attempts = row.attempts
        while True:
            await self.pacer.acquire(row.user_id)
            if row.campaign_id in self._state.cancelled or row.user_id in self._state.unreachable:
                return  # the row was cancelled or blocked in the database already
            try:
                message_id = await self._transport.send(row.user_id, message)
            except RetryAfter as error:
                self.stats.retry_after += 1
                self.pacer.retry_after(error.seconds, row.user_id)
                log.warning("429 from Telegram: waiting %ss", error.seconds)
                continue
            except Unreachable:
                self.stats.blocked += 1
                self._state.unreachable.add(row.user_id)
                await self._outbox.mark_blocked(row.user_id, self._clock())
                await self._on_unreachable(row.user_id)
                return
            except Rejected as error:
                self.stats.failed += 1
                await self._outbox.mark_failed(row.id, str(error), self._clock())
                return
            except TransientError as error:
                self.stats.transient += 1
                attempts += 1
                if attempts >= self._max_attempts:
                    self.stats.failed += 1
                    await self._outbox.mark_failed(row.id, str(error), self._clock())
                    return
                await self._outbox.note_attempt(row.id, str(error), self._clock())
                await asyncio.sleep(self._backoff_s * 2 ** (attempts - 1))
                continue
            await self._outbox.mark_sent(row.id, message_id, self._clock())
            self.stats.sent += 1
            self.pacer.succeeded()
            return

    async def _message(self, campaign_id: int, variant: str) -> OutgoingMessage | None:
        key = (campaign_id, variant)
        cache = self._state.messages
        if key not in cache:
            if len(cache) > 1_000:
                cache.clear()
            cache[key] = await self._outbox.message(campaign_id, variant)
        return cache[key]


class DeliveryService:
    """What the rest of the bot uses: start a campaign, read its progress, cancel it."""

    def __init__(self, outbox: OutboxRepository, sender: Sender | None = None) -> None:
        self._outbox = outbox
        self._sender = sender

    async def start_campaign(
        self,
        kind: str,
        *,
        subject_id: int | None,
        created_by: int | None,
        messages: dict[str, OutgoingMessage],
        recipients: list[tuple[int, str]],
        now: datetime,
    ) -> tuple[int, int]:
        """Queue `messages` (by variant) to `recipients` ((user id, variant) pairs). Returns
        the campaign id and how many rows were queued (people who blocked the bot are left
        out)."""
        campaign = await self._outbox.create_campaign(
            kind, subject_id, created_by, messages, recipients, now
        )
        self.wake()
        return campaign

    def wake(self) -> None:
        """Tell the sender new rows were committed (by a caller's own transaction)."""
        if self._sender is not None:
            self._sender.wake()

    async def progress(self, campaign_id: int) -> Progress:
        return await self._outbox.progress(campaign_id)

    async def campaigns_about(self, kind: str, subject_id: int) -> list[int]:
        return await self._outbox.campaigns_of(kind, subject_id)

    async def cancel(self, campaign_id: int, now: datetime) -> int:
        if self._sender is not None:
            self._sender.cancelled(campaign_id)
        return await self._outbox.cancel(campaign_id, now)
