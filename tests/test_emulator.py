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

from bot.sandbox.emulator import Emulator, EmulatorServer, Message, RateLimits
from bot.sandbox.users import SandboxUser, button_texts

CHAT = 7001
PNG = b"\x89PNG\r\n\x1a\n" + bytes(300)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def _keyboard(text: str = "Take") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data="take")]]
    )


def _from_person(emu: Emulator, chat_id: int = CHAT) -> Message:
    """The newest message the person sent in their chat."""
    return [m for m in emu.chats[chat_id] if not m.from_bot][-1]


async def test_a_users_photo_is_sent_on_by_its_file_id_with_caption_and_buttons(bot, emulator):
    emu, _ = emulator
    emu.user_photo(emu.people[CHAT], caption="the scan")
    photo = _from_person(emu).photo
    assert [(size.width, size.height) for size in photo] == [(90, 90), (320, 320), (1280, 1280)]
    assert len({size.file_id for size in photo}) == 3
    assert len({size.file_unique_id for size in photo}) == 3
    assert photo[0].file_size < photo[1].file_size < photo[2].file_size
    sent = await bot.send_photo(
        CHAT, photo[-1].file_id, caption="<b>Aida</b> writes", reply_markup=_keyboard()
    )
    assert [size.file_id for size in sent.photo] == [size.file_id for size in photo]
    assert sent.caption == "Aida writes"
    assert sent.caption_entities[0].type == "bold"
    message = emu.bot_messages(CHAT)[-1]
    assert message.photo == photo
    assert (message.caption, message.content) == ("Aida writes", "Aida writes")
    assert message.caption_entities == [{"type": "bold", "offset": 0, "length": 4}]
    assert button_texts(message) == ["Take"]
    # any size's file id stands for the whole photo
    again = await bot.send_photo(CHAT, photo[0].file_id)
    assert [size.width for size in again.photo] == [90, 320, 1280]
    assert again.caption is None and emu.bot_messages(CHAT)[-1].caption is None


async def test_an_uploaded_photo_is_made_into_sizes_and_can_be_sent_again(bot, emulator):
    sent = await bot.send_photo(CHAT, BufferedInputFile(PNG, filename="chart.png"))
    assert [size.width for size in sent.photo] == [90, 320, 1280]
    assert sent.photo[-1].file_size == len(PNG)
    again = await bot.send_photo(CHAT, sent.photo[-1].file_id)
    assert again.photo[-1].file_unique_id == sent.photo[-1].file_unique_id
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(CHAT, BufferedInputFile(b"not an image", filename="fake.png"))


async def test_a_photo_by_an_unknown_id_a_long_caption_or_bad_buttons_is_refused(bot, emulator):
    emu, _ = emulator
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_photo(CHAT, "AgACAgIAAxkBAAIBnothing")
    emu.user_photo(emu.people[CHAT])
    file_id = _from_person(emu).photo[-1].file_id
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(CHAT, file_id, caption="я" * 1025)
    no_action = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="x")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_photo(CHAT, file_id, reply_markup=no_action)
    with pytest.raises(TelegramBadRequest, match="can't use file of type Photo as Document"):
        await bot.send_document(CHAT, file_id)
    assert emu.bot_messages(CHAT) == []
    await bot.send_photo(CHAT, file_id, caption="я" * 1024)


async def test_photos_count_against_the_rate_limits(bot, emulator):
    emu, _ = emulator
    emu.rate_limits = RateLimits(overall_per_s=30, per_chat_per_s=1)
    emu.user_photo(emu.people[CHAT])
    await bot.send_message(CHAT, "one")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_photo(CHAT, _from_person(emu).photo[-1].file_id)


async def test_a_users_document_is_sent_on_by_its_file_id_as_it_is(bot, emulator):
    emu, _ = emulator
    emu.user_document(emu.people[CHAT], "budget.xlsx", XLSX, size=2_500_000, caption="budget")
    document = _from_person(emu).document
    assert document is not None
    sent = await bot.send_document(CHAT, document.file_id, caption="<i>From Aida</i>")
    assert sent.document is not None
    assert (
        sent.document.file_id,
        sent.document.file_name,
        sent.document.mime_type,
        sent.document.file_size,
    ) == (document.file_id, "budget.xlsx", XLSX, 2_500_000)
    assert sent.caption_entities[0].type == "italic"
    message = emu.bot_messages(CHAT)[-1]
    assert message.document is document and message.caption == "From Aida"
    assert document.content == b""  # the declared size, not that many bytes
    with pytest.raises(TelegramBadRequest, match="can't use file of type Document as Photo"):
        await bot.send_photo(CHAT, document.file_id)


