"""The delivery sender's link to Telegram: a Bot without the retry middleware (the sender
handles 429s and failures itself, for all its sends at once), and Telegram's errors mapped
onto the sender's."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
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
        markup = _markup(message)
        try:
            if message.file_kind == "photo" and message.file_id:
                sent = await self._bot.send_photo(
                    chat_id, message.file_id, caption=message.text, reply_markup=markup
                )
            elif message.file_kind == "document" and message.file_id:
                sent = await self._bot.send_document(
                    chat_id, message.file_id, caption=message.text, reply_markup=markup
                )
            else:
                sent = await self._bot.send_message(chat_id, message.text, reply_markup=markup)
        except TelegramAPIError as error:
            raise _mapped(error) from error
        return sent.message_id

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> int:
        markup = _markup(message) or InlineKeyboardMarkup(inline_keyboard=[])
        try:
            if message.file_id:  # a photo or a document: its caption
                await self._bot.edit_message_caption(
                    chat_id=chat_id,
                    message_id=message_id,
                    caption=message.text,
                    reply_markup=markup,
                )
            else:
                await self._bot.edit_message_text(
                    message.text, chat_id=chat_id, message_id=message_id, reply_markup=markup
                )
        except TelegramBadRequest as error:
            if "message is not modified" not in error.message:
                raise _mapped(error) from error
        except TelegramAPIError as error:
            raise _mapped(error) from error
        return message_id

    async def close(self) -> None:
        await self._bot.session.close()


def _markup(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    if not message.markup:
        return None
    return InlineKeyboardMarkup.model_validate_json(message.markup)


def _mapped(error: TelegramAPIError) -> Exception:
    """Telegram's error as the sender's."""
    match error:
        case TelegramRetryAfter():
            return RetryAfter(error.retry_after)
        case TelegramForbiddenError():
            return Unreachable(error.message)
        case TelegramNetworkError() | TelegramServerError():
            return TransientError(str(error))
    return Rejected(error.message)
