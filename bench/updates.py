"""Update throughput and latency of the bot, beside a bare aiogram echo bot, as users feel them.

The emulator (the Telegram side) runs in this process; the bot under test runs in a process
of its own, started the way `csobot run` starts it (long polling, the SQLite store, the
production throttling and pacing, uvloop, the garbage collector settled after startup), and
reports each update it has finished handling (its replies sent and answered by the
emulator) on its standard output. The bare aiogram echo bot (asyncio's own event loop, as
aiogram runs out of the box) is measured the same way in the same run, and the same echo bot
on uvloop besides, for comparison. Each of the simulated people walks a member's everyday
path: the main menu and its Events button, help, the menu and the partner directory, a
language change, a country change (a button is pressed only once the message carrying it
has arrived; a person has one update in flight at a time, as a person on a phone does).

1. Throughput under saturation: rounds in which every person sends their next update at
   once, until all are handled; the rate is updates handled per second, and the CPU time
   each process spent per update. All three bots run side by side (each with its own
   emulator) and take their passes in turn, `--passes` times (default 3), so that a machine
   whose speed drifts (a shared virtual machine) slows them alike; each one's capacity is
   the median of its passes.
2. Open-loop latency: updates arrive at fixed average rates of 25%, 50% and 75% of that
   capacity (Poisson arrivals, from whoever is idle), and each update's latency runs from
   its arrival at the emulator to the bot having finished it (its last reply sent and
   answered): p50, p95, p99. Each share is run `--runs` times (default 3), the three bots
   taking their runs in turn as in the saturation passes, and each figure is the median of
   the runs' (each run's is printed too): on a shared virtual machine a stall of a few
   hundred milliseconds in one run of 2,000 updates is that run's p99 alone, for the echo
   bots as for this one. The benchmark's own process (the emulators) collects its garbage
   before each such run and not during it, so that its collector's pauses are not counted
   as the bot's.

`--memory` instead sends `--updates` updates (default 100,000) from `--users` people (default
10,000) at saturation and prints the bot process's resident memory as it goes.

The last line holds the figures as key=value pairs.

    python bench/updates.py [--users 1000] [--updates 2000] [--passes 3] [--runs 3]
    python bench/updates.py --memory [--users 10000] [--updates 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import logging
import os
import platform
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox.emulator import Emulator, EmulatorServer
from bot.sandbox.users import find_button

ROOT = Path(__file__).resolve().parent.parent
FIRST_ID = 10_000_000
SEED = 14
LOADS = (0.25, 0.5, 0.75)
KINDS = ("bot", "echo", "echo-uvloop")

# Once per person: /start, a language, a country (button numbers are 1-based).
ONBOARDING: list[str | int] = ["/start", 1, 1]
# Then round and round: the main menu and its Events button, help, the menu and the partner
# directory, a language change, a country change.
CYCLE: list[str | int] = ["/start", 3, "/help", "/start", 1, "/language", 1, "/country", 1]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# ---------------------------------------------------------------------- the bot's process


class _ReportingTracker:
    """The dispatcher's finished updates, written to standard output as they end."""

    def done(self, update_id: int) -> None:
        os.write(1, f"{update_id} {time.monotonic_ns()}\n".encode())


async def serve(kind: str, api: str, token: str, database: Path) -> None:
    from aiogram import Bot, F
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

    from bot.sandbox.settle import TrackingDispatcher

    tracker = _ReportingTracker()
    if kind == "bot":
        from bot.app import create_app
        from bot.config import load_settings

        settings = load_settings(
            _env_file=None, BOT_TOKEN=token, BOT_API_BASE=api, DATABASE_PATH=database
        )
        app = await create_app(
            settings, dispatcher_cls=TrackingDispatcher, dispatcher_kwargs={"tracker": tracker}
        )
        try:
            from bot import event_loop
        except ImportError:  # the code before issue 14, for the README's "before"
            pass
        else:
            event_loop.settle_after_startup()  # as `csobot run` does
        dp, bot = app.dispatcher, app.bot
        close = app.close
    else:
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
            await query.message.edit_text(  # type: ignore[union-attr]
                f"pressed {time.time_ns()}", reply_markup=keyboard
            )

        bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(api)))
        close = bot.session.close
    polling = asyncio.create_task(
        dp.start_polling(
            bot,
            handle_signals=False,
            close_bot_session=False,
            allowed_updates=dp.resolve_used_update_types(),
        )
    )
    # the benchmark closes our standard input to stop us
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()
    await dp.stop_polling()
    await polling
    await close()


