"""The emulator and the real bot in one event loop: what tests, benchmarks and the console use.

`SandboxHarness` starts the emulator on a free local port, builds the bot exactly as
production does (Dispatcher, middlewares, SQLite) pointed at it, and runs long polling. Users
created with `user()` wait, after each action, until the bot has finished handling it and
the outbox has delivered what it queued.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import App, create_app
from bot.config import Settings, load_settings
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.sandbox.emulator import Emulator, EmulatorServer, RateLimits
from bot.sandbox.settle import SettleTracker, TrackingDispatcher
from bot.sandbox.users import SandboxUser
from bot.services.pacing import Pacer


@dataclass
class ManualClock:
    """A clock tests move by hand."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 4, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class SandboxHarness:
    def __init__(
        self,
        database_path: Path,
        *,
        admin_ids: frozenset[int] = frozenset(),
        clock: Any = None,
        rate_limits: RateLimits | None = None,
        throttling: dict[str, Any] | None = None,
        settings_overrides: dict[str, Any] | None = None,
        polling_timeout: int = 10,
        pacer: Callable[[], Pacer] | None = None,
    ) -> None:
        self.emulator = Emulator(rate_limits=rate_limits)
        self.server = EmulatorServer(self.emulator)
        self.tracker = SettleTracker()
        self.database_path = database_path
        self.admin_ids = admin_ids
        self.clock = clock if clock is not None else ManualClock()
        # people in tests tap faster than people do; the throttling tests set their own limits
        self.throttling_kwargs = throttling or {"rate_per_s": 100.0, "burst": 100}
        self.settings_overrides = settings_overrides or {}
        self.polling_timeout = polling_timeout
        # Telegram's pace (1 message a second to a chat) would only slow the tests down;
        # the pacing itself has tests of its own, on a virtual clock.
        self.pacer_factory = pacer or (lambda: Pacer(rate_per_s=1000.0, per_chat_gap_s=0.0))
        self.drain_on_settle = True
        self.app: App | None = None
        self._polling: asyncio.Task[None] | None = None
        self.settings: Settings | None = None

    async def __aenter__(self) -> SandboxHarness:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        await self.server.start()
        await self.start_bot()

    async def start_bot(self) -> None:
        self.settings = load_settings(
            _env_file=None,
            BOT_TOKEN=self.emulator.token,
            BOT_API_BASE=self.server.base_url,
            DATABASE_PATH=self.database_path,
            ADMIN_IDS=",".join(str(i) for i in sorted(self.admin_ids)),
            **self.settings_overrides,
        )
        self.app = await create_app(
            self.settings,
            dispatcher_cls=TrackingDispatcher,
            dispatcher_kwargs={"tracker": self.tracker},
            clock=self.clock,
            throttling=ThrottlingMiddleware(**self.throttling_kwargs),
            pacer=self.pacer_factory(),
            ticking=not isinstance(self.clock, ManualClock),
        )
        polls_before = self.emulator.call_counts["getUpdates"]
        app = self.app
        self._polling = asyncio.create_task(
            app.dispatcher.start_polling(
                app.bot,
                handle_signals=False,
                close_bot_session=False,
                polling_timeout=self.polling_timeout,
                allowed_updates=app.dispatcher.resolve_used_update_types(),
            )
        )
        for _ in range(500):
            if self.emulator.call_counts["getUpdates"] > polls_before:
                return
            if self._polling.done():
                self._polling.result()
            await asyncio.sleep(0.01)
        raise TimeoutError("the bot did not start polling")

    async def stop_bot(self) -> None:
        if self.app is None:
            return
        if self._polling is not None and not self._polling.done():
            await self.app.dispatcher.stop_polling()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._polling, 10)
        await self.app.close()
        self.app = None

    async def restart_bot(self) -> None:
        """Stop the bot and start a new one on the same database, as after a deploy."""
        await self.stop_bot()
        await self.start_bot()

    async def stop(self) -> None:
        await self.stop_bot()
        await self.server.stop()

    async def settle(self, update_id: int) -> None:
        """The update handled, and (unless the test holds the outbox) what it queued sent."""
        await self.tracker.wait(update_id)
        if self.drain_on_settle and self.app is not None and self.app.sender.running:
            await self.app.sender.drained()

    def user(
        self,
        user_id: int,
        first_name: str = "User",
        language_code: str | None = "ru",
        username: str | None = None,
    ) -> SandboxUser:
        person = self.emulator.person(user_id, first_name, language_code, username)
        return SandboxUser(self.emulator, person, settle=self.settle)
