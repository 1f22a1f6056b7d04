"""A campaign to many people through the delivery engine, against an emulator that enforces
Telegram's flood limits (429 with `retry_after` beyond 30 messages/s overall or 1/s per
chat), with 3% of the recipients having blocked the bot.

Three runs of the same campaign, each to fresh chats:
1. the delivery engine, in a worker process, to the end;
2. the same, with the worker killed (`kill -9`) half-way and a new worker started;
3. a plain loop of `send_message` with a fixed sleep, as most bots broadcast.

It prints the sustained sending rate (every send Telegram answered, accepted or refused with
403 because the recipient blocked the bot, per second from the first to the last, as a
fraction of the 30/s limit: Telegram counts both against it), beside it the rate of the
accepted messages alone, the 429s received, and the duplicates and losses (a reachable
recipient who got the message twice, or not at all). The last line holds the figures as
key=value pairs.

    python bench/broadcast.py [--recipients 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import logging
import platform
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import create_bot, make_sender
from bot.config import load_settings
from bot.db.database import Database
from bot.db.repositories.outbox import OutboxRepository
from bot.domain.outbox import OutgoingMessage
from bot.sandbox.emulator import Emulator, EmulatorServer, Message, Params, RateLimits
from bot.sandbox.errors import ApiError
from bot.services.outbox import Outbox

LIMIT_PER_S = 30.0
BLOCKED_SHARE = 0.03
NAIVE_SLEEP_S = 0.05  # the usual advice: "sleep 0.05 s between messages, about 20/s"


def _settings(database: Path, api: str):
    emulator_token = Emulator().token
    return load_settings(
        _env_file=None, BOT_TOKEN=emulator_token, BOT_API_BASE=api, DATABASE_PATH=database
    )


# ---------------------------------------------------------------------- the worker process


async def worker(database: Path, api: str) -> None:
    """The production sender on the production transport, until the outbox is drained."""
    settings = _settings(database, api)
    db = await Database.open(settings.database_path)
    bot = create_bot(settings, retry=False)

    def now() -> datetime:
        return datetime.now(UTC)

    sender = make_sender(db, bot, now, idle_poll_s=1.0)
    sender.start()
    await sender.drained(timeout=24 * 3600)
    await sender.stop()
    await bot.session.close()
    await db.close()


# ---------------------------------------------------------------------- the parent


class WatchedEmulator(Emulator):
    """The emulator as it is (Telegram's limits and answers unchanged), telling listeners of
    every call to a chat it answered, with the answer's code: its message listeners hear only
    the messages it accepted, not the sends refused with 403, which count against the limit
    too (the rate is checked before the chat is)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._answer_listeners: list[Callable[[int, int], None]] = []

    def on_answer(self, listener: Callable[[int, int], None]) -> None:
        """Call `listener(chat_id, code)` for every call to a chat, after its answer."""
        self._answer_listeners.append(listener)

    async def call(self, method: str, params: Params) -> object:
        chat_id = params.values.get("chat_id")
        try:
            result = await super().call(method, params)
        except ApiError as error:
            self._answered(chat_id, error.code)
            raise
        self._answered(chat_id, 200)
        return result

    def _answered(self, chat_id: object, code: int) -> None:
        try:
            chat = int(chat_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return
        for listener in self._answer_listeners:
            listener(chat, code)


class Audience:
    """Recipients in the emulator and the database, and what each received."""

    def __init__(self, emulator: Emulator, first_id: int, count: int, seed: int) -> None:
        self.ids = list(range(first_id, first_id + count))
        rng = random.Random(seed)
        self.blocked = set(rng.sample(self.ids, round(count * BLOCKED_SHARE)))
        for uid in self.ids:
            person = emulator.person(uid, "P", "ru")
            person.started = True
            person.blocked_bot = uid in self.blocked
        self.received: collections.Counter[int] = collections.Counter()
        self.times: list[float] = []  # of the messages Telegram accepted
        self.answered: list[float] = []  # of every send it answered, accepted or refused
        self.refused: collections.Counter[int] = collections.Counter()  # by the code

    def listen(self, emulator: WatchedEmulator, tag: str) -> None:
        def on_message(message: Message) -> None:
            if message.from_bot and tag in (message.text or "") and message.chat_id in self:
                self.received[message.chat_id] += 1
                self.times.append(time.monotonic())

        def on_answer(chat_id: int, code: int) -> None:
            # A 429 is not a send: Telegram turned it away before counting it (so does the
            # emulator). Anything else went through the limit, delivered (200) or not (403).
            if chat_id in self and code != 429:
                self.answered.append(time.monotonic())
                if code != 200:
                    self.refused[code] += 1

        emulator.on_message(on_message)
        emulator.on_answer(on_answer)

    def __contains__(self, uid: object) -> bool:
        return isinstance(uid, int) and self.ids[0] <= uid <= self.ids[-1]

    def figures(self) -> Figures:
        reachable = [uid for uid in self.ids if uid not in self.blocked]
        return Figures(
            rate=_rate(self.answered) / LIMIT_PER_S,
            accepted=_rate(self.times) / LIMIT_PER_S,
            sends=len(self.answered),
            refused=sum(self.refused.values()),
            duplicates=sum(max(0, self.received[uid] - 1) for uid in reachable),
            lost=sum(1 for uid in reachable if self.received[uid] == 0),
        )


@dataclass
class Figures:
    rate: float  # every send answered, per second first to last, as a fraction of the limit
    accepted: float  # the same, of the accepted messages only
    sends: int
    refused: int
    duplicates: int
    lost: int
    retry_after_429s: int = 0

    def line(self, name: str) -> str:
        return (
            f"{name:<36} {self.rate:>6.1%} {self.accepted:>9.1%} {self.sends:>7} "
            f"{self.refused:>8} {self.retry_after_429s:>5} {self.duplicates:>11} {self.lost:>5}"
        )


HEADER = (
    f"{'run':<36} {'rate':>6} {'accepted':>9} {'sends':>7} {'refused':>8} {'429s':>5} "
    f"{'duplicates':>11} {'lost':>5}"
)


def _rate(times: list[float]) -> float:
    """Events per second from the first to the last."""
    span = (times[-1] - times[0]) if len(times) > 1 else 0.0
    return (len(times) - 1) / span if span else 0.0


async def queue_campaign(database: Path, audience: Audience, tag: str) -> None:
    db = await Database.open(database)
    stamp = datetime.now(UTC).isoformat()
    await db.executemany(
        "INSERT INTO users (id, language, created_at, updated_at) VALUES (?, 'ru', ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(uid, stamp, stamp) for uid in audience.ids],
    )
    message = OutgoingMessage(f"<b>{tag}</b>: the workshop call is open until 10 December.", None)
    outbox = Outbox(db, OutboxRepository(db), default_locale="ru", default_timezone="Asia/Almaty")
    async with db.transaction():
        await outbox.queue("bench", audience.ids, lambda locale, zone: message, datetime.now(UTC))
    await db.close()


async def run_worker(database: Path, api: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--worker",
        str(database),
        api,
        stdout=asyncio.subprocess.PIPE,
    )


async def worker_429s(proc: asyncio.subprocess.Process) -> int:
    out, _ = await proc.communicate()
    for line in out.decode().splitlines():
        if line.startswith("retry_after="):
            return int(line.split("=", 1)[1])
    return 0


async def engine_run(
    emulator: WatchedEmulator, api: str, folder: Path, n: int, crash: bool
) -> Figures:
    tag = "crash" if crash else "engine"
    first = 20_000_000 if crash else 10_000_000
    audience = Audience(emulator, first, n, seed=1 if crash else 0)
    audience.listen(emulator, tag)
    database = folder / f"{tag}.db"
    await queue_campaign(database, audience, tag)
    before = emulator.errors_returned[429]
    proc = await run_worker(database, api)
    if crash:
        half = (n - len(audience.blocked)) // 2
        while sum(audience.received.values()) < half and proc.returncode is None:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        print(f"  killed the worker (kill -9) after {sum(audience.received.values())} messages")
        proc = await run_worker(database, api)
    await proc.wait()
    figures = audience.figures()
    figures.retry_after_429s = emulator.errors_returned[429] - before
    return figures


async def naive_run(emulator: WatchedEmulator, api: str, folder: Path, n: int) -> Figures:
    """for each: send_message; sleep 0.05 s. A 429 is slept off and the message sent again;
    any other error skips the recipient."""
    audience = Audience(emulator, 30_000_000, n, seed=2)
    audience.listen(emulator, "naive")
    bot = create_bot(_settings(folder / "naive.db", api), retry=False)
    before = emulator.errors_returned[429]
    for uid in audience.ids:
        for _attempt in range(3):
            try:
                await bot.send_message(uid, "<b>naive</b>: the workshop call is open.")
                break
            except TelegramRetryAfter as error:
                await asyncio.sleep(error.retry_after)
            except TelegramAPIError:
                break
        await asyncio.sleep(NAIVE_SLEEP_S)
    await bot.session.close()
    figures = audience.figures()
    figures.retry_after_429s = emulator.errors_returned[429] - before
    return figures


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=10_000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    n = args.recipients
    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, python "
        f"{platform.python_version()}, {n} recipients, {BLOCKED_SHARE:.0%} blocked the bot"
    )
    print(
        "rate: every send Telegram answered (accepted, or refused with 403), per second from "
        "the first to the last, as a share of 30/s; accepted: the accepted messages alone"
    )
    print(HEADER, flush=True)
    emulator = WatchedEmulator(rate_limits=RateLimits(LIMIT_PER_S, 1.0))
    emulator.record_calls = False
    server = EmulatorServer(emulator)
    await server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            engine = await engine_run(emulator, server.base_url, folder, n, False)
            print(engine.line("delivery engine"), flush=True)
            crash = await engine_run(emulator, server.base_url, folder, n, True)
            print(crash.line("delivery engine, kill -9, restarted"), flush=True)
            naive = await naive_run(emulator, server.base_url, folder, n)
            print(naive.line(f"plain loop, sleep({NAIVE_SLEEP_S})"), flush=True)
    finally:
        await server.stop()
    print(
        f"rate_fraction={engine.rate:.3f} accepted_fraction={engine.accepted:.3f} "
        f"retry_after_429s={engine.retry_after_429s} duplicates={engine.duplicates} "
        f"lost={engine.lost} crash_rate_fraction={crash.rate:.3f} "
        f"crash_retry_after_429s={crash.retry_after_429s} crash_duplicates={crash.duplicates} "
        f"crash_lost={crash.lost} naive_rate_fraction={naive.rate:.3f} "
        f"naive_accepted_fraction={naive.accepted:.3f} "
        f"naive_retry_after_429s={naive.retry_after_429s}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        logging.basicConfig(level=logging.ERROR)
        asyncio.run(worker(Path(sys.argv[2]), sys.argv[3]))
    else:
        asyncio.run(main())
