"""/newrecs as an organizer writes it: the seed letter pasted in two parts (longer than a
message) comes out as its 4 panels and 19 recommendations with their addressees; the
review edits a text, splits, merges, deletes and adds; the deadline, the recipients and
the reminders; the preview shows the invitation as addressees get it with how many
organizations and people it reaches; sending reaches the coordinators of approved business
and CSO organizations only. The same letter as a Word file imports the same way; a .txt
file without addressees is refused at «Done» until each has one; a PDF, an emoji-only
paste and a non-organizer are refused. The emulator serves the files users send."""

from __future__ import annotations

import io
import re

import docx
import pytest
from aiogram.exceptions import TelegramBadRequest

from bot.domain.recommendations import DraftRecommendation, DraftSection, Group, ImportedText
from bot.sandbox.demo_data import recommendations_letter
from bot.sandbox.harness import SandboxHarness
from bot.sandbox.users import SandboxUser
from bot.ui.new_recs import review_pages
from dialogs.new_recs import draft
from tests.events_flows import announce, organizer
from tests.flows import admin, invite_link, onboard, registered_org
from tests.helpers import buttons, db_rows

LETTER = recommendations_letter()  # the seed letter, as the sandbox imports it
PANEL_3 = LETTER.index("По итогам Панельной дискуссии №3")
TITLE = "Dialogue on regional development"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _letter_docx() -> bytes:
    """The letter as a Word file: a paragraph for each heading line and each
    recommendation, the recommendations as a bulleted list."""
    document = docx.Document()
    for block in re.split(r"\n\s*\n", LETTER):
        unit: list[str] = []
        bullet = False

        def flush() -> None:
            nonlocal unit, bullet
            if unit:
                document.add_paragraph(" ".join(unit), style="List Bullet" if bullet else None)
            unit, bullet = [], False

        for line in (raw.strip() for raw in block.splitlines()):
            if not line:
                continue
            if line.startswith("●"):
                flush()
                unit, bullet = [line.removeprefix("●").strip()], True
                continue
            unit.append(line)
            if line.endswith(":") and not bullet:
                flush()
        flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def _world(sandbox: SandboxHarness):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 15_001, "Olga", boss)
    aigul = await onboard(sandbox, 15_002, "Aigul")
    bakyt = await onboard(sandbox, 15_003, "Bakyt")
    other = await onboard(sandbox, 15_004, "Other")
    await registered_org(sandbox, boss, aigul, "Naryn Women Alliance")
    await registered_org(
        sandbox, boss, bakyt, "Osh Business Association", kind="Business association"
    )
    await registered_org(sandbox, boss, other, "Some Fund", kind="Other type")
    dilnoza = await onboard(sandbox, 15_005, "Dilnoza")
    await dilnoza.send(f"/start {await invite_link(aigul)}")
    await aigul.press("✅ Accept", aigul.last)
    return olga, aigul, bakyt, other, dilnoza


async def _named(olga: SandboxUser) -> None:
    await olga.send("/newrecs")
    await olga.send(TITLE)
    await olga.press("Skip »")
    await olga.press("Skip »")
    assert "Paste the recommendations as text" in olga.last.text


async def _review_text(olga: SandboxUser) -> str:
    """Every page of the review, from the first."""
    while "«" in buttons(olga.last):
        await olga.press("«")
    text = olga.last.text
    while "»" in buttons(olga.last):
        await olga.press("»")
        text += "\n" + olga.last.text
    return text


def _panel_3_addressees(review: str) -> None:
    assert "Панельная дискуссия №3: Данные, цифровые услуги и цифровые формы участия" in review
    assert "\n7. Поддержать разработку" in review and "\n8. Бизнес-ассоциациям" in review
    numbered = dict(re.findall(r"^(\d+)\. .*?(\[[^\]]*\])$", review, re.MULTILINE))
    assert len(numbered) == 19
    assert [numbered[str(n)] for n in range(7, 15)] == ["[Business]"] * 2 + ["[CSOs]"] * 6
    others = [numbered[str(n)] for n in (*range(1, 7), *range(15, 20))]
    assert others == ["[Business, CSOs]"] * 11


