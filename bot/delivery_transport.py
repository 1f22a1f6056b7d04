"""The delivery sender's link to Telegram: a Bot without the retry middleware (the sender
handles 429s and failures itself, for all its sends at once), and Telegram's errors mapped
onto the sender's."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup

from bot.domain.outbox import OutgoingMessage
from bot.services.delivery import Rejected, RetryAfter, TransientError, Unreachable


class TelegramTransport:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, message: OutgoingMessage) -> int:
        markup = (
            InlineKeyboardMarkup.model_validate_json(message.markup) if message.markup else None
        )
        try:
            sent = await self._bot.send_message(chat_id, message.text, reply_markup=markup)
        except TelegramRetryAfter as error:
            raise RetryAfter(error.retry_after) from error
        except TelegramForbiddenError as error:
            raise Unreachable(error.message) from error
        except (TelegramNetworkError, TelegramServerError) as error:
            raise TransientError(str(error)) from error
        except TelegramAPIError as error:
            raise Rejected(error.message) from error
        return sent.message_id

    async def close(self) -> None:
        await self._bot.session.close()
