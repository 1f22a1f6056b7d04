"""The store: WAL, foreign keys, ordered idempotent migrations, each in a transaction."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

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


async def test_a_transaction_that_raises_leaves_nothing(tmp_path):
    db = await Database.open(tmp_path / "c.db")
    calls = []
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, 'x', 'x')")
            db.after_commit(lambda: calls.append("committed"))
            raise RuntimeError("halfway")
    assert await db.fetchval("SELECT COUNT(*) FROM users") == 0
    assert calls == [], "what waits for the commit does not run after a rollback"
    await db.close()


async def test_concurrent_transactions_run_one_after_the_other(tmp_path):
    """Read-modify-write in many tasks at once: with interleaving, increments would be lost."""
    db = await Database.open(tmp_path / "d.db")
    await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, '0', 'x')")
    inside: list[int] = []

    async def increment() -> None:
        async with db.transaction():
            inside.append(1)
            assert len(inside) == 1, "no other transaction is inside at the same time"
            value = int(await db.fetchval("SELECT created_at FROM users WHERE id = 1"))
            await asyncio.sleep(0)  # give the others every chance to interleave
            await db.execute("UPDATE users SET created_at = ? WHERE id = 1", (str(value + 1),))
            inside.pop()

    await asyncio.gather(*(increment() for _ in range(50)))
    assert await db.fetchval("SELECT created_at FROM users WHERE id = 1") == "50"
    await db.close()


async def test_a_write_outside_a_transaction_waits_its_turn_not_in_sqlites_busy_handler(
    tmp_path, monkeypatch
):
    """With no busy timeout at all, a single write that comes while a transaction is open
    (an update's own change while another's conversation state is being written) still
    goes through, right after the transaction: the process's writes queue on one lock, in
    order, instead of meeting SQLite's lock and sleeping in its busy handler (or, with no
    timeout, failing at once with "database is locked")."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 0)
    db = await Database.open(tmp_path / "w.db")
    transaction_open = asyncio.Event()

    async def outside() -> None:
        await transaction_open.wait()
        await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (2, '0', 'x')")

    writer = asyncio.create_task(outside())  # made outside the transaction below
    async with db.transaction():
        await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, '0', 'x')")
        transaction_open.set()
        # time enough for a write that does not wait its turn to hit SQLite's lock
        done, _pending = await asyncio.wait({writer}, timeout=0.5)
        assert not done, "the outside write waits for the transaction"
    await writer
    assert [row[0] for row in await db.fetchall("SELECT id FROM users ORDER BY id")] == [1, 2]
    await db.close()


async def test_reads_outside_a_transaction_see_only_what_was_committed(tmp_path):
    db = await Database.open(tmp_path / "e.db")
    seen: list[int] = []
    committed: list[str] = []
    started = asyncio.Event()
    proceed = asyncio.Event()

    async def writer() -> None:
        async with db.transaction():
            await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (7, 'x', 'x')")
            assert await db.fetchval("SELECT COUNT(*) FROM users") == 1, "its own write"
            db.after_commit(lambda: committed.append("after"))
            started.set()
            await proceed.wait()

    task = asyncio.create_task(writer())
    await started.wait()
    seen.append(await db.fetchval("SELECT COUNT(*) FROM users"))
    proceed.set()
    await task
    seen.append(await db.fetchval("SELECT COUNT(*) FROM users"))
    assert seen == [0, 1]
    assert committed == ["after"]
    await db.close()


async def test_multi_statement_writes_refuse_to_run_outside_a_transaction(tmp_path):
    db = await Database.open(tmp_path / "f.db")
    with pytest.raises(RuntimeError, match="inside a transaction"):
        db.require_transaction()
    await db.close()


async def test_the_checkpoint_never_waits_for_a_reader_and_empties_the_log_after(
    tmp_path, monkeypatch
):
    # Were the checkpoint to wait for a moment with no reader, it would hold every write
    # up behind the transactions' lock for as long as readers kept coming (seconds under
    # load); here it would wait for this reader until the time-out below.
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 60_000)
    path = tmp_path / "c.db"
    db = await Database.open(path)
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        await db.execute("CREATE TABLE answers (x INTEGER)")
        async with db.transaction():
            await db.execute("INSERT INTO answers VALUES (1)")
        reader.execute("BEGIN")
        assert reader.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1  # a snapshot
        async with db.transaction():
            await db.execute("INSERT INTO answers VALUES (2)")

        emptied = await asyncio.wait_for(db.checkpoint(pause_s=0), timeout=20)
        assert emptied is False
        # the lock is free: the next update's write goes through while the reader reads on
        async with db.transaction():
            await db.execute("INSERT INTO answers VALUES (3)")
        assert reader.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1

        reader.execute("COMMIT")
        assert await asyncio.wait_for(db.checkpoint(), timeout=20) is True
        assert (tmp_path / "c.db-wal").stat().st_size == 0  # nothing of the answers left in it
        assert await db.fetchval("SELECT COUNT(*) FROM answers") == 3
    finally:
        reader.close()  # a checkpoint still waiting for it (the defect) can finish
        await db.close()


