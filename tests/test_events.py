"""Events from the organizer's form to the members' answers, calendars and reminders: an
event like the seed's workshop call (tentative dates, key dates with links, an application
form), RSVPs with a waiting list, edits and cancellations told to those who answered."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import icalendar

from bot.scheduler import Ticker
from bot.ui.callbacks import EventAction, EventAdmin
from tests.events_flows import announce, call_with_one_application, organizer
from tests.flows import admin, onboard, registered_org
from tests.helpers import buttons, db_rows

WORKSHOP = "Advocacy workshop for coalitions"


def plain(text: str) -> str:
    """Babel puts a narrow no-break space before AM/PM; read it as a space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


async def _drain(sandbox) -> None:
    await sandbox.app.sender.drained()


def _announcements(user, title: str):
    return [m for m in user.messages if title in (m.text or "") and m.buttons()]


async def test_the_seed_workshop_from_announcement_to_application_and_calendar(sandbox):
    boss = await admin(sandbox)
    altynai = await organizer(sandbox, 7001, boss=boss)
    ann = await onboard(sandbox, 7002, "Ann")
    await registered_org(
        sandbox,
        boss,
        ann,
        "Naryn Civic Coalition",
        kind="Coalition of NGOs (civil coalition)",
        themes=("Coalitions and networks of CSOs",),
    )
    bek = await onboard(sandbox, 7003, "Bek", "Kazakhstan")  # outside the audience

    await announce(
        altynai,
        WORKSHOP,
        tbc=True,
        contact="abuzurmankulova@dpi.kg",
        milestones=(
            ("Info meeting", "16.05.2027 15:00", "https://us02web.zoom.us/j/81087235181"),
            ("Application deadline", "25.05.2027", None),
        ),
        countries=("Kyrgyzstan",),
        themes=("Coalitions and networks of CSOs",),
        questions=(
            ("Describe your advocacy idea in a few lines.", ()),
            ("Which kind of coalition are you?", ("Civil coalition", "Economic coalition")),
        ),
        apply_by="25.05.2027",
        publish=False,
    )
    preview = altynai.last
    assert "Preview: members will receive exactly this." in preview.text
    assert "(to be confirmed)" in preview.text
    assert "May 16, 2027, 3:00 PM: Info meeting — https://us02web.zoom.us/j/81087235181" in (
        plain(preview.text)
    )
    assert "It will be sent to 1 person now." in preview.text
    assert "Buttons under it: 📝 Apply · 📅 Add to calendar" in preview.text
    assert db_rows(sandbox.database_path, "SELECT * FROM events") == [], "nothing before Publish"

    await altynai.press("📣 Publish")
    assert any(
        "Published. The announcement is going out to 1 person" in m.text
        for m in altynai.messages[-3:]
    )
    await _drain(sandbox)
    [card] = _announcements(ann, WORKSHOP)
    assert buttons(card) == ["📝 Apply", "📅 Add to calendar"]
    assert (
        "Jun 13, 2027, 9:00 AM – Jun 17, 2027, 6:00 PM (GMT+06:00, Kyrgyzstan) (to be confirmed)"
        in plain(card.text)
    )
    assert "the organizer sees your answer, your Telegram name and your @username" in card.text
    assert _announcements(bek, WORKSHOP) == [], "Kazakhstan is not in the audience"

    await ann.press("📝 Apply", card)
    assert "Question 1 of 2" in ann.last.text
    await ann.send("🤝")
    assert "Please write it in words" in ann.last.text
    await ann.send("A joint campaign with the business association for rural roads.")
    assert "Question 2 of 2" in ann.last.text
    await ann.send("Economic")
    assert "Please choose one of the options below." in ann.last.text
    await ann.press("Economic coalition")
    assert "Check your application" in ann.last.text
    await ann.press("📨 Send the application")
    assert "Application sent" in ann.last.text
    assert buttons(card)[:2] == ["✏️ My application", "↩️ Withdraw"], "the card shows it"
    assert "Your answer: Applied" in card.text
    [answer] = db_rows(sandbox.database_path, "SELECT status, display_name FROM event_responses")
    assert (answer["status"], answer["display_name"]) == ("applied", "Ann")
    answers = db_rows(
        sandbox.database_path, "SELECT answer FROM event_answers ORDER BY question_id"
    )
    assert [a["answer"] for a in answers] == [
        "A joint campaign with the business association for rural roads.",
        "Economic coalition",
    ]

    await ann.press("📅 Add to calendar", card)
    ics = ann.last.document
    assert ics is not None and ics.file_name == "Advocacy-workshop-for-coalitions.ics"
    calendar = icalendar.Calendar.from_ical(ics.content)
    main, *steps = [c for c in calendar.walk("VEVENT")]
    assert str(main["summary"]) == WORKSHOP
    start = main.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == ("2027-06-13T09:00:00+06:00", "Asia/Bishkek")
    assert str(main["status"]) == "TENTATIVE"
    assert [str(s["summary"]).split(":")[0] for s in steps] == [
        "Info meeting",
        "Application deadline",
    ]
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the file"

    # The key date's reminder: the day before, once; tentative dates get no start reminder.
    sandbox.clock.now = datetime(2027, 5, 15, 9, 0, tzinfo=UTC)  # 15:00 in Bishkek
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 1
    await _drain(sandbox)
    assert "⏰ Tomorrow for «Advocacy workshop for coalitions»: Info meeting" in ann.last.text
    received = len(ann.messages)
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 0, "never twice"
    await sandbox.restart_bot()
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 0, "not after a restart either"
    await _drain(sandbox)
    assert len(ann.messages) == received

    # From /events the card offers the application again, or to withdraw it.
    await ann.send("/events")
    listing = ann.last
    await ann.press(buttons(listing)[0], listing)
    assert buttons(listing)[:2] == ["✏️ My application", "↩️ Withdraw"]
    assert "Your answer: Applied" in listing.text
    query = await ann.press("↩️ Withdraw", listing)
    assert query.answer_text.startswith("↩️ Your application is withdrawn")
    assert db_rows(sandbox.database_path, "SELECT * FROM event_answers") == []
    [answer] = db_rows(sandbox.database_path, "SELECT status FROM event_responses")
    assert answer["status"] == "not_going"
    assert buttons(listing)[0] == "📝 Apply"

    # After the deadline the form is closed.
    sandbox.clock.now = datetime(2027, 5, 26, 0, 0, tzinfo=UTC)
    query = await ann.press("✏️ My application", card)
    assert query.answer_text == "The application deadline has passed."