async def test_a_pasted_letter_is_reviewed_edited_previewed_and_sent(sandbox):
    olga, aigul, bakyt, other, dilnoza = await _world(sandbox)
    assert len(LETTER) > 4096 and PANEL_3 < 4096 and len(LETTER) - PANEL_3 < 4096

    await olga.send("/newrecs")
    await olga.send("Hi")
    assert "That is too short: at least 3 characters" in olga.last.text
    await olga.send(TITLE)
    await olga.send("Multi-stakeholder dialogue, Bishkek")
    await olga.send("31.02.2023")
    assert "Please write the date as DD.MM.YYYY" in olga.last.text
    await olga.send("01.03.2023")
    assert "paste it in parts, one after another" in olga.last.text

    # the letter is longer than a message: two pastes, cut at a panel
    await olga.send(LETTER[:PANEL_3])
    assert "✅ 6 recommendations imported; 6 in all." in olga.last.text
    assert "6 recommendations in 2 sections." in olga.last.text
    await olga.send(LETTER[PANEL_3:])
    assert "✅ 13 recommendations imported; 19 in all." in olga.last.text
    assert "19 recommendations in 4 sections." in olga.last.text
    assert "(page 1 of 2)" in olga.last.text
    review = await _review_text(olga)
    _panel_3_addressees(review)
    assert "⚠️ no addressee" not in review and "Not recognised" not in review

    # the form survives a restart of the bot
    await sandbox.restart_bot()

    # a text fixed; a wrong number is explained
    await olga.press("✏️ Edit text")
    assert "✏️ Edit text: which number? Send it, from 1 to 19." in olga.last.text
    await olga.send("25")
    assert "There is no recommendation «25»: send a number from 1 to 19." in olga.last.text
    await olga.send("4")
    assert "Расширять активность в сфере горизонтального обмена" in olga.last.text
    await olga.send("Exchange development experience between regions.")
    assert "✏️ Recommendation 4 changed." in olga.last.text
    assert "4. Exchange development experience between regions. [Business, CSOs]" in (
        olga.last.text
    )

    # the last one split in two, then merged back; one deleted
    await olga.press("✂️ Split")
    await olga.send("19")
    await olga.send(
        "Активизировать сотрудничество между ОГО и местными кенешами.\n\n"
        "Организовать конференцию участников групп\nсовместного мониторинга и оценки."
    )
    assert "✂️ Recommendation 19 is now 2: 19 to 20." in olga.last.text
    review = await _review_text(olga)
    assert "20 recommendations in 4 sections." in review
    assert (
        "\n19. Активизировать сотрудничество между ОГО и местными кенешами. [Business, CSOs]"
        in (review)
    )
    assert "\n20. Организовать конференцию участников групп совместного мониторинга и оценки. " in (
        review
    )
    await olga.press("🔀 Merge with the next")
    await olga.send("6")
    assert "Recommendation 6 is the last of its section" in olga.last.text
    await olga.send("19")
    assert "🔀 Recommendations 19 and 20 are now one: 19." in olga.last.text
    review = await _review_text(olga)
    assert (
        "\n19. Активизировать сотрудничество между ОГО и местными кенешами. Организовать "
        "конференцию участников групп совместного мониторинга и оценки. [Business, CSOs]"
    ) in review
    await olga.press("🗑 Delete")
    await olga.send("17")
    assert "🗑 Recommendation 17 deleted." in olga.last.text
    review = await _review_text(olga)
    assert "18 recommendations in 4 sections." in review
    assert "Создание совещательного коллегиального органа" not in review

    # one added, with its addressees (a forged group is refused)
    await olga.press("➕ Add")
    await olga.send("Publish the answers to these recommendations on the platform.")
    assert "Whom does the new recommendation address?" in olga.last.text
    await olga.press("Done")
    assert "Choose at least one group." in olga.last.text
    forged = olga.last.buttons()[0]["callback_data"].replace("business", "bank")
    query = await olga.press_data(forged)
    assert query.answer_text.startswith("This button is no longer valid.")
    await olga.press("Business")
    await olga.press("Local government")
    assert "✅ Local government" in buttons(olga.last)
    await olga.press("Done")
    assert "➕ Recommendation 19 added." in olga.last.text
    review = await _review_text(olga)
    assert (
        "19. Publish the answers to these recommendations on the platform. "
        "[Business, Local government]"
    ) in review
    await olga.press("👥 Addressees")
    await olga.send("1")
    assert buttons(olga.last)[:2] == ["✅ Business", "✅ CSOs"]
    await olga.press("✅ Business")
    await olga.press("Done")
    assert "👥 Recommendation 1 is addressed to: CSOs." in olga.last.text

    # the deadline, the recipients, the reminders
    await olga.press("Done »")
    assert "Answers until when?" in olga.last.text
    await olga.send("20.11.2026")
    assert "That moment has passed" in olga.last.text
    await olga.send("23.11.2026")  # today, by its end: less than a day
    assert "at least a day to answer" in olga.last.text
    await olga.send("10.12.2026")
    assert "Who receives it in each organization addressed?" in olga.last.text
    await olga.press("Coordinators and members")
    assert "A reminder the day before the deadline is always sent as well." in olga.last.text
    await olga.press("After 7 and 14 days")

    preview = olga.last.text
    assert "👀 Preview: addressees will receive exactly this." in preview
    assert f"📋 {TITLE}" in preview and "Multi-stakeholder dialogue, Bishkek" in preview
    assert "19 recommendations, addressed to: Business, CSOs, Local " in (preview)
    assert "Please answer by " in preview and "Buttons under it: 📝 Answer" in preview
    assert "In each organization, its coordinators and members receive it." in preview
    assert (
        "Organizations that have not answered are reminded after 7 and 14 days, and the day "
        "before the deadline." in preview
    )
    assert "Business: 1 organization\nCSOs: 1 organization\nLocal government: 0 " in preview
    assert "⚠️ No approved organization of «Local government» is registered" in preview
    assert "It will be sent to 3 people now." in preview
    await olga.press("✏️ Recipients")
    await olga.press("Coordinators only")
    assert "It will be sent to 2 people now." in olga.last.text

    await olga.press("📤 Send")
    await sandbox.app.sender.drained()
    assert any(
        m.text == "📤 Sent to 2 organizations (2 people). /recs shows their answers."
        for m in olga.messages
    )
    for coordinator in (aigul, bakyt):
        card = coordinator.last
        assert f"📋 {TITLE}" in card.text and buttons(card) == ["📝 Answer"]
    for outside in (other, dilnoza):
        assert not [m for m in outside.messages if TITLE in (m.text or "")]
    [rec_set] = db_rows(sandbox.database_path, "SELECT * FROM rec_sets")
    assert rec_set["source"] == "Multi-stakeholder dialogue, Bishkek"
    assert rec_set["held_on"] == "2023-03-01" and not rec_set["include_members"]
    texts = [r["text"] for r in db_rows(sandbox.database_path, "SELECT * FROM recommendations")]
    assert len(texts) == 19 and texts[3] == "Exchange development experience between regions."


