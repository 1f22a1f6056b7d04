"""One update at a time per person and chat: a double tap is decided after the first tap.

aiogram's `SimpleEventIsolation` does this with one lock per key kept for ever (its own
source says an "unused locks cleaner is needed"): a lock for every person who ever wrote,
and the dialogs' stack keys besides. Here a key's lock exists only while an update of that
key runs or waits, so the memory follows the people active right now, not all of them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey


class _Held:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0  # updates holding or waiting for the lock


class PersonIsolation(BaseEventIsolation):
    def __init__(self) -> None:
        self._held: dict[Hashable, _Held] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = _Held()
        held.users += 1
        try:
            async with held.lock:
                yield
        finally:
            held.users -= 1
            if held.users == 0 and self._held.get(key) is held:
                del self._held[key]

    @property
    def keys_held(self) -> int:
        return len(self._held)

    async def close(self) -> None:
        """Nothing to release: a lock lives only as long as the updates that use it (and
        the dispatcher closes this while the last updates may still be finishing)."""
