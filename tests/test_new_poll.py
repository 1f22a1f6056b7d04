"""/newpoll as an organizer writes it, and the questionnaire it sends as respondents answer
it: one choice with «Other (write it)», a rating, a free text; the preview shows exactly
what recipients get and how many; a questionnaire left half-way is resumed from /polls
after a restart and finished; the results show what «Other» was and what was written.
Bad drafts are refused at their step."""

from __future__ import annotations

import secrets

from bot import sealing
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from tests.desk_flows import expert
from tests.events_flows import organizer
from tests.flows import admin, onboard, registered_org
from tests.helpers import buttons, db_rows

QUESTION = "Name of the regional structure?"


async def _experts(sandbox: SandboxHarness, boss: SandboxUser) -> list[SandboxUser]:
    return [
        await expert(sandbox, boss, 14_100 + i, name, f"{name} works on data and surveys.")
        for i, name in enumerate(["Dana", "Erlan", "Farida"])
    ]


async def _write_questionnaire(olga: SandboxUser) -> None:
    await olga.send("/newpoll")
    await olga.send(QUESTION)
    await olga.press("🔘 One choice")
    await olga.press("➕ Offer «Other (write it)»")
    assert "✅ «Other (write it)» offered" in buttons(olga.last)
    await olga.send("Совет\nФорум\nПлатформа")
    assert (
        "1. Name of the regional structure? — 🔘 One choice: Совет / Форум / Платформа / "
        "Other (write it)" in olga.last.text
    )
    await olga.press("➕ Add a question")
    await olga.send("How useful is the regional platform?")
    await olga.press("⭐ Rating")
    await olga.press("1 to 5")
    await olga.press("➕ Add a question")
    await olga.send("What should the platform do first?")
    await olga.press("✍️ Free text")
    await olga.press("Done »")
    await olga.send("Regional cooperation 2027")
    await olga.press("🕶 Anonymous")
    await olga.press("👤 Roles")
    await olga.press("Experts")
    await olga.press("« Back")
    await olga.press("Done »")
    await olga.press("In 3 days")
    await olga.press("24 hours before closing")
    await olga.press("✅ Yes, send them")


