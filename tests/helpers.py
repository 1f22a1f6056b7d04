"""Small helpers shared by the tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from bot.sandbox.emulator import Message
from bot.sandbox.harness import SandboxHarness


def tr(sandbox: SandboxHarness, msgid: str, locale: str, **fmt: Any) -> str:
    """The catalog's text for `msgid` in `locale` (what a reader of that language sees)."""
    assert sandbox.app is not None
    text = sandbox.app.i18n.gettext(msgid, locale=locale)
    return text.format(**fmt) if fmt else text


def buttons(message: Message) -> list[str]:
    return [b["text"] for b in message.buttons()]


def db_rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    """Read the bot's database the way an auditor would, outside the bot."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()
