"""Puts the `person` behind each update (language, country, roles) into the handler data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware

from bot.db.fsm_storage import SQLiteStorage
from bot.locales import match_language
from bot.services.container import Services
from bot.services.people import search_key

AfterUpdate = list[Callable[[], Awaitable[None]]]


class PersonMiddleware(BaseMiddleware):
    """Also offers `after_update`: a list handlers append to for work that must come after
    everything else the update does, conversation-state saving included (/forget); and
    writes the update's conversation state together once it is handled."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        # nobody is recorded from a group or a channel (the bot works in private chats)
        private = chat is None or chat.type == "private"
        if user is not None and not user.is_bot and private:
            services: Services = data["services"]
            data["person"] = await services.people.identify(
                user.id,
                user.language_code,
                services.now(),
                search_key(user.first_name, user.last_name, user.username),
            )
        after: AfterUpdate = []
        data["after_update"] = after
        storage = data.get("fsm_storage")
        batch = storage.batch() if isinstance(storage, SQLiteStorage) else nullcontext()
        try:
            async with batch:  # the update's conversation-state writes, together at its end
                return await handler(event, data)
        finally:
            for job in after:
                await job()


class LocaleMiddleware(I18nMiddleware):
    """The person's chosen language wins over the Telegram app's `language_code`."""

    def __init__(self, i18n: I18n) -> None:
        super().__init__(i18n)

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        person = data.get("person")
        if person is not None:
            return str(person.locale)
        # someone the bot does not record (in a group): their Telegram app's language
        user: User | None = data.get("event_from_user")
        detected = match_language(user.language_code) if user is not None else None
        return detected or self.i18n.default_locale
