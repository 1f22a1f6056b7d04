"""One aiosqlite connection in WAL mode, shared by the process, with serialized access.

aiosqlite runs every statement on one thread; concurrent tasks would otherwise interleave
their statements inside each other's transactions. Every call therefore takes a lock, and
`transaction()` holds it for the whole block; calls made inside the block (in the same task)
run in that transaction without taking the lock again.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]


class Database:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self._in_tx: contextvars.ContextVar[bool] = contextvars.ContextVar(
            f"db_tx_{id(self)}", default=False
        )

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA synchronous=NORMAL")
        await conn.execute("PRAGMA busy_timeout=5000")
        db = cls(conn)
        await db.migrate()
        return db

    async def close(self) -> None:
        await self._conn.close()

    @asynccontextmanager
    async def _access(self) -> AsyncIterator[aiosqlite.Connection]:
        if self._in_tx.get():
            yield self._conn
            return
        async with self._lock:
            yield self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK when the block raises."""
        if self._in_tx.get():
            yield  # nested: part of the outer transaction
            return
        async with self._lock:
            token = self._in_tx.set(True)
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    await self._conn.execute("ROLLBACK")
                    raise
                await self._conn.execute("COMMIT")
            finally:
                self._in_tx.reset(token)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the last row id (for INSERT) or the row count."""
        async with self._access() as conn:
            cur = await conn.execute(sql, params)
            result = cur.lastrowid if sql.lstrip()[:6].upper() == "INSERT" else cur.rowcount
            await cur.close()
            return int(result or 0)

    async def rowcount(self, sql: str, params: Params = ()) -> int:
        async with self._access() as conn:
            cur = await conn.execute(sql, params)
            count = cur.rowcount
            await cur.close()
            return count

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._access() as conn:
            await conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._access() as conn, conn.execute(sql, params) as cur:
            return await cur.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._access() as conn, conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def migrate(self) -> int:
        """Apply the numbered migrations above `PRAGMA user_version`, each in a transaction."""
        async with self._access() as conn:
            current = (await (await conn.execute("PRAGMA user_version")).fetchone())[0]
            for version, name, sql in available_migrations():
                if version <= current:
                    continue
                log.info("applying migration %s", name)
                try:
                    await conn.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {version};\nCOMMIT;"
                    )
                except sqlite3.Error:
                    if conn.in_transaction:
                        await conn.execute("ROLLBACK")
                    raise
                current = version
            await conn.execute("PRAGMA foreign_keys=ON")
            return current


def available_migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every `NNNN_name.sql`, ordered by version."""
    folder = resources.files("bot.db") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps, found {versions}")
    return found
