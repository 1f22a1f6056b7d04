"""aiogram FSM storage in the bot's SQLite database.

aiogram-dialog keeps its stacks and contexts through the same storage (under their own
`destiny`), so both plain FSM forms and dialogs survive a restart of the bot.

One process owns the database (see `Database`'s lock), so the storage remembers what each
key holds (a bounded, least-recently-used map): a read it knows costs no query, and a write
of what is already stored (aiogram-dialog saves the stack and the context after every
update, changed or not; aiogram clears an empty state) costs nothing. Whoever changes the
table behind its back (`/forget`'s erasure) calls `Database.fsm_changed()`, which empties
the map.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
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


_ABSENT = (None, None)  # a key with no row: no state, no data
Row = tuple[str | None, str | None]  # (state, data as JSON)


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database, remember: int = 30_000) -> None:
        self._db = db
        self._remember = remember
        self._known: OrderedDict[tuple[Any, ...], Row] = OrderedDict()
        db.on_fsm_change(self._known.clear)

    async def _row(self, key: StorageKey) -> Row:
        k = _key(key)
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
        state, data = await self._row(key)
        if (state if column == "state" else data) == value:
            return  # stored already
        changed: Row = (value, data) if column == "state" else (state, value)
        k = _key(key)
        self._known.pop(k, None)  # if the write fails, the next read asks the database
        await self._write(key, column, value, data if column == "state" else state)
        self._keep(k, changed)

    async def _write(
        self, key: StorageKey, column: str, value: str | None, other: str | None
    ) -> None:
        """One statement, outside any lock of the business transactions: the row goes when
        both columns would be empty (`other`: the other column, as stored)."""
        now = datetime.now(UTC).isoformat()
        if value is None and other is None:
            await self._db.execute(f"DELETE FROM fsm_storage WHERE {_KEY_WHERE}", _key(key))
            return
        await self._db.execute(
            "INSERT INTO fsm_storage (bot_id, chat_id, user_id, thread_id, business_id, "
            f"destiny, {column}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (bot_id, chat_id, user_id, thread_id, business_id, destiny) "
            f"DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at",
            (*_key(key), value, now),
        )

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
