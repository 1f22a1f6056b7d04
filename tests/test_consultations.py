"""The consultation desk: a member asks, matching experts are offered the request, the
first Take wins, the bot relays the conversation both ways, the member resolves and rates;
an anonymous request names nobody; what is not anyone's to do is refused politely."""

from __future__ import annotations

import asyncio

from tests.desk_flows import DATA, QUESTION, write
from tests.desk_flows import ask as _ask
from tests.desk_flows import expert as _expert
from tests.events_flows import appoint, organizer
from tests.flows import admin, onboard
from tests.helpers import buttons, db_rows
from tests.test_forget import traces


def _offer(expert):
    return next(m for m in reversed(expert.messages) if "✋ Take" in buttons(m))


async def test_from_asking_to_rating_with_two_experts_racing_for_take(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_001, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 11_002, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 11_003, "Aida", "Kazakhstan")

    await _ask(aida)
    assert "📨 Sent: request #1. Matching experts have it" in aida.last.text
    await sandbox.app.sender.drained()
    g_card, t_card = _offer(gulzhan), _offer(timur)
    assert QUESTION in g_card.text and "Asked by Aida." in g_card.text
    assert "Theme: Data-driven advocacy" in g_card.text

    # both press Take at the same moment: exactly one wins
    emu = sandbox.emulator
    take = g_card.buttons()[0]["callback_data"]
    taps = [
        emu.press_button(gulzhan.person, g_card, take),
        emu.press_button(timur.person, t_card, t_card.buttons()[0]["callback_data"]),
    ]
    await asyncio.gather(*(sandbox.settle(update_id) for update_id, _ in taps))
    [row] = db_rows(sandbox.database_path, "SELECT status, expert_id FROM consultations")
    assert row["status"] == "taken"
    winner, loser = (gulzhan, timur) if row["expert_id"] == 11_001 else (timur, gulzhan)
    lost = emu.callback_queries[taps[0 if loser is gulzhan else 1][1]]
    await sandbox.app.sender.drained()
    assert lost.answer_text == "Another expert has already taken this request."
    assert buttons(_offer_or_card(winner)) == [
        "↩️ Reply",
        "🔁 Give back",
        "➡️ Pass on",
        "🤝 Exchange contacts",
    ]
    loser_card = g_card if loser is gulzhan else t_card
    assert "Another expert has taken it." in loser_card.text and buttons(loser_card) == []
    assert "An expert has taken your request #1" in aida.last.text

    # the expert answers with the Reply button; the member answers with Telegram's reply
    await write(
        winner, _offer_or_card(winner), "Publish only counts per question, never rows per person."
    )
    assert winner.last.text.startswith("✓ Sent to the member.")
    await sandbox.app.sender.drained()
    answer = aida.last
    assert answer.text.startswith("💬 Request #1, the expert:")
    assert "never rows per person" in answer.text
    assert buttons(answer) == ["↩️ Reply", "✅ Resolved", "🤝 Exchange contacts"]
    await aida.reply_to(answer, "And for fewer than five answers?")
    assert aida.last.text.startswith("✓ Sent to the expert.")
    await sandbox.app.sender.drained()
    assert winner.last.text.startswith("💬 Request #1, the member:")
    assert "fewer than five" in winner.last.text

    await aida.press("✅ Resolved", answer)
    assert "Request #1 is resolved. How helpful was the answer?" in aida.last.text
    assert buttons(aida.last) == ["1", "2", "3", "4", "5"]
    await aida.press("5")
    assert aida.messages[-2].text == "Thank you: you rated request #1 5 of 5."
    await sandbox.app.sender.drained()
    assert "⭐ Request #1 was rated 5 of 5." in winner.last.text
    [row] = db_rows(sandbox.database_path, "SELECT status, rating FROM consultations")
    assert (row["status"], row["rating"]) == ("resolved", 5)
    query = await winner.press("↩️ Reply", _offer_or_card(winner))
    assert query.answer_text == "This request is closed."


def _offer_or_card(expert):
    """The expert's card of the request (their offer, which became their thread's card)."""
    return next(m for m in expert.messages if QUESTION in (m.text or "") and m.buttons())


async def test_an_anonymous_request_names_nobody_to_the_expert(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_101, "Gulzhan", "Sociologist, twelve years.")
    aida = sandbox.user(11_102, "Aida Sultanova", "en", "aida_kz")
    await aida.send("/start")
    await aida.press("✓ English")
    await aida.press("Kazakhstan")
    await _ask(aida, anonymous=True)
    await sandbox.app.sender.drained()
    card = _offer(gulzhan)
    assert "Asked anonymously." in card.text
    await gulzhan.press("✋ Take", card)
    await aida.reply_to(aida.last, "Thank you for taking it.")
    await sandbox.app.sender.drained()
    received = "\n".join(m.text or "" for m in gulzhan.messages if "Request #1" in (m.text or ""))
    for trace in ("Aida", "Sultanova", "aida_kz", "11102"):
        assert trace not in received
    [row] = db_rows(sandbox.database_path, "SELECT asker_name, anonymous FROM consultations")
    assert (row["asker_name"], row["anonymous"]) == (None, 1), "no name is even stored"


