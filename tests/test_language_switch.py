"""/language and /country change what the person reads, everywhere."""

from __future__ import annotations

from bot.locales import LANGUAGES, language_name
from tests.flows import first_start
from tests.helpers import buttons, db_rows, tr


async def _onboard(user, sandbox, locale: str) -> None:
    await first_start(user)
    await user.press(tr(sandbox, "Kazakhstan", locale))


async def test_switch_language_changes_menu_help_and_command_menu(sandbox):
    aida = sandbox.user(3001, "Aida", "ru")
    await _onboard(aida, sandbox, "ru")
    await aida.send("/language")
    picker = aida.last
    assert tr(sandbox, "🌐 Choose your language", "ru") in picker.text
    assert "✓ Русский" in buttons(picker)
    assert tr(sandbox, "« Back", "ru") in buttons(picker)

    await aida.press("English")
    assert "✓ Language: English" in aida.last.text
    assert "Main menu" in aida.last.text
    await aida.send("/help")
    assert "What this bot can do for you" in aida.last.text
    menu = {c["command"]: c["description"] for c in aida.commands()}
    assert menu["language"] == "Change the language"
    [row] = db_rows(sandbox.database_path, "SELECT language FROM users WHERE id = 3001")
    assert row["language"] == "en"


async def test_every_language_can_be_chosen_and_read(sandbox):
    aida = sandbox.user(3002, "Aida", "en")
    await _onboard(aida, sandbox, "en")
    for code in LANGUAGES:
        await aida.send("/language")
        await aida.press(language_name(code))
        menu = aida.last
        assert tr(sandbox, "✓ Language: {language}", code, language=language_name(code)) in (
            menu.text
        )
        assert buttons(menu)[:2] == [
            tr(sandbox, "🔎 Organizations", code),
            tr(sandbox, "🏢 Register", code),
        ]
        assert tr(sandbox, "❓ Help", code) in buttons(menu)
        await aida.press(tr(sandbox, "❓ Help", code))
        assert tr(sandbox, "What this bot can do for you", code) in aida.last.text


async def test_back_from_the_language_picker_changes_nothing(sandbox):
    aida = sandbox.user(3003, "Aida", "ru")
    await _onboard(aida, sandbox, "ru")
    await aida.send("/language")
    await aida.press(tr(sandbox, "« Back", "ru"))
    assert tr(sandbox, "<b>Main menu</b>", "ru").replace("<b>", "").replace("</b>", "") in (
        aida.last.text
    )
    [row] = db_rows(sandbox.database_path, "SELECT language FROM users WHERE id = 3003")
    assert row["language"] == "ru"


async def test_change_country_moves_the_time_zone(sandbox):
    aida = sandbox.user(3004, "Aida", "en")
    await _onboard(aida, sandbox, "en")
    await aida.send("/country")
    assert "✓ Kazakhstan" in buttons(aida.last)
    await aida.press("Tajikistan")
    assert "✓ Country: Tajikistan" in aida.last.text
    [row] = db_rows(sandbox.database_path, "SELECT timezone FROM users WHERE id = 3004")
    assert row["timezone"] == "Asia/Dushanbe"


async def test_cancel_outside_and_inside_a_flow(sandbox):
    aida = sandbox.user(3005, "Aida", "en")
    await _onboard(aida, sandbox, "en")
    await aida.send("/cancel")
    assert aida.messages[-2].text == "There is nothing to stop."
    await aida.send("/language")
    await aida.send("/cancel")
    assert "Stopped. Nothing of it was saved." in [m.text for m in aida.messages]


async def test_the_command_menu_is_sent_to_telegram_again_only_when_it_changed(sandbox):
    aida = sandbox.user(3009, "Aida", "ru")
    await _onboard(aida, sandbox, "ru")
    published = sandbox.emulator.call_counts["setMyCommands"]
    await aida.send("/start")
    await aida.send("/start")
    assert sandbox.emulator.call_counts["setMyCommands"] == published, "the same menu"
    assert {c["command"] for c in aida.commands()} >= {"start", "language"}

    await aida.send("/language")
    await aida.press("English")
    assert sandbox.emulator.call_counts["setMyCommands"] == published + 1
    await aida.send("/start")
    assert sandbox.emulator.call_counts["setMyCommands"] == published + 1
    menu = {c["command"]: c["description"] for c in aida.commands()}
    assert menu["language"] == "Change the language"

    await sandbox.restart_bot()  # a new process knows nothing it published: once again
    published = sandbox.emulator.call_counts["setMyCommands"]
    await aida.send("/start")
    assert sandbox.emulator.call_counts["setMyCommands"] == published + 1
    menu = {c["command"]: c["description"] for c in aida.commands()}
    assert menu["language"] == "Change the language"
