"""The delivery engine against the emulator: everyone gets the message once, in their
language; Telegram's limits are kept (checked on a virtual clock the pacer and the emulator
share, so exactly and whatever the machine's speed); 429s are waited out; people who
blocked the bot are marked and reachable again once they unblock; a restart or a second
sender neither repeats nor loses a message; an outcome that could not be written is written
again, not sent again."""

from __future__ import annotations

import asyncio
import collections
import sqlite3
from pathlib import Path

import pytest

from bot.app import make_sender
from bot.db.repositories.users import UsersRepository
from bot.domain.outbox import OutgoingMessage, Queued
from bot.sandbox.emulator import RateLimits
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.virtual_time import VirtualTime
from bot.services.delivery import Sender
from bot.services.pacing import Pacer
from tests.helpers import db_rows

MESSAGES = {
    "ru": OutgoingMessage("<b>Встреча</b> в пятницу", None),
    "en": OutgoingMessage("<b>Meeting</b> on Friday", None),
}


async def _people(sandbox: SandboxHarness, ids: range, locale: str = "ru") -> list[int]:
    assert sandbox.app is not None
    users = UsersRepository(sandbox.app.db)
    for uid in ids:
        sandbox.emulator.person(uid, f"P{uid}", locale).started = True
        await users.create(uid, locale, sandbox.clock())
    return list(ids)


def _received(sandbox: SandboxHarness, ids) -> collections.Counter[int]:
    return collections.Counter(
        {
            uid: len(sandbox.emulator.bot_messages(uid))
            for uid in ids
            if uid in sandbox.emulator.people
        }
    )


async def _campaign(sandbox: SandboxHarness, recipients: list[int], kind: str = "test") -> Queued:
    app = sandbox.app
    assert app is not None
    async with app.db.transaction():
        queued = await app.services.outbox.queue(
            kind, recipients, lambda locale, zone: MESSAGES[locale], sandbox.clock()
        )
    return queued


async def _progress(sandbox: SandboxHarness, campaign_id: int):
    return await sandbox.app.services.outbox.progress(campaign_id)


def _sender(sandbox: SandboxHarness, **options) -> Sender:
    """Another sender on the bot's database and Bot API, configured by the test."""
    app = sandbox.app
    return make_sender(app.db, app.sender_bot, sandbox.clock, people=app.services.people, **options)


async def _until(condition, timeout: float = 20.0) -> None:
    """Wait for an event of the test (not for time to pass): fails after `timeout`."""
    async with asyncio.timeout(timeout):
        while not condition():  # noqa: ASYNC110 - a condition of the test, polled
            await asyncio.sleep(0.01)


class GatedPacer(Pacer):
    """Lets through as many sends as the test allows, then holds the rest."""

    def __init__(self, allowed: int) -> None:
        super().__init__(rate_per_s=1000.0, per_chat_gap_s=0.0)
        self.gate = asyncio.Semaphore(allowed)

    async def acquire(self, chat_id: int) -> None:
        await self.gate.acquire()
        await super().acquire(chat_id)

    def open(self, more: int = 10_000) -> None:
        for _ in range(more):
            self.gate.release()


@pytest.fixture
async def limited(tmp_path: Path):
    """The emulator enforces 30 messages/s and 1/s per chat on a virtual clock; a sender
    paced at Telegram's real pace on the same clock."""
    time = VirtualTime()
    limits = RateLimits(overall_per_s=30, per_chat_per_s=1, clock=time.clock)
    async with SandboxHarness(tmp_path / "bot.db", rate_limits=limits) as harness:
        await harness.app.sender.stop()
        harness.time = time
        yield harness


async def test_everyone_gets_it_once_in_their_language_within_the_limits(limited):
    recipients = await _people(limited, range(20_001, 20_041))
    recipients += await _people(limited, range(20_041, 20_051), "en")
    time = limited.time
    sender = _sender(
        limited, pacer=Pacer(clock=time.clock, sleep=time.sleep), concurrency=1, idle_poll_s=0.05
    )
    start = time.now
    queued = await _campaign(limited, recipients)
    queued_again = await _campaign(limited, recipients[:5], kind="second")  # 1/s per chat
    sender.start()
    try:
        await sender.drained()
    finally:
        await sender.stop()

    received = _received(limited, recipients)
    assert [received[uid] for uid in recipients] == [2] * 5 + [1] * 45
    assert limited.emulator.bot_messages(20_001)[0].text == "Встреча в пятницу"
    assert limited.emulator.bot_messages(20_050)[0].text == "Meeting on Friday"
    assert limited.emulator.errors_returned[429] == 0, "paced under Telegram's limits"
    assert time.now - start >= 54 / 29, "29 messages a second at most"
    progress = await _progress(limited, queued.campaign_id)
    assert (progress.sent, progress.queued, progress.failed) == (50, 0, 0)
    assert (await _progress(limited, queued_again.campaign_id)).sent == 5


