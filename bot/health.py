"""Whether the running bot is healthy, for a load balancer or a monitor: `/healthz` beside
the webhook (and on HEALTH_PORT in polling mode) answers JSON with the database reachable,
the time since the last tick, the outbox backlog and its oldest message's age; 200 when
healthy, 503 when the database fails or the clock has not ticked for a few minutes."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.db.database import Database
from bot.scheduler import Ticker
from bot.timekeeping import Clock

log = logging.getLogger(__name__)

TICK_LATE_S = 300  # the ticks come every minute: five minutes without one is an outage


@dataclass(frozen=True, slots=True)
class Health:
    healthy: bool
    report: dict[str, Any]

    @property
    def status(self) -> int:
        return 200 if self.healthy else 503


async def check(db: Database, ticker: Ticker, clock: Clock) -> Health:
    now = clock()
    report: dict[str, Any] = {}
    healthy = True
    try:
        backlog, oldest = await _backlog(db, now)
        report["database"] = "ok"
        report["outbox_backlog"] = backlog
        report["oldest_queued_s"] = (
            None if oldest is None else round((now - oldest).total_seconds(), 1)
        )
    except Exception as error:  # the database is what is being checked
        log.warning("health: the database fails: %s", error)
        report["database"] = "failing"
        healthy = False
    last = ticker.last_tick
    since = None if last is None else round((now - last).total_seconds(), 1)
    report["last_tick_s"] = since
    if since is None or since > TICK_LATE_S:
        report["ticks"] = "late"
        healthy = False
    else:
        report["ticks"] = "ok"
    report["status"] = "ok" if healthy else "failing"
    return Health(healthy, report)


async def _backlog(db: Database, now: datetime) -> tuple[int, datetime | None]:
    row = await db.fetchone(
        "SELECT COUNT(*), MIN(c.created_at) FROM outbox o JOIN campaigns c "
        "ON c.id = o.campaign_id WHERE o.status = 'queued' "
        "AND (o.not_before IS NULL OR o.not_before <= ?)",
        (now.isoformat(),),
    )
    assert row is not None
    return int(row[0]), (datetime.fromisoformat(row[1]) if row[1] else None)


def route(db: Database, ticker: Ticker, clock: Clock) -> web.RouteDef:
    async def healthz(_request: web.Request) -> web.Response:
        health = await check(db, ticker, clock)
        return web.Response(
            status=health.status,
            text=json.dumps(health.report),
            content_type="application/json",
        )

    return web.get("/healthz", healthz)


async def serve(db: Database, ticker: Ticker, clock: Clock, host: str, port: int) -> web.AppRunner:
    """The endpoint on a port of its own (polling mode); the runner, to clean up."""
    app = web.Application()
    app.add_routes([route(db, ticker, clock)])
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("health endpoint on %s:%s/healthz", host, port)
    return runner
