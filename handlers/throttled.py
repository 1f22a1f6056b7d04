"""What a person flooding the bot is told (once per burst)."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Update
from aiogram.utils.i18n import I18n

from bot.locales import match_language
from bot.services.container import Services


async def notify_throttled(update: Update, data: dict[str, Any]) -> None:
    user = data["event_from_user"]
    services: Services = data["services"]
    i18n: I18n = data["i18n"]
    bot: Bot = data["bot"]
    person = await services.people.find(user.id)
    # A flood can outrun the person's first update: fall back to their app's language.
    locale = person.locale if person else match_language(user.language_code)
    locale = locale or i18n.default_locale
    text = i18n.gettext("Too many messages at once. Please wait a few seconds.", locale=locale)
    try:
        if update.callback_query is not None:
            await bot.answer_callback_query(update.callback_query.id, text=text)
        else:
            await bot.send_message(user.id, text)
    except TelegramAPIError:
        pass
