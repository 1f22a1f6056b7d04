"""`csobot sandbox`: a person picks a demo user, types, sees numbered buttons, presses one."""

from __future__ import annotations

import io
import logging

from bot import cli
from bot.sandbox import demo_data
from bot.sandbox.console import CONSOLE_HELP, CONTINUATION_PROMPT, Console
from bot.sandbox.harness import SandboxHarness
from tests.helpers import db_rows, tr

WELCOME = (
    "👋 Welcome! This bot helps civil-society organizations of Central Asia find partners, "
    "consult experts and work together."
)


def _admins() -> frozenset[int]:
    return frozenset(p.id for p in demo_data.demo_people() if p.role == "admin")


async def _pick_language(console: Console, language: str) -> None:
    """Answer the language question of a first /start, when the bot asks one."""
    message = console.current.last_with_buttons()
    for number, button in enumerate(message.buttons(), 1):
        if button["text"].removeprefix("✓ ") == language:
            await console.handle(str(number))
            return


def _sent(harness: SandboxHarness, console: Console) -> list[str | None]:
    """What the current demo person has sent to the bot, as the bot received it."""
    return [m.text for m in harness.emulator.chats[console.current.id] if not m.from_bot]


async def test_console_session(tmp_path):
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        out = io.StringIO()
        console = Console(harness, out=out)
        assert console.become("admin")
        await console.handle("/start")
        await _pick_language(console, "English")
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
        count = len(console.current.last_with_buttons().buttons())
        assert f"no button number 42; the message has {count}" in out.getvalue()
        assert not await console.handle(":quit")

    orgs = db_rows(tmp_path / "s.db", "SELECT name, country FROM organizations")
    assert len(orgs) == 6
    assert {o["country"] for o in orgs} == {"KZ", "KG", "TJ", "TM", "UZ"}