async def test_429_is_waited_out_and_nothing_is_lost_or_doubled(limited):
    recipients = await _people(limited, range(21_001, 21_011))
    limited.emulator.inject_error(
        "sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3, times=2
    )
    time = limited.time
    pacer = Pacer(clock=time.clock, sleep=time.sleep)
    sender = _sender(limited, pacer=pacer, idle_poll_s=0.05)
    queued = await _campaign(limited, recipients)
    sender.start()
    try:
        await sender.drained()
    finally:
        await sender.stop()

    assert set(_received(limited, recipients).values()) == {1}
    assert sender.stats.retry_after == 2
    assert time.slept >= 3, "the sends waited as long as Telegram asked"
    assert pacer.rate_per_s < 28, "it slowed down"
    assert (await _progress(limited, queued.campaign_id)).sent == 10


async def test_blocked_people_are_marked_and_other_errors_recorded(sandbox):
    recipients = await _people(sandbox, range(22_001, 22_011))
    sandbox.emulator.people[22_003].blocked_bot = True
    sandbox.emulator.people[22_004].deactivated = True
    sandbox.emulator.inject_error("sendMessage", 400, "Bad Request: chat not found", chat_id=22_005)
    queued = await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()

    progress = await _progress(sandbox, queued.campaign_id)
    assert (progress.sent, progress.blocked, progress.failed) == (7, 2, 1)
    rows = db_rows(
        sandbox.database_path, "SELECT id, is_active FROM users WHERE id IN (22003, 22004, 22005)"
    )
    assert {r["id"]: r["is_active"] for r in rows} == {22_003: 0, 22_004: 0, 22_005: 1}
    [failed] = db_rows(
        sandbox.database_path, "SELECT user_id, error FROM outbox WHERE status = 'failed'"
    )
    assert (failed["user_id"], failed["error"]) == (22_005, "Bad Request: chat not found")

    second = await _campaign(sandbox, recipients[:2])
    await sandbox.app.sender.drained()
    assert (await _progress(sandbox, second.campaign_id)).sent == 2
    blocked_only = await _campaign(sandbox, recipients[2:4])
    assert blocked_only.count == 0, "people who blocked the bot are not queued again"


async def test_someone_who_unblocks_the_bot_receives_the_next_broadcast(sandbox):
    recipients = await _people(sandbox, range(22_101, 22_104))
    bek = sandbox.user(22_102, "Bek", "ru")
    sandbox.emulator.people[22_102].blocked_bot = True
    await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()
    assert _received(sandbox, [22_102])[22_102] == 0

    await bek.unblock()  # Telegram tells the bot (my_chat_member)
    later = await _campaign(sandbox, recipients)
    assert later.count == 3
    await sandbox.app.sender.drained()  # also: drained only once nothing is queued
    assert _received(sandbox, recipients) == {22_101: 2, 22_102: 1, 22_103: 2}
    assert (await _progress(sandbox, later.campaign_id)).sent == 3


async def test_network_errors_are_retried_then_recorded(sandbox):
    recipients = await _people(sandbox, range(23_001, 23_003))
    sandbox.emulator.inject_error("sendMessage", 502, "Bad Gateway", chat_id=23_001, times=2)
    sandbox.emulator.inject_error("sendMessage", 502, "Bad Gateway", chat_id=23_002, times=99)
    sandbox.app.sender._backoff_s = 0.01
    queued = await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()

    assert _received(sandbox, recipients) == {23_001: 1, 23_002: 0}
    progress = await _progress(sandbox, queued.campaign_id)
    assert (progress.sent, progress.failed) == (1, 1)
    [row] = db_rows(sandbox.database_path, "SELECT attempts FROM outbox WHERE user_id = 23001")
    assert row["attempts"] == 3


async def test_a_sent_that_cannot_be_written_is_written_again_not_sent_again(sandbox):
    recipients = await _people(sandbox, range(23_101, 23_104))
    outbox = sandbox.app.sender._outbox
    real = outbox.mark_sent
    failures: list[int] = []

    async def flaky(row_id, message_id, now, revision=None):
        if len(failures) < 2:
            failures.append(row_id)
            raise sqlite3.OperationalError("database is locked")
        await real(row_id, message_id, now, revision)

    outbox.mark_sent = flaky
    queued = await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()

    assert len(failures) == 2
    assert _received(sandbox, recipients) == {23_101: 1, 23_102: 1, 23_103: 1}
    assert sandbox.app.sender.stats.record_retries == 2
    assert (await _progress(sandbox, queued.campaign_id)).sent == 3