async def test_places_fill_up_a_waiting_list_moves_and_reminders_follow_the_date(sandbox):
    altynai = await organizer(sandbox, 7101)
    ann = await onboard(sandbox, 7102, "Ann")
    bek = await onboard(sandbox, 7103, "Bek")
    await announce(altynai, "Info meeting on the call", kind="Info meeting", end=None, capacity=1)
    await _drain(sandbox)
    [ann_card] = _announcements(ann, "Info meeting on the call")
    [bek_card] = _announcements(bek, "Info meeting on the call")
    assert buttons(ann_card)[:3] == ["✅ Going", "🤔 Maybe", "✖ Not going"]

    query = await ann.press("✅ Going", ann_card)
    assert query.answer_text.startswith("✅ You are going.")
    assert buttons(ann_card)[0] == "✓ ✅ Going", "the announcement shows the answer"
    assert "Places taken: 1 of 1" in ann_card.text
    again = await ann.press_data(ann_card.buttons()[0]["callback_data"], ann_card)  # double tap
    assert again.answered
    query = await bek.press("✅ Going", bek_card)
    assert query.answer_text == "⏳ The event is full: you are on the waiting list."
    assert buttons(bek_card)[0] == "⏳ Waiting list"
    rows = db_rows(
        sandbox.database_path, "SELECT user_id, status FROM event_responses ORDER BY user_id"
    )
    assert [(r["user_id"], r["status"]) for r in rows] == [(7102, "going"), (7103, "waitlist")]

    await ann.press("✖ Not going", ann_card)
    assert "A place opened up: you are now going to «Info meeting on the call»" in bek.last.text
    rows = db_rows(
        sandbox.database_path, "SELECT user_id, status FROM event_responses ORDER BY user_id"
    )
    assert [(r["user_id"], r["status"]) for r in rows] == [(7102, "not_going"), (7103, "going")]

    # The day before: only Bek (going) is reminded, once.
    sandbox.clock.now = datetime(2027, 6, 12, 3, 0, tzinfo=UTC)  # 13.06 09:00 Bishkek - 1 day
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 1
    await _drain(sandbox)
    assert bek.last.text.startswith("⏰ Tomorrow: «Info meeting on the call»")
    assert not ann.last.text.startswith("⏰")

    # The organizer moves it a day later: Bek is told, and the reminders move too.
    await altynai.send("/myevents")
    await altynai.press("Info meeting on the call")
    await altynai.press("✏️ Edit")
    await altynai.press("✏️ Start")
    await altynai.send("14.06.2027 09:00")
    await altynai.press("💾 Save")
    assert "Saved. 2 people who answered are told what changed." in altynai.last.text
    await _drain(sandbox)
    assert "«Info meeting on the call» has changed" in bek.last.text
    assert (
        "When: Jun 14, 2027, 9:00 AM (GMT+06:00, Kyrgyzstan) (was Jun 13, 2027, 9:00 AM)"
        in plain(bek.last.text)
    )

    sandbox.clock.now = datetime(2027, 6, 13, 2, 0, tzinfo=UTC)  # the old hour-before
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 0
    sandbox.clock.now = datetime(2027, 6, 13, 3, 0, tzinfo=UTC)  # the new day-before
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 1
    sandbox.clock.now = datetime(2027, 6, 14, 2, 0, tzinfo=UTC)  # the new hour-before
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 1
    await _drain(sandbox)
    assert bek.last.text.startswith("⏰ In an hour: «Info meeting on the call»")


