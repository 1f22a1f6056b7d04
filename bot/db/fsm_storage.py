"""aiogram FSM storage in the bot's SQLite database.

aiogram-dialog keeps its stacks and contexts through the same storage (under their own
`destiny`), so both plain FSM forms and dialogs survive a restart of the bot.

One process owns the database (see `Database`'s lock), so the storage remembers what each
key holds (a bounded, least-recently-used map): a read it knows costs no query, and a write
of what is already stored (aiogram-dialog saves the stack and the context after every
update, changed or not; aiogram clears an empty state) costs nothing. Whoever changes the
table behind its back (`/forget`'s erasure) calls `Database.fsm_changed()`, which empties
the map. Within an update (`batch()`, opened by `bot.middlewares.person`) the writes are
kept and written at its end in one transaction, behind the same lock as the business
transactions rather than in SQLite's busy handler beside them.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.db.database import Database

_KEY_WHERE = (
    "bot_id = ? AND chat_id = ? AND user_id = ? AND thread_id = ? AND business_id = ? "
    "AND destiny = ?"
)


def _key(key: StorageKey) -> tuple[Any, ...]:
    return (
        key.bot_id,
        key.chat_id,
        key.user_id,
        key.thread_id or 0,
        key.business_connection_id or "",
        key.destiny,
    )


_UPSERT = (
    "INSERT INTO fsm_storage (bot_id, chat_id, user_id, thread_id, business_id, destiny, "
    "state, data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (bot_id, chat_id, user_id, thread_id, business_id, destiny) "
    "DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at"
)
_DIALOG_DESTINY = "aiogd:"
_ABSENT = (None, None)  # a key with no row: no state, no data
Row = tuple[str | None, str | None]  # (state, data as JSON)


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database, remember: int = 30_000) -> None:
        self._db = db
        self._remember = remember
        self._known: OrderedDict[tuple[Any, ...], Row] = OrderedDict()
        self._pending: ContextVar[dict[tuple[Any, ...], Row] | None] = ContextVar(
            f"fsm_pending_{id(self)}", default=None
        )
        db.on_fsm_change(self._known.clear)

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[None]:
        """The writes of one update, kept and written together at its end in one
        transaction (aiogram-dialog saves the stack and each context separately)."""
        if self._pending.get() is not None:
            yield
            return
        pending: dict[tuple[Any, ...], Row] = {}
        token = self._pending.set(pending)
        try:
            yield
        finally:
            self._pending.reset(token)
            if pending:
                await self._write(pending)

    async def _row(self, key: StorageKey) -> Row:
        k = _key(key)
        pending = self._pending.get()
        if pending is not None and k in pending:
            return pending[k]
        known = self._known.get(k)
        if known is not None:
            self._known.move_to_end(k)
            return known
        found = await self._db.fetchone(
            f"SELECT state, data FROM fsm_storage WHERE {_KEY_WHERE}", k
        )
        row: Row = _ABSENT if found is None else (found["state"], found["data"])
        self._keep(k, row)
        return row

    def _keep(self, k: tuple[Any, ...], row: Row) -> None:
        self._known[k] = row
        self._known.move_to_end(k)
        while len(self._known) > self._remember:
            self._known.popitem(last=False)

    async def _upsert(self, key: StorageKey, column: str, value: str | None) -> None:
        if value == "{}":
            value = None
        k = _key(key)
        pending = self._pending.get()
        if (
            column == "data"
            and key.destiny.startswith(_DIALOG_DESTINY)
            and k not in self._known
            and (pending is None or k not in pending)
        ):
            # aiogram-dialog's stacks and contexts keep no state, only data, and a context
            # it saves unseen is mostly one it has just made (a new random id): written
            # without asking first what is stored
            state, data = None, None
        else:
            state, data = await self._row(key)
            if (state if column == "state" else data) == value:
                return  # stored already
        changed: Row = (value, data) if column == "state" else (state, value)
        if pending is not None:
            pending[k] = changed
            self._keep(k, changed)
            return
        await self._write({k: changed})

    async def _write(self, rows: dict[tuple[Any, ...], Row]) -> None:
        """In one transaction; the remembered values only once it committed (if it fails,
        the next read asks the database). A key with neither state nor data has no row."""
        for k in rows:
            self._known.pop(k, None)
        now = datetime.now(UTC).isoformat()
        statements: list[tuple[str, tuple[Any, ...]]] = []
        for k, (state, data) in rows.items():
            if (state, data) == _ABSENT:
                statements.append((f"DELETE FROM fsm_storage WHERE {_KEY_WHERE}", k))
            else:
                statements.append((_UPSERT, (*k, state, data, now)))
        await self._db.write_together(statements)
        for k, row in rows.items():
            self._keep(k, row)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(key, "state", value)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._row(key))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._upsert(key, "data", json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        raw = (await self._row(key))[1]
        return json.loads(raw) if raw else {}

    async def close(self) -> None:
        """The database is closed by its owner, not by the storage."""
