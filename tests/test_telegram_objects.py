"""aiogram's objects bound to their bot in one step (bot/telegram_objects.py) behave as
aiogram's own: the bot of the validation context, on every nested object, and nothing else
changed; a class that keeps more than the bot is left alone."""

from __future__ import annotations

import json
from typing import Any

from aiogram import Bot
from aiogram.methods import SendMessage
from aiogram.methods.base import Response
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    TelegramObject,
    Update,
)
from pydantic import PrivateAttr

from bot.telegram_objects import bind_bot_in_one_step

SENT = {
    "message_id": 7,
    "date": 1_700_000_000,
    "chat": {"id": 555, "type": "private", "first_name": "Aigul"},
    "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
    "text": "Menu",
    "reply_markup": {"inline_keyboard": [[{"text": "Events", "callback_data": "e"}]]},
}


class _Remembers(TelegramObject):
    """A type of a later aiogram, say, with a private attribute of its own."""

    note: str
    _seen: list[str] = PrivateAttr(default_factory=list)

    def model_post_init(self, context: Any, /) -> None:
        super().model_post_init(context)
        self._seen.append(self.note)


def test_answers_updates_and_new_objects_carry_their_bot_as_aiogram_binds_it() -> None:
    bind_bot_in_one_step()
    assert bind_bot_in_one_step() == 0  # done once
    for kind in (Message, Update, InlineKeyboardButton, SendMessage):
        assert kind.model_post_init.__module__ == "bot.telegram_objects", kind
    bot = Bot("42:TEST")

    answer = json.dumps({"ok": True, "result": SENT})
    message = Response[Message].model_validate_json(answer, context={"bot": bot}).result
    assert message.bot is bot
    assert message.chat.bot is bot
    assert message.reply_markup is not None
    assert message.reply_markup.inline_keyboard[0][0].bot is bot
    assert message.__pydantic_private__ == {"_bot": bot}
    assert (
        message.text == "Menu" and message.reply_markup.inline_keyboard[0][0].callback_data == "e"
    )

    update = Update.model_validate(
        {"update_id": 1, "message": SENT}, context={"bot": bot}
    )  # as the polling loop reads it
    assert update.message is not None and update.message.bot is bot

    unbound = Message.model_validate(SENT)  # no bot in the context
    assert unbound.bot is None
    assert unbound.as_(bot).bot is bot

    button = InlineKeyboardButton(text="Back", callback_data="b")
    assert button.bot is None and button.__pydantic_private__ == {"_bot": None}
    call = SendMessage(
        chat_id=555, text="Hi", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]])
    )
    assert call.bot is None and call.reply_markup is not None


def test_a_type_keeping_more_than_the_bot_is_left_as_it_is() -> None:
    bind_bot_in_one_step()
    bot = Bot("42:TEST")
    assert _Remembers.model_post_init.__module__ != "bot.telegram_objects"
    kept = _Remembers.model_validate({"note": "first"}, context={"bot": bot})
    assert kept.bot is bot
    assert kept._seen == ["first"]