async def test_a_cancelled_event_tells_everyone_and_its_old_buttons_say_so(sandbox):
    altynai = await organizer(sandbox, 7201)
    ann = await onboard(sandbox, 7202, "Ann")
    bek = await onboard(sandbox, 7203, "Bek")
    await announce(
        altynai,
        "Webinar on open data",
        kind="Webinar",
        end=None,
        place=None,
        link="https://meet.example.org/open-data",
    )
    await _drain(sandbox)
    [card] = _announcements(ann, "Webinar on open data")
    assert "🔗 https://meet.example.org/open-data" in card.text
    await ann.press("🤔 Maybe", card)
    await bek.press("✖ Not going", _announcements(bek, "Webinar on open data")[0])

    await altynai.send("/myevents")
    await altynai.press("Webinar on open data")
    await altynai.press("❌ Cancel the event")
    assert "The 2 people who answered will be told." in altynai.last.text
    await altynai.press("❌ Yes, cancel it")
    assert any(
        "Cancelled. 2 people who answered are being told." in m.text for m in altynai.messages[-2:]
    )
    await _drain(sandbox)
    assert "«Webinar on open data»" in ann.last.text and "is cancelled" in ann.last.text
    assert "is cancelled" in bek.last.text

    # the announcement Ann received follows the event: cancelled, its buttons gone
    assert card.text.startswith("❌ Cancelled")
    assert buttons(card) == ["🗑 Remove from my calendar"]
    await ann.press("🗑 Remove from my calendar", card)
    assert "is cancelled. Open this file to remove it from your calendar." in ann.last.caption
    cancelled = icalendar.Calendar.from_ical(ann.last.document.content)
    assert [str(e["status"]) for e in cancelled.walk("VEVENT")] == ["CANCELLED"]
    stale = EventAction(action="maybe", event_id=1).pack()  # a press still on its way
    query = await ann.press_data(stale, card)
    assert query.answer_text == "This event was cancelled." and query.show_alert
    await ann.send("/events")
    assert "No upcoming events for you yet." in ann.last.text


