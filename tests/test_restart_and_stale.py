"""A restart in the middle of a flow resumes it; buttons of finished flows are handled."""

from __future__ import annotations

from aiogram_dialog.api.entities import Stack

from dialogs.main_menu.states import MainMenu
from tests.flows import first_start
from tests.helpers import buttons, db_rows, tr


async def test_restart_in_the_middle_of_onboarding_resumes_it(sandbox):
    hans = sandbox.user(4001, "Hans", "de")
    await hans.send("/start")
    await hans.press("English")
    question = hans.last
    assert "In which country do you work?" in question.text
    stored = db_rows(sandbox.database_path, "SELECT destiny FROM fsm_storage WHERE user_id = 4001")
    assert stored, "the flow's state is in SQLite"

    await sandbox.restart_bot()

    await hans.press("Kyrgyzstan", question)  # the button sent by the previous process
    menu = hans.last
    assert "✓ Country: Kyrgyzstan" in menu.text
    assert "You are all set. Welcome!" in menu.text
    [row] = db_rows(sandbox.database_path, "SELECT country FROM users WHERE id = 4001")
    assert row["country"] == "KG"


async def test_button_of_a_finished_flow_gets_a_clear_answer(sandbox):
    aida = sandbox.user(4002, "Aida", "en")
    await first_start(aida)
    old_question = aida.last
    kyrgyzstan = old_question.buttons()[1]["callback_data"]
    await aida.press("Kazakhstan")
    await aida.send("/start")  # a new menu; the old question's flow is long gone

    query = await aida.press_data(kyrgyzstan, old_question)

    assert query.answered
    assert query.answer_text == tr(
        sandbox, "This button is out of date. Here is the main menu.", "en"
    )
    assert "Main menu" in aida.last.text
    assert "❓ Help" in buttons(aida.last)
    [row] = db_rows(sandbox.database_path, "SELECT country FROM users WHERE id = 4002")
    assert row["country"] == "KZ", "the stale button changed nothing"


async def test_a_forged_country_changes_nothing_and_is_answered_politely(sandbox):
    aida = sandbox.user(4003, "Aida", "en")
    await first_start(aida)
    question = aida.last
    forged = question.buttons()[0]["callback_data"].rsplit(":", 1)[0] + ":XX"
    query = await aida.press_data(forged, question)
    assert query.answer_text == tr(
        sandbox, "This button is no longer valid. Please open the screen again.", "en"
    )
    [row] = db_rows(sandbox.database_path, "SELECT country FROM users WHERE id = 4003")
    assert row["country"] is None


async def test_a_double_tap_on_a_country_is_harmless(sandbox):
    aida = sandbox.user(4004, "Aida", "en")
    await first_start(aida)
    question = aida.last
    uzbekistan = question.buttons()[4]["callback_data"]
    first, second = await aida.press_together(uzbekistan, message=question)
    assert first.answered and second.answered, "both spinners stop"
    assert len(aida.messages) == 1, "one message, edited in place; nothing sent twice"
    assert "✓ Country: Uzbekistan" in aida.last.text
    [row] = db_rows(sandbox.database_path, "SELECT country FROM users WHERE id = 4004")
    assert row["country"] == "UZ"
    isolation = sandbox.app.dispatcher.fsm.events_isolation
    assert isolation.keys_held == 0, "no lock is kept once no update of the person runs"


async def test_dialogs_opened_within_one_second_never_share_an_id(sandbox):
    """aiogram-dialog's own ids repeat within a second once in a hundred: a person's stack
    then holds one id twice, and closing one dialog resets the stack and loses the other (an
    admin's «Reject» question over their half-filled form). The bot's ids do not repeat."""
    assert sandbox.app is not None, "the bot is built, with its dialog ids"
    ids = []
    for _ in range(50):
        stack = Stack()
        ids += [stack.push(MainMenu.main, None).id for _ in range(90)]
    assert len(set(ids)) == len(ids) == 4500
    assert max(len(i) for i in ids) <= 6, "callback data keeps its budget"