async def test_a_questionnaire_is_written_previewed_sent_answered_and_resumed(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 14_001, "Olga", boss)
    dana, erlan, farida = await _experts(sandbox, boss)
    member = await onboard(sandbox, 14_002, "Member")

    await _write_questionnaire(olga)
    preview = olga.last.text
    assert "Preview: recipients will receive exactly this." in preview
    assert "📊 Regional cooperation 2027" in preview and "Question 1 of 3" in preview
    assert "Buttons under it: Совет · Форум · Платформа · ✍️ Other (write it)" in preview
    assert "2. How useful is the regional platform? — ⭐ Rating: 1 to 5" in preview
    assert "Roles: Experts" in preview
    assert "It will be sent to 3 people now." in preview
    assert "Respondents see the results after closing." in preview
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()
    assert any(
        (m.text or "").startswith("📤 Sent: the poll is going out to 3 people.")
        for m in olga.messages
    )
    assert not [m for m in member.messages if "Regional cooperation" in (m.text or "")]

    # Dana answers everything: a tap, a tap, then she writes
    card = dana.last
    await dana.send("/start")
    assert "🗳 Polls (1)" in buttons(dana.last), "the menu says a poll waits"
    assert "Question 1 of 3" in card.text and "Anonymous" in card.text
    await dana.press("Совет", card)
    assert "Question 2 of 3" in card.text, "the next question in the same message"
    await dana.press("4", card)
    assert "Question 3 of 3" in card.text
    await dana.press("✍️ Write your answer", card)
    assert "Send your answer as a message" in dana.last.text
    await dana.send("🙂")  # emoji alone is not an answer
    assert "Please write it in words" in dana.last.text
    await dana.send("Publish a shared calendar of events")
    assert dana.last.text == "✅ Thank you: your answers are in."
    assert "✓ Your answer: Publish a shared calendar of events" in card.text
    assert buttons(card) == [], "anonymous: an answer given cannot be changed"
    await dana.send("/start")
    assert not [b for b in buttons(dana.last) if b.startswith("🗳 Polls")]

    # Erlan writes «Other», then leaves the questionnaire half-way
    card = erlan.last
    outbox_rows = len(db_rows(sandbox.database_path, "SELECT * FROM outbox"))
    await erlan.press("✍️ Other (write it)", card)
    await erlan.send("Альянс")
    assert "Question 2 of 3" in card.text, "the question's message goes on, as after a tap"
    note = erlan.last
    assert note.text.startswith("✓ Saved. Question 2 of 3 is waiting in the poll's message")
    assert note.reply_to_message_id == card.message_id, "its quote leads to the question"
    # nothing stored says that he wrote rather than tapped: no message queued for him, no
    # conversation state left holding his answer
    assert len(db_rows(sandbox.database_path, "SELECT * FROM outbox")) == outbox_rows
    states = db_rows(sandbox.database_path, "SELECT * FROM fsm_storage")
    assert not [r for r in states if "Альянс" in str(dict(r)) or "sealed" in str(dict(r))]

    await sandbox.restart_bot()
    await erlan.send("/polls")
    assert "Waiting for your answer" in erlan.last.text
    assert "question 2 of 3" in erlan.last.text
    await erlan.press("▶️ Regional cooperation 2027")
    await sandbox.app.sender.drained()
    card = erlan.last
    assert "Question 2 of 3" in card.text
    await erlan.press("5", card)
    await erlan.press("✍️ Write your answer", card)
    await erlan.send("Joint advocacy on the NGO law")
    assert erlan.last.text == "✅ Thank you: your answers are in."
    await erlan.send("/polls")
    assert erlan.last.text == "No poll is waiting for your answer."

    # the organizer reads the results: what «Other» was, what was written
    await olga.send("/polls")
    await olga.press("#1 Regional cooperation 2027")
    results = olga.last.text
    # a third each: the largest remainder gives the odd tenth to the first, adding to 100.0
    assert "Совет — 1 — 33.4%" in results and "Other — 1 — 33.3%" in results
    assert "No answer — 1 — 33.3%" in results
    assert "What «Other» was: 1" in results and "1. Альянс" in results
    await olga.press("»")
    await olga.press("»")
    results = olga.last.text
    assert "Written answers: 2" in results
    assert "Publish a shared calendar of events" in results
    assert "Joint advocacy on the NGO law" in results

    # nothing links the texts to their writers
    rows = db_rows(sandbox.database_path, "SELECT * FROM poll_texts")
    assert {tuple(r.keys()) for r in rows} == {("id", "question_id", "text", "day")}
    assert not db_rows(sandbox.database_path, "SELECT * FROM poll_answers")

    # closing: every message of the poll a reader has loses its buttons (Erlan has two:
    # the invitation, and the question /polls sent again); the results go to those who
    # answered, with the counts and never what others wrote
    sandbox.clock.advance(days=4)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    polls_messages = [m for m in erlan.messages if "Regional cooperation" in (m.text or "")]
    assert len([m for m in polls_messages if "Question" in m.text]) >= 2
    assert all(buttons(m) == [] for m in polls_messages if "Question" in m.text)
    [notice] = [m for m in erlan.messages if "the results" in (m.text or "")]
    assert "Other — 1 — 33.3%" in notice.text and "Альянс" not in notice.text
    assert not [m for m in farida.messages if "the results" in (m.text or "")]
    # the silent one may not open them either, even with a forged button
    query = await farida.press_data("pv:open:1:0:0:0", farida.messages[-1])
    assert query.answer_text == "This action is not available to you."


