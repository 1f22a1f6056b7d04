"""Events after they are announced: applications take places like Going does, delivered
announcements and notices follow the event and each reader's answer, previews count who is
left out, times read right across time zones, and the smaller things people hit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from tests.events_flows import announce, organizer
from tests.flows import onboard
from tests.helpers import buttons, db_rows
from tests.test_forget import traces

SCHOOL = "Coalition school"
BRIEFING = "Briefing on the grant rules"


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _announcement(user, title: str):
    """The announcement `user` received (the first message about `title` with buttons)."""
    return next(m for m in user.messages if title in (m.text or "") and m.buttons())


def _statuses(sandbox) -> list[tuple[int, str]]:
    rows = db_rows(
        sandbox.database_path, "SELECT user_id, status FROM event_responses ORDER BY user_id"
    )
    return [(r["user_id"], r["status"]) for r in rows]


async def _apply(sandbox, person, title: str, answer: str) -> None:
    await person.press("📝 Apply", _announcement(person, title))
    await person.send(answer)
    await person.press("📨 Send the application")


async def test_applications_take_the_places_and_the_waiting_list_moves_on(sandbox):
    altynai = await organizer(sandbox, 9101)
    ann = await onboard(sandbox, 9102, "Ann")
    bek = await onboard(sandbox, 9103, "Bek")
    await announce(
        altynai,
        SCHOOL,
        end=None,
        capacity=1,
        questions=(("Your coalition's name?", ()),),
        apply_by="01.06.2027",
    )
    await sandbox.app.sender.drained()

    await _apply(sandbox, ann, SCHOOL, "Naryn Civic Coalition")
    assert "Application sent." in ann.last.text
    ann_card = _announcement(ann, SCHOOL)
    assert "Places taken: 1 of 1 (full: new applications go to the waiting list)" in ann_card.text
    await _apply(sandbox, bek, SCHOOL, "Osh Youth Network")
    assert "The places are taken: it is on the waiting list" in bek.last.text
    assert _statuses(sandbox) == [(9102, "applied"), (9103, "waitlist")]
    assert "Your answer: On the waiting list" in _announcement(bek, SCHOOL).text
    assert buttons(_announcement(bek, SCHOOL))[:2] == ["✏️ My application", "↩️ Withdraw"]

    await altynai.send("/myevents")
    assert "On the waiting list: 1" in altynai.last.text and "Applied: 1" in altynai.last.text

    # Ann withdraws: her place goes to Bek, who is told, and whose announcement follows
    await ann.press("↩️ Withdraw", ann_card)
    await sandbox.app.sender.drained()
    assert _statuses(sandbox) == [(9102, "not_going"), (9103, "applied")]
    notice = next(m for m in reversed(bek.messages) if "A place opened up" in (m.text or ""))
    assert "your application has moved from the waiting list into the places" in notice.text
    assert buttons(notice) == ["✏️ My application", "↩️ Withdraw", "📅 Add to calendar"]
    bek_card = _announcement(bek, SCHOOL)
    assert "Your answer: Applied" in bek_card.text

    await altynai.send("/myevents")
    await altynai.press(SCHOOL)
    await altynai.press("👥 Answers (CSV)")
    table = altynai.last.document.content.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0:3] for line in table[1:]] == [
        ["Bek", "", "Applied"],
        ["Ann", "", "Not going"],
    ]

    # a change notice's buttons follow each reader's answer
    await altynai.press("✏️ Edit", altynai.last_with_buttons())
    await altynai.press("✏️ Place")
    await altynai.send("Bishkek, Orion hotel")
    await altynai.press("💾 Save")
    await sandbox.app.sender.drained()
    assert "has changed" in bek.last.text and "has changed" in ann.last.text
    assert buttons(bek.last) == ["✏️ My application", "↩️ Withdraw", "📅 Add to calendar"]
    assert buttons(ann.last) == ["📝 Apply", "📅 Add to calendar"]


async def test_delivered_announcements_follow_edits_and_promotions(sandbox):
    altynai = await organizer(sandbox, 9201)
    ann = await onboard(sandbox, 9202, "Ann")
    bek = await onboard(sandbox, 9203, "Bek")
    cem = await onboard(sandbox, 9204, "Cem")
    await announce(altynai, BRIEFING, kind="Info meeting", end=None, capacity=1)
    await sandbox.app.sender.drained()
    await ann.press("✅ Going", _announcement(ann, BRIEFING))
    await bek.press("✅ Going", _announcement(bek, BRIEFING))
    cem_card = _announcement(cem, BRIEFING)
    assert "Jun 13, 2027, 9:00 AM" in plain(cem_card.text)

    await _edit_start(altynai, BRIEFING, "14.06.2027 10:00")
    await altynai.press("💾 Save")
    await sandbox.app.sender.drained()

    # Cem never answered: no notice, but the announcement he has shows the new date
    assert "has changed" not in (cem.last.text or "")
    assert "Jun 14, 2027, 10:00 AM" in plain(cem_card.text)
    assert "Jun 13, 2027" not in plain(cem_card.text)
    assert buttons(cem_card)[:3] == ["✅ Going", "🤔 Maybe", "✖ Not going"]
    # the notices' buttons follow each reader's answer
    assert buttons(ann.last)[:3] == ["✓ ✅ Going", "🤔 Maybe", "✖ Not going"]
    assert buttons(bek.last)[0] == "⏳ Waiting list"

    # the reminder carries buttons; «I can't come» frees the place for the waiting list
    sandbox.clock.now = datetime(2027, 6, 13, 4, 0, tzinfo=UTC)  # 14.06 10:00 Bishkek - 1 day
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 1
    await sandbox.app.sender.drained()
    reminder = ann.last
    assert reminder.text.startswith("⏰ Tomorrow: «Briefing on the grant rules»")
    assert buttons(reminder) == ["📅 Open the event", "✖ I can't come"]
    await ann.press("✖ I can't come", reminder)
    assert buttons(reminder) == ["✖ Yes, give up my place", "« Keep it"]
    await ann.press("« Keep it", reminder)
    assert buttons(reminder) == ["📅 Open the event", "✖ I can't come"]
    assert _statuses(sandbox) == [(9202, "going"), (9203, "waitlist")]
    await ann.press("✖ I can't come", reminder)
    await ann.press("✖ Yes, give up my place", reminder)
    await sandbox.app.sender.drained()
    assert _statuses(sandbox) == [(9202, "not_going"), (9203, "going")]
    bek_card = _announcement(bek, BRIEFING)
    assert "Your answer: Going" in bek_card.text
    assert buttons(bek_card)[0] == "✓ ✅ Going", "the promoted person's card says so"


async def test_the_preview_counts_as_publishing_does_and_says_who_is_left_out(sandbox):
    altynai = await organizer(sandbox, 9301)  # the admin is onboarded too
    await onboard(sandbox, 9302, "Ann")
    dana = await onboard(sandbox, 9303, "Dana")
    await dana.block()
    await announce(altynai, BRIEFING, kind="Info meeting", end=None, publish=False)
    preview = altynai.last.text
    assert "It will be sent to 2 people now." in preview
    assert "You are not counted: you do not receive your own announcement." in preview
    assert "Not counted: 1 person in this audience has blocked the bot." in preview
    await altynai.press("📣 Publish")
    assert any("going out to 2 people" in (m.text or "") for m in altynai.messages[-3:])


async def test_in_person_times_are_the_events_own_and_online_ones_the_readers(sandbox):
    altynai = await organizer(sandbox, 9401)  # in Kyrgyzstan
    aigerim = await onboard(sandbox, 9402, "Aigerim", "Kazakhstan")  # UTC+5 since 2024
    await announce(
        altynai,
        SCHOOL,
        start="13.06.2027 09:30",
        end=None,
        place="Bishkek, Orion hotel",
        questions=(("Your coalition's name?", ()),),
        apply_by="01.06.2027",
    )
    await announce(
        altynai,
        "Webinar on open budgets",
        kind="Webinar",
        start="20.06.2027 15:00",
        end=None,
        place=None,
        link="https://meet.example.org/budgets",
    )
    await sandbox.app.sender.drained()
    school = plain(_announcement(aigerim, SCHOOL).text)
    assert "Jun 13, 2027, 9:30 AM (GMT+06:00, Kyrgyzstan)" in school
    assert "Applications until Jun 1, 2027, 11:59 PM (GMT+06:00, Kyrgyzstan)." in school
    webinar = plain(_announcement(aigerim, "Webinar on open budgets").text)
    assert "Jun 20, 2027, 2:00 PM (GMT+05:00, Kazakhstan)" in webinar
    assert "Where the organizer is: Jun 20, 2027, 3:00 PM (GMT+06:00, Kyrgyzstan)" in webinar

    # an organizer sets another zone for an event held elsewhere
    await announce(
        altynai,
        "Budget school in Tashkent",
        start="15.07.2027 09:30",
        end=None,
        place="Tashkent",
        zone="GMT+05:00, Uzbekistan",
    )
    [row] = db_rows(
        sandbox.database_path,
        "SELECT starts_at, timezone FROM events WHERE title = 'Budget school in Tashkent'",
    )
    assert (row["starts_at"], row["timezone"]) == ("2027-07-15T04:30:00+00:00", "Asia/Tashkent")
    await sandbox.app.sender.drained()
    card = plain(_announcement(aigerim, "Budget school in Tashkent").text)
    assert "Jul 15, 2027, 9:30 AM (GMT+05:00, Uzbekistan)" in card


async def test_a_start_without_a_time_is_asked_for_its_time(sandbox):
    altynai = await organizer(sandbox, 9501)
    await altynai.send("/newevent")
    await altynai.press("Info meeting")
    await altynai.send(BRIEFING)
    await altynai.send("What the new grant rules ask of coalitions.")
    await altynai.send("15.01.2027")
    assert "What time on 15.01.2027? Please send the date with the time" in altynai.last.text
    assert "When does it start?" in altynai.last.text
    await altynai.send("15.01.2027 10:00")
    assert "When does it end?" in altynai.last.text


async def test_remove_the_last_key_date_removes_the_one_added_last(sandbox):
    altynai = await organizer(sandbox, 9601)
    await altynai.send("/newevent")
    await altynai.press("Seminar or workshop")
    await altynai.send(SCHOOL)
    await altynai.send("Five days on coalitions.")
    await altynai.send("13.06.2027 09:00")
    await altynai.press("Skip »")
    await altynai.press("✅ Confirmed")
    for _ in range(3):
        await altynai.press("Skip »")
    for step, due in (("Results", "05.06.2027 12:00"), ("Pre-registration closes", "01.06.2027")):
        await altynai.press("➕ Add a key date")
        await altynai.send(step)
        await altynai.send(due)
        await altynai.press("No link »")
    listing = plain(altynai.last.text)
    assert listing.index("Pre-registration closes") < listing.index("Results"), "shown by date"
    await altynai.press("🗑 Remove the last")
    assert "Pre-registration closes" not in altynai.last.text
    assert "Results" in altynai.last.text


async def test_the_organizer_hears_of_answers_each_time_or_once_a_day(sandbox):
    altynai = await organizer(sandbox, 9701)
    ann = await onboard(sandbox, 9702, "Ann")
    bek = await onboard(sandbox, 9703, "Bek")
    sandbox.clock.now = datetime(2027, 5, 1, 6, 0, tzinfo=UTC)
    await announce(altynai, BRIEFING, kind="Info meeting", end=None)
    await sandbox.app.sender.drained()

    await ann.press("✅ Going", _announcement(ann, BRIEFING))
    await sandbox.app.sender.drained()
    told = altynai.last
    assert told.text == "📬 «Briefing on the grant rules»: Ann — Going\nGoing: 1"
    assert buttons(told) == ["🗂 Open the event"]
    await altynai.press("🗂 Open the event", told)
    assert "🔔 New answers: told each time" in buttons(altynai.last)

    query = await altynai.press("🔔 New answers: told each time")
    assert query.answer_text == "🔔 New answers: a summary once a day"
    assert "🔔 New answers: a summary once a day" in buttons(altynai.last)
    seen = len(altynai.messages)
    sandbox.clock.now = datetime(2027, 5, 1, 9, 0, tzinfo=UTC)
    await bek.press("🤔 Maybe", _announcement(bek, BRIEFING))
    await sandbox.app.sender.drained()
    assert len(altynai.messages) == seen, "nothing until the summary"

    sandbox.clock.now = datetime(2027, 5, 1, 23, 0, tzinfo=UTC)  # not a day yet
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    assert len(altynai.messages) == seen
    sandbox.clock.now = datetime(2027, 5, 2, 6, 30, tzinfo=UTC)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.ticker.tick(sandbox.clock())  # a second tick at once sends nothing more
    await sandbox.app.sender.drained()
    summaries = [m for m in altynai.messages[seen:] if "since yesterday" in (m.text or "")]
    assert [m.text for m in summaries] == [
        "📊 «Briefing on the grant rules»: 1 new answer since yesterday.\n"
        "Maybe: 1\nIn all: Going: 1 · Maybe: 1"
    ]
    sandbox.clock.now = datetime(2027, 5, 3, 7, 0, tzinfo=UTC)  # nothing new: no summary
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    assert not [m for m in altynai.messages[seen + 1 :] if "since yesterday" in (m.text or "")]

    await altynai.press("🔔 New answers: a summary once a day", altynai.messages[seen - 1])
    assert "🔕 New answers: not told" in buttons(altynai.messages[seen - 1])
    await ann.press("✖ Not going", _announcement(ann, BRIEFING))
    await sandbox.app.sender.drained()
    assert "Not going" not in (altynai.last.text or "")


async def test_a_long_title_is_cut_with_an_ellipsis_in_the_lists(sandbox):
    altynai = await organizer(sandbox, 9801)
    ann = await onboard(sandbox, 9802, "Ann")
    title = "Regional forum of civil society organizations of Central Asia " * 2
    await announce(altynai, title.strip(), kind="Conference", end=None)
    await ann.send("/events")
    [label] = [b for b in buttons(ann.last) if "Regional forum" in b]
    assert label.endswith("…") and len(label) <= 60
    await altynai.send("/myevents")
    [label] = [b for b in buttons(altynai.last) if "Regional forum" in b]
    assert label.endswith("…") and len(label) <= 60


async def test_the_waiting_list_button_keeps_ones_turn(sandbox):
    altynai = await organizer(sandbox, 9901)
    ann = await onboard(sandbox, 9902, "Ann")
    bek = await onboard(sandbox, 9903, "Bek")
    await announce(altynai, BRIEFING, kind="Info meeting", end=None, capacity=1)
    await sandbox.app.sender.drained()
    await ann.press("✅ Going", _announcement(ann, BRIEFING))
    card = _announcement(bek, BRIEFING)
    await bek.press("✅ Going", card)
    query = await bek.press("⏳ Waiting list", card)
    assert query.answer_text == "⏳ The event is full: you are on the waiting list."
    assert _statuses(sandbox) == [(9902, "going"), (9903, "waitlist")]
    await bek.press("🤔 Maybe", card)
    assert _statuses(sandbox) == [(9902, "going"), (9903, "maybe")]


async def _edit_start(org, title: str, start: str) -> None:
    await org.send("/myevents")
    await org.press(title)
    await org.press("✏️ Edit")
    await org.press("✏️ Start")
    await org.send(start)


async def test_an_answer_given_while_a_card_update_waits_is_what_the_card_shows(sandbox):
    altynai = await organizer(sandbox, 10_001)
    cem = await onboard(sandbox, 10_002, "Cem")
    await announce(altynai, BRIEFING, kind="Info meeting", end=None, capacity=5)
    await sandbox.app.sender.drained()
    await _edit_start(altynai, BRIEFING, "14.06.2027 10:00")
    await sandbox.app.sender.stop()  # the outbox holds the card update, rendered for «no answer»
    await altynai.press("💾 Save")
    card = _announcement(cem, BRIEFING)
    await cem.press("✅ Going", card)
    assert "Your answer: Going" in card.text
    sandbox.app.sender.start()
    await sandbox.app.sender.drained()
    assert "Your answer: Going" in card.text and "Jun 14, 2027" in plain(card.text)
    assert buttons(card)[0] == "✓ ✅ Going"


async def _gate_announcement(sandbox, user_id: int, title: str):
    """Hold the announcement to `user_id` on its way to Telegram until released."""
    transport = sandbox.app.sender._transport
    original = transport.send
    entered, release = asyncio.Event(), asyncio.Event()

    async def gated(chat_id, message):
        if chat_id == user_id and title in message.text:
            entered.set()
            await release.wait()
        return await original(chat_id, message)

    transport.send = gated
    sandbox.drain_on_settle = False
    return entered, release


async def test_an_announcement_on_its_way_during_an_edit_is_corrected(sandbox):
    altynai = await organizer(sandbox, 10_101)
    cem = await onboard(sandbox, 10_102, "Cem")
    await sandbox.app.sender.drained()
    entered, release = await _gate_announcement(sandbox, 10_102, BRIEFING)
    await announce(altynai, BRIEFING, kind="Info meeting", end=None)
    await asyncio.wait_for(entered.wait(), 30)
    await _edit_start(altynai, BRIEFING, "14.06.2027 10:00")
    await altynai.press("💾 Save")
    release.set()
    sandbox.drain_on_settle = True
    await sandbox.app.sender.drained()
    [card] = [m for m in cem.messages if BRIEFING in (m.text or "")]
    assert "Jun 14, 2027, 10:00 AM" in plain(card.text) and "Jun 13" not in plain(card.text)


async def test_an_announcement_on_its_way_during_a_cancellation_says_cancelled(sandbox):
    altynai = await organizer(sandbox, 10_201)
    cem = await onboard(sandbox, 10_202, "Cem")
    await sandbox.app.sender.drained()
    entered, release = await _gate_announcement(sandbox, 10_202, BRIEFING)
    await announce(altynai, BRIEFING, kind="Info meeting", end=None)
    await asyncio.wait_for(entered.wait(), 30)
    await altynai.send("/myevents")
    await altynai.press(BRIEFING)
    await altynai.press("❌ Cancel the event")
    await altynai.press("❌ Yes, cancel it")
    release.set()
    sandbox.drain_on_settle = True
    await sandbox.app.sender.drained()
    [card] = [m for m in cem.messages if BRIEFING in (m.text or "")]
    assert card.text.startswith("❌ Cancelled")
    assert buttons(card) == ["🗑 Remove from my calendar"]


async def test_an_organizer_who_leaves_leaves_no_contact_in_updated_cards(sandbox):
    altynai = await organizer(sandbox, 10_301)
    await onboard(sandbox, 10_302, "Ann")
    await announce(
        altynai, "Open day", kind="Info meeting", end=None, contact="altynai@dpi.example"
    )
    await sandbox.app.sender.drained()
    await altynai.send("/myevents")
    await altynai.press("Open day")
    await altynai.press("✏️ Edit")
    await altynai.press("✏️ Place")
    await altynai.send("Bishkek, Orion hotel")
    await altynai.press("💾 Save")
    await sandbox.app.sender.drained()
    await altynai.send("/forget")
    await altynai.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, 10_301, "altynai@dpi.example") == []


async def test_the_last_day_before_the_event_is_summarized_too(sandbox):
    altynai = await organizer(sandbox, 10_401)
    ann = await onboard(sandbox, 10_402, "Ann")
    sandbox.clock.now = datetime(2027, 6, 11, 6, 0, tzinfo=UTC)
    await announce(altynai, BRIEFING, kind="Info meeting", end=None)  # 13.06 03:00 UTC
    await sandbox.app.sender.drained()
    await altynai.send("/myevents")
    await altynai.press(BRIEFING)
    await altynai.press("🔔 New answers: told each time")
    seen = len(altynai.messages)
    sandbox.clock.now = datetime(2027, 6, 12, 10, 0, tzinfo=UTC)
    await ann.press("✅ Going", _announcement(ann, BRIEFING))
    for day, hour in ((13, 2), (13, 11), (14, 12), (15, 13)):
        sandbox.clock.now = datetime(2027, 6, day, hour, 0, tzinfo=UTC)
        await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()
    summaries = [m.text for m in altynai.messages[seen:] if "since yesterday" in (m.text or "")]
    assert len(summaries) == 1 and "Going: 1" in summaries[0]
