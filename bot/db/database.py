"""SQLite in WAL mode on two connections, its statements run on the event loop's thread.

- one writes: `transaction()` takes an asyncio lock and holds it for the whole block, so
  concurrent tasks never interleave statements inside each other's transactions;
  everything the block does (in the same task), reads included, runs on that connection.
  A single statement outside a transaction takes the same lock for its own turn, so the
  process's writes queue in order on the lock and never wait in SQLite's busy handler for
  each other (its waits are sleeps of 1 to 100 ms that a released lock does not cut short:
  a second writing connection made an update wait that long behind another's state write);
- reads outside a transaction run on a read-only connection and see every committed write
  (WAL), without waiting for writers.

Where the statements run: SQLite answers an update's keyed statements in tens of
microseconds, and a trip to a worker thread (aiosqlite's way) costs far more: two wake-ups,
and, while the loop is busy with other updates, a wait of up to the interpreter's switch
interval (5 ms) for the GIL at each step of the statement, with the write lock held and
every other update's write queued behind it. So statements run on the loop's own thread,
with SQLite's busy timeout at 0 there: they never sleep in its busy handler. One that meets
another process's lock (a `csobot` command's transaction, a backup) runs again on the
connection's own thread (aiosqlite), waiting for that lock up to `BUSY_TIMEOUT_MS` while
the loop goes on; so do the migrations and the checkpoint, which may take long. Whatever
comes next on that connection waits for such work to finish, in order.
"""

from __future__ import annotations

import asyncio
import contextvars
import fcntl
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Any

import aiosqlite

from bot.config import ConfigError

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]
BUSY_TIMEOUT_MS = 10_000  # how long a statement waits for another process's write (off the loop)
# Statements never make a task let the loop go (see the module's doc): one that runs many in
# a row (a digest for everyone, a long export) lets the others' updates run after this long.
TURN_S = 0.005


class DatabaseTooNew(ConfigError):
    """The database was written by a newer version of the bot: running this code on it
    could undo what the newer one did."""


