"""The consultation desk's lists: /myrequests (the asker's requests, each thread read
again with its Reply and Resolved), /queue (what an expert may take, and what they took),
/consultations (the organizers' figures with exact medians, by theme and by country, the
open requests and the CSV: no question, no message, no anonymous asker's name)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from bot.services import consultation_reports
from bot.ui.callbacks import DeskFigures, RequestOpen
from tests.desk_flows import DATA, QUESTION, write
from tests.desk_flows import ask as _ask
from tests.desk_flows import expert as _expert
from tests.flows import admin, onboard
from tests.helpers import buttons

YOUTH = "Youth"
NOT_YOURS = "This button is no longer valid. Please open the screen again."
NOT_ALLOWED = "This action is not available to you."


def _card(expert, text: str):
    """The expert's newest message about `text` that has buttons (an offer, their card)."""
    return next(m for m in reversed(expert.messages) if text in (m.text or "") and m.buttons())


async def _take_and_answer(sandbox, expert, question: str, answer: str) -> None:
    await expert.press("✋ Take", _card(expert, question))
    await write(expert, _card(expert, question), answer)
    await sandbox.app.sender.drained()


def _menu(user) -> set[str]:
    return {c["command"] for c in user.commands()}


async def test_the_asker_lists_their_requests_and_reads_a_thread_again(sandbox, monkeypatch):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_001, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 12_002, "Aida", "Kazakhstan")
    assert "myrequests" in _menu(aida) and "queue" not in _menu(aida)

    await aida.send("/myrequests")
    assert aida.last.text == "You have not asked an expert yet. /ask sends your question to them."

    await _ask(aida)
    second = "Which grant reports do donors in Kazakhstan ask for most often?"
    await _ask(aida, second)
    await sandbox.app.sender.drained()
    await _take_and_answer(sandbox, gulzhan, QUESTION, "Publish counts per question only.")
    await aida.reply_to(aida.last, "And for fewer than five answers?")
    await sandbox.app.sender.drained()

    await aida.send("/myrequests")
    listing = aida.last
    assert listing.text.startswith("Your requests: 2")
    lines = listing.text.splitlines()
    newest = lines.index(next(line for line in lines if line.startswith("#2 ")))
    assert newest < lines.index(next(line for line in lines if line.startswith("#1 ")))
    assert f"#2 · {DATA} · ⏳ waiting for an expert · " in listing.text
    assert f"#1 · {DATA} · 💬 in progress · " in listing.text
    assert buttons(listing) == [f"#2 · {DATA}", f"#1 · {DATA}"]

    await aida.press(f"#1 · {DATA}", listing)
    thread = aida.messages[-1]
    assert thread.message_id == listing.message_id, "the list becomes the thread"
    text = thread.text
    assert text.startswith(f"💬 Request #1 · {DATA}\n💬 in progress")
    order = [
        text.index("You · "),
        text.index(QUESTION),
        text.index("The expert · "),
        text.index("Publish counts per question only."),
        text.index("fewer than five answers"),
    ]
    assert order == sorted(order)
    assert text.count("You · ") == 2 and "Gulzhan" not in text
    assert buttons(thread) == [
        "↩️ Reply",
        "✅ Resolved",
        "🤝 Exchange contacts",
        "« Back to the list",
    ]

    # the thread's Reply writes to the expert, as the relayed message's does
    await write(aida, thread, "Thank you, that settles it.")
    assert aida.last.text.startswith("✓ Sent to the expert.")
    await sandbox.app.sender.drained()
    assert "Thank you, that settles it." in gulzhan.last.text
    assert buttons(thread) == [
        "↩️ Reply",
        "✅ Resolved",
        "🤝 Exchange contacts",
        "« Back to the list",
    ]

    await aida.press("« Back to the list", thread)
    assert thread.text.startswith("Your requests: 2")
    await aida.press(f"#2 · {DATA}", thread)
    assert "⏳ waiting for an expert" in thread.text and second in thread.text
    assert buttons(thread) == ["« Back to the list"], "nothing to reply to yet"

    # resolved from the thread: the rating follows, and the list says so
    await aida.press("« Back to the list", thread)
    await aida.press(f"#1 · {DATA}", thread)
    await aida.press("✅ Resolved", thread)
    await aida.press("4")
    await aida.send("/myrequests")
    assert f"#1 · {DATA} · ✅ resolved · rated 4 of 5 · " in aida.last.text

    # a long list is paged, the newest first
    monkeypatch.setattr(consultation_reports, "PAGE", 1)
    await aida.send("/myrequests")
    first_page = aida.last
    assert first_page.text.startswith("Your requests: 2 (page 1 of 2)")
    assert buttons(first_page) == [f"#2 · {DATA}", "»"]
    await aida.press("»", first_page)
    assert first_page.text.startswith("Your requests: 2 (page 2 of 2)")
    assert buttons(first_page) == [f"#1 · {DATA}", "«"]