async def test_no_matching_expert_tells_the_organizers_and_limits_hold(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 11_201, "Olga", boss)
    aida = await onboard(sandbox, 11_202, "Aida", "Kazakhstan")
    await _ask(aida)
    assert "No available expert matches it yet: the organizers are told" in aida.last.text
    await sandbox.app.sender.drained()
    assert "No available expert matches this request" in olga.last.text
    assert QUESTION in olga.last.text

    # the organizer offers it to an expert whose profile does not match (another country)
    timur = await _expert(sandbox, boss, 11_204, "Timur", "Lawyer in Tashkent.", "Uzbekistan")
    await olga.press("👤 Offer it to an expert", olga.last)
    choices = olga.last
    assert buttons(choices) == ["Lawyer in Tashkent."]
    offer_to_timur = choices.buttons()[0]["callback_data"]
    await olga.press("Lawyer in Tashkent.", choices)
    assert olga.last.text == "👤 Request #1 is offered to the expert you chose."
    await sandbox.app.sender.drained()
    assert "An organizer asks you to take this request" in timur.last.text
    await timur.press("✋ Take", timur.last)
    [row] = db_rows(sandbox.database_path, "SELECT status, expert_id FROM consultations")
    assert (row["status"], row["expert_id"]) == ("taken", 11_204)
    query = await aida.press_data(offer_to_timur)  # a member forging an organizer's button
    assert query.answer_text == "This action is not available to you."

    await _ask(aida)
    await _ask(aida)
    await _ask(aida)
    assert "You already have 3 open requests." in aida.last.text
    assert len(db_rows(sandbox.database_path, "SELECT id FROM consultations")) == 3

    await aida.send("/ask")
    await aida.press(DATA)
    await aida.press("Kazakhstan")
    await aida.press("English")
    await aida.send("Help?")
    assert "at least 10 characters" in aida.last.text
    await aida.send("x" * 2500)
    assert "at most 2,000 characters" in aida.last.text


