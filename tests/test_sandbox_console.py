"""`csobot sandbox`: a person picks a demo user, types, sees numbered buttons, presses one."""

from __future__ import annotations

import io

from bot.sandbox import demo_data
from bot.sandbox.console import Console
from bot.sandbox.harness import SandboxHarness
from tests.helpers import db_rows


async def test_console_session(tmp_path):
    people = demo_data.demo_people()
    admin = next(p for p in people if p.role == "admin")
    async with SandboxHarness(tmp_path / "s.db", admin_ids=frozenset({admin.id})) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        out = io.StringIO()
        console = Console(harness, out=out)
        assert console.become("admin")
        await console.handle("/start")
        shown = out.getvalue()
        assert "In which country do you work?" in shown
        assert "[1] Kazakhstan" in shown and "[6] Other country" in shown

        await console.handle("2")
        assert "✓ Country: Kyrgyzstan" in out.getvalue()
        await console.handle("/help")
        assert "Your roles: administrator, member" in out.getvalue()

        assert console.become("organizer")
        await console.handle("/help")
        assert "organizer" in out.getvalue().rsplit("You are now", 1)[1]
        await console.handle("42")
        assert "has no message with buttons" in out.getvalue()
        await console.handle("/start")
        await console.handle("42")
        assert "no button number 42; the message has 6" in out.getvalue()
        assert not await console.handle(":quit")

    orgs = db_rows(tmp_path / "s.db", "SELECT name, country FROM organizations")
    assert len(orgs) == 6
    assert {o["country"] for o in orgs} == {"KZ", "KG", "TJ", "TM", "UZ"}
