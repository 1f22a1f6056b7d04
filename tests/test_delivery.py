"""The delivery engine against an emulator that enforces Telegram's limits: everyone gets the
message once, in their language; 429s are waited out; people who blocked the bot are marked;
a restart in the middle neither repeats nor loses a message."""

from __future__ import annotations

import asyncio
import collections
import sqlite3
from pathlib import Path

import pytest

from bot.db.repositories.outbox import OutgoingMessage
from bot.db.repositories.users import UsersRepository
from bot.sandbox.emulator import RateLimits
from bot.sandbox.harness import SandboxHarness
from bot.services.pacing import Pacer
from tests.helpers import db_rows

MESSAGES = {
    "ru": OutgoingMessage("<b>Встреча</b> в пятницу", None),
    "en": OutgoingMessage("<b>Meeting</b> on Friday", None),
}


@pytest.fixture
async def limited(tmp_path: Path):
    async with SandboxHarness(
        tmp_path / "bot.db", rate_limits=RateLimits(overall_per_s=30, per_chat_per_s=1)
    ) as harness:
        yield harness


async def _people(sandbox: SandboxHarness, ids: range, locale: str = "ru") -> list[tuple[int, str]]:
    assert sandbox.app is not None
    users = UsersRepository(sandbox.app.db)
    for uid in ids:
        sandbox.emulator.person(uid, f"P{uid}", locale).started = True
        await users.create(uid, locale, sandbox.clock())
    return [(uid, locale) for uid in ids]


def _received(sandbox: SandboxHarness, ids) -> collections.Counter[int]:
    return collections.Counter(
        {
            uid: len(sandbox.emulator.bot_messages(uid))
            for uid in ids
            if uid in sandbox.emulator.people
        }
    )


async def _campaign(sandbox: SandboxHarness, recipients, kind: str = "test") -> int:
    assert sandbox.app is not None
    delivery = sandbox.app.dispatcher["delivery"]
    campaign_id, queued = await delivery.start_campaign(
        kind,
        subject_id=None,
        created_by=None,
        messages=MESSAGES,
        recipients=recipients,
        now=sandbox.clock(),
    )
    assert queued == len(recipients)
    return campaign_id


async def test_everyone_gets_it_once_in_their_language_within_the_limits(limited):
    recipients = await _people(limited, range(20_001, 20_041)) + await _people(
        limited, range(20_041, 20_051), "en"
    )
    campaign_id = await _campaign(limited, recipients)
    await limited.app.sender.drained()

    received = _received(limited, range(20_001, 20_051))
    assert set(received.values()) == {1}
    assert limited.emulator.bot_messages(20_001)[0].text == "Встреча в пятницу"
    assert limited.emulator.bot_messages(20_050)[0].text == "Meeting on Friday"
    progress = await limited.app.dispatcher["delivery"].progress(campaign_id)
    assert (progress.sent, progress.queued, progress.failed) == (50, 0, 0)
    assert limited.emulator.errors_returned[429] <= 2, (
        "paced under 30/s (a stalled loop may bunch two)"
    )


async def test_429_is_waited_out_and_nothing_is_lost_or_doubled(sandbox):
    recipients = await _people(sandbox, range(21_001, 21_011))
    sandbox.emulator.inject_error(
        "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, times=2
    )
    campaign_id = await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()

    assert set(_received(sandbox, range(21_001, 21_011)).values()) == {1}
    assert sandbox.app.sender.stats.retry_after == 2
    assert sandbox.app.sender.pacer.rate_per_s < 28, "it slowed down"
    progress = await sandbox.app.dispatcher["delivery"].progress(campaign_id)
    assert progress.sent == 10