# ---------------------------------------------------------------------- the benchmark's side


class Load:
    """The emulator, the bot's process, and the people who write to it."""

    def __init__(self, emulator: Emulator, kind: str, users: int) -> None:
        self.emulator = emulator
        self.kind = kind
        self.users = [FIRST_ID + offset for offset in range(users)]
        for user_id in self.users:
            emulator.person(user_id, "P", "ru")
        self.step: dict[int, int] = dict.fromkeys(self.users, 0)
        self.arrived: dict[int, tuple[int, float]] = {}  # update id -> (user, arrival)
        self.latencies: list[float] = []
        self.handled = 0
        self.idle: collections.deque[int] = collections.deque(self.users)
        self.proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    async def start(self, api: str, database: Path) -> None:
        polls = self.emulator.call_counts["getUpdates"]
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--serve",
            self.kind,
            api,
            self.emulator.token,
            str(database),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read())
        while self.emulator.call_counts["getUpdates"] == polls:
            if self.proc.returncode is not None:
                raise RuntimeError(f"the {self.kind} process ended before polling")
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()
        await self.proc.wait()
        if self._reader is not None:
            await self._reader

    def rss_mb(self) -> float:
        assert self.proc is not None
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_s(self) -> float:
        """CPU time the process has used so far (user and system)."""
        assert self.proc is not None
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        async for line in self.proc.stdout:
            update_id, finished_ns = line.split()
            user_id, arrival = self.arrived.pop(int(update_id))
            self.latencies.append((int(finished_ns) / 1e9 - arrival) * 1000)
            self.handled += 1
            self.idle.append(user_id)
            self._changed.set()

    def send_next(self, user_id: int) -> None:
        """The person's next update, queued at the emulator now."""
        number = self.step[user_id]
        self.step[user_id] = number + 1
        if number < len(ONBOARDING):
            action = ONBOARDING[number]
        else:
            action = CYCLE[(number - len(ONBOARDING)) % len(CYCLE)]
        if self.kind != "bot" and not isinstance(action, str):
            action = 1
        person = self.emulator.people[user_id]
        if isinstance(action, str):
            update_id = self.emulator.user_message(person, action)
        else:
            message = next(m for m in reversed(self.emulator.bot_messages(user_id)) if m.buttons())
            data = find_button(message, action)["callback_data"]
            update_id, _ = self.emulator.press_button(person, message, data)
        self.arrived[update_id] = (user_id, time.monotonic())

    async def quiet(self) -> None:
        """Until every update sent has been handled."""
        deadline = time.monotonic() + 300
        while self.arrived:
            if time.monotonic() > deadline or (self.proc and self.proc.returncode is not None):
                raise RuntimeError(f"the {self.kind} process stopped handling updates")
            self._changed.clear()
            await self._changed.wait()

    async def rounds(self, count: int, people: list[int] | None = None) -> float:
        """`count` rounds in which everyone (or `people`) sends at once: updates handled per
        second."""
        self.latencies.clear()
        start = time.monotonic()
        for _ in range(count):
            self.idle.clear()
            for user_id in people or self.users:
                self.send_next(user_id)
            await self.quiet()
        return len(self.latencies) / (time.monotonic() - start)

    async def open_loop(self, rate: float, updates: int, rnd: random.Random) -> list[float]:
        """`updates` arrivals at an average `rate` a second (Poisson), each from an idle person;
        the latencies in milliseconds."""
        await self.quiet()
        self.latencies.clear()
        due = time.monotonic()
        for _ in range(updates):
            due += rnd.expovariate(rate)
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            while not self.idle:  # everyone is waiting for the bot: the next one who is not
                self._changed.clear()
                await self._changed.wait()
            self.send_next(self.idle.popleft())
        await self.quiet()
        return list(self.latencies)


