"""The menu sent again below the person's message: the new one does not wait for the old
one's buttons to be taken away (two round trips to Telegram at once, not one after the
other), and a failure to take them away costs the person nothing."""

from __future__ import annotations

import asyncio

from tests.flows import onboard
from tests.helpers import buttons


async def test_the_new_menu_does_not_wait_for_the_old_ones_buttons_to_go(sandbox, monkeypatch):
    ann = await onboard(sandbox, 7901, "Ann")
    await ann.send("/start")
    old = ann.last
    assert "📅 Events" in buttons(old)

    emulator = sandbox.emulator
    taking_away = emulator._m_editmessagereplymarkup
    let_go = asyncio.Event()

    async def held(params):  # Telegram slow to take the old buttons away
        await let_go.wait()
        return await taking_away(params)

    monkeypatch.setattr(emulator, "_m_editmessagereplymarkup", held)
    sent = emulator.call_counts["sendMessage"]
    update = asyncio.create_task(ann.send("/start"))
    for _ in range(1000):
        if emulator.call_counts["sendMessage"] > sent:
            break
        await asyncio.sleep(0.01)
    assert emulator.call_counts["sendMessage"] == sent + 1, "the new menu went out meanwhile"
    assert not update.done() and old.buttons(), "the old buttons are still being taken away"

    let_go.set()
    await update
    new = ann.last
    assert new.message_id != old.message_id and "📅 Events" in buttons(new)
    assert old.buttons() == [], "and then they are gone"
    await ann.press("📅 Events", new)  # the new menu works as ever
    assert "No upcoming events for you yet." in ann.last.text


async def test_old_buttons_that_cannot_be_taken_away_do_not_stop_the_new_menu(sandbox):
    ann = await onboard(sandbox, 7902, "Ann")
    await ann.send("/start")
    old = ann.last
    sandbox.emulator.inject_error("editMessageReplyMarkup", 400, "Bad Request: unexpected")
    await ann.send("/start")
    new = ann.last
    assert new.message_id != old.message_id and "📅 Events" in buttons(new)
    assert "📅 Events" in buttons(old), "left as they were"
    await ann.press("📅 Events", old)  # pressed later: the menu again, as for any old menu
    assert old.buttons() == [] and "📅 Events" in buttons(ann.last)
