"""The log: one line per handled update (its id, the person's id, what kind of update, the
handler that took it, how long it took), readable text or JSON lines (`LOG_FORMAT=json`).
Never a name, a username, a phone number or anything a person typed: ids only."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import BaseMiddleware, Dispatcher
from aiogram.types import TelegramObject, Update

log = logging.getLogger("bot.updates")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_FIELDS = ("update_id", "user_id", "event", "handler", "duration_ms", "outcome")


class JsonFormatter(logging.Formatter):
    """A JSON object per line: time, level, logger, message, the update's fields when the
    line is about one, the exception's type and traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in _FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(level: str, log_format: str = "text", *, file: Path | None = None) -> None:
    """The log to stderr, or to `file` (appended to) instead; JSON lines or text."""
    handler: logging.Handler = (
        logging.StreamHandler() if file is None else logging.FileHandler(file, encoding="utf-8")
    )
    if log_format.lower() == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        handlers=[handler],
        # a file replaces whatever handler is there: nothing of the log goes to the terminal
        force=file is not None,
    )
    # aiogram's own line per update names no handler; ours does
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)


class _HandlerName(BaseMiddleware):
    """Inner: notes which handler took the event, for the update's line."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        found = data.get("handler")
        note = data.get("_log_line")
        if found is not None and note is not None:
            callback = getattr(found, "callback", None)
            note["handler"] = (
                f"{getattr(callback, '__module__', '?')}.{getattr(callback, '__qualname__', '?')}"
            )
        return await handler(event, data)


class UpdateLog(BaseMiddleware):
    """Outer, on updates: one line per update once it is handled (or failed)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        note: dict[str, str] = {}
        data["_log_line"] = note
        started = time.perf_counter()
        outcome = "failed"
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is _unhandled() else "ok"
            return result
        finally:
            elapsed = round((time.perf_counter() - started) * 1000, 1)
            user = data.get("event_from_user")
            update_id = event.update_id if isinstance(event, Update) else None
            kind = event.event_type if isinstance(event, Update) else type(event).__name__
            name = note.get("handler", "-")
            log.info(
                "update %s user %s %s: %s, %s in %.1f ms",
                update_id,
                user.id if user is not None else "-",
                kind,
                name,
                outcome,
                elapsed,
                extra={
                    "update_id": update_id,
                    "user_id": user.id if user is not None else None,
                    "event": kind,
                    "handler": name,
                    "duration_ms": elapsed,
                    "outcome": outcome,
                },
            )


def _unhandled() -> object:
    from aiogram.dispatcher.event.bases import UNHANDLED

    return UNHANDLED


def install(dp: Dispatcher) -> None:
    dp.update.outer_middleware(UpdateLog())
    for name, observer in dp.observers.items():
        if name not in ("update", "error"):
            observer.middleware(_HandlerName())