async def test_a_bad_draft_is_refused_at_its_step(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 14_001, "Olga", boss)
    lone = await onboard(sandbox, 14_002, "Lone")
    member = await onboard(sandbox, 14_003, "Member")

    await olga.send("/newpoll")
    await olga.send("Which day suits you?")
    await olga.press("☑️ Several choices")
    await olga.send("Monday")
    assert "A choice needs at least two options." in olga.last.text
    await olga.send("Monday\nmonday")
    assert "Two options read the same" in olga.last.text
    await olga.send("Monday\n" + "T" * 61)
    assert "An option is a button: at most 60 characters" in olga.last.text
    await olga.send("\n".join(f"Day {i}" for i in range(13)))
    assert "A choice can have at most 12 options." in olga.last.text
    await olga.send("Monday\nTuesday\nWednesday")
    await olga.press("At most 2")
    assert "at most 2" in olga.last.text
    await olga.press("Done »")
    await olga.press("🕶 Anonymous")
    await olga.press("👤 Roles")
    await olga.press("Organizers")  # only Olga herself: nobody to send it to
    await olga.press("« Back")
    await olga.press("Done »")
    await olga.send("01.01.2020 10:00")
    assert "That moment has passed" in olga.last.text
    await olga.send("01.01.2030 10:00")
    assert "A poll can stay open for at most 12 weeks." in olga.last.text
    await olga.press("In a day")
    reminders = buttons(olga.last)
    assert "24 hours before closing" not in reminders, "it would come before sending"
    await olga.press("3 hours before closing")
    await olga.press("🔒 No, only me")
    assert "It will be sent to 0 people now." in olga.last.text
    await olga.press("📤 Send")
    assert "Nobody in this audience can receive it" in olga.last.text

    # two recipients are too few for an anonymous poll: their answers would show
    await olga.press("Everyone")
    await olga.press("👤 Roles")
    await olga.press("Members of registered organizations")
    await olga.press("« Back")
    await olga.press("Everyone")
    await olga.press("📍 Countries")
    await olga.press("Kazakhstan")  # the admin only
    await olga.press("« Back")
    await olga.press("Done »")
    await olga.press("📤 Send")
    assert "An anonymous poll needs at least 3 recipients" in olga.last.text
    await olga.press("Done »")
    await olga.press("✏️ Anonymity")
    await olga.press("👤 Named")
    assert "It will be sent to 1 person now." in olga.last.text
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()
    card = boss.last
    assert "Tick up to 2, then press «Done»." in card.text
    assert "the organizer sees your name with your answer" in card.text
    assert not [m for m in lone.messages + member.messages if "Which day" in (m.text or "")]


async def test_a_named_poll_goes_to_the_members_of_organizations_found_by_name(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 14_001, "Olga", boss)
    aigul = await onboard(sandbox, 14_002, "Aigul")
    bakyt = await onboard(sandbox, 14_003, "Bakyt")
    await registered_org(sandbox, boss, aigul, "Naryn Women Alliance")
    await registered_org(sandbox, boss, bakyt, "Osh Business Association")

    await olga.send("/newpoll")
    await olga.send("Do you accept the panel's recommendations?")
    await olga.press("🔘 One choice")
    await olga.send("Yes\nNo\nIn part")
    await olga.press("Done »")
    await olga.press("👤 Named")
    await olga.press("🏛 Organizations")
    await olga.send("zzz")
    assert "Nothing found for «zzz»." in olga.last.text
    await olga.send("naryn")  # any case, a part of the name
    assert buttons(olga.last)[:1] == ["Naryn Women Alliance"]
    await olga.press("Naryn Women Alliance")
    assert buttons(olga.last)[:1] == ["✅ Naryn Women Alliance"]
    await olga.press("« Back")
    assert "Organizations: Naryn Women Alliance" in olga.last.text
    await olga.press("Done »")
    await olga.press("In 2 weeks")
    await olga.press("No reminder")
    await olga.press("🔒 No, only me")
    assert "It will be sent to 1 person now." in olga.last.text
    assert "No reminder." in olga.last.text and "Only you see the results." in olga.last.text
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()
    assert "Do you accept the panel's recommendations?" in aigul.last.text
    assert not [m for m in bakyt.messages if "panel's recommendations" in (m.text or "")]

    # a forged option, and a forged number too large for any id: refused, nothing stored
    card = aigul.last
    query = await aigul.press_data(card.buttons()[0]["callback_data"].replace(":0:0", ":0:7"), card)
    assert query.answer_text == "This button is no longer valid."
    query = await aigul.press_data("poll:pick:" + "9" * 30 + ":0:0:0", card)
    assert query.answer_text.startswith("This button is no longer valid.")
    assert not db_rows(sandbox.database_path, "SELECT * FROM poll_answers")