async def test_the_organizer_exports_answers_and_messages_everyone(sandbox):
    altynai = await organizer(sandbox, 7301)
    ann = await onboard(sandbox, 7302, "Ann")
    await call_with_one_application(sandbox, altynai, ann)

    await altynai.send("/myevents")
    assert "Applied: 1" in altynai.last.text
    await altynai.press("Selection of coalitions")
    assert "Announcement: 2 sent, 0 waiting, 0 failed, 0 have blocked the bot." in altynai.last.text
    await altynai.press("👥 Answers (CSV)")
    export = altynai.last.document
    assert export is not None
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Name,Telegram username,Answer,Answered at,Your coalition's name?"
    name, username, answer, at, coalition = lines[1].split(",")
    assert (name, username, answer, coalition) == ("Ann", "", "Applied", "Naryn Civic Coalition")
    assert datetime.fromisoformat(at).utcoffset() == timedelta(hours=6), "ISO 8601, Bishkek"

    await altynai.press("📣 Message all", altynai.last_with_buttons())
    await altynai.send("The list of selected coalitions comes on 10 June.")
    await altynai.press("📣 Send")
    await _drain(sandbox)
    assert "From the organizer of «Selection of coalitions»" in ann.last.text
    assert "The list of selected coalitions comes on 10 June." in ann.last.text


async def test_the_form_refuses_bad_input_and_stores_nothing_until_publish(sandbox):
    altynai = await organizer(sandbox, 7401)
    await altynai.send("/newevent")
    await altynai.press("Conference")
    await altynai.send("🎉🎉")
    assert "Please write it in words" in altynai.last.text
    await altynai.send("x" * 5000)
    assert "at most 150 characters" in altynai.last.text
    await altynai.send("Regional CSO forum")
    await altynai.send("Two days of panels on regional cooperation between CSOs.")
    await altynai.send("32.13.2027 10:00")
    assert "Please write the date as DD.MM.YYYY" in altynai.last.text
    await altynai.send("01.01.2020 10:00")
    assert "The start is in the past." in altynai.last.text
    await altynai.send("10.09.2027 10:00")
    await altynai.send("09.09.2027 10:00")
    assert "The end must come after the start." in altynai.last.text
    await altynai.send("11.09.2027 18:00")
    await altynai.press("✅ Confirmed")
    await altynai.send("Almaty")
    await altynai.send("zoom.us/j/123")
    assert "That is not a web link." in altynai.last.text
    await altynai.press("Skip »")
    await altynai.press("Skip »")
    await altynai.press("Done »")
    await altynai.press("Done »")
    await altynai.send("many")
    assert "Please send a whole number of places" in altynai.last.text
    await altynai.send("150")
    await altynai.press("➕ Add a question")
    await altynai.send("Which panel?")
    await altynai.send("only one")
    assert "Please send 2 to 8 options" in altynai.last.text
    await altynai.send("Data\nCoalitions")
    await altynai.press("Done »")
    await altynai.send("12.09.2027")
    assert "The application deadline must come before the event starts." in altynai.last.text
    await altynai.send("01.09.2027")
    assert "Preview" in altynai.last.text
    await altynai.press("✖ Cancel")
    assert db_rows(sandbox.database_path, "SELECT * FROM events") == []


async def test_only_organizers_run_events(sandbox):
    altynai = await organizer(sandbox, 7501)
    mallory = await onboard(sandbox, 7502, "Mallory")
    await mallory.send("/newevent")
    assert mallory.last.text == "This action is not available to you."
    await mallory.send("/myevents")
    assert mallory.last.text == "This action is not available to you."

    await announce(altynai, "Closed meeting", kind="Other event", end=None)
    [event] = db_rows(sandbox.database_path, "SELECT id FROM events")
    for action in ("cancel_yes", "roster", "edit", "message", "open"):
        forged = EventAdmin(action=action, event_id=event["id"]).pack()
        query = await mallory.press_data(forged, mallory.last)
        assert query.answer_text == "This action is not available to you.", action
    [row] = db_rows(sandbox.database_path, "SELECT status FROM events")
    assert row["status"] == "published"
    assert not any(m.document for m in mallory.messages)


