"""A sending process for the crash test: one delivery sender on the bot's database, as the
bot runs it, until it is killed (or stopped with SIGTERM).

    python -m tests.delivery_worker DATABASE_PATH BOT_API_BASE LEASE_SECONDS
"""

from __future__ import annotations

import asyncio
import signal
import sys

from bot.app import create_bot, make_sender
from bot.config import load_settings
from bot.db.database import Database
from bot.sandbox.emulator import Emulator
from bot.services.pacing import Pacer
from bot.timekeeping import utc_now


async def main(database: str, api_base: str, lease_s: float) -> None:
    settings = load_settings(
        _env_file=None, BOT_TOKEN=Emulator().token, BOT_API_BASE=api_base, DATABASE_PATH=database
    )
    db = await Database.open(settings.database_path)
    bot = create_bot(settings, retry=False)
    sender = make_sender(
        db,
        bot,
        utc_now,
        pacer=Pacer(rate_per_s=200.0, per_chat_gap_s=0.0),
        lease_s=lease_s,
        idle_poll_s=0.1,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    sender.start()
    print("sending", flush=True)
    await stop.wait()
    await sender.stop()
    await bot.session.close()
    await db.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