async def remembering(load: Load, updates: int) -> dict[str, float]:
    """Everyone onboarded, then `updates` more, a thousand people at a time in turn (so what
    is measured is what the bot keeps, not a burst of ten thousand updates in flight at
    once): the bot process's resident memory as it goes."""
    batches = [load.users[i : i + 1000] for i in range(0, len(load.users), 1000)]
    figures = {"rss_mb_startup": load.rss_mb()}
    for _ in ONBOARDING:
        for batch in batches:
            await load.rounds(1, batch)
    figures["rss_mb_start"] = load.rss_mb()
    print(f"  onboarded {len(load.users)} people: RSS {figures['rss_mb_start']:.1f} MB")
    handled, start, turn = 0, time.monotonic(), 0
    while handled < updates:
        batch = batches[turn % len(batches)]
        turn += 1
        await load.rounds(1, batch)
        handled += len(batch)
        if handled % 10_000 < len(batch) or handled >= updates:
            rate = handled / (time.monotonic() - start)
            print(f"  {handled} updates, {rate:.0f}/s, RSS {load.rss_mb():.1f} MB")
    figures["rss_mb_end"] = load.rss_mb()
    return figures


class Measured:
    """One bot under test: its emulator, its process, its people."""

    def __init__(self, kind: str, users: int) -> None:
        self.kind = kind
        self.emulator = Emulator()
        self.emulator.record_calls = False
        self.server = EmulatorServer(self.emulator)
        self.load = Load(self.emulator, kind, users)
        self.rates: list[float] = []
        self.cpu_ms: list[float] = []
        self.own_ms: list[float] = []
        self.rnd = random.Random(SEED)
        self.runs: dict[float, list[tuple[float, float, float]]] = {}  # share -> p50, p95, p99

    async def start(self, folder: Path) -> None:
        await self.server.start()
        await self.load.start(self.server.base_url, folder / f"{self.kind}.db")

    async def stop(self) -> None:
        if self.load.proc is not None and self.load.proc.returncode is None:
            await self.load.stop()
        await self.server.stop()

    async def saturate(self) -> None:
        """One pass of the whole path by everyone, everyone at once each step."""
        load = self.load
        cpu, own_cpu = load.cpu_s(), time.process_time()
        profiling = bool(os.environ.get("BENCH_PROFILE"))
        if profiling:
            load.proc.send_signal(signal.SIGUSR1)  # type: ignore[union-attr]
        self.rates.append(await load.rounds(len(CYCLE)))
        if profiling:
            load.proc.send_signal(signal.SIGUSR2)  # type: ignore[union-attr]
        handled = len(CYCLE) * len(load.users)
        self.cpu_ms.append((load.cpu_s() - cpu) * 1000 / handled)
        self.own_ms.append((time.process_time() - own_cpu) * 1000 / handled)

    @property
    def capacity(self) -> float:
        return statistics.median(self.rates)

    async def latency_run(self, share: float, updates: int, run: int) -> None:
        """`updates` arrivals at `share` of the capacity: their p50, p95 and p99, kept."""
        # this process's own collector does not pause the emulator mid-run: what it holds
        # (three emulators' chats) is collected and set aside first
        gc.collect()
        gc.freeze()
        gc.disable()
        try:
            latencies = await self.load.open_loop(share * self.capacity, updates, self.rnd)
        finally:
            gc.enable()
        p50, p95, p99 = (_percentile(latencies, q) for q in (0.5, 0.95, 0.99))
        self.runs.setdefault(share, []).append((p50, p95, p99))
        print(
            f"{self.kind}: run {run} at {share:.0%} ({share * self.capacity:.0f}/s, "
            f"{len(latencies)} updates): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"p99 {p99:.1f} ms, mean {statistics.fmean(latencies):.1f} ms"
        )

    def latencies(self) -> dict[str, float]:
        """Each share's p50, p95 and p99: the medians of its runs'."""
        figures: dict[str, float] = {}
        for share, runs in self.runs.items():
            p50, p95, p99 = (statistics.median(run[i] for run in runs) for i in range(3))
            figures[f"p50_{share}"], figures[f"p99_{share}"] = p50, p99
            each = ", ".join(f"{run[2]:.1f}" for run in runs)
            print(
                f"{self.kind}: at {share:.0%}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                f"p99 {p99:.1f} ms (medians of {len(runs)} runs; their p99s: {each})"
            )
        return figures