async def test_members_find_upcoming_events_from_the_menu(sandbox):
    altynai = await organizer(sandbox, 7601)
    ann = await onboard(sandbox, 7602, "Ann")
    await announce(altynai, "Data for advocacy webinar", kind="Webinar", end=None)
    await _drain(sandbox)

    await ann.send("/start")
    menu = ann.last
    edits = sandbox.emulator.call_counts["editMessageText"]
    await ann.press("📅 Events")
    listing = ann.last
    assert "Upcoming events (page 1 of 1)" in listing.text
    assert listing.message_id != menu.message_id and menu.buttons()
    assert sandbox.emulator.call_counts["editMessageText"] == edits, "the menu is not sent again"
    [entry] = buttons(listing)
    assert entry.endswith("· Data for advocacy webinar")
    await ann.press(entry, listing)
    assert "📅 Data for advocacy webinar" in listing.text, "the list turns into the card"
    await ann.press("✅ Going", listing)
    assert "Your answer: Going" in listing.text
    await ann.press("« Events", listing)
    assert "Upcoming events" in listing.text

    sandbox.clock.now = datetime(2027, 6, 14, tzinfo=UTC)  # the event is over
    await ann.send("/events")
    assert "No upcoming events for you yet." in ann.last.text


async def test_no_reminder_for_a_moment_already_past(sandbox):
    altynai = await organizer(sandbox, 7701)
    ann = await onboard(sandbox, 7702, "Ann")
    # Now is 23.11.2026 10:00 in Bishkek: the event starts in three hours.
    await announce(
        altynai, "Same-day briefing", kind="Info meeting", start="23.11.2026 13:00", end=None
    )
    await _drain(sandbox)
    await ann.press("✅ Going", _announcements(ann, "Same-day briefing")[0])
    reminders = db_rows(sandbox.database_path, "SELECT kind FROM event_reminders")
    assert [r["kind"] for r in reminders] == ["hour"], "the day before has passed already"

    assert await sandbox.app.ticker.tick(sandbox.clock()) == 0
    sandbox.clock.now = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)  # the bot was down: 14:30
    assert await sandbox.app.ticker.tick(sandbox.clock()) == 0, "no reminder after the start"
    await _drain(sandbox)
    assert not any(m.text.startswith("⏰") for m in ann.messages)
    [row] = db_rows(sandbox.database_path, "SELECT sent_at FROM event_reminders")
    assert row["sent_at"] is not None, "settled, not left to fire later"


async def test_a_very_long_announcement_still_fits_telegram(sandbox):
    altynai = await organizer(sandbox, 7801)
    ann = await onboard(sandbox, 7802, "Ann")
    link = "https://docs.google.com/forms/d/" + "x" * 400
    await altynai.send("/newevent")
    await altynai.press("Conference")
    await altynai.send("Regional forum " + "of civil society " * 8)
    await altynai.send("A long programme. " * 110)  # about 2,000 characters
    await altynai.send("10.09.2027 10:00")
    await altynai.press("Skip »")
    await altynai.press("✅ Confirmed")
    await altynai.send("Almaty, " + "a long address " * 12)
    await altynai.send(link)
    await altynai.press("Skip »")
    for day in range(1, 11):
        await altynai.press("➕ Add a key date")
        await altynai.send(f"Step number {day} " + "with a long name " * 5)
        await altynai.send(f"{day:02d}.08.2027")
        await altynai.send(link)
    await altynai.press("➕ Add a key date")
    assert "That is the most key dates one event can have." in altynai.last.text
    await altynai.press("Done »")
    await altynai.press("Done »")
    await altynai.press("No limit »")
    await altynai.press("Done »")
    assert "Preview" in altynai.last.text
    await altynai.press("📣 Publish")
    await _drain(sandbox)
    [card] = _announcements(ann, "Regional forum")
    assert len(card.text) <= 4096 and "…" in card.text
    [row] = db_rows(sandbox.database_path, "SELECT status FROM outbox WHERE user_id = 7802")
    assert row["status"] == "sent"