async def test_captions_are_edited_on_photos_and_documents_only(bot, emulator):
    emu, _ = emulator
    edits: list[Message] = []
    emu.on_message(edits.append)
    emu.user_photo(emu.people[CHAT])
    photo = await bot.send_photo(CHAT, _from_person(emu).photo[-1].file_id, caption="Request #1")
    edited = await bot.edit_message_caption(
        chat_id=CHAT,
        message_id=photo.message_id,
        caption="<b>Request #1</b>: taken",
        reply_markup=_keyboard(),
    )
    assert edited.caption == "Request #1: taken"
    message = emu.bot_messages(CHAT)[-1]
    assert (message.caption, button_texts(message)) == ("Request #1: taken", ["Take"])
    assert message.caption_entities == [{"type": "bold", "offset": 0, "length": 10}]
    assert message.edit_date is not None and edits[-1] is message
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_caption(
            chat_id=CHAT,
            message_id=photo.message_id,
            caption="<b>Request #1</b>: taken",
            reply_markup=_keyboard(),
        )
    # the same words without the bold, and without the keyboard, are a change
    await bot.edit_message_caption(
        chat_id=CHAT, message_id=photo.message_id, caption="Request #1: taken"
    )
    assert message.caption_entities == [] and message.reply_markup is None
    document = await bot.send_document(CHAT, BufferedInputFile(b"a,b\n", filename="x.csv"))
    await bot.edit_message_caption(
        chat_id=CHAT, message_id=document.message_id, caption="now with a caption"
    )
    assert emu.bot_messages(CHAT)[-1].caption == "now with a caption"
    text = await bot.send_message(CHAT, "plain text")
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=CHAT, message_id=text.message_id, caption="x")


async def test_a_users_photo_document_voice_and_sticker_can_answer_a_message(bot, emulator):
    emu, _ = emulator
    person = emu.people[CHAT]
    card = await bot.send_message(CHAT, "Request #7")
    replied = emu.bot_messages(CHAT)[-1]
    emu.user_photo(person, caption="the scan", reply_to=replied)
    emu.user_document(person, "act.pdf", "application/pdf", reply_to=replied)
    emu.user_voice(person, reply_to=replied)
    emu.user_sticker(person, "🙏", reply_to=replied)
    photo, document, voice, sticker = (u.message for u in await bot.get_updates(timeout=0))
    assert photo.photo[-1].width == 1280 and photo.caption == "the scan"
    assert photo.caption_entities is None
    assert document.document.file_name == "act.pdf"
    assert document.document.file_size == 120_000
    assert voice.content_type == "voice" and voice.voice.mime_type == "audio/ogg"
    assert sticker.sticker.emoji == "🙏"
    for message in (photo, document, voice, sticker):
        assert message.reply_to_message.message_id == card.message_id
        assert message.reply_to_message.text == "Request #7"
    # they are in the person's chat, as Telegram keeps them
    kept = [m.message_id for m in emu.chats[CHAT] if not m.from_bot]
    assert kept == [m.message_id for m in (photo, document, voice, sticker)]


async def test_sandbox_users_send_photos_documents_voice_notes_and_stickers(bot, emulator):
    emu, _ = emulator
    user = SandboxUser(emu, emu.person(7002, "Bolot"))
    await user.send_photo("look")
    await bot.send_message(7002, "Got it")  # the photo started the chat
    card = user.last
    await user.send_document("table.xlsx", XLSX, size=5_000, caption="t", reply_to=card)
    await user.send_voice(reply_to=card)
    await user.send_sticker("🙏", reply_to=card)
    photo, document, voice, sticker = (m for m in emu.chats[7002] if not m.from_bot)
    assert len(photo.photo) == 3 and photo.caption == "look"
    assert document.document is not None and document.document.file_size == 5_000
    assert "voice" in voice.other_content
    assert sticker.other_content["sticker"]["emoji"] == "🙏"
    updates = await bot.get_updates(timeout=0)
    replies = [u.message.reply_to_message for u in updates]
    assert [r.message_id if r else None for r in replies] == [None, *[card.message_id] * 3]
