"""/healthz: 200 with the database reachable and the ticks on time, the outbox's backlog
and its oldest message's age; 503 once the ticks stop for more than five minutes."""

from __future__ import annotations

import socket

import aiohttp

from bot.health import serve
from tests.events_flows import announce, organizer


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_health_turns_503_when_the_ticks_stop(sandbox):
    app = sandbox.app
    port = _free_port()
    runner = await serve(app.db, app.ticker, sandbox.clock, "127.0.0.1", port)
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as response:
                assert response.status == 503, "no tick yet"
                assert (await response.json())["ticks"] == "late"

            await app.ticker.tick(sandbox.clock())
            async with http.get(url) as response:
                report = await response.json()
                assert response.status == 200
                assert report == {
                    "database": "ok",
                    "outbox_backlog": 0,
                    "oldest_queued_s": None,
                    "last_tick_s": 0.0,
                    "ticks": "ok",
                    "status": "ok",
                }

            # a broadcast waiting in the outbox shows as backlog, with its age
            olga = await organizer(sandbox, 32_001, "Olga")
            sandbox.drain_on_settle = False
            await app.sender.stop()
            await announce(olga, "School of coalitions")
            sandbox.clock.advance(minutes=4)
            async with http.get(url) as response:
                report = await response.json()
                assert response.status == 200
                assert report["outbox_backlog"] == 1 and report["oldest_queued_s"] == 240.0
                assert report["last_tick_s"] == 240.0

            sandbox.clock.advance(minutes=1, seconds=1)  # the ticks have stopped
            async with http.get(url) as response:
                assert response.status == 503
                assert (await response.json())["ticks"] == "late"
    finally:
        await runner.cleanup()