async def test_admins_look_after_events_whose_organizer_left(sandbox):
    boss = await admin(sandbox)
    altynai = await organizer(sandbox, 7901, boss=boss)
    await announce(altynai, "Orphaned seminar", end=None)
    await altynai.send("/forget")
    await altynai.press("🗑 Yes, delete my data")

    await boss.send("/myevents")
    await boss.press("Orphaned seminar")
    assert "❌ Cancel the event" in buttons(boss.last)


async def test_two_clocks_ticking_at_once_send_a_reminder_once(sandbox):
    altynai = await organizer(sandbox, 8001)
    ann = await onboard(sandbox, 8002, "Ann")
    await announce(altynai, "Coalition meetup", kind="Other event", end=None)
    await _drain(sandbox)
    await ann.press("✅ Going", _announcements(ann, "Coalition meetup")[0])

    app = sandbox.app
    second = Ticker(app.services.reminders, sandbox.clock)
    sandbox.clock.now = datetime(2027, 6, 12, 3, 0, tzinfo=UTC)  # the day before
    sent = await asyncio.gather(app.ticker.tick(sandbox.clock()), second.tick(sandbox.clock()))
    assert sorted(sent) == [0, 1]
    await _drain(sandbox)
    assert len([m for m in ann.messages if m.text.startswith("⏰ Tomorrow")]) == 1
    assert (
        len(
            db_rows(
                sandbox.database_path, "SELECT * FROM campaigns WHERE kind LIKE 'event.reminder%'"
            )
        )
        == 1
    )


async def test_the_events_list_is_paged_soonest_first(sandbox):
    altynai = await organizer(sandbox, 8101)
    ann = await onboard(sandbox, 8102, "Ann")
    for day in (9, 3, 5, 1, 7, 2, 8):  # announced out of order
        await announce(
            altynai,
            f"Meeting on the {day}th",
            kind="Info meeting",
            start=f"0{day}.07.2027 10:00",
            end=None,
            place=None,
        )
    await ann.send("/events")
    listing = ann.last
    assert "(page 1 of 2)" in listing.text
    titles = [b.split(" · ")[1] for b in buttons(listing)[:-1]]
    assert titles == [f"Meeting on the {d}th" for d in (1, 2, 3, 5, 7, 8)]
    assert buttons(listing)[-1] == "»"
    await ann.press("»", listing)
    assert "(page 2 of 2)" in listing.text
    assert buttons(listing) == ["July 9, 2027 · Meeting on the 9th", "«"]


async def test_the_organizer_changes_key_dates_and_reminders_follow(sandbox):
    altynai = await organizer(sandbox, 8201)
    ann = await onboard(sandbox, 8202, "Ann")
    await announce(
        altynai,
        "Coalition school",
        kind="Seminar or workshop",
        end=None,
        milestones=(("Pre-registration closes", "01.06.2027", None),),
    )
    await _drain(sandbox)
    await ann.press("🤔 Maybe", _announcements(ann, "Coalition school")[0])

    await altynai.send("/myevents")
    await altynai.press("Coalition school")
    await altynai.press("✏️ Edit")
    await altynai.press("✏️ Key dates")
    await altynai.press("🗑 Remove the last")
    await altynai.press("➕ Add a key date")
    await altynai.send("Selection results")
    await altynai.send("01.01.2020")
    assert "That date is in the past." in altynai.last.text
    await altynai.send("05.06.2027 12:00")
    await altynai.send("https://example.org/results")
    assert "Selection results" in altynai.last.text
    await altynai.press("« Back")
    assert "Key dates: 1" in altynai.last.text
    await altynai.press("💾 Save")
    await _drain(sandbox)

    notice = plain(ann.last.text)
    assert "«Coalition school» has changed" in notice
    assert "Jun 5, 2027, 12:00 PM: Selection results — https://example.org/results" in notice
    rows = db_rows(
        sandbox.database_path,
        "SELECT m.title FROM event_reminders r JOIN event_milestones m ON m.id = r.milestone_id",
    )
    assert [r["title"] for r in rows] == ["Selection results"], (
        "the old key date's reminder is gone"
    )


