"""A fixed-seed storm of random and malformed updates, interleaved with real flows: real
buttons pressed by the wrong people, truncated and forged callback data, huge and odd
texts, commands with odd arguments, stickers, voice, locations, contacts, polls, edited
messages, channel posts and group messages, people who never pressed /start. The bot
must never fail on one (no error logged), every reply must pass Telegram's limits (the
emulator refuses what Telegram would), nobody may read another person's private data,
and the database must pass its integrity and foreign-key checks afterwards."""

from __future__ import annotations

import logging
import random
import sqlite3
import string
from datetime import timedelta

from bot.domain.polls import DraftQuestion, QuestionKind
from bot.sandbox.emulator import Message
from bot.sandbox.users import SandboxUser
from tests.desk_flows import ask, expert
from tests.events_flows import announce, organizer
from tests.flows import admin, first_start, onboard, registered_org

SEED = 20261203
UPDATES = 1500
PRIVATE_CONTACT = "+996 555 010 101"
ANONYMOUS_NAME = "Bekzatsecret"
# what Telegram answers to a double tap or a message the bot may no longer edit: expected
BENIGN = (
    "message is not modified",
    "query is too old",
    "message to edit not found",
    "message can't be edited",
    "message to delete not found",
)
COMMANDS = (
    "/start",
    "/start join_deadbeef",
    "/start " + "x" * 80,
    "/help",
    "/events",
    "/polls",
    "/recs",
    "/ask",
    "/myrequests",
    "/queue",
    "/faq",
    "/orgs",
    "/register",
    "/expert",
    "/profile",
    "/settings",
    "/language",
    "/country",
    "/cancel",
    "/newevent",
    "/myevents",
    "/newpoll",
    "/newrecs",
    "/consultations",
    "/pending",
    "/organizers",
    "/admin",
    "/start appoint_forged",
    "/export",
    "/myorg",
    "/unknown_command with args",
    "/start@SomeOtherBot",
)


def _odd_text(rnd: random.Random) -> str:
    choice = rnd.randrange(8)
    if choice == 0:
        return "Я" * rnd.choice((4096, 5000, 20000))
    if choice == 1:
        return rnd.choice(("👍", "🎉🎉🎉", "🙂" * 50, "\u200b", " "))
    if choice == 2:
        return "<b>bold</b> & <script>alert(1)</script> <a href='x'>"
    if choice == 3:
        return "".join(rnd.choice(string.printable) for _ in range(rnd.randrange(1, 300)))
    if choice == 4:
        return "".join(chr(rnd.randrange(0x400, 0x4FF)) for _ in range(rnd.randrange(1, 200)))
    if choice == 5:
        return "13.06.2027 09:00"
    if choice == 6:
        return "\n".join(f"Option {i}" for i in range(rnd.randrange(1, 30)))
    return rnd.choice(COMMANDS)


def _mutated(rnd: random.Random, data: str) -> str:
    choice = rnd.randrange(5)
    if choice == 0 and len(data) > 1:
        return data[: rnd.randrange(1, len(data))]
    if choice == 1:
        return "".join(
            str(rnd.randrange(10)) if c.isdigit() and rnd.random() < 0.5 else c for c in data
        )
    if choice == 2:
        return data.replace("0", "9999999999999999999999")[:64]
    if choice == 3:
        return "".join(rnd.choice(string.ascii_letters + ":\x1d0123") for _ in range(20))
    return data + ":" + str(rnd.randrange(10**6))


def _other_content(rnd: random.Random) -> dict:
    return rnd.choice(
        (
            {"location": {"latitude": 42.87, "longitude": 74.59}},
            {"contact": {"phone_number": "+996555000111", "first_name": "Someone"}},
            {
                "venue": {
                    "location": {"latitude": 42.87, "longitude": 74.59},
                    "title": "Hyatt",
                    "address": "Bishkek",
                }
            },
            {"dice": {"emoji": "🎲", "value": 3}},
        )
    )