async def test_a_thread_is_read_only_by_its_two_sides(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_101, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 12_102, "Aida", "Kazakhstan")
    stranger = await onboard(sandbox, 12_103, "Stranger", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await _take_and_answer(sandbox, gulzhan, QUESTION, "Publish counts per question only.")

    await stranger.send("/myrequests")
    for view in ("asked", "mine"):
        forged = RequestOpen(view=view, consultation_id=1, page=0).pack()
        query = await stranger.press_data(forged, stranger.last)
        assert query.answer_text == NOT_YOURS
    assert not any(QUESTION in (m.text or "") for m in stranger.messages)
    query = await stranger.press_data("cro:nonsense:1:0:-1", stranger.last)
    assert query.answer_text == NOT_YOURS


async def test_an_expert_queue_shows_what_they_may_take_and_what_they_took(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_201, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 12_202, "Aida", "Kazakhstan")
    bek = await onboard(sandbox, 12_203, "Bek", "Kazakhstan")
    assert "queue" in _menu(gulzhan)

    await _ask(aida)  # #1: fits Gulzhan
    await _ask(aida, "Which donors fund advocacy work in the Naryn region?", country="Kyrgyzstan")
    await _ask(bek, "How do we keep volunteers aged 16 to 18 in our clubs?", theme=YOUTH)
    await _ask(gulzhan, "Which survey tools keep respondents' answers apart from names?")
    await sandbox.app.sender.drained()

    await gulzhan.send("/queue")
    queue = gulzhan.last
    assert queue.text.startswith("Requests you can take: 1")
    assert f"#1 · {DATA} · Kazakhstan · English · " in queue.text
    for other in ("#2", "#3", "#4"):
        assert other not in queue.text
    assert buttons(queue) == [f"✋ #1 · {DATA}", "🗂 Requests you took (0)"]

    await gulzhan.press(f"✋ #1 · {DATA}", queue)
    assert QUESTION in queue.text and "Asked by Aida." in queue.text
    assert buttons(queue) == ["✋ Take", "« Back to the list"]
    await gulzhan.press("✋ Take", queue)
    assert "✅ You took it." in queue.text
    await sandbox.app.sender.drained()
    assert "An expert has taken your request #1" in aida.last.text

    await gulzhan.send("/queue")
    queue = gulzhan.last
    assert queue.text.startswith("Requests you can take: 0")
    assert "No open request matches your themes, countries and languages now." in queue.text
    await gulzhan.press("🗂 Requests you took (1)", queue)
    assert queue.text.startswith("Requests you took: 1")
    assert f"#1 · {DATA} · 💬 in progress · " in queue.text
    assert buttons(queue) == [f"💬 #1 · {DATA}", "✋ Requests you can take (0)"]
    await gulzhan.press(f"💬 #1 · {DATA}", queue)
    assert "The member · " in queue.text and QUESTION in queue.text
    assert buttons(queue) == [
        "↩️ Reply",
        "🔁 Give back",
        "➡️ Pass on",
        "🤝 Exchange contacts",
        "« Back to the list",
    ]
    await write(gulzhan, queue, "Publish counts per question only.")
    await sandbox.app.sender.drained()
    assert "Publish counts per question only." in aida.last.text

    # a request that does not fit the expert (another country), forged: refused
    forged = RequestOpen(view="take", consultation_id=2, page=0).pack()
    query = await gulzhan.press_data(forged, queue)
    assert query.answer_text.startswith("This request is not for you")
    assert "Which donors fund advocacy" not in queue.text
    # a member forging the queue
    query = await bek.press_data(RequestOpen(view="take", consultation_id=1, page=0).pack())
    assert query.answer_text == NOT_ALLOWED, "Bek is no expert"
    await bek.send("/queue")
    assert bek.last.text == NOT_ALLOWED


async def test_a_request_taken_meanwhile_is_said_to_be_taken(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_301, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 12_302, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 12_303, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await gulzhan.send("/queue")
    queue = gulzhan.last
    await timur.press("✋ Take", _card(timur, QUESTION))

    query = await gulzhan.press(f"✋ #1 · {DATA}", queue)
    assert query.answer_text == "Another expert has already taken this request."
    assert queue.text.startswith("Requests you can take: 0")
    assert QUESTION not in queue.text


async def test_organizers_figures_have_exact_medians_by_theme_and_country_and_a_csv(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_401, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(
        sandbox, boss, 12_402, "Timur", "Youth worker in Osh.", theme=YOUTH, country="Kyrgyzstan"
    )
    aida = await onboard(sandbox, 12_403, "Aida", "Kazakhstan")
    bek = await onboard(sandbox, 12_404, "Bek", "Kazakhstan")
    chyngyz = await onboard(sandbox, 12_405, "Chyngyz", "Kyrgyzstan")
    assert "consultations" in _menu(boss) and "consultations" not in _menu(aida)
    t0 = sandbox.clock.now

    def at(hours: float) -> datetime:
        sandbox.clock.now = t0 + timedelta(hours=hours)
        return sandbox.clock.now

    async def answer(expert, question: str, text: str) -> None:
        await write(expert, _card(expert, question), text)
        await sandbox.app.sender.drained()

    async def resolve_and_rate(member, rating: str) -> None:
        await member.press("✅ Resolved", member.last)
        await member.press(rating)
        await sandbox.app.sender.drained()

    # #1: answered after 2 h, resolved after 4 h, rated 5
    await _ask(aida)
    await sandbox.app.sender.drained()
    at(0.5)
    await gulzhan.press("✋ Take", _card(gulzhan, QUESTION))
    at(2)
    await answer(gulzhan, QUESTION, "Publish counts per question only.")
    at(4)
    await resolve_and_rate(aida, "5")

    # #2, anonymous: answered after 4 h, resolved after 8 h, rated 4
    second = "Can a coalition publish member lists without their consent?"
    at(10)
    await _ask(bek, second, anonymous=True)
    await sandbox.app.sender.drained()
    at(11)
    await gulzhan.press("✋ Take", _card(gulzhan, second))
    at(14)
    await answer(gulzhan, second, "Only with each member's written consent.")
    at(16)
    await answer(gulzhan, second, "I checked it again: written consent it is.")
    at(18)
    await resolve_and_rate(bek, "4")

    # #3 in Kyrgyzstan: answered after 1 h, still in progress
    third = "How do we keep volunteers aged 16 to 18 in our clubs?"
    at(20)
    await _ask(chyngyz, third, theme=YOUTH, country="Kyrgyzstan")
    await sandbox.app.sender.drained()
    at(21)
    await _take_and_answer(sandbox, timur, third, "Give them a project of their own.")

    # #4, anonymous, and no expert matches it: waiting
    fourth = "Where do youth clubs in Almaty find rooms for free?"
    at(22)
    await _ask(aida, fourth, theme=YOUTH, anonymous=True)
    await sandbox.app.sender.drained()

    await boss.send("/consultations")
    report = boss.last
    assert report.text.splitlines() == [
        "📊 Consultations",
        "Requests: 4 · open: 2 (waiting for an expert: 1) · resolved: 2",
        "Median time to first answer: 2 hours (3 requests answered)",
        "Median time to resolution: 6 hours (2 requests resolved)",
        "Average rating: 4.5 of 5 (2 ratings)",
        "",
        "By theme",
        f"• {DATA}: 2 requests, 0 open · first answer 3 hours · resolution 6 hours · "
        "rating 4.5 (2)",
        f"• {YOUTH}: 2 requests, 2 open · first answer 1 hour · resolution — · rating —",
        "",
        "By country",
        "• Kazakhstan: 3 requests, 1 open · first answer 3 hours · resolution 6 hours · "
        "rating 4.5 (2)",
        "• Kyrgyzstan: 1 request, 1 open · first answer 1 hour · resolution — · rating —",
    ]
    assert buttons(report) == ["📋 Open requests (2)", "📄 CSV of every request"]

    await boss.press("📋 Open requests (2)", report)
    text = report.text
    shown = text.splitlines()
    assert shown[:3] == ["Open requests: 2", "", "#3 · Youth · Kyrgyzstan · English"]
    assert shown[3].startswith("💬 in progress · asked ") and shown[3].endswith(" · Chyngyz")
    assert shown[4:6] == ["", "#4 · Youth · Kazakhstan · English"]
    assert shown[6].startswith("⏳ waiting for an expert · asked ")
    assert shown[6].endswith(" · anonymous") and len(shown) == 7
    for secret in ("Aida", "Bek", QUESTION, second, third, fourth):
        assert secret not in text
    assert buttons(report) == ["« Back to the figures"]
    await boss.press("« Back to the figures", report)
    assert report.text.startswith("📊 Consultations")

    await boss.press("📄 CSV of every request", report)
    export = boss.last
    assert export.caption.startswith("4 consultation requests: no question or message")
    content = export.document.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Request",
        "Theme",
        "Country",
        "Language",
        "Status",
        "Asked at",
        "Taken at",
        "First answer at",
        "Resolved at",
        "Rating",
        "Asker",
    ]
    assert [row[:5] for row in rows[1:]] == [
        ["1", DATA, "Kazakhstan", "English", "resolved"],
        ["2", DATA, "Kazakhstan", "English", "resolved"],
        ["3", YOUTH, "Kyrgyzstan", "English", "in progress"],
        ["4", YOUTH, "Kazakhstan", "English", "waiting for an expert"],
    ]
    assert [row[9:] for row in rows[1:]] == [
        ["5", "Aida"],
        ["4", ""],
        ["", "Chyngyz"],
        ["", ""],
    ], "no name for an anonymous request"

    def moments(row: list[str]) -> list[datetime | None]:
        return [datetime.fromisoformat(cell) if cell else None for cell in row[5:9]]

    def hours(h: float) -> datetime:
        return t0 + timedelta(hours=h)

    assert moments(rows[1]) == [t0, hours(0.5), hours(2), hours(4)]
    assert moments(rows[2]) == [hours(10), hours(11), hours(14), hours(18)]
    assert moments(rows[3]) == [hours(20), hours(21), hours(21), None]
    assert moments(rows[4]) == [hours(22), None, None, None]
    assert rows[1][5].endswith("+05:00"), "in the organizer's time zone (Kazakhstan)"
    for secret in (QUESTION, second, third, fourth, "Publish counts", "consent", "project"):
        assert secret not in content


async def test_members_are_refused_the_figures_and_the_csv(sandbox):
    await admin(sandbox)
    aida = await onboard(sandbox, 12_501, "Aida", "Kazakhstan")
    await aida.send("/consultations")
    assert aida.last.text == NOT_ALLOWED
    for action in ("figures", "open", "csv"):
        query = await aida.press_data(DeskFigures(action=action).pack(), aida.last)
        assert query.answer_text == NOT_ALLOWED
    assert not any(m.document for m in aida.messages)


async def test_a_long_thread_is_read_in_parts(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_601, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 12_602, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await _take_and_answer(sandbox, gulzhan, QUESTION, "First: " + "counts only. " * 150)
    await write(gulzhan, _card(gulzhan, QUESTION), "Second: " + "no rows per person. " * 95)
    await write(gulzhan, _card(gulzhan, QUESTION), "Third: & <b>not bold</b> " + "🙂" * 900)
    await sandbox.app.sender.drained()

    await aida.send("/myrequests")
    await aida.press(f"#1 · {DATA}")
    thread = aida.last
    parts = int(thread.text.split("Part ")[1].split(" of ")[1].split("\n")[0])
    assert parts >= 2 and f"Part {parts} of {parts}" in thread.text
    assert "Third: & <b>not bold</b> 🙂" in thread.text, "the newest part first, escaped"
    assert buttons(thread) == [
        "↩️ Reply",
        "✅ Resolved",
        "🤝 Exchange contacts",
        "« Earlier",
        "« Back to the list",
    ]
    seen = thread.text
    for part in range(parts - 1, 0, -1):
        await aida.press("« Earlier", thread)
        assert f"Part {part} of {parts}" in thread.text
        seen += thread.text
    assert buttons(thread) == [
        "↩️ Reply",
        "✅ Resolved",
        "🤝 Exchange contacts",
        "Later »",
        "« Back to the list",
    ]
    for text in (QUESTION, "First: counts only.", "Second: no rows per person."):
        assert text in seen


async def test_a_request_passed_on_moves_to_the_new_experts_list(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_701, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 12_702, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 12_703, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await _take_and_answer(sandbox, gulzhan, QUESTION, "Publish counts per question only.")
    await gulzhan.press("➡️ Pass on", _card(gulzhan, QUESTION))
    await gulzhan.press("Lawyer for NGO registration.", gulzhan.last)
    await sandbox.app.sender.drained()

    await timur.send("/queue")
    await timur.press("🗂 Requests you took (1)")
    await timur.press(f"💬 #1 · {DATA}")
    thread = timur.last.text
    assert "The member · " in thread and "Another expert · " in thread and "You · " not in thread
    assert thread.index("Another expert · ") < thread.index("Publish counts per question only.")

    await gulzhan.send("/queue")
    await gulzhan.press("🗂 Requests you took (0)")
    assert "You have not taken a request yet." in gulzhan.last.text
    forged = RequestOpen(view="mine", consultation_id=1, page=0).pack()
    query = await gulzhan.press_data(forged, gulzhan.last)
    assert query.answer_text == NOT_YOURS