async def test_blocked_people_are_marked_and_other_errors_recorded(sandbox):
    recipients = await _people(sandbox, range(22_001, 22_011))
    sandbox.emulator.people[22_003].blocked_bot = True
    sandbox.emulator.people[22_004].deactivated = True
    sandbox.emulator.inject_error("sendMessage", 400, "Bad Request: chat not found", chat_id=22_005)
    campaign_id = await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()

    progress = await sandbox.app.dispatcher["delivery"].progress(campaign_id)
    assert (progress.sent, progress.blocked, progress.failed) == (7, 2, 1)
    rows = db_rows(
        sandbox.database_path, "SELECT id, is_active FROM users WHERE id IN (22003, 22004, 22005)"
    )
    assert {r["id"]: r["is_active"] for r in rows} == {22_003: 0, 22_004: 0, 22_005: 1}
    [failed] = db_rows(
        sandbox.database_path, "SELECT user_id, error FROM outbox WHERE status = 'failed'"
    )
    assert (failed["user_id"], failed["error"]) == (22_005, "Bad Request: chat not found")

    second = await _campaign(sandbox, recipients[:2])  # blocked people are not queued again
    await sandbox.app.sender.drained()
    assert (await sandbox.app.dispatcher["delivery"].progress(second)).sent == 2
    _, queued = await sandbox.app.dispatcher["delivery"].start_campaign(
        "test",
        subject_id=None,
        created_by=None,
        messages=MESSAGES,
        recipients=recipients[2:4],
        now=sandbox.clock(),
    )
    assert queued == 0


async def test_network_errors_are_retried_then_recorded(sandbox):
    recipients = await _people(sandbox, range(23_001, 23_003))
    sandbox.emulator.inject_error("sendMessage", 502, "Bad Gateway", chat_id=23_001, times=2)
    sandbox.emulator.inject_error("sendMessage", 502, "Bad Gateway", chat_id=23_002, times=99)
    sandbox.app.sender._backoff_s = 0.01
    sandbox.app.sender.pacer = Pacer(per_chat_gap_s=0.05)  # retries to one chat, faster
    campaign_id = await _campaign(sandbox, recipients)
    await sandbox.app.sender.drained()

    assert _received(sandbox, range(23_001, 23_003)) == {23_001: 1, 23_002: 0}
    progress = await sandbox.app.dispatcher["delivery"].progress(campaign_id)
    assert (progress.sent, progress.failed) == (1, 1)
    [row] = db_rows(sandbox.database_path, "SELECT attempts FROM outbox WHERE user_id = 23001")
    assert row["attempts"] == 3


async def test_a_restart_in_the_middle_resumes_without_repeating(tmp_path: Path):
    async with SandboxHarness(tmp_path / "bot.db") as sandbox:
        sandbox.app.sender.pacer = Pacer(rate_per_s=20)
        recipients = await _people(sandbox, range(24_001, 24_061))
        campaign_id = await _campaign(sandbox, recipients)
        await asyncio.sleep(1.0)
        await sandbox.restart_bot()
        sent_before = sum(_received(sandbox, range(24_001, 24_061)).values())
        assert 0 < sent_before < 60, "stopped in the middle"
        await sandbox.app.sender.drained()

        assert set(_received(sandbox, range(24_001, 24_061)).values()) == {1}
        progress = await sandbox.app.dispatcher["delivery"].progress(campaign_id)
        assert (progress.sent, progress.queued) == (60, 0)


async def test_a_cancelled_campaign_sends_no_more(tmp_path: Path):
    async with SandboxHarness(tmp_path / "bot.db") as sandbox:
        sandbox.app.sender.pacer = Pacer(rate_per_s=10)
        recipients = await _people(sandbox, range(25_001, 25_041))
        delivery = sandbox.app.dispatcher["delivery"]
        campaign_id = await _campaign(sandbox, recipients)
        await asyncio.sleep(0.5)
        cancelled = await delivery.cancel(campaign_id, sandbox.clock())
        await sandbox.app.sender.drained()

        progress = await delivery.progress(campaign_id)
        sent = sum(_received(sandbox, range(25_001, 25_041)).values())
        assert 0 < sent < 40 and cancelled > 0
        assert (progress.sent, progress.cancelled, progress.queued) == (sent, 40 - sent, 0)


async def test_the_sender_survives_a_failing_database_read(sandbox):
    sender = sandbox.app.sender
    real = sender._outbox.queued
    failures = []

    async def flaky(after_id, limit):
        if not failures:
            failures.append(after_id)
            raise sqlite3.OperationalError("database is locked")
        return await real(after_id, limit)

    sender._outbox.queued = flaky
    sender._backoff_s = 0.05
    recipients = await _people(sandbox, range(26_001, 26_004))
    await _campaign(sandbox, recipients)
    await sender.drained()
    assert failures, "the read failed once"
    assert set(_received(sandbox, range(26_001, 26_004)).values()) == {1}
