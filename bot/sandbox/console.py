"""`csobot sandbox`: the real bot, the emulator and a terminal chat, with no Telegram at all.

A person picks which demo user they are, types text and commands, sees each reply with its
buttons numbered, and presses a button by typing its number. A message may span several
lines: a line ending with a backslash goes on on the next one, and `:multi` … `:end` takes
pasted text as it is. The bot's log goes to a file, so warnings do not land in the chat.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.db.database import Database
from bot.sandbox import demo_data
from bot.sandbox.emulator import Message
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from bot.services.pacing import Pacer
from bot.timekeeping import utc_now

CONSOLE_HELP = """\
Console commands (everything else is sent to the bot as your message):
  <number>        press button <number> of the newest message with buttons
  :as <role|n>    become another demo user: member, organizer, expert, admin, or newcomer
                  (never started the bot: their /start is the real first minute; after
                  /forget it is again)
  :who            list the demo users
  :text <words>   send <words> as a message even if it looks like a number or a command
  <line>\\         a line ending with a backslash goes on: the next line is part of the
                  same message (e.g. a question's options, one per line)
  :multi          type or paste several lines; a line with only :end sends them as one
                  message, :cancel drops them
  :block          block the bot (and :unblock)
  :menu           show the command menu Telegram would show you
  :help           this help
  :quit           leave (Ctrl-D works too)"""

QUIT = (":quit", ":q", ":exit")
CONTINUATION_PROMPT = "... "


class Console:
    def __init__(
        self,
        harness: SandboxHarness,
        *,
        out: TextIO = sys.stdout,
        read_line: Callable[[str], str] = input,
        log_path: Path | None = None,
    ) -> None:
        self.harness = harness
        self.out = out
        self.read_line = read_line
        self.log_path = log_path
        self.people = demo_data.demo_people()
        self.users = {p.id: harness.user(p.id, p.first_name, p.language_code) for p in self.people}
        for person in self.people:  # they have used the bot (the newcomer has not): the
            # outbox reaches them, as the demo poll does
            self.users[person.id].person.started = person.role != "newcomer"
        self.current: SandboxUser = self.users[self.people[0].id]
        self._shown: dict[tuple[int, int], tuple[str, str]] = {}
        # the lines of a message being typed: after a trailing backslash, or inside :multi
        self._continued: list[str] = []
        self._block: list[str] | None = None

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _label(self, user_id: int) -> str:
        person = next(p for p in self.people if p.id == user_id)
        return f"{person.first_name} ({person.role})"

    def who(self) -> None:
        for number, person in enumerate(self.people, 1):
            here = " <- you" if person.id == self.current.id else ""
            self.say(
                f"  {number}. {person.first_name}: {person.role}, Telegram app in "
                f"{person.language_code}{here}"
            )

    def become(self, choice: str) -> bool:
        choice = choice.strip().lower()
        for number, person in enumerate(self.people, 1):
            if choice in (str(number), person.role, person.first_name.lower(), str(person.id)):
                self.current = self.users[person.id]
                self.say(f"You are now {self._label(person.id)}.")
                self.show_new()
                return True
        self.say(f"No demo user {choice!r}. Type :who to list them.")
        return False

    def render(self, message: Message) -> str:
        lines = []
        if message.text is not None:
            lines.extend(message.text.splitlines() or [""])
        if message.photo:
            largest = message.photo[-1]
            lines.append(f"[photo] {largest.width}x{largest.height}")
        if message.document is not None:
            size = message.document.file_size
            lines.append(f"[file] {message.document.file_name} ({size} bytes)")
            if message.caption:
                lines.extend(message.caption.splitlines())
        if message.poll is not None:
            lines.append(f"[poll] {message.poll.question}")
            lines.extend(f"   - {option}" for option in message.poll.options)
        buttons = message.buttons()
        if buttons:
            numbered = [f"[{i}] {b['text']}" for i, b in enumerate(buttons, 1)]
            lines.append("   ".join(numbered))
        edited = " (edited)" if message.edit_date else ""
        return "\n".join([f"bot{edited}:"] + [f"  {line}" for line in lines])

    def show_new(self) -> None:
        """Print what the current user received or saw change since last shown."""
        for message in self.current.messages:
            key = (self.current.id, message.message_id)
            version = (message.content, repr(message.reply_markup))
            if self._shown.get(key) == version:
                continue
            self._shown[key] = version
            self.say(self.render(message))
        for user in self.users.values():
            if user is self.current:
                continue
            unseen = [
                m
                for m in user.messages
                if self._shown.get((user.id, m.message_id)) != (m.content, repr(m.reply_markup))
            ]
            if unseen:
                self.say(f"  ({len(unseen)} new for {self._label(user.id)}: :as {user.id})")

    def prompt(self) -> str:
        if self._block is not None or self._continued:
            return CONTINUATION_PROMPT
        return f"{self._label(self.current.id)}> "

    def _collect(self, raw: str) -> tuple[str, str] | None:
        """One typed line into what to do: ("line", text) for a line as typed (a command, a
        number or a message), ("message", text) for several lines that make one message, or
        None while more lines are to come."""
        if self._block is not None:
            word = raw.strip()
            if word == ":end":
                text, self._block = "\n".join(self._block).strip("\n"), None
                return ("message", text)
            if word == ":cancel":
                self._block = None
                self.say("  (dropped)")
                return ("line", "")
            self._block.append(raw.rstrip())
            return None
        line = raw.strip()
        if line.endswith("\\"):
            self._continued.append(line[:-1].strip())
            return None
        if self._continued:
            lines, self._continued = [*self._continued, line], []
            return ("line", "\n".join(lines).strip("\n"))
        if line == ":multi":
            self._block = []
            self.say(
                "  Type or paste the message; a line with only :end sends it, :cancel drops it."
            )
            return None
        return ("line", line)

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False means leave."""
        collected = self._collect(line)
        if collected is None:
            return True
        kind, line = collected
        if not line:
            if kind == "message":
                self.say("  (nothing to send)")
            return True
        try:
            if kind == "message":  # lines of :multi, taken as they are
                await self.current.send(line)
            elif line in QUIT:
                return False
            elif line == ":help":
                self.say(CONSOLE_HELP)
            elif line == ":who":
                self.who()
            elif line.startswith(":as"):
                self.become(line[3:])
            elif line.startswith(":text "):
                await self.current.send(line[6:])
            elif line == ":block":
                await self.current.block()
                self.say("You blocked the bot.")
            elif line == ":unblock":
                await self.current.unblock()
                self.say("You unblocked the bot.")
            elif line == ":menu":
                for command in self.current.commands():
                    self.say(f"  /{command['command']} - {command['description']}")
            elif line.isdigit():
                query = await self.current.press(int(line))
                if query.answer_text:
                    self.say(f"  [notice] {query.answer_text}")
            elif line.startswith(":"):
                self.say("Unknown console command. Type :help.")
            else:
                await self.current.send(line)
        except LookupError as error:
            self.say(f"  ({error})")
        except TimeoutError as error:
            self.say(f"  (the bot did not answer: {error})")
        self.show_new()
        return True

    def choose(self, line: str) -> bool | None:
        """The first prompt, who to be: True once chosen, False to leave, None to ask again.
        The console commands that make sense before choosing work here too."""
        line = line.strip()
        if line in QUIT:
            return False
        if line == ":help":
            self.say(CONSOLE_HELP)
            return None
        if line == ":who":
            self.who()
            return None
        if line.startswith(":as"):
            line = line[3:].strip()
        elif line.startswith(":"):
            self.say("First pick who you are: a number or a name from the list (or :help).")
            return None
        if not line:
            return None
        return True if self.become(line) else None

    def banner(self) -> None:
        self.say("CSO bot sandbox: the real bot on a local Telegram emulator. Type :help.")
        if self.log_path is not None:
            self.say(f"The bot's warnings and errors go to {self.log_path}, not into this chat.")

    async def run(self) -> None:
        self.banner()
        self.say("Who are you? A number or a name:")
        self.who()
        while True:
            try:
                choice = await asyncio.to_thread(self.read_line, "number> ")
            except EOFError:
                return
            chosen = self.choose(choice)
            if chosen is False:
                return
            if chosen:
                break
        self.say("Send /start to begin.")
        while True:
            try:
                line = await asyncio.to_thread(self.read_line, self.prompt())
            except EOFError:
                self.say()
                return
            if not await self.handle(line):
                return


async def run_sandbox(
    database_path: Path,
    *,
    fresh: bool = False,
    log_path: Path | None = None,
    read_line: Callable[[str], str] = input,
) -> None:
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database_path}{suffix}").unlink(missing_ok=True)
    people = demo_data.demo_people()
    admins = frozenset(p.id for p in people if p.role == "admin")
    harness = SandboxHarness(database_path, admin_ids=admins, clock=utc_now, pacer=Pacer)
    await harness.server.start()
    # Seed before the bot starts so the demo roles get their command menus at start-up.
    db = await Database.open(database_path)
    try:
        await demo_data.seed(db, utc_now())
        await demo_data.seed_events(db, utc_now())
        await demo_data.seed_consultations(db, utc_now())
    finally:
        await db.close()
    await harness.start_bot()
    assert harness.app is not None
    # the console first: it marks the demo people as having started the bot, so that the
    # demo's broadcasts reach them (Telegram refuses a chat that was never started)
    console = Console(harness, log_path=log_path, read_line=read_line)
    await demo_data.seed_polls(harness.app.services, utc_now())
    await demo_data.seed_recommendations(harness.app.services, utc_now())
    try:
        await console.run()
    finally:
        await harness.stop()