def _typing(*lines: str):
    """A terminal where these lines are typed, then Ctrl-D."""
    typed = iter(lines)

    def read_line(prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    return read_line


async def test_help_works_at_the_first_prompt(tmp_path):
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        out = io.StringIO()
        await Console(harness, out=out, read_line=_typing(":help", ":who", "admin")).run()

    shown = out.getvalue()
    before_choosing = shown.split("You are now", 1)[0]
    assert CONSOLE_HELP in before_choosing
    assert "No demo user" not in shown  # :help and :who are not taken for names
    assert before_choosing.count("5. Timur: newcomer") == 2  # the list, then :who
    assert "You are now Admin (admin)." in shown


async def test_a_message_of_several_lines(tmp_path):
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        out = io.StringIO()
        console = Console(harness, out=out)
        assert console.become("member")

        # a line ending with a backslash goes on on the next line
        for line in ["Yes \\", "No\\", "Maybe"]:
            await console.handle(line)
        assert _sent(harness, console) == ["Yes\nNo\nMaybe"]

        # :multi … :end takes lines as they are: blank lines, numbers and colons included
        for line in [":multi", "First paragraph.", "", "2", ":who", "Last line.  ", ":end"]:
            await console.handle(line)
        assert _sent(harness, console)[-1] == "First paragraph.\n\n2\n:who\nLast line."

        # the prompt says when a message goes on
        assert console.prompt() == "Aida (member)> "
        await console.handle("Yes \\")
        assert console.prompt() == CONTINUATION_PROMPT
        await console.handle("No")
        assert console.prompt() == "Aida (member)> "

        await console.handle(":multi")
        await console.handle("never sent")
        await console.handle(":cancel")
        assert len(_sent(harness, console)) == 3
        assert "(dropped)" in out.getvalue()

    assert "backslash" in CONSOLE_HELP and ":multi" in CONSOLE_HELP and ":end" in CONSOLE_HELP


async def test_the_newcomer_sees_the_real_first_minute(tmp_path):
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        newcomer = next(p for p in demo_data.demo_people() if p.role == "newcomer")
        assert newcomer.id not in _admins()
        rows = db_rows(tmp_path / "s.db", "SELECT id FROM users WHERE id = ?", (newcomer.id,))
        assert rows == []  # never started the bot: no row, no role, no organization

        out = io.StringIO()
        console = Console(harness, out=out)
        assert console.become("newcomer")
        assert console.prompt() == f"{newcomer.first_name} (newcomer)> "
        await console.handle("/start")
        assert tr(harness, WELCOME, newcomer.language_code) in out.getvalue()
        await _pick_language(console, "Русский")
        assert tr(harness, "📍 In which country do you work?", "ru") in out.getvalue()
        await console.handle("5")  # Uzbekistan
        assert tr(harness, "🎉 You are all set. Welcome!", "ru") in out.getvalue()

    db = tmp_path / "s.db"
    assert db_rows(db, "SELECT country FROM users WHERE id = ?", (newcomer.id,))[0][0] == "UZ"
    assert db_rows(db, "SELECT * FROM user_roles WHERE user_id = ?", (newcomer.id,)) == []
    member_of = "SELECT * FROM organization_members WHERE user_id = ?"
    assert db_rows(db, member_of, (newcomer.id,)) == []


def test_the_sandbox_log_goes_to_a_file_beside_the_database(tmp_path, capsys):
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        path = cli.sandbox_logging(tmp_path / "demo" / "s.db")
        logging.getLogger("bot.handlers").warning("a stale button was pressed")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers[:] = handlers
        root.setLevel(level)
        logging.captureWarnings(False)

    assert path == tmp_path / "demo" / "s.log"
    assert "WARNING bot.handlers: a stale button was pressed" in path.read_text(encoding="utf-8")
    terminal = capsys.readouterr()
    assert "stale button" not in terminal.out + terminal.err


async def test_the_banner_names_the_log_file(tmp_path):
    log = tmp_path / "s.log"
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        out = io.StringIO()
        await Console(harness, out=out, read_line=_typing(":quit"), log_path=log).run()
    assert f"warnings and errors go to {log}, not into this chat" in out.getvalue()


async def test_the_desk_can_be_tried_from_both_sides(tmp_path):
    """The demo expert finds the demo member's request in /queue and takes it; the member
    sees it in /myrequests."""
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        await demo_data.seed_consultations(harness.app.db, harness.clock())
        await demo_data.seed_consultations(harness.app.db, harness.clock())  # once
        out = io.StringIO()
        console = Console(harness, out=out)
        assert console.become("expert")
        await console.handle("/queue")  # (in the expert's language, Kazakh)
        assert "#1" in console.current.last.text
        await console.handle("1")
        assert "анкету" in console.current.last.text, "the request's card"
        await console.handle("1")  # ✋ Take
        assert console.become("member")
        await console.handle("/myrequests")
        assert "#1" in console.current.last.text
    rows = db_rows(tmp_path / "s.db", "SELECT status, expert_id FROM consultations")
    assert [(r["status"], r["expert_id"]) for r in rows] == [("taken", 100003)]


async def test_the_demo_poll_reaches_the_demo_expert_who_answers_with_a_tap(tmp_path):
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        console = Console(harness, out=io.StringIO())
        await demo_data.seed_polls(harness.app.services, harness.clock())
        await demo_data.seed_polls(harness.app.services, harness.clock())  # once
        await harness.app.sender.drained()
        assert console.become("expert")
        poll = console.current.last
        assert "Совет" in poll.text or "Совет" in str(poll.buttons())
        await console.handle("1")  # the first option
        assert "✓" in poll.text
    rows = db_rows(tmp_path / "s.db", "SELECT option, count FROM poll_counts")
    assert [(r["option"], r["count"]) for r in rows] == [(0, 1)]
    [poll_row] = db_rows(tmp_path / "s.db", "SELECT COUNT(*) AS n FROM polls")
    assert poll_row["n"] == 1


async def test_the_seed_letter_is_sent_to_the_demo_organization_which_answers(tmp_path):
    async with SandboxHarness(tmp_path / "s.db", admin_ids=_admins()) as harness:
        assert harness.app is not None
        await demo_data.seed(harness.app.db, harness.clock())
        console = Console(harness, out=io.StringIO())
        await demo_data.seed_recommendations(harness.app.services, harness.clock())
        await demo_data.seed_recommendations(harness.app.services, harness.clock())  # once
        await harness.app.sender.drained()
        assert console.become("member")  # coordinates a coalition of NGOs: a CSO
        invitation = console.current.last
        assert "19" in invitation.text and "📝" in str(invitation.buttons())
        await console.handle("1")  # «📝 Answer»
        assert "1" in console.current.last.text and "Повышать свой потенциал" in (
            console.current.last.text
        )
        await console.handle("1")  # accept the first
    rows = db_rows(tmp_path / "s.db", "SELECT verdict FROM rec_answers")
    assert [r["verdict"] for r in rows] == ["accept"]
    [count] = db_rows(tmp_path / "s.db", "SELECT COUNT(*) AS n FROM recommendations")
    assert count["n"] == 19


async def test_the_sandbox_run_delivers_the_demo_broadcasts_in_each_persons_language(tmp_path):
    """`csobot sandbox` as the README runs it: the demo poll and recommendations reach
    every demo person who has used the bot, each in their app's language."""
    from bot.sandbox.console import run_sandbox

    lines = iter(["1", ":quit"])
    await run_sandbox(
        tmp_path / "s.db",
        fresh=True,
        log_path=tmp_path / "s.log",
        read_line=lambda _prompt: next(lines),
    )
    rows = db_rows(
        tmp_path / "s.db",
        "SELECT c.kind, o.user_id, o.variant, o.status FROM outbox o "
        "JOIN campaigns c ON c.id = o.campaign_id ORDER BY c.id, o.user_id",
    )
    # sent, or waiting for the next run: none refused for a chat never started
    assert {r["status"] for r in rows} <= {"sent", "queued"}
    languages = {r["user_id"]: r["variant"].split()[0] for r in rows}
    assert languages == {100001: "ru", 100003: "kk", 100004: "en"}
