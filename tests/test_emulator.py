"""The emulator is as strict as Telegram, over the same HTTP transport the bot uses."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from bot.sandbox.emulator import Emulator, EmulatorServer, RateLimits

CHAT = 7001


@pytest.fixture
async def emulator() -> AsyncIterator[tuple[Emulator, EmulatorServer]]:
    emu = Emulator()
    server = EmulatorServer(emu)
    await server.start()
    emu.person(CHAT, "Aida").started = True
    yield emu, server
    await server.stop()


def _bot(server: EmulatorServer, token: str | None = None) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
    return Bot(
        token or server.emulator.token,
        session=session,
        default=DefaultBotProperties(parse_mode="HTML"),
    )


@pytest.fixture
async def bot(emulator) -> AsyncIterator[Bot]:
    _, server = emulator
    bot = _bot(server)
    yield bot
    await bot.session.close()


async def test_text_limit_is_4096_characters_counted_as_telegram_counts(bot, emulator):
    emu, _ = emulator
    await bot.send_message(CHAT, "я" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "я" * 4097)
    # an emoji outside the BMP counts twice (UTF-16), as in Telegram
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(CHAT, "🙂" * 2049)
    # markup does not count, entities are stripped before counting
    await bot.send_message(CHAT, "<b>" + "x" * 4096 + "</b>")
    assert len(emu.bot_messages(CHAT)) == 2


async def test_empty_text_is_refused(bot):
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(CHAT, "<b> </b>")


async def test_callback_data_over_64_bytes_is_refused(bot):
    ok = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data="x" * 64)]]
    )
    await bot.send_message(CHAT, "fine", reply_markup=ok)
    too_long = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="no", callback_data="ж" * 33)]]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "65+ bytes", reply_markup=too_long)


async def test_bad_buttons_are_refused(bot):
    no_action = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="x")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(CHAT, "t", reply_markup=no_action)
    bad_url = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="x", url="not a url")]]
    )
    with pytest.raises(TelegramBadRequest, match="Wrong HTTP URL"):
        await bot.send_message(CHAT, "t", reply_markup=bad_url)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a < b", "Unclosed start tag"),
        ("<script>x</script>", 'Unsupported start tag "script"'),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("x</b>", "Unexpected end tag"),
    ],
)
async def test_broken_html_is_refused(bot, html, error):
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as raised:
        await bot.send_message(CHAT, html)
    assert error in raised.value.message


async def test_html_entities_and_escapes_become_plain_text(bot, emulator):
    emu, _ = emulator
    await bot.send_message(CHAT, "<b>A</b> &lt;b&gt; &amp; &#1046; <a href='https://x.kg'>l</a>")
    message = emu.bot_messages(CHAT)[-1]
    assert message.text == "A <b> & Ж l"
    assert {"type": "bold", "offset": 0, "length": 1} in message.entities


async def test_edit_that_changes_nothing_is_refused(bot):
    sent = await bot.send_message(CHAT, "same")
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("same", chat_id=CHAT, message_id=sent.message_id)
    await bot.edit_message_text("changed", chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=999)


async def test_blocked_deactivated_and_unknown_chats(bot, emulator):
    emu, _ = emulator
    emu.people[CHAT].blocked_bot = True
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "hi")
    emu.people[CHAT].blocked_bot = False
    emu.people[CHAT].deactivated = True
    with pytest.raises(TelegramForbiddenError, match="user is deactivated"):
        await bot.send_message(CHAT, "hi")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(4242, "nobody started the bot here")


async def test_rate_limits_answer_429_with_retry_after(bot, emulator):
    emu, _ = emulator
    emu.rate_limits = RateLimits(overall_per_s=30, per_chat_per_s=1)
    await bot.send_message(CHAT, "one")
    with pytest.raises(TelegramRetryAfter) as raised:
        await bot.send_message(CHAT, "two, too soon")
    assert raised.value.retry_after >= 1
    for user_id in range(8000, 8040):
        emu.person(user_id, "P").started = True
    accepted = refused = 0
    for user_id in range(8000, 8040):
        try:
            await bot.send_message(user_id, "broadcast")
            accepted += 1
        except TelegramRetryAfter:
            refused += 1
    assert accepted <= 30 and refused >= 10


async def test_wrong_token_and_unknown_method(emulator):
    _, server = emulator
    stranger = _bot(server, token="42:WRONG")
    with pytest.raises(TelegramUnauthorizedError):
        await stranger.get_me()
    await stranger.session.close()


async def test_callback_query_answered_once_only(bot, emulator):
    emu, _ = emulator
    sent = await bot.send_message(
        CHAT,
        "q",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="b", callback_data="d")]]
        ),
    )
    message = emu.bot_messages(CHAT)[-1]
    assert message.message_id == sent.message_id
    _, query_id = emu.press_button(emu.people[CHAT], message, "d")
    await bot.answer_callback_query(query_id, text="done")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("123")


async def test_commands_are_validated_and_scoped(bot, emulator):
    emu, _ = emulator
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])
    await bot.set_my_commands(
        [BotCommand(command="help", description="Помощь")], language_code="ru"
    )
    await bot.set_my_commands([BotCommand(command="help", description="Help")])
    assert emu.commands_for(CHAT, "ru")[0]["description"] == "Помощь"
    assert emu.commands_for(CHAT, "de")[0]["description"] == "Help"


async def test_documents_are_uploaded_as_multipart(bot, emulator):
    emu, _ = emulator
    await bot.send_document(
        CHAT, BufferedInputFile(b"a,b\n1,2\n", filename="export.csv"), caption="<b>CSV</b>"
    )
    message = emu.bot_messages(CHAT)[-1]
    assert message.document is not None
    assert (message.document.file_name, message.document.content) == ("export.csv", b"a,b\n1,2\n")
    assert message.caption == "CSV"


async def test_second_poller_terminates_the_first(bot, emulator):
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first
    assert await second == []


async def test_long_poll_returns_as_soon_as_a_user_writes(bot, emulator):
    emu, _ = emulator
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.05)
    emu.user_message(emu.people[CHAT], "/start")
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message.text == "/start"
    assert updates[0].message.entities[0].type == "bot_command"
    # confirmed updates are not delivered again
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == []
