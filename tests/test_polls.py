"""Answering polls on a phone: one tap answers in the same message, a named answer can be
changed until closing, an anonymous one is counted and linked to nobody, a multiple choice
ticks in its buttons, a questionnaire goes one question at a time; closed polls and forged
taps are refused; the reminder reaches the silent once; the organizer reads the results,
the chart and the CSV in /polls. (/newpoll comes with the rest of the issue: here an
organizer's poll is sent through the service.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import NotAllowed
from bot.domain.polls import DraftQuestion, InvalidPoll, PollProblem, QuestionKind
from tests.events_flows import organizer
from tests.flows import admin, onboard
from tests.helpers import buttons, db_rows
from tests.test_forget import traces

NAMES = ["Совет", "Форум", "Платформа"]


async def _send(sandbox, organizer_id, questions, *, anonymous, hours=48, title=""):
    person = await sandbox.app.services.people.find(organizer_id)
    now = sandbox.clock()
    sent = await sandbox.app.services.polls.send(
        person,
        title,
        questions,
        {},
        now + timedelta(hours=hours),
        now,
        anonymous=anonymous,
        results_public=True,
    )
    await sandbox.app.sender.drained()
    return sent


def _poll_message(person):
    return next(m for m in reversed(person.messages) if (m.text or "").startswith("📊"))


async def _people(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 13_001, "Olga", boss)
    aida = await onboard(sandbox, 13_002, "Aida", "Kazakhstan")
    bek = await onboard(sandbox, 13_003, "Bek")
    return boss, olga, aida, bek


async def test_a_named_poll_is_answered_with_one_tap_and_changed_until_it_closes(sandbox):
    _boss, olga, aida, bek = await _people(sandbox)
    question = DraftQuestion(QuestionKind.SINGLE, "Name of the regional structure?", NAMES)
    sent = await _send(sandbox, olga.id, [question], anonymous=False)
    assert sent.recipients == 3, "everyone but the organizer (the admin, Aida, Bek)"
    assert not [m for m in olga.messages if (m.text or "").startswith("📊")]

    card = _poll_message(aida)
    assert "Name of the regional structure?" in card.text
    assert "the organizer sees your name with your answer" in card.text
    assert buttons(card) == NAMES
    await aida.press("Совет", card)
    assert aida.last is card or aida.last.message_id == card.message_id, "the same message"
    assert buttons(card) == ["✓ Совет", "Форум", "Платформа"]
    assert "✓ Your answer: Совет" in card.text
    await aida.press("Форум", card)  # changed her mind
    assert buttons(card) == ["Совет", "✓ Форум", "Платформа"]
    await bek.press("Форум", _poll_message(bek))

    results = await sandbox.app.services.polls.results(
        await sandbox.app.services.people.find(olga.id), sent.poll.id
    )
    table = results.questions[0].table
    assert [(row.option, row.count, row.tenths) for row in table.rows] == [
        (1, 2, 667),
        (None, 1, 333),
        (0, 0, 0),
        (2, 0, 0),
    ]
    rows = db_rows(sandbox.database_path, "SELECT user_id, option FROM poll_answers")
    assert sorted((r["user_id"], r["option"]) for r in rows) == [(13_002, 1), (13_003, 1)]

    # the organizer's CSV: a row per person, with the name they answered under
    await olga.send("/polls")
    await olga.press(1)
    await olga.press("📄 CSV", olga.last)
    export = olga.last.document.content.decode("utf-8-sig").splitlines()
    assert export[0] == "Name,Username,Country,1. Name of the regional structure?"
    assert sorted(export[1:]) == ["Aida,,Kazakhstan,Форум", "Bek,,Kyrgyzstan,Форум"]
    await bek.send("/forget")
    await bek.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, bek.id, "Bek") == [], "his answer goes with him"

    # closed: the buttons go away, and a tap on an old one says so
    old_tap = card.buttons()[0]["callback_data"]
    sandbox.clock.advance(hours=49)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    assert buttons(card) == [] and "This poll is closed." in card.text
    query = await aida.press_data(old_tap, card)
    assert query.answer_text == "This poll is closed."
    [row] = db_rows(
        sandbox.database_path, "SELECT option FROM poll_answers WHERE user_id = ?", (13_002,)
    )
    assert row["option"] == 1, "the answer before closing stands"


async def test_an_anonymous_poll_counts_answers_and_links_them_to_nobody(sandbox):
    _boss, olga, aida, bek = await _people(sandbox)
    question = DraftQuestion(QuestionKind.SINGLE, "Name of the regional structure?", NAMES)
    sent = await _send(sandbox, olga.id, [question], anonymous=True)
    card = _poll_message(aida)
    assert "nobody, not even the organizers, can see who answered what" in card.text

    # a double tap counts once; the answer cannot be changed, the buttons go
    await aida.press_together(card.buttons()[0]["callback_data"], 2, card)
    assert buttons(card) == [] and "✓ Your answer: Совет" in card.text
    await bek.press("Платформа", _poll_message(bek))

    counts = db_rows(sandbox.database_path, "SELECT option, count FROM poll_counts ORDER BY option")
    assert [(r["option"], r["count"]) for r in counts] == [(0, 1), (2, 1)]
    assert db_rows(sandbox.database_path, "SELECT * FROM poll_answers") == []
    # the voters' ids are only in the participation rows (and their own user rows, menus...)
    holders = {t.split(":")[0] for t in traces(sandbox.database_path, aida.id)}
    assert "poll_recipients.user_id" in holders
    assert not {h for h in holders if h.startswith("poll_") and h != "poll_recipients.user_id"}

    results = await sandbox.app.services.polls.results(
        await sandbox.app.services.people.find(olga.id), sent.poll.id
    )
    assert [(r.option, r.count) for r in results.questions[0].table.rows] == [
        (0, 1),
        (2, 1),
        (None, 1),
        (1, 0),
    ]


async def test_a_multiple_choice_ticks_in_its_buttons_and_is_sent_with_done(sandbox):
    _boss, olga, aida, _bek = await _people(sandbox)
    question = DraftQuestion(
        QuestionKind.MULTIPLE, "Which channels work for you?", ("Radio", "Internet", "Print"), 2
    )
    await _send(sandbox, olga.id, [question], anonymous=False, title="Channels")
    card = _poll_message(aida)
    assert "Tick up to 2, then press «Done»." in card.text
    assert buttons(card) == ["⬜ Radio", "⬜ Internet", "⬜ Print", "✔️ Done"]
    query = await aida.press("✔️ Done", card)
    assert query.answer_text == "Tick at least one option first."
    await aida.press("⬜ Radio", card)
    await aida.press("⬜ Print", card)
    assert buttons(card) == ["☑️ Radio", "⬜ Internet", "☑️ Print", "✔️ Done"]
    query = await aida.press("⬜ Internet", card)
    assert query.answer_text == "That is more than this question allows."
    assert db_rows(sandbox.database_path, "SELECT * FROM poll_answers") == [], "not sent yet"
    await aida.press("✔️ Done", card)
    assert "✓ Your answer: Radio, Print" in card.text
    rows = db_rows(sandbox.database_path, "SELECT option FROM poll_answers ORDER BY option")
    assert [r["option"] for r in rows] == [0, 2]


async def test_a_questionnaire_goes_one_question_at_a_time_even_after_a_restart(sandbox):
    _boss, olga, aida, _bek = await _people(sandbox)
    questions = [
        DraftQuestion(QuestionKind.SINGLE, "Is a regional structure needed?", ("Yes", "No")),
        DraftQuestion(QuestionKind.RATING, "How useful are joint seminars?", scale=5),
        DraftQuestion(QuestionKind.SINGLE, "Name?", NAMES),
    ]
    sent = await _send(sandbox, olga.id, questions, anonymous=True, title="Regional structure")
    card = _poll_message(aida)
    assert "Question 1 of 3" in card.text and buttons(card) == ["Yes", "No"]
    await aida.press("Yes", card)
    assert "Question 2 of 3" in card.text and "1 is the lowest, 5 the highest." in card.text
    assert buttons(card) == ["1", "2", "3", "4", "5"]

    await sandbox.restart_bot()  # left half-way, resumed later from the same message
    await aida.press("4", card)
    assert "Question 3 of 3" in card.text
    await aida.press("Форум", card)
    assert "✅ Thank you: your answers are in." in card.text
    # an earlier question's button, forged, is not counted twice
    query = await aida.press_data(f"poll:pick:{sent.poll.id}:0:1:0", card)
    assert query.answer_text == "You have answered this already."

    results = await sandbox.app.services.polls.results(
        await sandbox.app.services.people.find(olga.id), sent.poll.id
    )
    rating = results.questions[1].rating
    assert rating.mean == 4 and rating.table.asked == 3


async def test_what_cannot_be_sent_or_answered_is_refused(sandbox):
    _boss, olga, aida, _bek = await _people(sandbox)
    now = sandbox.clock()
    person = await sandbox.app.services.people.find(olga.id)
    polls = sandbox.app.services.polls
    cases = [
        (DraftQuestion(QuestionKind.SINGLE, "Q?", ("Only one",)), PollProblem.FEW_OPTIONS),
        (DraftQuestion(QuestionKind.SINGLE, "Q?", ("Yes", " yes ")), PollProblem.SAME_OPTIONS),
        (DraftQuestion(QuestionKind.SINGLE, "Q?", ("A" * 61, "B")), PollProblem.LONG_OPTION),
        (
            DraftQuestion(QuestionKind.SINGLE, "Q?", tuple("ABCDEFGHIJKLM")),
            PollProblem.MANY_OPTIONS,
        ),
        (DraftQuestion(QuestionKind.RATING, "Q?", scale=7), PollProblem.BAD_SCALE),
    ]

    async def attempt(sender, question, audience=None, closes=None):
        await polls.send(
            sender,
            "",
            [question],
            audience or {},
            closes or now + timedelta(hours=1),
            now,
            anonymous=False,
            results_public=False,
        )

    for question, problem in cases:
        with pytest.raises(InvalidPoll) as refused:
            await attempt(person, question)
        assert refused.value.problem == problem
    good = DraftQuestion(QuestionKind.SINGLE, "Q?", ("Yes", "No"))
    with pytest.raises(InvalidPoll) as refused:
        await attempt(person, good, closes=now - timedelta(minutes=1))
    assert refused.value.problem == PollProblem.CLOSES_IN_THE_PAST
    with pytest.raises(InvalidPoll) as refused:
        await attempt(person, good, audience={"country": ("TM",)})
    assert refused.value.problem == PollProblem.NOBODY
    assert db_rows(sandbox.database_path, "SELECT id FROM polls") == []

    # a member cannot send one; a forged option or a poll not sent to you is refused
    with pytest.raises(NotAllowed):
        await attempt(await sandbox.app.services.people.find(aida.id), good)
    sent = await _send(sandbox, olga.id, [good], anonymous=False)
    card = _poll_message(aida)
    query = await aida.press_data(f"poll:pick:{sent.poll.id}:0:7:0", card)
    assert query.answer_text == "This button is no longer valid."
    query = await olga.press_data(f"poll:pick:{sent.poll.id}:0:0:0", card)
    assert query.answer_text == "This button is no longer valid."
    assert db_rows(sandbox.database_path, "SELECT * FROM poll_answers") == []


async def test_the_organizer_reads_the_results_with_a_chart_and_closes_the_poll(sandbox):
    boss, olga, aida, bek = await _people(sandbox)
    question = DraftQuestion(QuestionKind.SINGLE, "Name of the regional structure?", NAMES)
    sent = await _send(sandbox, olga.id, [question], anonymous=True, title="Structure")
    await aida.press("Совет", _poll_message(aida))
    await bek.press("Совет", _poll_message(bek))

    await olga.send("/polls")
    listing = olga.last
    assert "#1 Structure" in listing.text and "answered 2 of 3" in listing.text
    await olga.press("#1 Structure", listing)
    text = listing.text.replace("\u00a0", " ")
    assert "Answered every question: 2 of 3" in text
    assert "Совет — 2 — 66.7%" in text and "No answer — 1 — 33.3%" in text
    assert "Total — 3 — 100.0%" in text
    assert buttons(listing) == ["🖼 Chart", "📄 CSV", "⏹ Close now", "« Your polls"]
    await olga.press("📄 CSV", listing)
    export = olga.last.document.content.decode("utf-8-sig")
    assert export.splitlines()[0] == 'Question,Answer,Count,"Share, %"'
    assert "1. Name of the regional structure?,Совет,2,66.7" in export
    assert "Aida" not in export and "Bek" not in export and str(aida.id) not in export

    await olga.press("🖼 Chart", listing)
    chart = olga.last
    assert chart.photo, "a picture"
    png = sandbox.emulator.photo_bytes(chart.photo[-1].file_id)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000

    unanswered = _poll_message(boss)  # the admin has not answered
    old_tap = unanswered.buttons()[1]["callback_data"]
    await olga.press("⏹ Close now", listing)
    assert "Closed " in listing.text and "⏹ Close now" not in buttons(listing)
    await sandbox.app.sender.drained()
    assert buttons(unanswered) == [] and "This poll is closed." in unanswered.text
    query = await boss.press_data(old_tap, unanswered)
    assert query.answer_text == "This poll is closed."
    # those who answered get the results (the organizer allowed it), the admin does not
    results = aida.last.text.replace("\u00a0", " ")
    assert results.startswith("📊 Structure: the results")
    assert "Совет — 2 — 66.7%" in results
    assert not [m for m in boss.messages if "the results" in (m.text or "")]

    # a respondent may read them once closed (the organizer allowed it); someone it was
    # not sent to may not; their /polls lists no one's polls
    query = await aida.press_data(f"pv:open:{sent.poll.id}:0:0:0", listing)
    assert query.answer_text is None
    cem = await onboard(sandbox, 13_004, "Cem")
    query = await cem.press_data(f"pv:open:{sent.poll.id}:0:0:0", listing)
    assert query.answer_text == "This action is not available to you."
    await cem.send("/polls")
    assert cem.last.text == "No poll is waiting for your answer." and buttons(cem.last) == []


async def test_the_reminder_reaches_only_the_silent_once(sandbox):
    boss, olga, aida, bek = await _people(sandbox)
    questions = [
        DraftQuestion(QuestionKind.SINGLE, "Is a regional structure needed?", ("Yes", "No")),
        DraftQuestion(QuestionKind.SINGLE, "Name?", NAMES),
    ]
    await _send(sandbox, olga.id, questions, anonymous=False, hours=48, title="Structure")
    card = _poll_message(bek)
    await bek.press("Yes", card)
    await bek.press("Форум", card)  # bek has answered everything
    await aida.press("Yes", _poll_message(aida))  # aida is half-way; the admin is silent

    async def tick(hours):
        sandbox.clock.advance(hours=hours)
        await sandbox.app.ticker.tick(sandbox.clock())
        await sandbox.app.sender.drained()

    def reminders(person):
        return [m for m in person.messages if (m.text or "").startswith("⏰")]

    await tick(23)
    assert not reminders(aida) and not reminders(boss), "not before 24 hours are left"
    await tick(2)
    [to_aida] = reminders(aida)
    assert "Question 2 of 2" in to_aida.text, "the question she owes"
    assert buttons(to_aida) == NAMES
    assert len(reminders(boss)) == 1 and "Question 1 of 2" in reminders(boss)[0].text
    assert not reminders(bek) and not reminders(olga)

    await sandbox.restart_bot()
    await tick(1)
    assert len(reminders(aida)) == 1 and len(reminders(boss)) == 1, "once"
    await aida.press("Совет", to_aida)  # answered from the reminder
    assert "✅ Thank you: your answers are in." in to_aida.text


async def test_a_forged_toggle_shows_nothing_and_a_forgotten_voter_breaks_no_count(sandbox):
    _boss, olga, aida, _bek = await _people(sandbox)
    question = DraftQuestion(QuestionKind.SINGLE, "Name of the regional structure?", NAMES)
    sent = await _send(sandbox, olga.id, [question], anonymous=True, title="Structure")
    cem = await onboard(sandbox, 13_005, "Cem")  # after it was sent: not a recipient
    menu = cem.last
    query = await cem.press_data(f"poll:toggle:{sent.poll.id}:0:0:0", menu)
    assert query.answer_text == "This button is no longer valid."
    assert "Structure" not in (menu.text or "")

    await aida.press("Совет", _poll_message(aida))
    await aida.send("/forget")
    await aida.press("🗑 Yes, delete my data")
    results = await sandbox.app.services.polls.results(
        await sandbox.app.services.people.find(olga.id), sent.poll.id
    )
    assert sum(row.tenths for row in results.questions[0].table.rows) == 1000
    sandbox.clock.advance(hours=49)
    await sandbox.app.ticker.tick(sandbox.clock())
    [row] = db_rows(sandbox.database_path, "SELECT closed_at FROM polls")
    assert row["closed_at"] is not None, "it closes"
