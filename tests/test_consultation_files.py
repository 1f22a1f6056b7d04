"""The desk's thread beyond text: photos and documents both ways, what is not passed on,
a rating's comment, contacts exchanged only when both sides agree, an expert who leaves."""

from __future__ import annotations

from tests.desk_flows import ask, expert
from tests.flows import admin, first_start, onboard
from tests.helpers import buttons, db_rows
from tests.test_forget import traces


def _offer(person):
    return next(m for m in reversed(person.messages) if "✋ Take" in buttons(m))


async def _taken(sandbox, *, anonymous=False, photos=0):
    """An approved expert (Gulzhan) and a member (Aida) whose request she has taken."""
    boss = await admin(sandbox)
    gulzhan = await expert(sandbox, boss, 12_001, "Gulzhan", "Sociologist, twelve years.")
    aida = await onboard(sandbox, 12_002, "Aida", "Kazakhstan")
    await ask(aida, anonymous=anonymous, photos=photos)
    await sandbox.app.sender.drained()
    await gulzhan.press("✋ Take", _offer(gulzhan))
    await sandbox.app.sender.drained()
    return boss, gulzhan, aida


async def test_a_photo_goes_both_ways_and_the_question_photos_reach_only_the_taker(sandbox):
    boss = await admin(sandbox)
    gulzhan = await expert(sandbox, boss, 12_101, "Gulzhan", "Sociologist, twelve years.")
    timur = await expert(sandbox, boss, 12_102, "Timur", "Lawyer for NGO registration.")
    aida = sandbox.user(12_103, "Aida", "en", username="aida_kz")
    await first_start(aida)
    await aida.press("Kazakhstan")

    await aida.send("/ask")
    await aida.press("Data-driven advocacy")
    await aida.press("Kazakhstan")
    await aida.press("English")
    await aida.send("How do we publish a survey of our members without exposing anyone?")
    step = aida.last
    assert "Photos or documents help the expert (at most 5)" in step.text
    await aida.send_photo(caption="Page 3 of our form")
    assert "📎 Attached: 1 file." in aida.last.text
    await aida.send("Here it is")  # text on the step for files: a hint, nothing attached
    assert "Send photos or documents here, or press «Continue»" in aida.last.text
    await aida.press("Continue »")
    await aida.press("🕶 Anonymously")
    assert "📎 Attached: 1 file." in aida.last.text, "the summary counts the files"
    await aida.press("📨 Send")
    question_photo = next(m for m in reversed(aida.emulator.chats[aida.id]) if m.photo)
    await sandbox.app.sender.drained()

    # the offer says a photo comes with it; nobody but the one who takes it receives it
    card = _offer(gulzhan)
    assert "📎 1 photo or document comes with it: you receive it once you take it." in card.text
    assert not [m for m in gulzhan.messages + timur.messages if m.photo]
    await gulzhan.press("✋ Take", card)
    await sandbox.app.sender.drained()
    assert "a document keeps its file name and its properties" in aida.last.text
    [received] = [m for m in gulzhan.messages if m.photo]
    assert received.photo[-1].file_id == question_photo.photo[-1].file_id, "the largest size"
    assert received.caption == "💬 Request #1, the member:\nPage 3 of our form", "no name"
    assert "Aida" not in received.caption and "aida_kz" not in received.caption
    assert buttons(received) == ["↩️ Reply", "🔁 Give back", "➡️ Pass on", "🤝 Exchange contacts"]
    assert not [m for m in timur.messages if m.photo]

    # the expert answers the photo with Telegram's reply: a photo with a caption
    await gulzhan.send_photo(caption="The form, filled in as an example.", reply_to=received)
    assert gulzhan.last.text == "✓ Sent to the member."
    await sandbox.app.sender.drained()
    answer = aida.last
    assert answer.photo, "the photo reached the member"
    assert answer.photo[-1].file_id == gulzhan.emulator.chats[gulzhan.id][-2].photo[-1].file_id
    assert answer.caption == "💬 Request #1, the expert:\nThe form, filled in as an example."
    assert buttons(answer) == ["↩️ Reply", "✅ Resolved", "🤝 Exchange contacts"]

    # the member sends a document through the Reply button
    await aida.press("↩️ Reply", answer)
    assert "or send a photo or a document" in aida.last.text
    await aida.send_document("members_survey.xlsx", "application/vnd.ms-excel", size=48_000)
    assert aida.last.text.startswith("✓ Sent to the expert.")
    assert "🕶 Your request is anonymous." in aida.last.text, "documents keep their properties"
    assert buttons(aida.last) == ["✔️ Done"], "the step stays open for more"
    await aida.press("✔️ Done")
    await sandbox.app.sender.drained()
    document = gulzhan.last.document
    assert document is not None and document.file_name == "members_survey.xlsx"
    assert gulzhan.last.caption == "💬 Request #1, the member:"

    # stored in the thread, and read again as markers in /myrequests
    rows = db_rows(
        sandbox.database_path,
        "SELECT author, body, file_kind FROM consultation_messages ORDER BY id",
    )
    assert [(r["author"], r["body"], r["file_kind"]) for r in rows] == [
        ("asker", "Page 3 of our form", "photo"),
        ("expert", "The form, filled in as an example.", "photo"),
        ("asker", "", "document"),
    ]
    await aida.send("/myrequests")
    await aida.press(1)
    thread = aida.last.text
    assert thread.count("📷 Photo") == 2 and "📄 Document" in thread


