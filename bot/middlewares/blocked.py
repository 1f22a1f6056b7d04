"""People an admin blocked: the bot ignores their messages and button presses, except
/forget and its own questions (deleting one's data stays possible for everyone).

An inner middleware: it runs once a handler matched, after aiogram-dialog put the person's
open dialog in the data, so the /forget dialog's buttons and answers can go through."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.domain.people import Person
from dialogs.profile.states import Forget

log = logging.getLogger(__name__)

_CONTEXT_KEY = "aiogd_context"  # aiogram_dialog.api.internal.CONTEXT_KEY


def _forgetting(event: TelegramObject, data: dict[str, Any]) -> bool:
    if isinstance(event, Message) and (event.text or "").split("@")[0].strip() == "/forget":
        return True
    context = data.get(_CONTEXT_KEY)
    state = getattr(context, "state", None)
    return state is not None and state.group is Forget


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