async def test_a_tap_while_writing_is_the_answer_and_a_form_is_never_lost(sandbox, monkeypatch):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 14_001, "Olga", boss)
    gulnara = await onboard(sandbox, 14_002, "Gulnara")

    await olga.send("/newpoll")
    await olga.send("Which themes matter most?")
    await olga.press("☑️ Several choices")
    await olga.press("➕ Offer «Other (write it)»")
    await olga.send("Youth\nWater")
    await olga.press("Any number")
    await olga.press("➕ Add a question")
    await olga.send("Anything else?")
    await olga.press("✍️ Free text")
    await olga.press("Done »")
    await olga.send("Themes")
    await olga.press("👤 Named")
    await olga.press("👤 Roles")
    await olga.press("Members of registered organizations")
    await olga.press("« Back")
    await olga.press("Everyone")
    await olga.press("Done »")
    await olga.press("In a week")
    await olga.press("No reminder")
    await olga.press("🔒 No, only me")
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()

    # «Other» ticked with Youth, Done: the typing step opens; she taps Water instead
    card = gulnara.last
    await gulnara.press("⬜ Youth", card)
    await gulnara.press("⬜ ✍️ Other (write it)", card)
    await gulnara.press("✔️ Done", card)
    assert "Send your «Other» answer as a message" in gulnara.last.text
    await gulnara.press("☑️ ✍️ Other (write it)", card)  # untick «Other»
    await gulnara.press("✔️ Done", card)
    assert "Question 2 of 2" in card.text
    await gulnara.send("Energy")  # the writing step was closed by her taps: not an answer
    rows = db_rows(sandbox.database_path, "SELECT option, text FROM poll_answers")
    assert [(r["option"], r["text"]) for r in rows] == [(0, None)]
    assert "Question 2 of 2" in card.text

    # a form in progress is never lost to a poll's writing step
    await gulnara.send("/register")
    await gulnara.send("Water Users Union")
    form = gulnara.last
    query = await gulnara.press("✍️ Write your answer", card)
    assert query.answer_text == (
        "You are filling in a form: finish it, or send /cancel, then tap this again."
    )
    await gulnara.press("NGO", form)  # the form goes on where it was
    assert "country" in gulnara.last.text.lower()
    await gulnara.send("/cancel")
    await gulnara.press("✍️ Write your answer", card)
    await gulnara.send("Water and energy together")
    assert gulnara.last.text == "✅ Thank you: your answers are in."

    # writing started before a restart of the process: the ticks are gone, asked again
    await olga.send("/newpoll")
    await olga.send("Which city?")
    await olga.press("🔘 One choice")
    await olga.press("➕ Offer «Other (write it)»")
    await olga.send("Almaty\nBishkek")
    await olga.press("Done »")
    await olga.press("👤 Named")
    await olga.press("Done »")
    await olga.press("In a day")
    await olga.press("No reminder")
    await olga.press("🔒 No, only me")
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()
    card = gulnara.last
    await gulnara.press("✍️ Other (write it)", card)
    monkeypatch.setattr(sealing, "_KEY", secrets.token_bytes(32))  # a new process
    await gulnara.send("Osh")
    assert gulnara.last.text == (
        "The bot restarted while you were writing: please tap your choice again."
    )
    assert not db_rows(
        sandbox.database_path,
        "SELECT * FROM poll_answers a JOIN poll_questions q ON q.id = a.question_id "
        "WHERE q.text = 'Which city?'",
    )


async def test_a_long_question_without_a_title_is_its_own_title(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 14_001, "Olga", boss)
    question = "Do you accept the recommendation of the panel " + "on cooperation " * 14 + "?"
    assert 200 < len(question) <= 300
    await olga.send("/newpoll")
    await olga.send(question)
    await olga.press("🔘 One choice")
    await olga.send("Yes\nNo")
    await olga.press("Done »")
    await olga.press("👤 Named")
    await olga.press("Done »")
    await olga.press("In 3 days")
    assert "When should those who have not answered be reminded" in olga.last.text
    await olga.press("No reminder")
    await olga.press("🔒 No, only me")
    await olga.press("📤 Send")
    await sandbox.app.sender.drained()
    assert " ".join(question.split()) in boss.last.text