async def test_what_cannot_be_passed_on_is_refused_and_nothing_is_relayed(sandbox):
    _boss, gulzhan, aida = await _taken(sandbox)
    card = gulzhan.messages[-1]
    before = len(aida.messages)

    await gulzhan.send_voice(reply_to=card)
    assert gulzhan.last.text.startswith("Only text, photos and documents are passed on.")
    await gulzhan.send_document("setup.exe", "application/x-msdownload", reply_to=card)
    assert gulzhan.last.text.startswith("This kind of file is not passed on.")
    await gulzhan.send_document("IMG_2031.JPG", "image/jpeg", reply_to=card)
    assert gulzhan.last.text.startswith("Please send the picture as a photo, not as a file")
    await gulzhan.send_document("scan.pdf", "application/pdf", size=25 * 1024 * 1024, reply_to=card)
    assert gulzhan.last.text == "This file is too big: at most 20 MB, please."
    await gulzhan.send_photo(caption="x" * 901, reply_to=card)
    assert "at most 900 characters" in gulzhan.last.text
    await gulzhan.send_photo(caption="Fine 👍" + "👍" * 450, reply_to=card)  # 2 units each
    assert "at most 900 characters" in gulzhan.last.text

    # the Reply step keeps asking, with the reason above it
    await gulzhan.press("↩️ Reply", card)
    await gulzhan.send_voice()
    assert "⚠️ Only text, photos and documents are passed on." in gulzhan.last.text
    for caption in ("Fine", None, None):  # an album: three messages
        await gulzhan.send_photo(caption=caption)
    assert gulzhan.last.text.startswith("✓ Sent to the member.")
    await gulzhan.press("✔️ Done")

    await sandbox.app.sender.drained()
    assert len(aida.messages) == before + 3, "each photo of the album"
    assert aida.messages[before].caption.endswith("Fine")
    [row] = db_rows(sandbox.database_path, "SELECT COUNT(*) AS n FROM consultation_messages")
    assert row["n"] == 3

    # at most five files with a question
    await aida.send("/ask")
    await aida.press("Data-driven advocacy")
    await aida.press("Kazakhstan")
    await aida.press("English")
    await aida.send("Which of our survey answers may we publish, and in which form?")
    for _ in range(6):
        await aida.send_photo()
    assert "That is enough files: at most 5 with a question." in aida.last.text
    assert "📎 Attached: 5 files." in aida.last.text
    await aida.press("🗑 Remove the files")
    assert "Attached" not in aida.last.text


async def test_a_rating_comment_reaches_the_expert_with_the_rating(sandbox):
    _boss, gulzhan, aida = await _taken(sandbox)
    await gulzhan.reply_to(gulzhan.messages[-1], "Publish counts per question only.")
    await sandbox.app.sender.drained()
    await aida.press("✅ Resolved", aida.last)
    rating = aida.last
    await aida.press("4", rating)
    thanks = rating
    assert thanks.text == "Thank you: you rated request #1 4 of 5."
    assert buttons(thanks) == ["💬 Add a comment"]
    await aida.press("💬 Add a comment", thanks)
    assert "Your comment on request #1" in aida.last.text
    await aida.send("Clear and quick; an example table would have helped.")
    assert aida.last.text == "Thank you: the expert reads your comment on request #1."
    await sandbox.app.sender.drained()
    assert gulzhan.last.text == (
        "⭐ Request #1 was rated 4 of 5.\n"
        "The member's comment: Clear and quick; an example table would have helped."
    )
    [row] = db_rows(sandbox.database_path, "SELECT rating, rating_comment FROM consultations")
    assert row["rating"] == 4 and row["rating_comment"].startswith("Clear and quick")