async def test_files_import_and_every_recommendation_needs_an_addressee(sandbox):
    boss = await admin(sandbox)
    olga = await organizer(sandbox, 15_001, "Olga", boss)
    member = await onboard(sandbox, 15_002, "Member")

    await member.send("/newrecs")
    assert member.last.text == "This action is not available to you."

    await _named(olga)
    await olga.press("➕ Enter one by one")
    assert "No recommendations yet: tap «➕ Add»." in olga.last.text
    assert buttons(olga.last) == ["➕ Add", "Done »", "✖ Cancel"]
    await olga.press("Done »")
    assert "Add at least one recommendation." in olga.last.text
    await olga.press("✖ Cancel")

    await _named(olga)
    await olga.send("🙂👍")
    assert "No recommendations found" in olga.last.text
    await olga.send_document("letter.pdf", "application/pdf")
    assert "This type of file cannot be read: please send a .txt, .csv or .docx" in (olga.last.text)
    await olga.send_document("letter.docx", DOCX, content=b"PK\x03\x04 not a Word file")
    assert "The Word file could not be opened" in olga.last.text
    await olga.send_document("letter.docx", DOCX, content=_letter_docx())
    assert "19 recommendations in 4 sections." in olga.last.text
    _panel_3_addressees(await _review_text(olga))
    await olga.press("✖ Cancel")

    # a text file whose recommendations name no addressee: «Done» asks for them
    await _named(olga)
    await olga.send_document(
        "water.txt",
        "text/plain",
        content="Panel 1: Water\n• Clean the canals.\n• Publish the water tariffs.\n".encode(
            "cp1251"
        ),
    )
    review = olga.last.text
    assert "2 recommendations in 1 section." in review and "Panel 1: Water" in review
    assert "1. Clean the canals. ⚠️ no addressee" in review
    await olga.press("Done »")
    assert (
        "Recommendations 1, 2 have no addressee: tap «👥 Addressees» and choose their groups."
        in olga.last.text
    )
    for number in ("1", "2"):
        await olga.press("👥 Addressees")
        await olga.send(number)
        await olga.press("CSOs")
        await olga.press("Done")
    await olga.press("Done »")
    await olga.press("No deadline")
    await olga.press("Coordinators only")
    assert "A reminder the day before the deadline" not in olga.last.text
    await olga.press("No reminders")
    assert "recommendations, addressed to: CSOs." in olga.last.text
    assert "In each organization, its coordinators receive it (not its members)." in olga.last.text
    assert "\nNo reminders.\n" in olga.last.text and "CSOs: 0 organizations" in olga.last.text
    await olga.press("📤 Send")
    assert "No approved organization of these groups is registered" in olga.last.text
    assert "Check each recommendation and its addressees" in olga.last.text
    assert not db_rows(sandbox.database_path, "SELECT * FROM rec_sets")


