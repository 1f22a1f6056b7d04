"""`csobot backup` while a broadcast is being sent gives a consistent copy in which every
message is either sent or still queued; `csobot restore` checks a file before putting it
in place, refuses while a bot has the database open, and keeps what it replaces; a
database newer than the code stops start-up with one clear line."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.backup import BackupError, backup, restore
from bot.cli import main
from bot.db.database import Database, DatabaseTooNew
from bot.domain.outbox import OutgoingMessage
from bot.sandbox.harness import SandboxHarness
from bot.services.pacing import Pacer
from bot.ui.html import Markup
from tests.conftest import ADMIN_ID

RECIPIENTS = 300


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def test_a_backup_under_a_running_broadcast_restores_consistent(tmp_path: Path):
    live = tmp_path / "bot.db"
    async with SandboxHarness(
        live,
        admin_ids=frozenset({ADMIN_ID}),
        pacer=lambda: Pacer(rate_per_s=150.0, per_chat_gap_s=0.0),
    ) as sandbox:
        services = sandbox.app.services
        now = sandbox.clock()
        for uid in range(50_001, 50_001 + RECIPIENTS):
            sandbox.emulator.person(uid, f"Member {uid}", "en").started = True
            await services.people.identify(uid, "en", now)
        async with sandbox.app.db.transaction():
            queued = await services.outbox.queue(
                "event.message",
                list(range(50_001, 50_001 + RECIPIENTS)),
                lambda _l, _z: _message(),
                now,
            )
        assert queued.count == RECIPIENTS

        async def sent() -> int:
            return int(
                await sandbox.app.db.fetchval("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
            )

        for _ in range(3000):  # a minute at most
            if await sent() >= 20:
                break
            await asyncio.sleep(0.02)
        copy = await asyncio.to_thread(backup, live, tmp_path / "backups" / "bot-1.db")
        await sandbox.app.sender.drained(timeout=60)
        assert await sent() == RECIPIENTS

        # restoring over the live database is refused while the bot has it open
        with pytest.raises(BackupError, match="open in a running bot"):
            restore(copy.path, live)

    assert copy.version == _rows(copy.path, "PRAGMA user_version")[0][0] > 0
    restored = tmp_path / "restored" / "bot.db"
    done = restore(copy.path, restored)
    assert done.kept is None
    assert _rows(restored, "PRAGMA integrity_check") == [("ok",)]
    statuses = dict(_rows(restored, "SELECT status, COUNT(*) FROM outbox GROUP BY status"))
    assert set(statuses) <= {"sent", "queued"}, "nothing half-done"
    assert sum(statuses.values()) == RECIPIENTS
    assert 20 <= statuses.get("sent", 0) <= RECIPIENTS
    # the bot opens the restored copy and would go on with what was queued
    db = await Database.open(restored)
    assert await db.fetchval("SELECT COUNT(*) FROM outbox") == RECIPIENTS
    await db.close()

    # the bot stopped: restore replaces the live database and keeps the old one beside it
    again = restore(copy.path, live)
    assert again.kept is not None and again.kept.exists()
    assert not Path(f"{live}-wal").exists(), "the old log went with the old database"
    assert _rows(live, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == [
        (statuses.get("sent", 0),)
    ]


def _message() -> OutgoingMessage:
    return OutgoingMessage(str(Markup("📣 The school starts on Monday.")), None)


async def test_restore_refuses_a_broken_or_foreign_or_newer_file(
    tmp_path: Path, capsys, monkeypatch
):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a database"):
        restore(garbage, tmp_path / "bot.db")

    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="schema version 0"):
        restore(foreign, tmp_path / "bot.db")

    newer = tmp_path / "newer.db"
    db = await Database.open(newer)
    await db.close()
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(BackupError, match="newer than this code"):
        restore(newer, tmp_path / "bot.db")
    assert not (tmp_path / "bot.db").exists(), "nothing was put in place"

    # and the bot refuses to start on it, in one line
    with pytest.raises(DatabaseTooNew, match="schema version 999, newer than this code"):
        await Database.open(newer)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(newer))
    assert main(["restore", str(garbage)]) == 2
    assert capsys.readouterr().err.startswith("csobot: ")


async def test_the_cli_backs_up_and_restores(tmp_path: Path, capsys, monkeypatch):
    live = tmp_path / "bot.db"
    db = await Database.open(live)
    await db.execute(
        "INSERT INTO users (id, created_at, updated_at) VALUES (7, '2026-01-01', '2026-01-01')"
    )
    await db.close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(live))
    assert main(["backup", str(tmp_path / "b.db")]) == 0, capsys.readouterr().err
    assert "backed up" in capsys.readouterr().out
    live.unlink()
    assert main(["restore", str(tmp_path / "b.db")]) == 0
    assert "restored" in capsys.readouterr().out
    assert _rows(live, "SELECT id FROM users") == [(7,)]
