"""`csobot sandbox`: the real bot, the emulator and a terminal chat, with no Telegram at all.

A person picks which demo user they are, types text and commands, sees each reply with its
buttons numbered, and presses a button by typing its number.
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
  :as <role|n>    become another demo user (member, organizer, expert, admin)
  :who            list the demo users
  :text <words>   send <words> as a message even if it looks like a number or a command
  :block          block the bot (and :unblock)
  :menu           show the command menu Telegram would show you
  :help           this help
  :quit           leave (Ctrl-D works too)"""


class Console:
    def __init__(
        self,
        harness: SandboxHarness,
        *,
        out: TextIO = sys.stdout,
        read_line: Callable[[str], str] = input,
    ) -> None:
        self.harness = harness
        self.out = out
        self.read_line = read_line
        self.people = demo_data.demo_people()
        self.users = {p.id: harness.user(p.id, p.first_name, p.language_code) for p in self.people}
        self.current: SandboxUser = self.users[self.people[0].id]
        self._shown: dict[tuple[int, int], tuple[str, str]] = {}

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
        if message.document is not None:
            size = len(message.document.content)
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

    async def handle(self, line: str) -> bool:
        """Act on one typed line; False means leave."""
        line = line.strip()
        if not line:
            return True
        try:
            if line in (":quit", ":q", ":exit"):
                return False
            if line == ":help":
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

    async def run(self) -> None:
        self.say("CSO bot sandbox: the real bot on a local Telegram emulator. Type :help.")
        self.say("Who are you?")
        self.who()
        while True:
            try:
                choice = await asyncio.to_thread(self.read_line, "number> ")
            except EOFError:
                return
            if self.become(choice):
                break
        self.say("Send /start to begin.")
        while True:
            prompt = f"{self._label(self.current.id)}> "
            try:
                line = await asyncio.to_thread(self.read_line, prompt)
            except EOFError:
                self.say()
                return
            if not await self.handle(line):
                return


async def run_sandbox(database_path: Path, *, fresh: bool = False) -> None:
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
    finally:
        await db.close()
    await harness.start_bot()
    try:
        await Console(harness).run()
    finally:
        await harness.stop()