async def test_saving_an_edit_of_an_event_cancelled_meanwhile_is_refused(sandbox):
    altynai = await organizer(sandbox, 8301)
    await announce(altynai, "Briefing for donors", kind="Info meeting", end=None)
    await altynai.send("/myevents")
    await altynai.press("Briefing for donors")
    await altynai.press("✏️ Edit")
    edit_form = altynai.last
    await altynai.press("✏️ Title", edit_form)
    await altynai.send("Briefing for donors and CSOs")
    edit_form = altynai.last

    await altynai.send("/myevents")  # meanwhile, from another message: cancel it
    await altynai.press("Briefing for donors")
    await altynai.press("❌ Cancel the event")
    await altynai.press("❌ Yes, cancel it")

    await altynai.press("💾 Save", edit_form)
    assert "This event was cancelled." in edit_form.text, "said where Save was pressed"
    [row] = db_rows(sandbox.database_path, "SELECT title, status FROM events")
    assert (row["title"], row["status"]) == ("Briefing for donors", "cancelled")


async def test_two_people_taking_the_last_place_at_once_and_a_double_tap(sandbox):
    altynai = await organizer(sandbox, 8401)
    ann = await onboard(sandbox, 8402, "Ann")
    bek = await onboard(sandbox, 8403, "Bek")
    await announce(altynai, "Last seat", kind="Info meeting", end=None, capacity=1)
    await _drain(sandbox)
    [ann_card] = _announcements(ann, "Last seat")
    [bek_card] = _announcements(bek, "Last seat")
    going = ann_card.buttons()[0]["callback_data"]
    emu = sandbox.emulator
    taps = [
        emu.press_button(ann.person, ann_card, going),
        emu.press_button(bek.person, bek_card, going),
        emu.press_button(ann.person, ann_card, going),  # Ann's double tap
    ]
    await asyncio.gather(*(sandbox.settle(update_id) for update_id, _ in taps))

    rows = db_rows(
        sandbox.database_path, "SELECT status, COUNT(*) AS n FROM event_responses GROUP BY 1"
    )
    assert {r["status"]: r["n"] for r in rows} == {"going": 1, "waitlist": 1}
    assert all(emu.callback_queries[query_id].answered for _, query_id in taps)
    assert "Places taken: 1 of 1" in ann_card.text and "Places taken: 1 of 1" in bek_card.text


async def test_cancelling_stops_what_about_the_event_is_not_out_yet(sandbox):
    altynai = await organizer(sandbox, 8501)
    ann = await onboard(sandbox, 8502, "Ann")
    await announce(altynai, "Coalition school", kind="Seminar or workshop", end=None)
    await _drain(sandbox)
    await ann.press("✅ Going", _announcements(ann, "Coalition school")[0])
    await sandbox.app.sender.stop()  # what follows waits in the outbox
    await altynai.send("/myevents")
    await altynai.press("Coalition school")
    await altynai.press("📣 Message all", altynai.last_with_buttons())
    await altynai.send("Bring your laptops, please.")
    await altynai.press("📣 Send")
    await altynai.send("/myevents")
    await altynai.press("Coalition school")
    await altynai.press("❌ Cancel the event")
    await altynai.press("❌ Yes, cancel it")
    sandbox.app.sender.start()
    await _drain(sandbox)
    assert "is cancelled" in ann.last.text
    assert not any("Bring your laptops" in (m.text or "") for m in ann.messages)


async def test_not_going_after_applying_deletes_the_application(sandbox):
    altynai = await organizer(sandbox, 8601)
    ann = await onboard(sandbox, 8602, "Ann")
    await call_with_one_application(sandbox, altynai, ann)
    assert db_rows(sandbox.database_path, "SELECT * FROM event_answers")
    [event] = db_rows(sandbox.database_path, "SELECT id FROM events")
    forged = EventAction(action="not_going", event_id=event["id"]).pack()
    query = await ann.press_data(forged, ann.last)
    assert query.answer_text == "Noted: not going."
    assert db_rows(sandbox.database_path, "SELECT * FROM event_answers") == []
    [row] = db_rows(sandbox.database_path, "SELECT status FROM event_responses")
    assert row["status"] == "not_going"
