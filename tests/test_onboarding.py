"""First contact: language from Telegram or asked, then the country, then the main menu."""

from __future__ import annotations

from bot.locales import LANGUAGES, language_name
from tests.helpers import buttons, db_rows, tr


async def test_known_telegram_language_skips_the_language_question(sandbox):
    aida = sandbox.user(1001, "Aida", "ru")
    await aida.send("/start")

    question = aida.last
    assert tr(sandbox, "📍 In which country do you work?", "ru") in question.text
    assert buttons(question) == [
        tr(sandbox, name, "ru")
        for name in (
            "Kazakhstan",
            "Kyrgyzstan",
            "Tajikistan",
            "Turkmenistan",
            "Uzbekistan",
            "Other country",
        )
    ]
    # Russian really is Russian, not the English source text
    assert tr(sandbox, "Kyrgyzstan", "ru") == "Кыргызстан"

    await aida.press("Кыргызстан")
    menu = aida.last
    assert menu.message_id == question.message_id, "the menu replaces the question in place"
    assert tr(sandbox, "✓ Country: {country}", "ru", country="Кыргызстан") in menu.text
    assert tr(sandbox, "🎉 You are all set. Welcome!", "ru") in menu.text
    assert tr(sandbox, "❓ Help", "ru") in buttons(menu)

    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1001")
    assert (row["language"], row["country"], row["timezone"]) == ("ru", "KG", "Asia/Bishkek")
    assert row["language_chosen"] == 0  # taken from Telegram, not picked


async def test_unknown_language_is_asked_in_every_language(sandbox):
    hans = sandbox.user(1002, "Hans", "de")
    await hans.send("/start")

    picker = hans.last
    for code in LANGUAGES:
        assert tr(sandbox, "Choose your language", code) in picker.text
    assert buttons(picker) == [language_name(code) for code in LANGUAGES]

    await hans.press("O‘zbek")
    country = hans.last
    assert tr(sandbox, "📍 In which country do you work?", "uz") in country.text
    assert tr(sandbox, "Uzbekistan", "uz") in buttons(country)

    await hans.press(tr(sandbox, "Uzbekistan", "uz"))
    assert tr(sandbox, "<b>Main menu</b>", "uz").replace("<b>", "").replace("</b>", "") in (
        hans.last.text
    )
    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1002")
    assert (row["language"], row["language_chosen"], row["timezone"]) == ("uz", 1, "Asia/Tashkent")
    # the command menu of this chat follows the language picked in the bot, not the app's
    menu = {c["command"]: c["description"] for c in hans.commands()}
    assert menu["help"] == tr(sandbox, "What this bot can do for you", "uz")


async def test_no_language_code_at_all_is_asked_too(sandbox):
    anon = sandbox.user(1003, "Anon", None)
    await anon.send("/start")
    assert buttons(anon.last) == [language_name(code) for code in LANGUAGES]


async def test_start_again_after_onboarding_shows_the_menu(sandbox):
    aida = sandbox.user(1001, "Aida", "kk")
    await aida.send("/start")
    await aida.press(tr(sandbox, "Kazakhstan", "kk"))
    await aida.send("/start")
    menu = aida.last
    assert tr(sandbox, "🎉 You are all set. Welcome!", "kk") not in menu.text
    assert buttons(menu) == [
        tr(sandbox, msgid, "kk")
        for msgid in (
            "🔎 Organizations",
            "🏢 Register",
            "📅 Events",
            "🧑‍🏫 Expertise",
            "👤 Profile",
            "❓ Help",
            "🌐 Language",
            "📍 Country",
        )
    ]


async def test_other_country_keeps_the_default_time_zone(sandbox):
    aida = sandbox.user(1001, "Aida", "en")
    await aida.send("/start")
    await aida.press("Other country")
    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1001")
    assert (row["country"], row["timezone"]) == ("OTHER", None)
    assert "✓ Country: Other country" in aida.last.text
