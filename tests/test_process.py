"""Real processes: a sending process killed with `kill -9` in the middle of a broadcast (what
the README says a crash can repeat stays true), and the bot started as the Procfile starts
it, in webhook and in polling mode, stopping gracefully on SIGTERM, also in the middle of
a broadcast (nothing lost, nothing sent twice), its /healthz answering meanwhile."""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import aiohttp

from bot.db.database import Database
from bot.domain.outbox import OutgoingMessage
from bot.i18n import build_i18n
from bot.sandbox.emulator import Emulator, EmulatorServer
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from bot.services.container import build_services
from bot.timekeeping import utc_now
from bot.ui.notices import RenderedNotices
from tests.helpers import db_rows

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = 8  # the sender's sends in flight: what a crash can repeat at most


async def _spawn(*args: str, env: dict[str, str] | None = None) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        *args,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Wait for something the test expects to happen; fail after `timeout`."""
    async with asyncio.timeout(timeout):
        while not condition():  # noqa: ASYNC110 - polling a condition of the test
            await asyncio.sleep(0.02)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_kill_9_mid_broadcast_loses_nothing_and_repeats_at_most_the_sends_in_flight(
    tmp_path: Path,
):
    async with SandboxHarness(tmp_path / "bot.db") as sandbox:
        await sandbox.app.sender.stop()  # the processes of this test do the sending
        sandbox.drain_on_settle = False
        recipients = list(range(30_001, 30_081))
        for uid in recipients:
            sandbox.emulator.person(uid, f"P{uid}", "ru").started = True
            await sandbox.app.services.people.identify(uid, "ru", sandbox.clock())
        async with sandbox.app.db.transaction():
            await sandbox.app.services.outbox.queue(
                "test",
                recipients,
                lambda locale, zone: OutgoingMessage("Встреча в пятницу", None),
                sandbox.clock(),
            )

        def received() -> collections.Counter[int]:
            return collections.Counter(
                {uid: len(sandbox.emulator.bot_messages(uid)) for uid in recipients}
            )

        first = await _spawn(
            "tests.delivery_worker", str(sandbox.database_path), sandbox.server.base_url, "1.0"
        )

        def kill_after_20(_message) -> None:
            if first.returncode is None and sum(received().values()) >= 20:
                os.kill(first.pid, signal.SIGKILL)

        sandbox.emulator.on_message(kill_after_20)
        assert await asyncio.wait_for(first.wait(), 60) == -signal.SIGKILL
        before_restart = sum(received().values())
        assert 20 <= before_restart < len(recipients), "killed in the middle"

        second = await _spawn(
            "tests.delivery_worker", str(sandbox.database_path), sandbox.server.base_url, "1.0"
        )
        await _until(lambda: all(received()[uid] >= 1 for uid in recipients))
        second.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(second.wait(), 30) == 0

        counts = received()
        assert all(counts[uid] >= 1 for uid in recipients), "nothing lost"
        repeated = sum(counts.values()) - len(recipients)
        assert repeated <= CONCURRENCY, "only sends in flight at the kill are repeated"
        rows = db_rows(sandbox.database_path, "SELECT status, COUNT(*) AS n FROM outbox GROUP BY 1")
        assert {r["status"]: r["n"] for r in rows} == {"sent": len(recipients)}


async def _bot_process(tmp_path: Path, server: EmulatorServer, **env: str):
    return await _spawn(
        "bot",
        "run",
        env={
            "BOT_TOKEN": server.emulator.token,
            "BOT_API_BASE": server.base_url,
            "DATABASE_PATH": str(tmp_path / "bot.db"),
            "ADMIN_IDS": "",
            "LOG_LEVEL": "INFO",
            **env,
        },
    )


async def _health(url: str) -> tuple[int, str]:
    """/healthz once the first tick has run (it runs at start)."""
    async with aiohttp.ClientSession() as http:
        for _ in range(600):
            try:
                async with http.get(url) as response:
                    report = await response.json()
                    if response.status == 200:
                        return response.status, report["status"]
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    return 503, "failing"


async def _replies_then_stops_on_sigterm(process, emulator: Emulator) -> str:
    user = SandboxUser(emulator, emulator.person(31_001, "Aida", "en"))
    await user.send("/start")
    await _until(lambda: bool(user.messages), timeout=60)
    assert "Choose your language" in user.last.text
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 30) == 0
    _out, err = await process.communicate()
    return err.decode()


async def test_webhook_mode_stops_gracefully_on_sigterm(tmp_path: Path):
    server = EmulatorServer(Emulator())
    await server.start()
    try:
        port = _free_port()
        process = await _bot_process(
            tmp_path,
            server,
            WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
            WEBHOOK_HOST="127.0.0.1",
            WEBHOOK_PORT=str(port),
            WEBHOOK_SECRET="s3cret-token",
        )
        await _until(lambda: server.emulator.webhook is not None, timeout=60)
        assert await _health(f"http://127.0.0.1:{port}/healthz") == (200, "ok")
        log = await _replies_then_stops_on_sigterm(process, server.emulator)
        assert "stopped" in log
    finally:
        await server.stop()


async def test_polling_mode_stops_gracefully_on_sigterm(tmp_path: Path):
    server = EmulatorServer(Emulator())
    await server.start()
    try:
        health = _free_port()
        process = await _bot_process(
            tmp_path, server, HEALTH_PORT=str(health), WEBHOOK_HOST="127.0.0.1"
        )
        await _until(lambda: server.emulator.call_counts["getUpdates"] > 0, timeout=60)
        assert await _health(f"http://127.0.0.1:{health}/healthz") == (200, "ok")
        await _replies_then_stops_on_sigterm(process, server.emulator)
    finally:
        await server.stop()


async def test_sigterm_mid_broadcast_as_the_procfile_starts_it_loses_and_repeats_nothing(
    tmp_path: Path,
):
    server = EmulatorServer(Emulator())
    await server.start()
    try:
        process = await _bot_process(tmp_path, server)
        await _until(lambda: server.emulator.call_counts["getUpdates"] > 0, timeout=60)
        recipients = list(range(35_001, 35_081))
        db = await Database.open(tmp_path / "bot.db")
        services = build_services(
            db,
            RenderedNotices(build_i18n("ru")),
            utc_now,
            admin_ids=frozenset(),
            default_locale="ru",
            default_timezone="Asia/Almaty",
        )
        for uid in recipients:
            server.emulator.person(uid, f"P{uid}", "ru").started = True
            await services.people.identify(uid, "ru", utc_now())
        async with db.transaction():
            await services.outbox.queue(
                "test",
                recipients,
                lambda _l, _z: OutgoingMessage("Встреча в пятницу", None),
                utc_now(),
            )

        def received() -> collections.Counter[int]:
            return collections.Counter(
                {uid: len(server.emulator.bot_messages(uid)) for uid in recipients}
            )

        def stop_after_20(_message) -> None:
            if process.returncode is None and sum(received().values()) == 20:
                process.send_signal(signal.SIGTERM)

        server.emulator.on_message(stop_after_20)
        assert await asyncio.wait_for(process.wait(), 60) == 0, "a graceful stop"
        got = received()
        assert max(got.values()) == 1, "nothing sent twice"
        statuses = dict(
            (r["status"], r["n"])
            for r in db_rows(
                tmp_path / "bot.db", "SELECT status, COUNT(*) AS n FROM outbox GROUP BY 1"
            )
        )
        assert statuses.get("sent", 0) == sum(got.values()), "every send it made recorded"
        assert statuses.get("queued", 0) == len(recipients) - sum(got.values()), "the rest kept"
        assert sum(got.values()) < len(recipients), "stopped in the middle"

        again = await _bot_process(tmp_path, server)
        await _until(lambda: all(received()[uid] >= 1 for uid in recipients))
        again.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(again.wait(), 30) == 0
        assert set(received().values()) == {1}, "each exactly once across the restart"
        await db.close()
    finally:
        await server.stop()
