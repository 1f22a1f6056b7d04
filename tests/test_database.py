"""The store: WAL, foreign keys, ordered idempotent migrations, each in a transaction."""

from __future__ import annotations

import sqlite3

import pytest

from bot.db import database
from bot.db.database import Database, available_migrations


async def test_migrations_apply_once_in_order(tmp_path):
    path = tmp_path / "a.db"
    db = await Database.open(path)
    version = await db.fetchval("PRAGMA user_version")
    assert version == len(available_migrations())
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    await db.close()
    again = await Database.open(path)  # a second start applies nothing
    assert await again.fetchval("PRAGMA user_version") == version
    assert await again.fetchval("SELECT COUNT(*) FROM themes") == 17
    await again.close()


async def test_a_failing_migration_leaves_nothing_behind(tmp_path, monkeypatch):
    good = available_migrations()
    broken = (
        len(good) + 1,
        f"{len(good) + 1:04d}_broken.sql",
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);",
    )
    monkeypatch.setattr(database, "available_migrations", lambda: [*good, broken])
    with pytest.raises(sqlite3.OperationalError):
        await Database.open(tmp_path / "b.db")
    conn = sqlite3.connect(tmp_path / "b.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(good)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    conn.close()


async def test_transactions_roll_back_and_serialize(tmp_path):
    db = await Database.open(tmp_path / "c.db")
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, 'x', 'x')")
            raise RuntimeError("halfway")
    assert await db.fetchval("SELECT COUNT(*) FROM users") == 0
    await db.close()
