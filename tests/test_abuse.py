"""Abuse and forgery: after a decline, a join request or a partnership proposal to the same
party waits 30 days and says so; a forged button (a value no screen offered, data no button
has, a wrong action) is answered politely and logged as a warning, never as an error."""

from __future__ import annotations

import logging

import pytest

from bot.ui.callbacks import EventAction, JoinAnswer
from tests.events_flows import announce, organizer
from tests.flows import admin, first_start, invite_link, onboard, propose, registered_org
from tests.helpers import db_rows

INVALID = "This button is no longer valid. Please open the screen again."


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING)
    return caplog


def _no_errors(caplog) -> bool:
    return not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_declined_join_request_waits_thirty_days(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 11_001, "Ann")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    bek = await onboard(sandbox, 11_002, "Bek")
    link = await invite_link(ann)
    await bek.send(f"/start {link}")
    await ann.press("✖ Decline", ann.last)
    cards = len(ann.messages)

    sandbox.clock.advance(days=29)
    await bek.send(f"/start {link}")
    assert "declined your request recently. You can ask again from" in bek.last.text
    assert len(ann.messages) == cards, "the coordinator is not asked again"
    assert len(db_rows(sandbox.database_path, "SELECT id FROM join_requests")) == 1

    sandbox.clock.advance(days=2)
    await bek.send(f"/start {link}")
    assert "was sent to its coordinator" in bek.last.text
    assert "asks to join «Women of Naryn»" in ann.last.text


async def test_a_declined_partnership_proposal_waits_thirty_days(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 11_101, "Ann")
    cem = await onboard(sandbox, 11_102, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")

    await propose(cem, "Women of Naryn")
    await ann.press("✖ Decline", ann.last)
    cards = len(ann.messages)
    sandbox.clock.advance(days=10)
    await propose(cem, "Women of Naryn")
    assert "declined your proposal recently. You can propose again from" in cem.last.text
    assert len(ann.messages) == cards
    sandbox.clock.advance(days=21)
    await propose(cem, "Women of Naryn")
    assert "Proposal sent." in cem.last.text
    assert "A partnership proposal for «Women of Naryn»" in ann.last.text


async def test_a_forged_choice_in_a_dialog_is_refused_politely(sandbox, warnings):
    aida = sandbox.user(11_201, "Aida", "en")
    await first_start(aida)
    question = aida.last
    forged = question.buttons()[0]["callback_data"].rsplit(":", 1)[0] + ":XX"
    query = await aida.press_data(forged, question)
    assert query.answer_text == INVALID and query.show_alert
    [row] = db_rows(sandbox.database_path, "SELECT country FROM users WHERE id = 11201")
    assert row["country"] is None, "nothing changed"
    assert any("invalid choice" in r.getMessage() for r in warnings.records)
    assert _no_errors(warnings)

    await aida.press("Kazakhstan", question)  # the real button still works
    [row] = db_rows(sandbox.database_path, "SELECT country FROM users WHERE id = 11201")
    assert row["country"] == "KZ"


async def test_a_forged_directory_filter_is_refused_politely(sandbox, warnings):
    visitor = await onboard(sandbox, 11_301, "Vi")
    await visitor.send("/orgs")
    await visitor.press("🏷 Theme")
    themes = visitor.last
    forged = themes.buttons()[1]["callback_data"].rsplit(":", 1)[0] + ":no_such_theme"
    query = await visitor.press_data(forged, themes)
    assert query.answer_text == INVALID
    assert _no_errors(warnings)
    await visitor.press("Youth", themes)
    assert "Theme: Youth" in visitor.last.text


@pytest.mark.parametrize(
    "data",
    [
        "zzz:1",  # no button of ours
        "ev:going:abc",  # an event id that is no number
        EventAction(action="explode", event_id=1).pack(),  # an action no button has
        JoinAnswer(action="maybe", request_id=1).pack(),  # neither accept nor decline
    ],
)
async def test_forged_callback_data_is_answered_and_logged_as_a_warning(sandbox, warnings, data):
    altynai = await organizer(sandbox, 11_401)
    await announce(altynai, "Open day", kind="Info meeting", end=None)
    mallory = await onboard(sandbox, 11_402, "Mallory")
    query = await mallory.press_data(data, mallory.last)
    assert query.answered
    assert query.answer_text in (INVALID, "This action is not available to you.")
    assert [r for r in warnings.records if r.levelno == logging.WARNING]
    assert _no_errors(warnings)


async def test_a_partnership_proposal_cannot_be_repeated_while_pending(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 11_501, "Ann")
    cem = await onboard(sandbox, 11_502, "Cem")
    await registered_org(sandbox, boss, ann, "Women of Naryn")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    for _ in range(2):
        await propose(cem, "Women of Naryn")
    assert "You have already proposed a partnership" in cem.last.text
    assert len(db_rows(sandbox.database_path, "SELECT id FROM partnerships")) == 1
