"""aiogram FSM storage in the bot's SQLite database.

aiogram-dialog keeps its stacks and contexts through the same storage (under their own
`destiny`), so both plain FSM forms and dialogs survive a restart of the bot.
"""

from __future__ import annotations

import json
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


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _upsert(self, key: StorageKey, column: str, value: str | None) -> None:
        now = datetime.now(UTC).isoformat()
        if value is None or value == "{}":
            async with self._db.transaction():
                await self._db.execute(
                    f"UPDATE fsm_storage SET {column} = NULL, updated_at = ? WHERE {_KEY_WHERE}",
                    (now, *_key(key)),
                )
                await self._db.execute(
                    f"DELETE FROM fsm_storage WHERE {_KEY_WHERE} AND state IS NULL "
                    "AND (data IS NULL OR data = '{}')",
                    _key(key),
                )
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
        return await self._db.fetchval(
            f"SELECT state FROM fsm_storage WHERE {_KEY_WHERE}", _key(key)
        )

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._upsert(key, "data", json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        raw = await self._db.fetchval(f"SELECT data FROM fsm_storage WHERE {_KEY_WHERE}", _key(key))
        return json.loads(raw) if raw else {}

    async def close(self) -> None:
        """The database is closed by its owner, not by the storage."""
