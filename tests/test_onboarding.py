"""The first minute: /start asks the language first (the guess from the Telegram app marked,
one tap), then the country, then shows the main menu. And /start later: the menu, or, in the
middle of a form, the question whether to leave it."""

from __future__ import annotations

from bot.locales import LANGUAGES, language_name
from tests.flows import onboard
from tests.helpers import buttons, db_rows, tr

COUNTRIES = (
    "Kazakhstan",
    "Kyrgyzstan",
    "Tajikistan",
    "Turkmenistan",
    "Uzbekistan",
    "Other country",
)


async def test_first_start_asks_the_language_with_the_app_language_marked(sandbox):
    aida = sandbox.user(1001, "Aida", "ru")
    await aida.send("/start")

    picker = aida.last
    assert picker.text.startswith(
        tr(
            sandbox,
            "👋 Welcome! This bot helps civil-society organizations of Central Asia find "
            "partners, consult experts and work together.",
            "ru",
        )
    )
    for code in LANGUAGES:  # the guess may be wrong: the question is in every language
        assert tr(sandbox, "Choose your language", code) in picker.text
    assert buttons(picker) == [
        ("✓ " if code == "ru" else "") + language_name(code) for code in LANGUAGES
    ], "every language offered, the guess marked, no way back from the first question"

    await aida.press("✓ Русский")  # the guess is right: one tap
    question = aida.last
    assert question.message_id == picker.message_id, "one message, edited in place"
    assert tr(sandbox, "📍 In which country do you work?", "ru") in question.text
    assert buttons(question) == [tr(sandbox, name, "ru") for name in COUNTRIES]
    assert tr(sandbox, "Kyrgyzstan", "ru") == "Кыргызстан", "Russian is Russian"

    await aida.press("Кыргызстан")
    menu = aida.last
    assert menu.message_id == question.message_id, "the menu replaces the question in place"
    assert tr(sandbox, "✓ Country: {country}", "ru", country="Кыргызстан") in menu.text
    assert tr(sandbox, "🎉 You are all set. Welcome!", "ru") in menu.text
    assert tr(sandbox, "❓ Help", "ru") in buttons(menu)

    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1001")
    assert (row["language"], row["country"], row["timezone"]) == ("ru", "KG", "Asia/Bishkek")
    assert row["language_chosen"] == 1, "confirmed by the person, not only guessed"


async def test_a_kazakh_reader_with_a_russian_phone_picks_kazakh_in_one_tap(sandbox):
    dana = sandbox.user(1004, "Dana", "ru")
    await dana.send("/start")
    await dana.press(language_name("kk"))

    question = dana.last
    assert tr(sandbox, "📍 In which country do you work?", "kk") in question.text
    assert tr(sandbox, "Kazakhstan", "kk") in buttons(question)
    await dana.press(tr(sandbox, "Kazakhstan", "kk"))
    assert tr(sandbox, "🎉 You are all set. Welcome!", "kk") in dana.last.text
    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1004")
    assert (row["language"], row["language_chosen"]) == ("kk", 1)
    # the command menu of this chat follows the language picked in the bot, not the app's
    menu = {c["command"]: c["description"] for c in dana.commands()}
    assert menu["help"] == tr(sandbox, "What this bot can do for you", "kk")


async def test_unknown_language_is_asked_in_every_language(sandbox):
    hans = sandbox.user(1002, "Hans", "de")
    await hans.send("/start")

    picker = hans.last
    for code in LANGUAGES:
        assert tr(sandbox, "Choose your language", code) in picker.text
    assert buttons(picker) == [language_name(code) for code in LANGUAGES], "nothing marked"

    await hans.press("Oʻzbek")  # ʻ U+02BB, as Uzbek writes it
    country = hans.last
    assert tr(sandbox, "📍 In which country do you work?", "uz") in country.text
    assert tr(sandbox, "Uzbekistan", "uz") in buttons(country)

    await hans.press(tr(sandbox, "Uzbekistan", "uz"))
    assert tr(sandbox, "<b>Main menu</b>", "uz").replace("<b>", "").replace("</b>", "") in (
        hans.last.text
    )
    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1002")
    assert (row["language"], row["language_chosen"], row["timezone"]) == ("uz", 1, "Asia/Tashkent")
    menu = {c["command"]: c["description"] for c in hans.commands()}
    assert menu["help"] == tr(sandbox, "What this bot can do for you", "uz")