async def measure(args: argparse.Namespace, folder: Path) -> dict[str, dict[str, float]]:
    """The bots side by side: each onboarded, then their saturation passes taken in turn
    (bot, echo, echo on uvloop, and again), so that a machine whose speed drifts (a shared
    virtual machine) slows them alike; the capacity of each is the median of its passes.
    Then the latencies at each share of that capacity, the bots again in turn, `--runs`
    times; each figure is the median of its runs'."""
    bots = [Measured(kind, args.users) for kind in KINDS]
    try:
        for measured in bots:
            await measured.start(folder)
            await measured.load.rounds(len(ONBOARDING))  # everyone onboarded (not measured)
        for _ in range(args.passes):
            for measured in bots:
                await measured.saturate()
        figures: dict[str, dict[str, float]] = {}
        for measured in bots:
            rates = ", ".join(f"{rate:.0f}" for rate in measured.rates)
            print(
                f"{measured.kind}: {measured.capacity:.0f} updates/s at saturation (median of "
                f"{rates}; {len(CYCLE)} rounds each), "
                f"{statistics.median(measured.cpu_ms):.2f} ms of CPU per update in its process "
                f"(the emulator's process: {statistics.median(measured.own_ms):.2f} ms)"
            )
        for run in range(1, args.runs + 1):
            for share in LOADS:
                for measured in bots:
                    await measured.latency_run(share, args.updates, run)
        for measured in bots:
            figures[measured.kind] = {"rate": measured.capacity, **measured.latencies()}
        return figures
    finally:
        for measured in bots:
            await measured.stop()


async def remember(args: argparse.Namespace, folder: Path) -> dict[str, float]:
    measured = Measured("bot", args.users)
    try:
        await measured.start(folder)
        return await remembering(measured.load, args.updates)
    finally:
        await measured.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=None)
    parser.add_argument("--updates", type=int, default=None)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument(
        "--passes", type=int, default=3, help="saturation passes of each bot, taken in turn"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="latency runs of each bot at each share, in turn"
    )
    args = parser.parse_args()
    args.users = args.users or (10_000 if args.memory else 1000)
    args.updates = args.updates or (100_000 if args.memory else 2000)
    logging.basicConfig(level=logging.WARNING)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}, {args.users} users"
    )
    with tempfile.TemporaryDirectory() as folder:
        if args.memory:
            bot = await remember(args, Path(folder))
            print(
                f"users={args.users} updates={args.updates} "
                f"rss_mb_after_startup={bot['rss_mb_startup']:.1f} "
                f"rss_mb_after_onboarding={bot['rss_mb_start']:.1f} "
                f"rss_mb_end={bot['rss_mb_end']:.1f}"
            )
            return
        figures = await measure(args, Path(folder))
    bot, echo, fast = (figures[kind] for kind in KINDS)
    print(
        f"updates_per_s={bot['rate']:.1f} echo_updates_per_s={echo['rate']:.1f} "
        f"ratio={bot['rate'] / echo['rate']:.3f} "
        f"p50_ms_at_50={bot['p50_0.5']:.1f} p99_ms_at_50={bot['p99_0.5']:.1f} "
        f"echo_p99_ms_at_50={echo['p99_0.5']:.1f} "
        f"echo_uvloop_updates_per_s={fast['rate']:.1f} "
        f"ratio_to_echo_uvloop={bot['rate'] / fast['rate']:.3f}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--serve":
        logging.basicConfig(level=logging.ERROR)
        if os.environ.get("BENCH_PROFILE"):  # a profile of the saturation rounds, for study
            import cProfile

            profile = cProfile.Profile()
            signal.signal(signal.SIGUSR1, lambda *_: profile.enable())
            dump = f"{os.environ['BENCH_PROFILE']}.{sys.argv[2]}"
            signal.signal(signal.SIGUSR2, lambda *_: (profile.disable(), profile.dump_stats(dump)))
        serving = serve(sys.argv[2], sys.argv[3], sys.argv[4], Path(sys.argv[5]))
        if sys.argv[2] == "bot" and Path(ROOT, "bot", "event_loop.py").exists():
            from bot import event_loop  # as `csobot run` runs it

            event_loop.run(serving)
        elif sys.argv[2] == "echo-uvloop":
            import uvloop

            uvloop.run(serving)
        else:  # the bare echo bot: asyncio's own loop
            asyncio.run(serving)
    else:
        asyncio.run(main())
