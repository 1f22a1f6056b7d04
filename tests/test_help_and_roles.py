"""/help and the command menus say what each role can do."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db.repositories.users import UsersRepository
from bot.locales import LANGUAGES
from tests.conftest import ADMIN_ID
from tests.helpers import tr

MEMBER_COMMANDS = [
    "start",
    "help",
    "events",
    "orgs",
    "register",
    "expert",
    "profile",
    "language",
    "country",
    "forget",
    "cancel",
]


async def _grant(sandbox, user_id: int, role: str) -> None:
    assert sandbox.app is not None
    users = UsersRepository(sandbox.app.db)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    await users.create(user_id, "en", now)
    await users.grant_role(user_id, role, ADMIN_ID, now)


async def test_member_help_lists_the_member_commands(sandbox):
    member = sandbox.user(2001, "Member", "en")
    await member.send("/help")
    text = member.last.text
    assert tr(sandbox, "Your role: {roles}", "en", roles="member") in text
    for command in ("/start", "/help", "/language", "/country", "/cancel"):
        assert command in text
    assert "administrator" not in text


async def test_admin_help_names_the_admin_role(sandbox):
    admin = sandbox.user(ADMIN_ID, "Admin", "en")
    await admin.send("/help")
    assert "Your roles: administrator, member" in admin.last.text


async def test_granted_roles_show_in_help_and_get_their_own_menu(sandbox):
    await _grant(sandbox, 2002, "organizer")
    await sandbox.restart_bot()  # role holders' menus are published at start-up
    organizer = sandbox.user(2002, "Org", "en")
    await organizer.send("/help")
    assert "Your roles: organizer, member" in organizer.last.text
    menu = sandbox.emulator.commands.get(("chat:2002", ""))
    assert menu, "a menu of their own"
    assert {"newevent", "myevents"} <= {c["command"] for c in menu}
    assert "/newevent" in organizer.last.text


async def test_help_in_each_language(sandbox):
    texts = set()
    for index, code in enumerate(LANGUAGES):
        person = sandbox.user(2100 + index, "P", code)
        await person.send("/help")
        text = person.last.text
        assert tr(sandbox, "What this bot can do for you", code) in text
        texts.add(text)
    assert len(texts) == len(LANGUAGES), "each language reads differently"


async def test_command_menus_are_published_per_language(sandbox):
    for code in LANGUAGES:
        menu = sandbox.emulator.commands[("default", code)]
        assert [c["command"] for c in menu] == MEMBER_COMMANDS
        assert menu[1]["description"] == tr(sandbox, "What this bot can do for you", code)
    assert ("default", "") in sandbox.emulator.commands