async def test_a_storm_of_random_and_malformed_updates(sandbox, caplog):
    caplog.set_level(logging.WARNING)
    rnd = random.Random(SEED)
    emu = sandbox.emulator

    # a world: an admin, an organizer, a coordinator with a private contact, an expert, a
    # member who asked anonymously; an event, a poll
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 40_001, "Olga", boss)
    aida = await onboard(sandbox, 40_002, "Aida")
    await registered_org(sandbox, boss, aida, "Naryn Women Alliance", contact=PRIVATE_CONTACT)
    gulzhan = await expert(sandbox, boss, 40_003, "Gulzhan", "Sociologist, twelve years.")
    bek = sandbox.user(40_004, ANONYMOUS_NAME, "en", "bekzat_secret")
    await first_start(bek)
    await bek.press("Kazakhstan")
    await ask(bek, anonymous=True)
    await announce(olga, "School of coalitions")
    person = await sandbox.app.services.people.find(olga.id)
    now = sandbox.clock()
    await sandbox.app.services.polls.send(
        person,
        "",
        [DraftQuestion(QuestionKind.SINGLE, "Which theme first?", ["Data", "Ecology"])],
        {},
        now + timedelta(days=3),
        now,
        anonymous=True,
        results_public=True,
    )
    await sandbox.app.sender.drained()
    strangers = [
        sandbox.user(41_000 + i, f"Stranger{i}", rnd.choice(("ru", "en", None))) for i in range(5)
    ]
    for stranger in strangers:
        # their chat with the bot exists (a button of theirs can only be pressed there),
        # but the bot has no record of them: never pressed /start, or were forgotten
        stranger.person.started = True
    people: list[SandboxUser] = [boss, olga, aida, gulzhan, bek, *strangers]
    # who may read each private datum: the owner, the admin reviewing it, and for Bek's
    # name the organizer of an event he answers (the card tells him before he answers);
    # never the expert of his anonymous request, another member or a stranger
    allowed = {
        PRIVATE_CONTACT: {aida.id, boss.id},
        ANONYMOUS_NAME: {bek.id, olga.id, boss.id},
        "bekzat_secret": {bek.id, olga.id, boss.id},
    }

    def any_message() -> tuple[SandboxUser, Message] | None:
        owners = [p for p in people if p.messages]
        if not owners:
            return None
        owner = rnd.choice(owners)
        return owner, rnd.choice(owner.messages[-15:])

    # Telegram delivers only the kinds of update the bot asks for; the others it never sees
    used = set(sandbox.app.dispatcher.resolve_used_update_types())
    for step in range(UPDATES):
        actor = rnd.choice(people)
        kind = rnd.random()
        if kind < 0.35:  # a real button, maybe someone else's, maybe a stale one
            found = any_message()
            if found is None or not found[1].buttons():
                continue
            message = found[1]
            data = rnd.choice(message.buttons()).get("callback_data")
            if not data or message.deleted:
                continue
            update_id, _ = emu.press_button(actor.person, message, data)
        elif kind < 0.5:  # forged or truncated callback data
            found = any_message()
            if found is None or found[1].deleted:
                continue
            buttons = [b.get("callback_data") for b in found[1].buttons()]
            data = _mutated(rnd, rnd.choice([b for b in buttons if b] or ["x"]))
            data = data.encode()[:64].decode("utf-8", "ignore")  # Telegram's 64 bytes
            update_id, _ = emu.press_button(actor.person, found[1], data)
        elif kind < 0.8:  # text: commands, huge, odd
            update_id = emu.user_message(actor.person, _odd_text(rnd))
        elif kind < 0.88:  # not text
            what = rnd.randrange(4)
            if what == 0:
                update_id = emu.user_sticker(actor.person)
            elif what == 1:
                update_id = emu.user_voice(actor.person)
            elif what == 2:
                update_id = emu.user_photo(actor.person, caption=rnd.choice((None, "x" * 2000)))
            else:
                update_id = emu.user_content(actor.person, _other_content(rnd))
        elif kind < 0.94:  # an edited message
            update_id = emu.push_update(
                "edited_message",
                {
                    "message_id": 10_000 + step,
                    "date": int(emu.clock()),
                    "edit_date": int(emu.clock()),
                    "chat": actor.person.chat(),
                    "from": actor.person.to_api(),
                    "text": _odd_text(rnd),
                },
            )
        elif kind < 0.97:  # a channel post
            update_id = emu.push_update(
                "channel_post",
                {
                    "message_id": 20_000 + step,
                    "date": int(emu.clock()),
                    "chat": {"id": -1001234567890, "type": "channel", "title": "News"},
                    "text": rnd.choice(COMMANDS),
                },
            )
        else:  # a group message
            update_id = emu.push_update(
                "message",
                {
                    "message_id": 30_000 + step,
                    "date": int(emu.clock()),
                    "chat": {"id": -4001234567, "type": "group", "title": "NGO chat"},
                    "from": actor.person.to_api(),
                    "text": rnd.choice(COMMANDS),
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                },
            )
        if kind < 0.88 or kind >= 0.97 or "edited_message" in used or "channel_post" in used:
            await sandbox.settle(update_id)
        if step % 300 == 299:
            sandbox.clock.advance(hours=7)
            await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()

    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failures, failures[0].getMessage()
    refused = [e for e in emu.error_log if not any(b in e[2] for b in BENIGN) and e[1] != 403]
    assert not refused, refused[:5]
    for secret, readers in allowed.items():
        for reader in people:
            if reader.id in readers:
                continue
            for message in reader.messages:
                assert secret not in (message.text or "") + (message.caption or ""), (
                    f"{secret!r} reached {reader.id}"
                )
    conn = sqlite3.connect(sandbox.database_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