async def test_someone_elses_request_cannot_be_taken_or_answered(sandbox, caplog):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_301, "Gulzhan", "Sociologist, twelve years.")
    stranger = await onboard(sandbox, 11_302, "Stranger", "Kazakhstan")
    aida = await onboard(sandbox, 11_303, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    take = _offer(gulzhan).buttons()[0]["callback_data"]
    query = await stranger.press_data(take, stranger.last)
    assert "This request is not for you" in query.answer_text
    await gulzhan.press("✋ Take", _offer(gulzhan))
    reply = take.replace(":take:", ":reply:")
    query = await stranger.press_data(reply, stranger.last)
    assert query.answer_text.startswith("This button is no longer valid.")
    assert db_rows(sandbox.database_path, "SELECT * FROM consultation_messages") == []


def _status(sandbox) -> tuple[str, int | None]:
    [row] = db_rows(sandbox.database_path, "SELECT status, expert_id FROM consultations")
    return row["status"], row["expert_id"]


async def _tick(sandbox, **advance) -> None:
    sandbox.clock.advance(**advance)
    await sandbox.app.ticker.tick(sandbox.clock())
    await sandbox.app.sender.drained()


def _reminders(sandbox, expert_id: int) -> int:
    """How many «nobody has taken it» reminders went to the expert (their cards are edited
    once the request is taken, so the outbox counts them)."""
    rows = db_rows(
        sandbox.database_path,
        "SELECT COUNT(*) AS n FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
        "WHERE c.kind = 'consultation.take_reminder' AND o.user_id = ?",
        (expert_id,),
    )
    return rows[0]["n"]


def _count(user, text: str) -> int:
    return sum(text in (m.text or "") for m in user.messages)


async def test_nobody_takes_it_experts_are_reminded_then_organizers_alerted_once(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_401, "Gulzhan", "Sociologist, twelve years.")
    olga = await onboard(sandbox, 11_402, "Olga")
    await appoint(boss, "Olga", "🧑‍💼 Make an organizer")
    aida = await onboard(sandbox, 11_403, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()

    await _tick(sandbox, hours=23)
    assert _count(gulzhan, "Nobody has taken request #1 yet. Can you?") == 0
    await _tick(sandbox, hours=2)
    assert _count(gulzhan, "Nobody has taken request #1 yet. Can you?") == 1
    assert "✋ Take" in buttons(gulzhan.last)
    await asyncio.gather(
        sandbox.app.ticker.tick(sandbox.clock()), sandbox.app.ticker.tick(sandbox.clock())
    )
    await sandbox.restart_bot()
    await _tick(sandbox, minutes=1)
    assert _count(gulzhan, "Nobody has taken request #1 yet. Can you?") == 1, "once"
    assert _count(olga, "Nobody has taken request #1 yet, though") == 0
    await _tick(sandbox, hours=24)
    await _tick(sandbox, hours=1)
    assert _count(olga, "Nobody has taken request #1 yet, though the experts were reminded") == 1
    await gulzhan.press("✋ Take", gulzhan.last)
    assert _status(sandbox) == ("taken", 11_401)


async def test_a_taken_request_with_no_answer_reminds_then_returns_to_the_queue(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_501, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 11_502, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 11_503, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", _offer(gulzhan))
    await _tick(sandbox, hours=25)
    reminder = gulzhan.last
    assert reminder.text.startswith("⏰ Request #1 waits for your answer.")
    assert buttons(reminder) == ["↩️ Reply", "🔁 Give back", "➡️ Pass on", "🤝 Exchange contacts"]
    await _tick(sandbox, hours=25)
    assert _count(gulzhan, "waits for your answer") == 1, "reminded once"
    await _tick(sandbox, hours=23)
    assert _status(sandbox) == ("open", None)
    assert "Your request #1 is back in the queue" in aida.last.text
    assert "went back to the queue: it had no answer in time" in gulzhan.last.text
    await timur.press("✋ Take", _offer(timur))
    assert _status(sandbox) == ("taken", 11_502)
    query = await gulzhan.press("↩️ Reply", reminder)
    assert query.answer_text.startswith("This button is no longer valid.")


async def test_an_expert_gives_it_back_or_passes_it_on(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_601, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 11_602, "Timur", "Lawyer for NGO registration.")
    aigul = await _expert(sandbox, boss, 11_603, "Aigul", "Economist, budgets of NGOs.")
    aida = await onboard(sandbox, 11_604, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", _offer(gulzhan))
    await gulzhan.press("🔁 Give back", gulzhan.last_with_buttons())
    await sandbox.app.sender.drained()
    assert _status(sandbox) == ("open", None)
    assert "Your request #1 is back in the queue" in aida.last.text
    assert _count(gulzhan, "The first expert to take it answers it.") == 0, "not offered again"
    assert _count(timur, "Another expert has taken it.") == 1, "the first offer said taken"
    assert _count(timur, "The first expert to take it answers it.") == 1, "offered again"

    await timur.press("✋ Take", _offer(timur))
    await write(timur, timur.last_with_buttons(), "First: who reads the raw answers?")
    await timur.press("➡️ Pass on", timur.last_with_buttons())
    choices = timur.last
    assert buttons(choices) == ["Sociologist, twelve years.", "Economist, budgets of NGOs."]
    to_gulzhan = choices.buttons()[0]["callback_data"]
    await timur.press("Economist, budgets of NGOs.", choices)
    assert "Request #1 is passed on." in timur.last.text
    await sandbox.app.sender.drained()
    assert _status(sandbox) == ("taken", 11_603)
    handed = aigul.last
    assert "was passed to another expert" in handed.text
    assert "First: who reads the raw answers?" in handed.text
    assert buttons(handed) == ["↩️ Reply", "🔁 Give back", "➡️ Pass on", "🤝 Exchange contacts"]
    assert "was passed to another expert" in aida.last.text
    assert buttons(aida.last) == ["↩️ Reply", "✅ Resolved", "🤝 Exchange contacts"]
    await aigul.reply_to(handed, "Only the two of us; then we delete them.")
    await sandbox.app.sender.drained()
    assert "Only the two of us" in aida.last.text
    forged = timur.last_with_buttons()
    query = await timur.press_data(to_gulzhan, forged)  # passing a request no longer his
    assert query.answer_text.startswith("This button is no longer valid.")


async def test_a_side_that_blocked_the_bot_is_said_so_and_nothing_is_lost(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_701, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 11_702, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", _offer(gulzhan))
    await sandbox.app.sender.drained()
    await gulzhan.block()
    await aida.reply_to(aida.last, "Are you there?")
    assert "the expert has blocked the bot and cannot read it now" in aida.last.text
    rows = db_rows(sandbox.database_path, "SELECT author, body FROM consultation_messages")
    assert [(r["author"], r["body"]) for r in rows] == [("asker", "Are you there?")]


async def test_forget_takes_the_askers_requests_and_frees_an_experts(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_801, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 11_802, "Aida", "Kazakhstan")
    bek = await onboard(sandbox, 11_803, "Bek", "Kazakhstan")
    await _ask(aida)
    await _ask(bek, question="Which grants fit a youth network in Almaty region?")
    await sandbox.app.sender.drained()
    for card in [m for m in gulzhan.messages if "✋ Take" in buttons(m)]:
        await gulzhan.press("✋ Take", card)
    await write(gulzhan, _offer_or_card(gulzhan), "Publish counts only.")
    await aida.send("/forget")
    await aida.press("🗑 Yes, delete my data")
    rows = db_rows(sandbox.database_path, "SELECT asker_id, status FROM consultations")
    assert [(r["asker_id"], r["status"]) for r in rows] == [(11_803, "taken")]
    assert db_rows(sandbox.database_path, "SELECT * FROM consultation_messages") == []
    assert traces(sandbox.database_path, 11_802, "Aida") == []

    await gulzhan.send("/forget")
    await gulzhan.press("🗑 Yes, delete my data")
    rows = db_rows(sandbox.database_path, "SELECT status, expert_id FROM consultations")
    assert [(r["status"], r["expert_id"]) for r in rows] == [("open", None)]
    assert traces(sandbox.database_path, 11_801, "Gulzhan") == []


async def test_a_request_back_in_the_queue_starts_its_schedule_afresh(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 11_901, "Gulzhan", "Sociologist, twelve years.")
    await _expert(sandbox, boss, 11_902, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 11_903, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await _tick(sandbox, hours=25)  # nobody took it: both reminded once
    assert _reminders(sandbox, 11_902) == 1
    await gulzhan.press("✋ Take", gulzhan.last)
    await _tick(sandbox, hours=73)  # no answer: back in the queue
    assert _status(sandbox) == ("open", None)
    await _tick(sandbox, minutes=1)
    assert _reminders(sandbox, 11_902) == 1, "not at once"
    await _tick(sandbox, hours=24)
    assert _reminders(sandbox, 11_902) == 2, "afresh"


async def test_a_request_passed_on_after_an_answer_reminds_its_new_expert(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_001, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 12_002, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 12_003, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", _offer(gulzhan))
    await write(gulzhan, gulzhan.last_with_buttons(), "A first thought: count per question.")
    await gulzhan.press("➡️ Pass on", gulzhan.last_with_buttons())
    await gulzhan.press("Lawyer for NGO registration.")
    await sandbox.app.sender.drained()
    await _tick(sandbox, hours=25)
    assert _count(timur, "waits for your answer") == 1


async def test_once_taken_no_card_keeps_a_live_take(sandbox):
    boss = await admin(sandbox)
    gulzhan = await _expert(sandbox, boss, 12_101, "Gulzhan", "Sociologist, twelve years.")
    timur = await _expert(sandbox, boss, 12_102, "Timur", "Lawyer for NGO registration.")
    aida = await onboard(sandbox, 12_103, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()
    await _tick(sandbox, hours=25)  # both reminded, with a Take on each reminder
    reminder = timur.last
    assert "Nobody has taken request #1 yet" in reminder.text and "✋ Take" in buttons(reminder)
    await gulzhan.press("✋ Take", gulzhan.last)
    await sandbox.app.sender.drained()
    assert buttons(reminder) == [] and "Another expert has taken it." in reminder.text
    offers = [m for m in timur.messages if QUESTION in (m.text or "")]
    assert all("✋ Take" not in buttons(m) for m in offers), "no live Take anywhere"


async def test_an_organizer_pages_through_many_experts_to_offer_a_request(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 11_601, "Olga", boss)
    bios = [f"Expert number {i:02d}, lawyer in Tashkent." for i in range(10)]
    experts = [
        await _expert(sandbox, boss, 11_610 + i, f"E{i}", bio, "Uzbekistan")
        for i, bio in enumerate(bios)
    ]
    aida = await onboard(sandbox, 11_602, "Aida", "Kazakhstan")
    await _ask(aida)
    await sandbox.app.sender.drained()

    await olga.press("👤 Offer it to an expert", olga.last)
    choices = olga.last
    assert "(page 1 of 2)" in choices.text
    assert buttons(choices) == [*bios[:8], "»"]
    await olga.press("»", choices)
    assert olga.last is choices or olga.last.message_id == choices.message_id, "in place"
    assert "(page 2 of 2)" in choices.text
    assert buttons(choices) == [*bios[8:], "«"]
    await olga.press(bios[9], choices)
    assert olga.last.text == "👤 Request #1 is offered to the expert you chose."
    await sandbox.app.sender.drained()
    assert "An organizer asks you to take this request" in experts[9].last.text
    assert not [m for m in experts[0].messages if "Request #1" in (m.text or "")]
