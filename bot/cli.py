"""`csobot`: run the bot (polling or webhook), the sandbox, or the catalog tools."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from pathlib import Path

from bot import event_loop
from bot.config import ConfigError, load_settings
from bot.logs import configure


def _logging(level: str, *, file: Path | None = None) -> None:
    """The log to stderr, or to `file`; JSON lines when LOG_FORMAT=json."""
    configure(level, os.environ.get("LOG_FORMAT", "text"), file=file)


def sandbox_log_path(database: Path) -> Path:
    """The sandbox's log beside its database: sandbox.db logs to sandbox.log."""
    return database.with_suffix(".log")


def sandbox_logging(database: Path, level: str = "WARNING") -> Path:
    """Send the log, Python's warnings included, to a file beside the sandbox database:
    the terminal is the chat, and a warning printed into it reads as part of the
    conversation. Returns the file's path (the console's banner names it)."""
    path = sandbox_log_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    _logging(level, file=path)
    logging.captureWarnings(True)
    return path


def _run(args: argparse.Namespace) -> int:
    settings = load_settings(require_token=True)
    if getattr(args, "webhook", False) and not settings.webhook_url:
        raise ConfigError("WEBHOOK_URL: required by `run --webhook` (the Procfile's web: line)")
    from bot.app import create_app, run_polling, run_webhook

    _logging(os.environ.get("LOG_LEVEL", "INFO"))

    async def main() -> None:
        app = await create_app(settings)
        event_loop.settle_after_startup()
        if settings.webhook_url:
            await run_webhook(app)
        else:
            await run_polling(app)

    event_loop.run(main())
    return 0


def _sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.console import run_sandbox

    load_settings(require_token=False)  # a bad .env is reported before the console starts
    database = Path(args.db)
    log_path = sandbox_logging(database, os.environ.get("LOG_LEVEL", "WARNING"))
    with contextlib.suppress(KeyboardInterrupt):
        event_loop.run(run_sandbox(database, fresh=args.fresh, log_path=log_path))
    return 0


def _auto(args: argparse.Namespace) -> int:
    settings = load_settings(require_token=False)
    if settings.bot_token:
        return _run(args)
    print("BOT_TOKEN is not set: starting the local sandbox instead of Telegram.")
    return _sandbox(args)


def _backup(args: argparse.Namespace) -> int:
    from bot.backup import BackupError, backup

    settings = load_settings(require_token=False)
    try:
        done = backup(settings.database_path, Path(args.path))
    except BackupError as error:
        print(f"csobot: {error}", file=sys.stderr)
        return 2
    print(
        f"backed up {settings.database_path} to {done.path} "
        f"(schema version {done.version}, {done.size} bytes)"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from bot.backup import BackupError, restore

    settings = load_settings(require_token=False)
    try:
        done = restore(Path(args.path), settings.database_path)
    except BackupError as error:
        print(f"csobot: {error}", file=sys.stderr)
        return 2
    kept = f"; the replaced database is kept as {done.kept}" if done.kept else ""
    print(f"restored {args.path} to {done.path} (schema version {done.version}){kept}")
    return 0


def _i18n(args: argparse.Namespace) -> int:
    from bot.i18n_tools import run_catalog_command

    return run_catalog_command(args.action)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="csobot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot against Telegram (BOT_TOKEN required)")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="webhook mode only: refuse to start without WEBHOOK_URL",
    )
    sandbox = sub.add_parser("sandbox", help="the bot on a local emulator, in this terminal")
    for p in (parser, sandbox):
        p.add_argument("--db", default="sandbox.db", help="sandbox database (default sandbox.db)")
        p.add_argument("--fresh", action="store_true", help="start the sandbox from scratch")
    copy = sub.add_parser("backup", help="a consistent copy of the database, while the bot runs")
    copy.add_argument("path", help="where to write the copy")
    back = sub.add_parser("restore", help="check a backup and put it in place (bot stopped)")
    back.add_argument("path", help="the backup to restore")
    i18n = sub.add_parser("i18n", help="message catalogs: extract, update, compile, check")
    i18n.add_argument("action", choices=["extract", "update", "compile", "check"])
    args = parser.parse_args(argv)
    handlers = {
        "run": _run,
        "sandbox": _sandbox,
        "backup": _backup,
        "restore": _restore,
        "i18n": _i18n,
        None: _auto,
    }
    try:
        return handlers[args.command](args)
    except ConfigError as error:
        print(f"csobot: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
