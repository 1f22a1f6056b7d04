"""People's names as Telegram shows them now. The bot stores no names (see the users
table), so an admin's list asks Telegram, a page at a time."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.ui.staff import person_label, unknown_person_label

log = logging.getLogger(__name__)


async def label_of(bot: Bot, user_id: int) -> str:
    try:
        chat = await bot.get_chat(user_id)
    except TelegramAPIError as error:
        log.info("no name for user %s: %s", user_id, error)
        return unknown_person_label(user_id)
    return person_label(user_id, chat.first_name, chat.last_name, chat.username)


async def labels_of(bot: Bot, user_ids: tuple[int, ...]) -> list[str]:
    return list(await asyncio.gather(*(label_of(bot, user_id) for user_id in user_ids)))