async def test_no_language_code_at_all_is_asked_too(sandbox):
    anon = sandbox.user(1003, "Anon", None)
    await anon.send("/start")
    assert buttons(anon.last) == [language_name(code) for code in LANGUAGES]


async def test_start_before_the_country_asks_again_from_the_language(sandbox):
    aida = sandbox.user(1005, "Aida", "ru")
    await aida.send("/start")
    await aida.press("English")
    await aida.send("/start")
    picker = aida.last
    assert "✓ English" in buttons(picker), "the language picked a moment ago is marked"
    await aida.press("✓ English")
    await aida.press("Tajikistan")
    assert "You are all set. Welcome!" in aida.last.text


async def test_start_again_after_onboarding_shows_the_menu(sandbox):
    aida = sandbox.user(1001, "Aida", "kk")
    await aida.send("/start")
    await aida.press("✓ " + language_name("kk"))
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
            "❓ Ask an expert",
            "🧑‍🏫 Expertise",
            "👤 Profile",
            "❓ Help",
            "🌐 Language",
            "⚙️ Settings",
        )
    ]


async def test_other_country_keeps_the_default_time_zone(sandbox):
    aida = sandbox.user(1001, "Aida", "en")
    await aida.send("/start")
    await aida.press("✓ English")
    await aida.press("Other country")
    [row] = db_rows(sandbox.database_path, "SELECT * FROM users WHERE id = 1001")
    assert (row["country"], row["timezone"]) == ("OTHER", None)
    assert "✓ Country: Other country" in aida.last.text


LEAVE_QUESTION = (
    "You are in the middle of a form. Leave it? What you have entered so far will be lost."
)


async def test_start_in_the_middle_of_a_form_asks_and_continuing_keeps_the_answers(sandbox):
    ann = await onboard(sandbox, 1006, "Ann")
    await ann.send("/register")
    await ann.send("Women of Naryn")
    await ann.press("NGO")
    assert "In which country is it registered?" in ann.last.text

    await ann.send("/start")
    question = ann.last
    assert question.text == LEAVE_QUESTION
    assert buttons(question) == ["✏️ Continue the form", "🚪 Leave the form"]
    await ann.send("/start")  # asked again, still nothing lost
    assert ann.last.text == LEAVE_QUESTION

    await ann.press("✏️ Continue the form")
    assert "In which country is it registered?" in ann.last.text, "back at the same step"
    await ann.press("Kyrgyzstan")
    await ann.send("Naryn")
    await ann.press("Youth")
    await ann.press("Done »")
    await ann.send("We help young women start businesses in the Naryn region.")
    await ann.press("Skip »")
    summary = ann.last.text
    assert "Name: Women of Naryn" in summary, "the answers before /start are kept"
    assert "📨 Submit" in buttons(ann.last)


async def test_leaving_a_form_from_start_says_nothing_was_saved(sandbox):
    ann = await onboard(sandbox, 1007, "Ann")
    await ann.send("/register")
    await ann.send("Women of Naryn")
    await ann.send("/start")
    await ann.press("🚪 Leave the form")
    menu = ann.last
    assert "Stopped. Nothing of it was saved." in menu.text
    assert "Main menu" in menu.text
    assert not db_rows(sandbox.database_path, "SELECT * FROM organizations")

    await ann.send("/register")  # a new form starts empty
    assert "What is the organization's name?" in ann.last.text
    await ann.send("/start")
    assert ann.last.text == LEAVE_QUESTION, "asked although nothing was typed yet: a form"


async def test_start_outside_a_form_does_not_ask(sandbox):
    ann = await onboard(sandbox, 1008, "Ann")
    await ann.send("/orgs")
    await ann.send("/start")
    assert "Main menu" in ann.last.text
    assert LEAVE_QUESTION not in [m.text for m in ann.messages]
