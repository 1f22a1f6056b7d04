"""Groups, supergroups and channels: the bot works in private chats only. Added to a group
it says so once and leaves; whatever is written in a group gets no answer and records
nobody."""

from __future__ import annotations

from tests.flows import onboard
from tests.helpers import db_rows


async def test_added_to_a_group_the_bot_says_it_works_in_private_chats_and_leaves(sandbox):
    ann = await onboard(sandbox, 13_001, "Ann")
    seen = len(ann.messages)
    emu = sandbox.emulator
    await sandbox.settle(emu.add_to_group(ann.person, -5001, "NGO chat"))
    group = emu.groups[-5001]
    [said] = group.messages
    assert "I work in private chats only" in said.text
    assert "https://t.me/cso_sandbox_bot" in said.text
    assert not group.bot_member, "it left the group"
    assert len(ann.messages) == seen, "nothing in the private chat of the one who added it"
    assert db_rows(sandbox.database_path, "SELECT * FROM users WHERE id < 0") == []

    await sandbox.settle(emu.add_to_group(ann.person, -1005002, "News", kind="channel"))
    channel = emu.groups[-1005002]
    assert channel.messages == [] and not channel.bot_member


async def test_what_is_written_in_a_group_gets_no_answer_and_records_nobody(sandbox):
    ann = await onboard(sandbox, 13_011, "Ann")
    emu = sandbox.emulator
    await sandbox.settle(emu.add_to_group(ann.person, -5002, "Coalition", kind="supergroup"))
    emu.groups[-5002].bot_member = True  # say it could not leave (no right to, a lag)
    stranger = emu.person(13_012, "Stranger", "en")  # never started the bot
    for text in ("/start", "/help", "/admin", "/forget", "Hello bot", "/register@cso_sandbox_bot"):
        await sandbox.settle(emu.group_message(stranger, -5002, text))
        await sandbox.settle(emu.group_message(ann.person, -5002, text))
    assert len(emu.groups[-5002].messages) == 1  # only the first «I work in private chats»
    assert db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 13012") == []
    assert emu.chats.get(13_012, []) == []
