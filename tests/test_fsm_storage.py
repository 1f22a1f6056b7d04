"""The conversation-state storage: what it stores survives a new storage (a restart), a
write of what is stored already costs no statement, and a change made behind its back
(/forget's erasure) is seen."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey

from bot.db.database import Database
from bot.db.fsm_storage import SQLiteStorage

KEY = StorageKey(bot_id=1, chat_id=42, user_id=42, destiny="aiogd:context:abc")


async def _opened(tmp_path) -> Database:
    db = await Database.open(tmp_path / "bot.db")
    await db.migrate()
    return db


class _Counting:
    """Counts the statements the storage sends to the database."""

    def __init__(self, db: Database, monkeypatch) -> None:
        self.count = 0
        for name in ("execute", "fetchone"):
            real = getattr(db, name)

            async def counted(*args, _real=real, **kwargs):
                self.count += 1
                return await _real(*args, **kwargs)

            monkeypatch.setattr(db, name, counted)


async def test_a_write_of_what_is_stored_costs_nothing_and_survives_a_restart(
    tmp_path, monkeypatch
):
    db = await _opened(tmp_path)
    try:
        storage = SQLiteStorage(db)
        counting = _Counting(db, monkeypatch)
        await storage.set_data(KEY, {"step": 1})
        await storage.set_state(KEY, "Form:name")
        written = counting.count
        for _ in range(5):  # what a dialog does after every update, changed or not
            await storage.set_data(KEY, {"step": 1})
            await storage.set_state(KEY, "Form:name")
            assert await storage.get_data(KEY) == {"step": 1}
            assert await storage.get_state(KEY) == "Form:name"
        assert counting.count == written

        restarted = SQLiteStorage(db)
        assert await restarted.get_data(KEY) == {"step": 1}
        assert await restarted.get_state(KEY) == "Form:name"
        await restarted.set_state(KEY, None)
        await restarted.set_data(KEY, {})
        rows = await db.fetchall("SELECT * FROM fsm_storage")
        assert rows == [], "an empty key leaves no row"
        before = counting.count
        await restarted.set_data(KEY, {})  # clearing what is clear: nothing
        assert counting.count == before
    finally:
        await db.close()


async def test_a_change_behind_its_back_is_seen(tmp_path):
    db = await _opened(tmp_path)
    try:
        storage = SQLiteStorage(db)
        await storage.set_data(KEY, {"step": 2})
        async with db.transaction():
            await db.execute("DELETE FROM fsm_storage WHERE user_id = 42")
            db.after_commit(db.fsm_changed)
        assert await storage.get_data(KEY) == {}
        await storage.set_data(KEY, {"step": 2})  # the same value again: written, not skipped
        [row] = await db.fetchall("SELECT data FROM fsm_storage")
        assert row["data"] == '{"step": 2}'
    finally:
        await db.close()


async def test_an_updates_writes_are_written_together_at_its_end(tmp_path):
    db = await _opened(tmp_path)
    try:
        storage = SQLiteStorage(db)
        other = StorageKey(bot_id=1, chat_id=42, user_id=42, destiny="aiogd:stack:")
        async with storage.batch():
            await storage.set_data(KEY, {"step": 3})
            await storage.set_data(other, {"intents": ["abc"]})
            await storage.set_state(KEY, "Form:name")
            assert await storage.get_data(KEY) == {"step": 3}  # seen at once by the update
            assert await db.fetchall("SELECT * FROM fsm_storage") == []  # written at the end
        rows = await db.fetchall("SELECT destiny, state, data FROM fsm_storage ORDER BY destiny")
        assert [tuple(r) for r in rows] == [
            ("aiogd:context:abc", "Form:name", '{"step": 3}'),
            ("aiogd:stack:", None, '{"intents": ["abc"]}'),
        ]
        assert await SQLiteStorage(db).get_state(KEY) == "Form:name"  # after a restart
    finally:
        await db.close()
