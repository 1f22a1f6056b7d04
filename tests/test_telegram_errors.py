"""Each class of Telegram error, met while replying: nothing crashes, no update is lost."""

from __future__ import annotations

import logging

from tests.flows import first_start
from tests.helpers import db_rows, tr


async def _ready(sandbox, user_id: int, locale: str = "en"):
    user = sandbox.user(user_id, "U", locale)
    await first_start(user)
    await user.press(tr(sandbox, "Kazakhstan", locale))
    return user


async def test_429_is_waited_out_and_the_reply_arrives_once(sandbox):
    user = await _ready(sandbox, 5001)
    before = len(user.messages)
    sandbox.emulator.inject_error(
        "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=5001
    )
    await user.send("/help")
    replies = user.messages[before:]
    assert len(replies) == 1
    assert "What this bot can do for you" in replies[0].text
    assert sandbox.emulator.errors_returned[429] == 1


async def test_server_errors_are_retried(sandbox):
    user = await _ready(sandbox, 5002)
    before = len(user.messages)
    sandbox.emulator.inject_error("sendMessage", 502, "Bad Gateway", times=2, chat_id=5002)
    await user.send("/help")
    assert len(user.messages[before:]) == 1


async def test_bad_request_gets_a_polite_answer_in_the_users_language(sandbox, caplog):
    user = await _ready(sandbox, 5003, "ru")
    before = len(user.messages)
    sandbox.emulator.inject_error(
        "sendMessage",
        400,
        'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0',
        chat_id=5003,
    )
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        await user.send("/help")
    [apology] = user.messages[before:]
    assert apology.text == tr(
        sandbox,
        "Sorry, something went wrong on our side. It has been recorded; "
        "please try again in a minute.",
        "ru",
    )
    assert any("failed: TelegramBadRequest" in r.getMessage() for r in caplog.records)
    assert any("update " in r.getMessage() for r in caplog.records)
    # the next update is handled as usual
    await user.send("/help")
    assert tr(sandbox, "What this bot can do for you", "ru") in user.last.text


async def test_blocked_while_replying_marks_the_person_unreachable(sandbox):
    user = await _ready(sandbox, 5004)
    sandbox.emulator.inject_error(
        "sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=5004
    )
    await user.send("/help")
    [row] = db_rows(sandbox.database_path, "SELECT is_active FROM users WHERE id = 5004")
    assert row["is_active"] == 0
    # they come back: the next message reactivates them and is answered
    await user.send("/help")
    assert "What this bot can do for you" in user.last.text
    [row] = db_rows(sandbox.database_path, "SELECT is_active FROM users WHERE id = 5004")
    assert row["is_active"] == 1


async def test_blocking_and_unblocking_the_bot_is_recorded(sandbox):
    user = await _ready(sandbox, 5005)
    await user.block()
    [row] = db_rows(sandbox.database_path, "SELECT is_active FROM users WHERE id = 5005")
    assert row["is_active"] == 0
    await user.unblock()
    [row] = db_rows(sandbox.database_path, "SELECT is_active FROM users WHERE id = 5005")
    assert row["is_active"] == 1


async def test_edit_that_changes_nothing_is_not_an_error_for_the_user(sandbox):
    user = await _ready(sandbox, 5006)
    menu = user.last
    help_data = menu.buttons()[0]["callback_data"]
    await user.press_data(help_data, menu)
    count = len(user.messages)
    sandbox.emulator.inject_error(
        "editMessageText",
        400,
        "Bad Request: message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup of the message",
    )
    await user.press(1)  # "« Back"
    assert len(user.messages) == count, "no apology for a harmless no-op"


async def test_a_refused_reply_still_leaves_the_person_an_answer(sandbox):
    user = await _ready(sandbox, 5007)
    before = len(user.messages)
    sandbox.emulator.inject_error("sendMessage", 400, "Bad Request: message is too long")
    await user.send("/help")
    assert len(user.messages[before:]) == 1
    assert user.last.text.startswith("Sorry, something went wrong")
