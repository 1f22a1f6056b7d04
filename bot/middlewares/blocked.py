"""People an admin blocked: the bot ignores their messages and button presses, except
/forget and its own questions (deleting one's data stays possible for everyone).

An inner middleware: it runs once a handler matched, so it knows which one: the /forget
command, or the /forget dialog's own handlers (a press of its buttons is routed to it by
the intent id in the button, so another screen's buttons, or a command sent while the
/forget dialog is open, do not pass)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram_dialog import Dialog

from bot.domain.people import Person
from dialogs.profile.states import Forget

log = logging.getLogger(__name__)


def _forgetting(event: TelegramObject, data: dict[str, Any]) -> bool:
    if isinstance(event, Message):
        command = (event.text or "").split(maxsplit=1)[0] if event.text else ""
        if command.split("@")[0] == "/forget":
            return True
    router = data.get("event_router")
    return isinstance(router, Dialog) and router.states_group() is Forget


class BlockedMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        person: Person | None = data.get("person")
        if person is None or not person.blocked or _forgetting(event, data):
            return await handler(event, data)
        log.info("ignored an update of blocked user %s", person.id)
        if isinstance(event, CallbackQuery):  # no spinner left turning
            with contextlib.suppress(TelegramAPIError):
                await event.answer()
        return None
