"""The sending side of the outbox: one sender per process drains the queued rows.

Rows are written by the services, in the transaction of the action that causes them
(`bot.services.outbox`). The sender claims them with a lease, so that two processes (an
overlapping deploy) never send one row twice, and sends them in order, paced under
Telegram's limits (`Pacer`):

- accepted by Telegram: the row becomes `sent` (the write is retried until it lands, never
  the send);
- 429: every send waits `retry_after`, then goes on slower; the row is tried again;
- 403 (blocked, deactivated): the person is marked unreachable and every queued row to
  them becomes `blocked`; they become reachable again when they unblock or write;
- another 4xx: the row becomes `failed` with Telegram's description;
- a network or server error: tried again with a backoff, `failed` after `max_attempts`.

Just before a send the row's status is read again: a campaign cancelled or a person marked
unreachable meanwhile (by this process or another) sends nothing more. After a crash the
rows the dead process held are taken back (at once by a sender on the same host, which sees
the process is gone; otherwise when the lease runs out): what can be sent twice is only a
message Telegram accepted while the process died before writing `sent`, at most the sends
in flight (`concurrency`). A graceful stop lets those finish, records them and gives back
the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.db.repositories.outbox import OutboxRepository, RowState
from bot.domain.outbox import OutboxRow, OutgoingMessage
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

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> int:
        """Replace a delivered message's text and buttons (one that already reads so is no
        error); its id, or one of the errors above."""


@dataclass
class SenderStats:
    sent: int = 0
    retry_after: int = 0
    blocked: int = 0
    failed: int = 0
    transient: int = 0
    skipped: int = 0  # cancelled or blocked after it was claimed
    record_retries: int = 0  # writes of an outcome that had to be tried again


def _pid_namespace() -> str:
    """Which process ids this process sees (containers on one host have their own)."""
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return "?"


def sender_name() -> str:
    """Who holds a lease: host, process id namespace and process, and a nonce for restarts
    in one process."""
    return f"{socket.gethostname()}:{_pid_namespace()}:{os.getpid()}:{secrets.token_hex(3)}"


def _dead_here(owner: str) -> bool:
    """A sender of this host and process namespace whose process is gone (killed,
    crashed): its leases can be taken back at once instead of running out. Anything less
    certain waits for the lease to run out."""
    parts = owner.split(":")
    if len(parts) != 4 or parts[0] != socket.gethostname():
        return False
    namespace, pid = parts[1], parts[2]
    if namespace in ("?", "") or namespace != _pid_namespace():
        return False
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Sender:
    def __init__(
        self,
        outbox: OutboxRepository,
        transport: Transport,
        on_unreachable: Callable[[int], Awaitable[object]],
        clock: Clock,
        *,
        pacer: Pacer | None = None,
        concurrency: int = 8,
        max_attempts: int = 5,
        backoff_s: float = 1.0,
        batch: int = 32,
        idle_poll_s: float = 5.0,
        lease_s: float = 20.0,
        owner: str | None = None,
    ) -> None:
        self._outbox = outbox
        self._transport = transport
        self._on_unreachable = on_unreachable
        self._clock = clock
        self.pacer = pacer or Pacer()
        self._concurrency = concurrency
        self._slots = asyncio.Semaphore(concurrency)
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._batch = batch
        self._idle_poll_s = idle_poll_s
        self._lease = timedelta(seconds=lease_s)
        self.owner = owner or sender_name()
        self._wake = asyncio.Event()
        self._changed = asyncio.Event()
        self._tasks: dict[asyncio.Task[None], OutboxRow] = {}
        self._sending: set[int] = set()  # row ids whose send (or its record) is under way
        self._held: set[int] = set()  # row ids claimed here and not finished
        self._runner: asyncio.Task[None] | None = None
        self._renewer: asyncio.Task[None] | None = None
        self.stats = SenderStats()

    # ------------------------------------------------------------------ lifecycle

    @property
    def running(self) -> bool:
        return self._runner is not None and not self._runner.done()

    def start(self) -> None:
        if not self.running:
            self._runner = asyncio.create_task(self._run(), name="delivery-sender")
            self._renewer = asyncio.create_task(self._renew(), name="delivery-leases")

    async def stop(self, grace_s: float = 5.0) -> None:
        """Stop taking rows; let the sends in flight finish and be recorded (for up to
        `grace_s`), then give back the leases of what was not sent."""
        for task in (self._runner, self._renewer):
            if task is not None:
                await _cancelled(task)
        self._runner = self._renewer = None
        waiting = [t for t, row in self._tasks.items() if row.id not in self._sending]
        for task in waiting:
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace_s)
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=1.0)
        try:
            await self._outbox.release(self.owner)
        except Exception:  # the database is going away: the leases will run out
            log.warning("could not give back the outbox leases of %s", self.owner)

    def wake(self) -> None:
        """New rows were committed."""
        self._wake.set()

    async def drained(self, timeout: float = 30.0) -> None:
        """Wait until no row is queued (by anyone) to be sent now (held for quiet hours
        does not count) and nothing is in flight here: tests and benchmarks."""
        async with asyncio.timeout(timeout):
            while self._tasks or await self._outbox.has_queued(self._clock()):
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 0.05)

    # ------------------------------------------------------------------ the loop

    async def _run(self) -> None:
        await self._take_back_leases_of_the_dead()
        while True:
            self._wake.clear()  # before the read: a wake-up during it is not lost
            now = self._clock()
            try:
                rows = await self._outbox.claim(self.owner, now, now + self._lease, self._batch)
            except Exception:  # the database busy or failing: the sender must not die
                log.exception("reading the outbox failed; trying again")
                await asyncio.sleep(self._backoff_s)
                continue
            rows = [row for row in rows if row.id not in self._held]
            if not rows:
                await self._wait_for_work()
                continue
            self._held.update(row.id for row in rows)
            for row in rows:
                await self._slots.acquire()
                task = asyncio.create_task(self._deliver(row), name=f"outbox-{row.id}")
                self._tasks[task] = row
                task.add_done_callback(self._done)

    async def _wait_for_work(self) -> None:
        self._changed.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self._idle_poll_s)
        await self._take_back_leases_of_the_dead()

    async def _take_back_leases_of_the_dead(self) -> None:
        try:
            for owner in await self._outbox.lease_holders():
                if _dead_here(owner):
                    released = await self._outbox.release(owner)
                    log.warning("took back %s outbox rows of %s (process gone)", released, owner)
        except Exception:
            log.warning("looking for the leases of stopped senders failed")

    async def _renew(self) -> None:
        """Keep the leases of the rows claimed and not yet sent."""
        period = max(self._lease.total_seconds() / 3, 0.05)
        while True:
            await asyncio.sleep(period)
            try:
                await self._outbox.renew(self.owner, self._clock() + self._lease, self._held)
            except Exception:
                log.warning("renewing the outbox leases failed; trying again")

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.pop(task, None)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery task failed", exc_info=task.exception())
        self._changed.set()

    # ------------------------------------------------------------------ one row

    async def _deliver(self, row: OutboxRow) -> None:
        try:
            await self._deliver_row(row)
        except Exception:
            log.exception("delivering outbox row %s failed; it goes back to the queue", row.id)
            with contextlib.suppress(Exception):
                await self._outbox.release_rows(self.owner, [row.id])
        finally:
            self._sending.discard(row.id)
            self._held.discard(row.id)

    async def _deliver_row(self, row: OutboxRow) -> None:
        attempts = row.attempts
        while True:
            await self.pacer.acquire(row.user_id)
            # Read again just before sending: cancelled, blocked or taken over meanwhile (by
            # this process or another) sends nothing; the text is the one stored now.
            current = await self._read(row)
            if current.status != "queued" or current.lease_owner != self.owner:
                self.stats.skipped += 1
                return
            if current.message is None:
                await self._record(row, "failed", self._mark_failed, row.id, "no campaign message")
                return
            message = current.message
            self._sending.add(row.id)
            try:
                try:
                    if current.edit_message_id is not None:
                        message_id = await self._transport.edit(
                            row.user_id, current.edit_message_id, message
                        )
                    else:
                        message_id = await self._transport.send(row.user_id, message)
                finally:
                    self.pacer.answered()  # Telegram counted it; the pacer counts from here
            except RetryAfter as error:
                self._sending.discard(row.id)
                self.stats.retry_after += 1
                self.pacer.retry_after(error.seconds, row.user_id)
                log.warning("429 from Telegram: waiting %ss", error.seconds)
                continue
            except Unreachable:
                self.stats.blocked += 1
                await self._record(row, "blocked", self._on_unreachable, row.user_id)
                return
            except Rejected as error:
                self.stats.failed += 1
                await self._record(row, "failed", self._mark_failed, row.id, str(error))
                return
            except TransientError as error:
                self._sending.discard(row.id)
                self.stats.transient += 1
                attempts += 1
                if attempts >= self._max_attempts:
                    self.stats.failed += 1
                    await self._record(row, "failed", self._mark_failed, row.id, str(error))
                    return
                await self._record(row, "attempt", self._note_attempt, row.id, str(error))
                await asyncio.sleep(self._backoff_s * 2 ** (attempts - 1))
                continue
            self.stats.sent += 1
            self.pacer.succeeded()
            await self._record(row, "sent", self._mark_sent, row.id, message_id, current.revision)
            return

    async def _read(self, row: OutboxRow) -> RowState:
        delay = 0.05
        while True:
            try:
                return await self._outbox.current(row.id)
            except Exception as error:
                log.warning("reading outbox row %s failed (%s); again", row.id, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    async def _mark_sent(self, row_id: int, message_id: int, revision: int) -> None:
        await self._outbox.mark_sent(row_id, message_id, self._clock(), revision)

    async def _mark_failed(self, row_id: int, error: str) -> None:
        await self._outbox.mark_failed(row_id, error, self._clock())

    async def _note_attempt(self, row_id: int, error: str) -> None:
        await self._outbox.note_attempt(row_id, error, self._clock())

    async def _record(
        self,
        row: OutboxRow,
        what: str,
        write: Callable[..., Awaitable[object]],
        *args: object,
    ) -> None:
        """Write an outcome, trying again until it lands: a message that went out must not
        go out again because its `sent` could not be written at once."""
        delay = 0.05
        while True:
            try:
                await write(*args)
                return
            except Exception as error:
                self.stats.record_retries += 1
                log.warning("recording outbox row %s as %s failed (%s); again", row.id, what, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)


async def _cancelled(task: asyncio.Task[None]) -> None:
    """Cancel `task` and wait until it is done. On Python 3.11 `asyncio.wait_for` swallows
    a cancellation that arrives as the awaited wake-up completes (CPython gh-86296, fixed
    in 3.12), and the loop would go on: so cancel again until it ends."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=0.1)
    with contextlib.suppress(asyncio.CancelledError):
        task.result()