async def test_contacts_are_exchanged_only_when_both_sides_agree(sandbox):
    _boss, gulzhan, aida = await _taken(sandbox, anonymous=True)
    card = gulzhan.messages[-1]

    query = await gulzhan.press("🤝 Exchange contacts", card)
    assert query.answer_text == "🤝 Asked. Your contact is sent only if the other side agrees too."
    again = await gulzhan.press("🤝 Exchange contacts", card)
    assert again.answer_text == "You have agreed already: the other side has not answered yet."
    await sandbox.app.sender.drained()
    offer = aida.last
    assert "offers to exchange Telegram contacts" in offer.text
    assert "Gulzhan" not in offer.text and "tg://user" not in str(offer.entities)

    # the anonymous member is told what it gives away before anything is shared
    await aida.press("🤝 Exchange contacts", offer)
    assert "Your request #1 is anonymous." in aida.last.text
    [row] = db_rows(sandbox.database_path, "SELECT asker_contact FROM consultations")
    assert row["asker_contact"] is None
    await aida.press("🤝 Yes, exchange contacts", aida.last)
    await sandbox.app.sender.drained()
    assert "you both agreed to talk directly. The expert: Gulzhan" in aida.last.text
    assert "you both agreed to talk directly. The member: Aida" in gulzhan.last.text
    link = next(e for e in gulzhan.last.entities if e.get("type") == "text_link")
    assert link["url"] == f"tg://user?id={aida.id}"

    # the expert forgets themselves: their name goes, from the member's messages too
    await gulzhan.send("/forget")
    await gulzhan.press("🗑 Yes, delete my data")
    assert traces(sandbox.database_path, gulzhan.id, "Gulzhan") == []


async def test_an_anonymous_yes_to_one_expert_does_not_reach_the_next(sandbox):
    boss, gulzhan, aida = await _taken(sandbox, anonymous=True)
    timur = await expert(sandbox, boss, 12_004, "Timur", "Lawyer for NGO registration.")
    await gulzhan.press("🤝 Exchange contacts", gulzhan.messages[-1])
    await sandbox.app.sender.drained()
    await aida.press("🤝 Exchange contacts", aida.last)
    question = aida.last
    assert "Your request #1 is anonymous." in question.text

    # before the member says yes, the request goes to another expert
    await gulzhan.press("➡️ Pass on", gulzhan.last_with_buttons())
    await gulzhan.press("Lawyer for NGO registration.")
    await sandbox.app.sender.drained()
    await timur.press("🤝 Exchange contacts", timur.last_with_buttons())
    await sandbox.app.sender.drained()

    await aida.press("🤝 Yes, exchange contacts", question)  # the old «Yes»
    assert "Your request #1 is anonymous." in aida.last.text, "asked again, for Timur"
    assert aida.last is not question
    [row] = db_rows(sandbox.database_path, "SELECT asker_contact FROM consultations")
    assert row["asker_contact"] is None
    assert not [m for m in timur.messages if "Aida" in (m.text or "")]


async def test_an_expert_who_forgets_themselves_returns_the_request_and_the_asker_is_told(
    sandbox,
):
    boss, gulzhan, aida = await _taken(sandbox)
    await gulzhan.reply_to(gulzhan.messages[-1], "Publish counts per question only.")
    timur = await expert(sandbox, boss, 12_003, "Timur", "Lawyer for NGO registration.")
    await gulzhan.send("/forget")
    await gulzhan.press("🗑 Yes, delete my data")
    await sandbox.app.sender.drained()
    assert "The expert who had your request #1 has left the bot." in aida.last.text
    assert "✋ Take" in buttons(_offer(timur)), "offered again"
    [row] = db_rows(sandbox.database_path, "SELECT status, expert_id FROM consultations")
    assert (row["status"], row["expert_id"]) == ("open", None)
    await aida.send("/myrequests")
    await aida.press(1)
    assert "An expert who has left" in aida.last.text
    assert "Publish counts per question only." in aida.last.text