async def test_statements_run_on_the_loops_own_thread(tmp_path):
    """No trip to a worker thread for an update's statements (a trip costs more than the
    statement, and waits for the GIL while the loop is busy with other updates)."""
    db = await Database.open(tmp_path / "t.db")
    loop_thread = threading.get_ident()
    try:
        for conn in (db._conn, db._reader):
            conn._conn.create_function(
                "on_loop", 0, lambda: int(threading.get_ident() == loop_thread)
            )
        assert await db.fetchval("SELECT on_loop()") == 1
        await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (on_loop(), 0, 0)")
        async with db.transaction():
            assert await db.fetchval("SELECT on_loop()") == 1
            await db.execute("UPDATE users SET created_at = on_loop() WHERE id = 1")
        await db.write_together([("UPDATE users SET updated_at = on_loop() WHERE id = 1", ())])
        row = await db.fetchone("SELECT id, created_at, updated_at FROM users")
        assert tuple(row) == (1, "1", "1")  # text columns
    finally:
        await db.close()


async def test_a_write_that_meets_another_processs_lock_waits_for_it_off_the_loop(tmp_path):
    """A `csobot` command holding the write lock: the bot's write waits for it on the
    connection's thread, never in SQLite's busy handler on the loop's (which would stop
    every other update until then); reads go on meanwhile, and the write lands after."""
    path = tmp_path / "o.db"
    db = await Database.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO users (id, created_at, updated_at) VALUES (1, 'x', 'x')")
        write = asyncio.create_task(
            db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (2, 'x', 'x')")
        )
        await asyncio.sleep(0)  # the write starts and meets the lock
        # had it waited on the loop's thread, it would have finished by now (failed, after
        # the busy timeout), and nothing else could have run meanwhile
        assert not write.done()
        assert await db.fetchval("SELECT COUNT(*) FROM users") == 0  # reads go on
        other.execute("COMMIT")
        await asyncio.wait_for(write, timeout=20)
        assert [r[0] for r in await db.fetchall("SELECT id FROM users ORDER BY id")] == [1, 2]
    finally:
        other.close()
        await db.close()


async def test_a_transaction_cancelled_while_it_waits_for_another_processs_lock(tmp_path):
    """Cancelled while its BEGIN waits off the loop for another process's lock: once that
    BEGIN has run, it is rolled back (not left open for the next transaction to run in),
    and the next transaction goes through."""
    path = tmp_path / "x.db"
    db = await Database.open(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")

        async def action() -> None:
            async with db.transaction():
                await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (5, 0, 0)")

        task = asyncio.create_task(action())
        await asyncio.sleep(0)  # its BEGIN waits for the lock
        task.cancel()
        for _ in range(3):
            await asyncio.sleep(0)  # the cancellation reaches it: it rolls back what it began
        other.execute("COMMIT")
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=20)
        async with db.transaction():
            await db.execute("INSERT INTO users (id, created_at, updated_at) VALUES (6, 0, 0)")
        assert [r[0] for r in await db.fetchall("SELECT id FROM users")] == [6]
        check = sqlite3.connect(path)  # committed, seen from outside
        assert check.execute("SELECT id FROM users").fetchall() == [(6,)]
        check.close()
    finally:
        other.close()
        await db.close()


async def test_a_long_run_of_statements_lets_other_tasks_run_between_them(tmp_path, monkeypatch):
    """Statements on the loop's thread do not make a task let the loop go; a task that runs
    many in a row (a digest for everyone) still lets the others' updates run, once it has
    held the loop for `TURN_S` (here at once)."""
    monkeypatch.setattr(database, "TURN_S", 0.0)
    db = await Database.open(tmp_path / "r.db")
    order: list[str] = []

    async def reads(name: str) -> None:
        for _ in range(3):
            await db.fetchval("SELECT 1")
            order.append(name)

    try:
        await asyncio.gather(reads("a"), reads("b"))
        one_then_the_other = (["a"] * 3 + ["b"] * 3, ["b"] * 3 + ["a"] * 3)
        assert order not in one_then_the_other, "they take turns"
    finally:
        await db.close()
