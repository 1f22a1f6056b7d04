from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.harness import SandboxHarness

ADMIN_ID = 900001


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[SandboxHarness]:
    async with SandboxHarness(tmp_path / "bot.db", admin_ids=frozenset({ADMIN_ID})) as harness:
        yield harness