async def test_the_emulator_serves_the_files_users_send(sandbox):
    person = await onboard(sandbox, 15_001, "Olga")
    bot = sandbox.app.bot
    emulator = sandbox.emulator

    await person.send_document("notes.txt", "text/plain", content=b"hello")
    file_id = list(emulator.documents)[-1]
    found = await bot.get_file(file_id)
    assert found.file_size == 5 and found.file_path.endswith(".txt")
    assert (await bot.download(file_id)).read() == b"hello"

    await person.send_document("report.pdf", "application/pdf")  # its size declared only
    with pytest.raises(TelegramBadRequest, match="temporarily unavailable"):
        await bot.get_file(list(emulator.documents)[-1])
    await person.send_document("film.mp4", "video/mp4", size=30_000_000)
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file(list(emulator.documents)[-1])
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nothing")


def test_the_review_operations_on_the_draft(sandbox):
    sections = draft.to_json(
        [
            DraftSection("A", (DraftRecommendation("One", frozenset({Group.CSO})),)),
            DraftSection(
                "B",
                (
                    DraftRecommendation("Two", frozenset({Group.BUSINESS})),
                    DraftRecommendation("Three", frozenset({Group.DONOR})),
                ),
            ),
        ]
    )
    assert draft.split_parts("a b\nc\n") == ["a b", "c"]
    assert draft.split_parts("a\nb\n\n  c  \n") == ["a b", "c"]
    assert not draft.merge(sections, 1), "the last of its section"
    assert draft.merge(sections, 2)
    assert sections[1]["recs"] == [{"text": "Two Three", "groups": ["business", "donor"]}]
    assert draft.split(sections, 2, ["Two", "Three"]) and draft.count(sections) == 3
    assert sections[1]["recs"][1] == {"text": "Three", "groups": ["business", "donor"]}
    assert draft.delete(sections, 1) and [s["title"] for s in sections] == ["B"]
    assert not draft.delete(sections, 3) and draft.locate(sections, 0) is None
    assert draft.add(sections, "Four", ["other"], "Other") == 3
    assert draft.add([], "Five", ["cso"], "Other recommendations") == 1
    imported = ImportedText((DraftSection("", (DraftRecommendation("Six"),)),))
    assert draft.add_import(sections, imported, ["cso"], "Recommendations") == 1
    assert sections[-1]["recs"][-1] == {"text": "Six", "groups": ["cso"]}, "goes on"
    assert draft.unaddressed(draft.to_json(imported.sections)) == [1]
    assert draft.from_json(sections)[0].recommendations[0].groups == {Group.BUSINESS, Group.DONOR}

    long_sections = [
        DraftSection(f"Panel {p}", tuple(DraftRecommendation("x" * 400) for _ in range(10)))
        for p in range(3)
    ]
    i18n = sandbox.app.i18n
    with i18n.context(), i18n.use_locale("en"):
        pages = review_pages(long_sections, ["an unplaced line"])
    assert all(len(page.text) <= 3500 for page in pages) and len(pages) == 4
    assert [n for page in pages for n in page.numbers] == list(range(1, 31))
    assert "⚠️ no addressee" in pages[0].text and "Not recognised: «an unplaced line»" in (
        pages[-1].text
    )


async def test_one_of_the_organizers_events_is_the_source(sandbox):
    olga, aigul, _bakyt, _other, _dilnoza = await _world(sandbox)
    await announce(olga, "Dialogue on regional development", start="13.06.2027 09:00")
    await olga.send("/newrecs")
    await olga.send(TITLE)
    assert "Write it, or tap one of your events:" in olga.last.text
    await olga.press("📅 Dialogue on regional development")
    assert "Paste the recommendations as text" in olga.last.text, "its date taken too"
    await olga.send("Recommendations for CSOs:\n● Publish a shared calendar of events.")
    await olga.press("Done »")
    await olga.press("No deadline")
    await olga.press("Coordinators only")
    await olga.press("No reminders")
    assert "Dialogue on regional development" in olga.last.text
    await olga.press("📤 Send")
    [row] = db_rows(sandbox.database_path, "SELECT source, event_id, held_on FROM rec_sets")
    event = db_rows(sandbox.database_path, "SELECT id FROM events")[0]["id"]
    assert (row["source"], row["event_id"], row["held_on"]) == (
        "Dialogue on regional development",
        event,
        "2027-06-13",
    )
    await sandbox.app.sender.drained()
    assert "Dialogue on regional development" in aigul.last.text
