"""/help and the command menus say what each role can do."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db.repositories.users import UsersRepository
from bot.locales import LANGUAGES
from tests.conftest import ADMIN_ID
from tests.events_flows import appoint
from tests.flows import admin, first_start, onboard, register
from tests.helpers import buttons, tr

MEMBER_COMMANDS = [
    "start",
    "help",
    "events",
    "polls",
    "recs",
    "ask",
    "myrequests",
    "faq",
    "orgs",
    "register",
    "expert",
    "profile",
    "settings",
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


def _menu(user) -> dict[str, str]:
    return {c["command"]: c["description"] for c in user.commands()}


async def test_an_admin_gets_the_admin_menu_at_the_first_start(sandbox):
    boss = sandbox.user(ADMIN_ID, "Admin", "en")
    assert list(_menu(boss)) == MEMBER_COMMANDS, "before: the menu every newcomer sees"
    await boss.send("/start")
    assert {"pending", "organizers", "export", "newevent"} <= set(_menu(boss))
    await boss.press("✓ English")
    await boss.press("Kazakhstan")
    assert _menu(boss)["pending"] == "Applications waiting for review"


async def test_an_organizer_with_a_kyrgyz_app_gets_the_organizers_menu_in_kyrgyz(sandbox):
    boss = await admin(sandbox)
    aibek = sandbox.user(2003, "Aibek", "ky")
    await first_start(aibek)
    await aibek.press(tr(sandbox, "Kyrgyzstan", "ky"))
    assert "newevent" not in _menu(aibek)

    await appoint(boss, "Aibek", "🧑‍💼 Make an organizer")
    menu = _menu(aibek)  # at once, without the organizer doing anything
    assert menu["newevent"] == tr(sandbox, "Announce an event", "ky")
    assert menu["help"] == tr(sandbox, "What this bot can do for you", "ky")

    await sandbox.restart_bot()  # published again at start-up, still in Kyrgyz
    assert _menu(aibek)["newevent"] == tr(sandbox, "Announce an event", "ky")

    await boss.send("/organizers")
    await boss.press("Aibek")
    await boss.press("Remove")
    assert list(_menu(aibek)) == MEMBER_COMMANDS, "the role is gone, so are its commands"
    assert _menu(aibek)["help"] == tr(sandbox, "What this bot can do for you", "ky")


async def test_a_language_change_republishes_an_organizers_menu(sandbox):
    boss = await admin(sandbox)
    olga = await onboard(sandbox, 2004, "Olga")
    await appoint(boss, "Olga", "🧑‍💼 Make an organizer")
    await olga.send("/language")
    await olga.press("Кыргызча")
    menu = _menu(olga)
    assert menu["myevents"] == tr(sandbox, "Your events: answers, edits, messages", "ky")


async def test_applications_sent_before_the_admin_started_wait_in_their_menu(sandbox):
    ann = await onboard(sandbox, 2005, "Ann")
    await register(ann, "Women of Naryn")  # the review card cannot reach the admin yet

    boss = sandbox.user(ADMIN_ID, "Admin", "en")
    await first_start(boss)
    await boss.press("Kazakhstan")
    menu = boss.last
    assert "📥 1 application is waiting for your review." in menu.text
    assert "📥 Pending (1)" in buttons(menu)

    await boss.send("/start")
    assert "📥 1 application is waiting for your review." in boss.last.text, "on every /start"
    await boss.press("📥 Pending (1)")
    listing = boss.last
    assert "Waiting for review: 1 (page 1 of 1)" in listing.text
    await boss.press("Women of Naryn", listing)
    await boss.press("✅ Approve")
    assert "myorg" in _menu(ann), "a coordinator's menu"

    await boss.send("/start")
    assert "waiting for your review" not in boss.last.text
    assert "📥 Pending (0)" in buttons(boss.last)


async def test_members_have_no_pending_button(sandbox):
    ann = await onboard(sandbox, 2006, "Ann")
    await ann.send("/start")
    assert not [b for b in buttons(ann.last) if "Pending" in b]


async def test_organizers_are_listed_by_name_and_username(sandbox):
    boss = await admin(sandbox)
    olga = sandbox.user(2007, "Olga", "en", username="olga_kg")
    await first_start(olga)
    await olga.press("Kyrgyzstan")
    await onboard(sandbox, 2008, "Timur")
    # found by the @username
    await appoint(boss, "@olga", "🧑‍💼 Make an organizer", pick="Olga (@olga_kg)")
    assert "Olga (@olga_kg) is now an organizer." in boss.last.text
    await appoint(boss, "Timur", "🧑‍💼 Make an organizer")
    await boss.send("/organizers")
    listing = boss.last
    assert "Organizers: 2" in listing.text
    assert buttons(listing)[:2] == ["Olga (@olga_kg)", "Timur"]
    assert "2007" not in " ".join(buttons(listing))

    await boss.press("Olga (@olga_kg)")
    assert "Remove Olga (@olga_kg) from the organizers?" in boss.last.text


async def test_a_long_list_of_organizers_is_paged_and_an_unknown_name_shows_the_id(sandbox):
    for user_id in range(3000, 3011):  # appointed long ago; Telegram knows no chat with them
        await _grant(sandbox, user_id, "organizer")
    boss = await admin(sandbox)
    await boss.send("/organizers")
    listing = boss.last
    assert "Organizers: 11" in listing.text and "Page 1 of 2" in listing.text
    names = [b for b in buttons(listing) if b.startswith("Telegram id")]
    assert names == [f"Telegram id {user_id}" for user_id in range(3000, 3010)]
    await boss.press("»")
    assert "Page 2 of 2" in boss.last.text
    assert "Telegram id 3010" in buttons(boss.last)
    assert "»" not in buttons(boss.last) and "«" in buttons(boss.last)
