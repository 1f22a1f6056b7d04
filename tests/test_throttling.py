"""One person flooding the bot does not slow the others, and is told once to slow down; the
token buckets run on a clock the test moves, so the figures are exact on any machine."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.sandbox.harness import SandboxHarness
from tests.helpers import tr


class Monotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_a_flood_is_cut_and_others_are_served(tmp_path: Path):
    clock = Monotonic()
    async with SandboxHarness(
        tmp_path / "bot.db", throttling={"rate_per_s": 0.5, "burst": 5, "clock": clock}
    ) as sandbox:
        flooder = sandbox.user(6001, "Flood", "en")
        calm = sandbox.user(6002, "Calm", "ru")
        emu = sandbox.emulator
        flood_ids = [emu.user_message(flooder.person, "/help") for _ in range(60)]
        await calm.send("/help")
        await asyncio.gather(*(sandbox.settle(i) for i in flood_ids))

        assert tr(sandbox, "What this bot can do for you", "ru") in calm.last.text
        texts = [m.text for m in flooder.messages]
        helps = [t for t in texts if "What this bot can do for you" in t]
        warning = tr(sandbox, "Too many messages at once. Please wait a few seconds.", "en")
        assert len(helps) == 5
        assert texts.count(warning) == 1
        assert sandbox.app.throttling.dropped == 55

        clock.now += 4.0  # two tokens back at 0.5 a second
        for _ in range(3):
            await flooder.send("/help")
        texts = [m.text for m in flooder.messages]
        assert len([t for t in texts if "What this bot can do for you" in t]) == 7
        assert texts.count(warning) == 2, "told once more for the new burst"


async def test_flooded_buttons_stop_spinning_and_the_warning_comes_once(tmp_path: Path):
    clock = Monotonic()
    async with SandboxHarness(
        tmp_path / "bot.db", throttling={"rate_per_s": 0.5, "burst": 2, "clock": clock}
    ) as sandbox:
        user = sandbox.user(6003, "Tap", "en")
        await user.send("/start")  # 1 token left
        question = user.last
        # the language question: the guess (English), so the warning stays in English
        data = next(b for b in question.buttons() if b["text"] == "✓ English")["callback_data"]
        answered = await user.press_together(data, times=4, message=question)
        assert all(query.answered for query in answered), "no button left spinning"
        warning = "Too many messages at once. Please wait a few seconds."
        assert [query.answer_text for query in answered].count(warning) == 1
        assert sandbox.app.throttling.dropped == 3
