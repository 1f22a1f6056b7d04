"""Time that passes only when something waits: a clock and a sleep for the pacer (and the
emulator's rate limits) in tests, so that pacing is checked exactly and instantly, whatever
the machine's speed."""

from __future__ import annotations

import asyncio


class VirtualTime:
    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start
        self.slept = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Return at once, the clock moved on to when the sleep would have ended."""
        if seconds > 0:
            target = self.now + seconds
            self.slept += target - self.now
            self.now = target
        await asyncio.sleep(0)