async def test_a_restart_in_the_middle_resumes_without_repeating(tmp_path: Path):
    async with SandboxHarness(tmp_path / "bot.db") as sandbox:
        sandbox.drain_on_settle = False
        pacer = GatedPacer(allowed=25)
        sandbox.app.sender.pacer = pacer
        recipients = await _people(sandbox, range(24_001, 24_061))
        queued = await _campaign(sandbox, recipients)
        await _until(lambda: sum(_received(sandbox, recipients).values()) == 25)
        await sandbox.restart_bot()  # the sends held back are given back, not lost
        await sandbox.app.sender.drained()

        assert set(_received(sandbox, recipients).values()) == {1}
        progress = await _progress(sandbox, queued.campaign_id)
        assert (progress.sent, progress.queued) == (60, 0)


async def test_a_cancelled_campaign_sends_no_more(sandbox):
    sandbox.drain_on_settle = False
    pacer = GatedPacer(allowed=10)
    sandbox.app.sender.pacer = pacer
    recipients = await _people(sandbox, range(25_001, 25_041))
    queued = await _campaign(sandbox, recipients)
    await _until(lambda: sum(_received(sandbox, recipients).values()) == 10)
    async with sandbox.app.db.transaction():
        cancelled = await sandbox.app.services.outbox.cancel(queued.campaign_id, sandbox.clock())
    pacer.open()
    await sandbox.app.sender.drained()

    progress = await _progress(sandbox, queued.campaign_id)
    assert cancelled >= 30, "(a message on its way as it was cancelled still counts as sent)"
    assert sum(_received(sandbox, recipients).values()) == 10
    assert (progress.sent, progress.cancelled, progress.queued) == (10, 30, 0)


async def test_two_senders_on_one_database_send_each_message_once(sandbox):
    """An overlapping deploy: the old process is still sending when the new one starts."""
    old = sandbox.app.sender
    old.pacer = GatedPacer(allowed=10)
    old._batch = 4
    recipients = await _people(sandbox, range(26_101, 26_161))
    await _campaign(sandbox, recipients)
    await _until(lambda: sum(_received(sandbox, recipients).values()) == 10)

    new = _sender(sandbox, pacer=Pacer(rate_per_s=1000.0, per_chat_gap_s=0.0), batch=4)
    new.start()  # takes what the old one has not claimed
    try:
        await _until(lambda: new.stats.sent > 0)
        old.pacer.open()  # the old one sends what it holds
        await old.drained()
        await new.drained()
    finally:
        await new.stop()

    assert [_received(sandbox, recipients)[uid] for uid in recipients] == [1] * 60
    assert old.stats.sent >= 10 and new.stats.sent >= 1, "both sent"
    assert old.stats.sent + new.stats.sent == 60


async def test_the_sender_survives_a_failing_database_read(sandbox):
    sender = sandbox.app.sender
    real = sender._outbox.claim
    failures = []

    async def flaky(*args):
        if not failures:
            failures.append(args)
            raise sqlite3.OperationalError("database is locked")
        return await real(*args)

    sender._outbox.claim = flaky
    sender._backoff_s = 0.05
    recipients = await _people(sandbox, range(26_001, 26_004))
    await _campaign(sandbox, recipients)
    await sender.drained()
    assert failures, "the read failed once"
    assert set(_received(sandbox, recipients).values()) == {1}


async def test_a_row_whose_delivery_broke_goes_back_to_the_queue_and_out(sandbox):
    recipients = await _people(sandbox, range(26_201, 26_204))
    transport = sandbox.app.sender._transport
    real = transport.send
    broken: list[int] = []

    async def send(chat_id, message):
        if not broken:
            broken.append(chat_id)
            raise RuntimeError("something nobody expected")
        return await real(chat_id, message)

    transport.send = send
    await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()
    assert broken, "one delivery broke"
    assert _received(sandbox, recipients) == {26_201: 1, 26_202: 1, 26_203: 1}


async def test_a_send_telegram_has_not_answered_counts_against_its_30_a_second():
    """Telegram counts a message when it gets there: a send that has left and has no answer
    yet, or had one less than a second ago, counts. The 31st waits for a second after the
    first answer, however late that answer came (a late one used to make a 429)."""
    time = VirtualTime()
    pacer = Pacer(clock=time.clock, sleep=time.sleep)  # 29 a second, Telegram's 30 at most
    answers = [asyncio.Event() for _ in range(31)]
    left: dict[int, float] = {}

    async def send(i: int) -> None:
        await pacer.acquire(5_000 + i)
        left[i] = time.now
        await answers[i].wait()  # Telegram's answer
        pacer.answered()

    tasks = [asyncio.create_task(send(i)) for i in range(31)]
    await _until(lambda: len(left) == 30)
    for _ in range(50):
        await asyncio.sleep(0)
    assert 30 not in left, "thirty sends count, none answered: the 31st waits"
    time.now += 5.0  # the first answer comes late
    answered_at = time.now
    answers[0].set()
    await _until(lambda: 30 in left)
    assert left[30] >= answered_at + 1.0
    for answer in answers:
        answer.set()
    await asyncio.gather(*tasks)