def lock_path(path: Path | str) -> Path:
    """The file every process using the database holds a shared lock on: `csobot restore`
    takes it exclusively, so it never replaces a database a running bot has open."""
    return Path(f"{path}.lock")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    """The statement met another connection's lock (and, having waited 0 ms, did not run)."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def _patiently(conn: sqlite3.Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """`fn(conn, *args)` waiting up to `BUSY_TIMEOUT_MS` for other processes' locks (on the
    connection's own thread, never on the loop's)."""
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}").close()
    try:
        return fn(conn, *args)
    finally:
        conn.execute("PRAGMA busy_timeout=0").close()


def _rows(conn: sqlite3.Connection, sql: str, params: Params) -> list[sqlite3.Row]:
    """One statement run to its end (an unfinished one would keep its snapshot): its rows."""
    cur = conn.execute(sql, params)
    try:
        return cur.fetchall()
    finally:
        cur.close()


def _run(conn: sqlite3.Connection, sql: str, params: Params, insert: bool) -> int:
    """One statement: the last row id (INSERT) or the row count."""
    cur = conn.execute(sql, params)
    try:
        return int((cur.lastrowid if insert else cur.rowcount) or 0)
    finally:
        cur.close()


def _as_one(conn: sqlite3.Connection, work: Callable[[], None], transaction: bool) -> None:
    """`work()`, in a transaction of its own (all or nothing) when `transaction`."""
    if not transaction:
        work()
        return
    conn.execute("BEGIN IMMEDIATE").close()
    try:
        work()
        conn.execute("COMMIT").close()
    except BaseException:
        _rollback_if_open(conn)
        raise


def _run_all(
    conn: sqlite3.Connection, statements: Sequence[tuple[str, Params]], transaction: bool
) -> None:
    def work() -> None:
        for sql, params in statements:
            conn.execute(sql, params).close()

    _as_one(conn, work, transaction)


def _many(conn: sqlite3.Connection, sql: str, rows: list[Params], transaction: bool) -> None:
    """One statement for each of `rows`; all or none of them when `transaction`."""
    _as_one(conn, lambda: conn.executemany(sql, rows).close(), transaction)


def _rollback_if_open(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK").close()


def _checkpoint_now(conn: sqlite3.Connection) -> int:
    """PRAGMA wal_checkpoint(TRUNCATE) without waiting for a moment with no reader (the
    connection's busy timeout is 0): 0 when the log was emptied."""
    cur = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:
        return int(cur.fetchone()[0])
    finally:
        cur.close()


class Database:
    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        # one connection writes, its writes ordered by `_lock`: a write never waits in
        # SQLite's busy handler (sleeps of 1 to 100 ms, not woken when the lock is free)
        # for another write of this process
        self._conn = writer
        self._reader = reader
        self._lock = asyncio.Lock()
        self._holder: IO[bytes] | None = None
        self._in_tx: contextvars.ContextVar[bool] = contextvars.ContextVar(
            f"db_tx_{id(self)}", default=False
        )
        self._on_commit: contextvars.ContextVar[list[Callable[[], None]] | None] = (
            contextvars.ContextVar(f"db_commit_{id(self)}", default=None)
        )
        self._fsm_listeners: list[Callable[[], None]] = []
        # work still under way on each connection's own thread: what comes next on that
        # connection goes there too, after it, rather than meet it on the loop's thread
        self._away: dict[aiosqlite.Connection, set[asyncio.Future[Any]]] = {
            writer: set(),
            reader: set(),
        }
        self._turn_began: float | None = None  # this turn of the loop's first statement

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        holder = None
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            holder = lock_path(path).open("ab")
            fcntl.flock(holder, fcntl.LOCK_SH)
        opened: list[aiosqlite.Connection] = []
        try:
            opened.append(await cls._connect(path))
            await opened[0].execute_fetchall("PRAGMA journal_mode=WAL")
            opened.append(await cls._connect(path))
            await opened[1].execute_fetchall("PRAGMA query_only=ON")
            db = cls(*opened)
            db._holder = holder
            await db.migrate()
            # from here on statements run on the loop's thread, which must never sleep in
            # SQLite's busy handler: see `_call`
            for conn in opened:
                await conn.execute_fetchall("PRAGMA busy_timeout=0")
        except BaseException:
            # aiosqlite's worker threads would otherwise keep the process alive
            for conn in opened:
                await conn.close()
            if holder is not None:
                holder.close()
            raise
        return db

    @staticmethod
    async def _connect(path: Path | str) -> aiosqlite.Connection:
        # the connection is made on aiosqlite's thread and used on the loop's too (`_call`)
        conn = await aiosqlite.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        # execute_fetchall runs each statement to its end: an unfinished PRAGMA statement
        # would keep the file locked against the other connections.
        # secure_delete: what is deleted or overwritten is zeroed in the file, not left in
        # free pages (/forget, and an anonymous poll's counters as they were).
        pragmas = (
            f"busy_timeout={BUSY_TIMEOUT_MS}",
            "foreign_keys=ON",
            "synchronous=NORMAL",
            "secure_delete=ON",
        )
        for pragma in pragmas:
            await conn.execute_fetchall(f"PRAGMA {pragma}")
        return conn

    async def checkpoint(self, attempts: int = 3, pause_s: float = 0.1) -> bool:
        """Write the write-ahead log into the database and empty it. The log keeps each
        transaction's pages together (an anonymous answer's participation row next to the
        counters it raised) until then; the tick runs this every minute.

        It never waits for readers: it holds the transactions' lock, and waiting in
        SQLite's busy handler for a moment with no reader (seconds, under load) would hold
        every write of every update up with it. An attempt that finds a reader copies what
        it can and stops; the next runs once the lock has been let go. Whether the log was
        emptied; if not, the next tick tries again."""
        for attempt in range(attempts):
            if attempt:
                await asyncio.sleep(pause_s)
            async with self._lock:
                if await self._off_loop(self._conn, _checkpoint_now) == 0:
                    return True
        log.info("write-ahead log not emptied (readers were busy); the next tick retries")
        return False

    async def _call(self, conn: aiosqlite.Connection, fn: Callable[..., Any], *args: Any) -> Any:
        """`fn(sqlite3 connection, *args)` on the loop's thread; on the connection's own
        thread when it meets another process's lock (it did not run: it runs again there,
        waiting for the lock) or when work is still under way there (then after it)."""
        if self._turn_is_over():
            await asyncio.sleep(0)  # the others' turn
            self._turn_is_over()
        if not self._away[conn]:
            try:
                return fn(conn._conn, *args)
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
        return await self._off_loop(conn, _patiently, fn, args)

    def _turn_is_over(self) -> bool:
        """Whether statements have been running for longer than `TURN_S` since the loop last
        turned (what a task does between two of its statements counts too)."""
        now = time.perf_counter()
        if self._turn_began is None:
            self._turn_began = now
            asyncio.get_running_loop().call_soon(self._turn_ended)  # when the task lets go
            return False
        return now - self._turn_began > TURN_S

    def _turn_ended(self) -> None:
        self._turn_began = None

    async def _off_loop(
        self, conn: aiosqlite.Connection, fn: Callable[..., Any], *args: Any
    ) -> Any:
        """`fn(sqlite3 connection, *args)` on the connection's own thread, in one trip
        (aiosqlite's queue). It runs to its end even if the caller is cancelled meanwhile, and
        until then the connection's next statements queue behind it."""
        work = asyncio.ensure_future(conn._execute(fn, conn._conn, *args))
        away = self._away[conn]
        away.add(work)
        work.add_done_callback(away.discard)
        return await asyncio.shield(work)

    async def close(self) -> None:
        for away in self._away.values():
            if away:
                await asyncio.wait(set(away))
        await self._reader.close()
        await self._conn.close()
        if self._holder is not None:
            self._holder.close()  # and with it the lock
            self._holder = None

    @asynccontextmanager
    async def _access(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writing connection: the caller's transaction's, or its own turn of it for a
        statement outside any transaction (committed on its own)."""
        if self._in_tx.get():
            yield self._conn
            return
        async with self._lock:
            yield self._conn

    def _read_connection(self) -> aiosqlite.Connection:
        return self._conn if self._in_tx.get() else self._reader

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK when the block raises."""
        if self._in_tx.get():
            yield  # nested: part of the outer transaction
            return
        callbacks: list[Callable[[], None]] = []
        async with self._lock:
            token = self._in_tx.set(True)
            hooks = self._on_commit.set(callbacks)
            committed = False
            try:
                await self._call(self._conn, _run, "BEGIN IMMEDIATE", (), False)
                yield
                await self._call(self._conn, _run, "COMMIT", (), False)
                committed = True
            finally:
                # Whatever stopped the block (an error, a cancellation while BEGIN waited for
                # the lock, a failed COMMIT), the connection must not stay in a transaction.
                if not committed:
                    await self._rollback()
                self._on_commit.reset(hooks)
                self._in_tx.reset(token)
        for callback in callbacks:
            callback()

    async def _rollback(self) -> None:
        try:
            # through `_call`: after a BEGIN still under way on the connection's thread
            await self._call(self._conn, _rollback_if_open)
        except (sqlite3.Error, ValueError):
            log.exception("rolling back failed")

    @property
    def in_transaction(self) -> bool:
        return self._in_tx.get()

    def require_transaction(self) -> None:
        """Writes of several statements belong to the caller's transaction: one user action,
        one transaction, opened by the service."""
        if not self._in_tx.get():
            raise RuntimeError("this write must run inside a transaction")

    def on_fsm_change(self, listener: Callable[[], None]) -> None:
        """`listener` runs whenever conversation state is changed other than through the
        FSM storage (which remembers what it stored)."""
        self._fsm_listeners.append(listener)

    def fsm_changed(self) -> None:
        for listener in self._fsm_listeners:
            listener()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the current transaction has committed (not if it rolls
        back); right away outside a transaction."""
        callbacks = self._on_commit.get()
        if callbacks is None:
            callback()
        else:
            callbacks.append(callback)

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the last row id (for INSERT) or the row count."""
        async with self._access() as conn:
            insert = sql.lstrip()[:6].upper() == "INSERT"
            return await self._call(conn, _run, sql, params, insert)

    async def rowcount(self, sql: str, params: Params = ()) -> int:
        async with self._access() as conn:
            return await self._call(conn, _run, sql, params, False)

    async def write_together(self, statements: Sequence[tuple[str, Params]]) -> None:
        """Statements that are one change, run as one transaction (or as part of the
        caller's) in a single trip to the database's thread: for small frequent writes (the
        conversation state of each update) where each statement's own trip would cost more
        than the statement."""
        if self._in_tx.get():
            # inside the caller's transaction, which holds the write lock: none of them can
            # meet another process's lock (and be run twice by `_call`)
            await self._call(self._conn, _run_all, statements, False)
            return
        async with self._lock:
            await self._call(self._conn, _run_all, statements, True)

    async def returning(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """A writing statement with RETURNING: its rows, on the writing connection."""
        async with self._access() as conn:
            return await self._call(conn, _rows, sql, params)  # type: ignore[no-any-return]

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """One statement for each of `rows`: part of the caller's transaction, or one of
        its own (all or none of them)."""
        rows = list(rows)
        if self._in_tx.get():
            await self._call(self._conn, _many, sql, rows, False)
            return
        async with self._lock:
            await self._call(self._conn, _many, sql, rows, True)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return await self._call(self._read_connection(), _rows, sql, params)  # type: ignore[no-any-return]

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def migrate(self) -> int:
        """Apply the numbered migrations above `PRAGMA user_version`, each in a transaction."""
        async with self._lock:
            conn = self._conn
            current = (await conn.execute_fetchall("PRAGMA user_version"))[0][0]
            migrations = available_migrations()
            latest = migrations[-1][0] if migrations else 0
            if current > latest:
                raise DatabaseTooNew(too_new(current, latest))
            for version, name, sql in migrations:
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
            await conn.execute_fetchall("PRAGMA foreign_keys=ON")
            return current


def too_new(version: int, latest: int) -> str:
    return (
        f"DATABASE_PATH: the database is at schema version {version}, newer than this "
        f"code knows ({latest}): run the newer version of the bot, or restore a backup"
    )


def latest_version() -> int:
    return available_migrations()[-1][0]


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
