"""The user side of the emulator: act as a person in a private chat with the bot."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from bot.sandbox.emulator import CallbackQueryState, Emulator, Message, Person

Settle = Callable[[int], Awaitable[None]]


class SandboxUser:
    """One person. Each action pushes an update and, with `settle`, waits until the bot has
    finished handling it, so what the bot sent in reply is in `messages` afterwards."""

    def __init__(self, emulator: Emulator, person: Person, settle: Settle | None = None) -> None:
        self.emulator = emulator
        self.person = person
        self._settle = settle

    @property
    def id(self) -> int:
        return self.person.id

    async def _after(self, update_id: int | None) -> None:
        if update_id is not None and self._settle is not None:
            await self._settle(update_id)

    async def send(self, text: str) -> None:
        await self._after(self.emulator.user_message(self.person, text))

    async def reply_to(self, message: Message, text: str) -> None:
        """Answer `message` with Telegram's «Reply» (swipe on a phone)."""
        await self._after(self.emulator.user_message(self.person, text, reply_to=message))

    async def send_photo(self, caption: str | None = None, reply_to: Message | None = None) -> None:
        """A photo (in three sizes, as Telegram makes them); with `reply_to`, as Telegram's
        «Reply» to that message (the same for every `send_*`)."""
        update_id = self.emulator.user_photo(self.person, caption, reply_to=reply_to)
        await self._after(update_id)

    async def send_document(
        self,
        file_name: str = "report.pdf",
        mime_type: str = "application/pdf",
        size: int = 120_000,
        caption: str | None = None,
        reply_to: Message | None = None,
        content: bytes | None = None,
    ) -> None:
        """A file the bot can download (getFile) when `content` is given (its length is the
        size); otherwise of `size` bytes declared, the emulator keeping none of them (getFile
        answers that it is unavailable)."""
        update_id = self.emulator.user_document(
            self.person,
            file_name,
            mime_type,
            size,
            caption=caption,
            reply_to=reply_to,
            content=content,
        )
        await self._after(update_id)

    async def send_voice(self, reply_to: Message | None = None) -> None:
        """A voice note, which the bot may not take."""
        await self._after(self.emulator.user_voice(self.person, reply_to=reply_to))

    async def send_sticker(self, emoji: str = "👍", reply_to: Message | None = None) -> None:
        await self._after(self.emulator.user_sticker(self.person, emoji, reply_to=reply_to))

    async def press(self, button: str | int, message: Message | None = None) -> CallbackQueryState:
        """Press a button of `message` (default: the newest bot message that has buttons) by
        its text (exact, else the only one containing it) or by its 1-based number."""
        message = message or self.last_with_buttons()
        chosen = find_button(message, button)
        if "callback_data" not in chosen:
            raise LookupError(f"button {chosen.get('text')!r} opens a link, it sends nothing")
        return await self.press_data(chosen["callback_data"], message)

    async def press_data(self, data: str, message: Message | None = None) -> CallbackQueryState:
        """Send callback data of one's choosing, as a modified client can (forged buttons)."""
        message = message or self.last_with_buttons()
        update_id, query_id = self.emulator.press_button(self.person, message, data)
        await self._after(update_id)
        return self.emulator.callback_queries[query_id]

    async def press_together(
        self, data: str, times: int = 2, message: Message | None = None
    ) -> list[CallbackQueryState]:
        """Press the same button `times` at once, as a double tap on a slow connection does:
        every update is queued before the bot handles the first."""
        message = message or self.last_with_buttons()
        pressed = [self.emulator.press_button(self.person, message, data) for _ in range(times)]
        if self._settle is not None:
            await asyncio.gather(*(self._settle(update_id) for update_id, _ in pressed))
        return [self.emulator.callback_queries[query_id] for _, query_id in pressed]

    async def block(self) -> None:
        await self._after(self.emulator.set_blocked(self.person, True))

    async def unblock(self) -> None:
        await self._after(self.emulator.set_blocked(self.person, False))

    async def vote(self, message: Message, option_ids: list[int]) -> None:
        if message.poll is None:
            raise LookupError("the message has no poll")
        await self._after(self.emulator.answer_poll(self.person, message.poll, option_ids))

    @property
    def messages(self) -> list[Message]:
        """What the bot sent to this person, oldest first (deleted ones left out)."""
        return self.emulator.bot_messages(self.person.id)

    @property
    def last(self) -> Message:
        messages = self.messages
        if not messages:
            raise LookupError(f"user {self.id} has received nothing")
        return messages[-1]

    def last_with_buttons(self) -> Message:
        for message in reversed(self.messages):
            if message.buttons():
                return message
        raise LookupError(f"user {self.id} has no message with buttons")

    def commands(self) -> list[dict[str, str]]:
        return self.emulator.commands_for(self.person.id, self.person.language_code)


def button_texts(message: Message) -> list[str]:
    return [b["text"] for b in message.buttons()]


def find_button(message: Message, button: str | int) -> dict[str, Any]:
    buttons = message.buttons()
    if isinstance(button, int):
        if not 1 <= button <= len(buttons):
            raise LookupError(f"no button number {button}; the message has {len(buttons)}")
        return buttons[button - 1]
    exact = [b for b in buttons if b["text"] == button]
    if exact:
        return exact[0]
    partial = [b for b in buttons if button.casefold() in b["text"].casefold()]
    if len(partial) == 1:
        return partial[0]
    texts = [b["text"] for b in buttons]
    raise LookupError(f"{len(partial)} buttons match {button!r} among {texts}")
