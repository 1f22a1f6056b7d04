"""One person flooding the bot does not slow the others, and is told once to slow down."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.sandbox.harness import SandboxHarness
from tests.helpers import tr


async def test_a_flood_is_cut_and_others_are_served(tmp_path: Path):
    async with SandboxHarness(
        tmp_path / "bot.db", throttling={"rate_per_s": 0.05, "burst": 5}
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
        warnings = [
            t
            for t in texts
            if t == tr(sandbox, "Too many messages at once. Please wait a few seconds.", "en")
        ]
        assert len(helps) == 5
        assert len(warnings) == 1
        assert sandbox.app is not None and sandbox.app.throttling.dropped == 55


async def test_flooded_buttons_get_their_spinner_stopped_once(tmp_path: Path):
    async with SandboxHarness(
        tmp_path / "bot.db", throttling={"rate_per_s": 0.05, "burst": 2}
    ) as sandbox:
        user = sandbox.user(6003, "Tap", "en")
        await user.send("/start")  # 1 token left
        question = user.last
        data = question.buttons()[0]["callback_data"]
        queries = []
        for _ in range(4):
            _, query_id = sandbox.emulator.press_button(user.person, question, data)
            queries.append(query_id)
        await asyncio.sleep(0.5)
        answered = [sandbox.emulator.callback_queries[q] for q in queries]
        assert answered[0].answered
        assert answered[1].answer_text == "Too many messages at once. Please wait a few seconds."
