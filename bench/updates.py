"""Update throughput and latency of the bot, beside a bare aiogram echo bot.

Both run on the local Bot API emulator over HTTP long polling, the same way, in one run.
1,000 simulated people send a mixed stream of commands and button presses in rounds (a button
can only be pressed once the message carrying it has arrived): /start, a country button,
/help, the Help button, /language and a language button, and so on.

Latency is from the moment an update is queued at the emulator to the moment the bot has
finished handling it (its replies sent). The last line holds the figures as key=value pairs.

    python bench/updates.py [--users 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiogram import Bot, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox.emulator import Emulator, EmulatorServer
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.settle import SettleTracker, TrackingDispatcher
from bot.sandbox.users import find_button

FIRST_ID = 10_000_000


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Run:
    """Pushes rounds of updates and measures them against a tracker."""

    def __init__(self, emulator: Emulator, tracker: SettleTracker) -> None:
        self.emulator = emulator
        self.tracker = tracker
        self.queued_at: dict[int, float] = {}
        self.elapsed = 0.0

    async def round(self, actions: list[tuple[int, str | int]]) -> None:
        """Each action is (user id, text to send) or (user id, button number to press)."""
        start = time.perf_counter()
        ids = []
        for user_id, action in actions:
            person = self.emulator.people[user_id]
            if isinstance(action, str):
                update_id = self.emulator.user_message(person, action)
            else:
                message = next(
                    m for m in reversed(self.emulator.bot_messages(user_id)) if m.buttons()
                )
                data = find_button(message, action)["callback_data"]
                update_id, _ = self.emulator.press_button(person, message, data)
            self.queued_at[update_id] = time.perf_counter()
            ids.append(update_id)
        await asyncio.gather(*(self.tracker.wait(i, timeout=120) for i in ids))
        self.elapsed += time.perf_counter() - start

    def figures(self) -> tuple[float, float, float]:
        latencies = [(self.tracker.finished_at[i] - t) * 1000 for i, t in self.queued_at.items()]
        rate = len(latencies) / self.elapsed
        return rate, statistics.median(latencies), _percentile(latencies, 0.99)


# Our bot: onboarding, help, menu buttons, language change (press numbers are 1-based).
SCRIPT: list[str | int] = ["/start", 2, "/help", 6, 1, "/language", 7, "/country", 3]


async def bench_bot(users: int, folder: Path) -> tuple[float, float, float, int]:
    harness = SandboxHarness(folder / "bench.db", throttling={})
    harness.throttling_kwargs = {}  # production limits, as deployed
    async with harness:
        for offset in range(users):
            harness.emulator.person(FIRST_ID + offset, "P", "ru")
        run = Run(harness.emulator, harness.tracker)
        for step in SCRIPT:
            await run.round([(FIRST_ID + offset, step) for offset in range(users)])
        rate, p50, p99 = run.figures()
        return rate, p50, p99, len(run.queued_at)


async def bench_echo(users: int) -> tuple[float, float, float]:
    emulator = Emulator()
    server = EmulatorServer(emulator)
    await server.start()
    tracker = SettleTracker()
    dp = TrackingDispatcher(tracker=tracker)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="again", callback_data="again")]]
    )

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "", reply_markup=keyboard)

    @dp.callback_query()
    async def pressed(query: CallbackQuery) -> None:
        await query.answer()
        await query.message.edit_text(f"pressed {time.time_ns()}", reply_markup=keyboard)  # type: ignore[union-attr]

    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
    bot = Bot(emulator.token, session=session)
    polling = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, close_bot_session=True, polling_timeout=10)
    )
    while emulator.call_counts["getUpdates"] == 0:  # noqa: ASYNC110 - a counter, no event
        await asyncio.sleep(0.01)
    for offset in range(users):
        emulator.person(FIRST_ID + offset, "P", "ru")
    run = Run(emulator, tracker)
    for step in SCRIPT:
        action: str | int = step if isinstance(step, str) else 1
        await run.round([(FIRST_ID + offset, action) for offset in range(users)])
    await dp.stop_polling()
    await polling
    await server.stop()
    return run.figures()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=1000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("aiogram").setLevel(logging.WARNING)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, "
        f"python {platform.python_version()}, {args.users} users, {len(SCRIPT)} rounds"
    )
    with tempfile.TemporaryDirectory() as folder:
        rate, p50, p99, count = await bench_bot(args.users, Path(folder))
    print(f"bot:  {count} updates, {rate:.0f} updates/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    echo_rate, echo_p50, echo_p99 = await bench_echo(args.users)
    print(
        f"echo: {count} updates, {echo_rate:.0f} updates/s, p50 {echo_p50:.1f} ms, "
        f"p99 {echo_p99:.1f} ms"
    )
    print(
        f"updates_per_s={rate:.1f} p50_ms={p50:.1f} p99_ms={p99:.1f} "
        f"echo_updates_per_s={echo_rate:.1f} ratio={rate / echo_rate:.3f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
