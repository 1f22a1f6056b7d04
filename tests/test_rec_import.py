"""Importing recommendations: the seed letter pasted as it is (its panels, the addressee
sub-headings, bullets split over blank lines, the closing paragraphs), English headings,
texts without recommendations or addressees, CSV tables, and uploaded files (.txt in
cp1251, .docx built here, refusals by type, size and damage)."""

from __future__ import annotations

import io

import docx
import pytest

from bot.domain.rec_import import groups_in, parse_csv, parse_text
from bot.domain.recommendations import Group
from bot.rec_files import MAX_UPLOAD_BYTES, UnreadableFile, UnreadableReason, read_upload
from bot.sandbox.demo_data import recommendations_letter

LETTER = recommendations_letter()  # the seed letter, as the sandbox imports it
BOTH = frozenset({Group.BUSINESS, Group.CSO})


@pytest.fixture(scope="module")
def letter():
    return parse_text(LETTER)


def texts(imported):
    return [r.text for s in imported.sections for r in s.recommendations]


# --- The seed letter ---------------------------------------------------------------------


def test_the_letter_has_four_panels_with_their_titles_and_counts(letter):
    assert [s.title for s in letter.sections] == [
        "Панельная дискуссия №1: Планирование развития регионов с участием граждан и ОГО",
        "Панельная дискуссия №2: Коалиции и сети ОГО как «кровеносная система» процесса "
        "развития регионов",
        "Панельная дискуссия №3: Данные, цифровые услуги и цифровые формы участия граждан",
        "Панельная дискуссия №4: Вклад региональных ОГО в решение местных проблем",
    ]
    assert [len(s.recommendations) for s in letter.sections] == [5, 1, 8, 5]
    assert letter.count == 19


def test_the_letter_is_addressed_to_business_and_csos_and_nothing_is_left_over(letter):
    assert letter.addressed == BOTH
    assert letter.unplaced == ()


def test_panel_three_addressee_headings_set_the_groups(letter):
    panel = letter.sections[2]
    assert [r.groups for r in panel.recommendations] == [frozenset({Group.BUSINESS})] * 2 + [
        frozenset({Group.CSO})
    ] * 6
    assert panel.recommendations[0].text == (
        "Поддержать разработку и реализацию совместных с ОГО программ по повышению "
        "цифровой грамотности и кибер-безопасности населения."
    )
    others = [r for i, s in enumerate(letter.sections) if i != 2 for r in s.recommendations]
    assert len(others) == 11
    assert all(r.groups == BOTH for r in others)


def test_bullets_split_over_a_blank_line_are_joined(letter):
    panel = letter.sections[2].recommendations
    assert panel[2].text == (
        "Наращивать собственный потенциал в сфере цифровой грамотности и цифровой безопасности."
    )
    assert panel[3].text.startswith("Разработать и реализовать широкомасштабные кампании")
    assert panel[7].text == (
        "Содействовать органам управления в организации альтернативных способов оказания "
        "цифровых услуг для исключенных категорий граждан."
    )


def test_exact_texts_and_a_two_sentence_recommendation_stays_one(letter):
    first = letter.sections[0].recommendations[0].text
    assert first == (
        "Повышать свой потенциал, наращивать знания в сфере использования объективных данных "
        "для анализа ситуации и прогноза последствий тех или иных решений, чтобы сделать свои "
        "предложения в отношении развития регионов более обоснованными и сбалансированными."
    )
    assert letter.sections[1].recommendations[0].text.endswith("обмена знаниями и опытом.")
    last = letter.sections[3].recommendations[-1].text
    assert last.startswith("Активизировать сотрудничество между ОГО и местными кенешами")
    assert "на местах. Организовать конференцию участников" in last
    assert last.endswith("участия, прозрачности и подотчетности.")


def test_the_greeting_lead_ins_and_closing_paragraphs_are_not_recommendations(letter):
    joined = " ".join(texts(letter))
    for prose in ("Позвольте", "выработаны следующие", "В этой связи", "Оргкомитет", "Инфо"):
        assert prose not in joined
    assert all("  " not in t and t == t.strip() for t in texts(letter))


def test_the_closing_is_dropped_however_its_paragraphs_are_spaced():
    text = LETTER.replace("не согласны.\nОргкомитет", "не согласны.\n\nОргкомитет").replace(
        "подотчетности.\n\nВ этой связи", "подотчетности.\n\n\n   В этой связи"
    )
    imported = parse_text(text)
    assert imported.count == 19
    assert imported.unplaced == ()
    assert imported.sections[3].recommendations[-1].text.endswith("подотчетности.")


def test_a_sign_off_right_under_the_last_bullet_is_not_glued_to_it():
    text = "Рекомендации:\n1. Первая рекомендация.\n2. Вторая.\nС уважением,\nОргкомитет\n"
    assert texts(parse_text(text)) == ["Первая рекомендация.", "Вторая."]


def test_numbered_items_apart_and_a_compound_word_over_a_line_break():
    text = "1. Publish the budget\n\n2. Обучать социально-\nсервисные и экологические\n\nОГО."
    assert texts(parse_text(text)) == [
        "Publish the budget",
        "Обучать социально-сервисные и экологические",
    ]


def test_prose_between_sections_is_unplaced():
    text = (
        "Panel 1:\n- Publish budgets.\n\nThe moderators will circulate a summary later.\n\n"
        "Panel 2:\n- Train staff.\n\nThank you.\n"
    )
    imported = parse_text(text)
    assert imported.count == 2
    assert imported.unplaced == ("The moderators will circulate a summary later.",)


# --- Other texts -------------------------------------------------------------------------


def test_english_text_with_recommendations_for_headings():
    text = """To business and CSOs

Recommendations of panel 2:

Recommendations for business:
1) Fund joint programmes on digital literacy
   with local partners.
2) Share data.

Recommendations for CSOs:
* Build capacity in data analysis.
* Monitor digital risks.

Local government:
- Open budgets to the public.

Donors:
- Fund the monitoring groups.

We thank you for your cooperation.
"""
    imported = parse_text(text)
    assert imported.addressed == BOTH
    assert [s.title for s in imported.sections] == ["Panel 2"]
    recs = imported.sections[0].recommendations
    assert [(r.text, r.groups) for r in recs] == [
        (
            "Fund joint programmes on digital literacy with local partners.",
            frozenset({Group.BUSINESS}),
        ),
        ("Share data.", frozenset({Group.BUSINESS})),
        ("Build capacity in data analysis.", frozenset({Group.CSO})),
        ("Monitor digital risks.", frozenset({Group.CSO})),
        ("Open budgets to the public.", frozenset({Group.GOVERNMENT})),
        ("Fund the monitoring groups.", frozenset({Group.DONOR})),
    ]
    assert imported.unplaced == ()


def test_generic_numbered_and_roman_headings():
    text = """I. Planning
• Involve citizens.
• Publish plans.

Section 2: Coalitions
▪ Join networks.

Панель 3
Цифровые услуги
– Обучать население.

4. Monitoring
- Monitor together.

Data and digital services:
● Open data.
"""
    imported = parse_text(text)
    assert [(s.title, len(s.recommendations)) for s in imported.sections] == [
        ("Planning", 2),
        ("Section 2: Coalitions", 1),
        ("Панель 3: Цифровые услуги", 1),
        ("Monitoring", 1),
        ("Data and digital services", 1),
    ]
    assert all(not r.groups for s in imported.sections for r in s.recommendations)


def test_addressee_headings_without_colons_and_markdown_headings():
    text = "## Панель 1: Планирование\nБизнес\n- Сделать одно.\n**ОГО:**\n- Сделать другое.\n"
    imported = parse_text(text)
    assert imported.sections[0].title == "Панель 1: Планирование"
    assert [(r.text, r.groups) for r in imported.sections[0].recommendations] == [
        ("Сделать одно.", frozenset({Group.BUSINESS})),
        ("Сделать другое.", frozenset({Group.CSO})),
    ]


def test_numbered_addressee_headings():
    text = "Панель 1:\n1. Для бизнеса:\n- Одно.\n2. Для ОГО\n- Другое.\nII. Донорам:\n- Третье.\n"
    imported = parse_text(text)
    assert [s.title for s in imported.sections] == ["Панель 1"]
    assert [r.groups for r in imported.sections[0].recommendations] == [
        {Group.BUSINESS},
        {Group.CSO},
        {Group.DONOR},
    ]


def test_russian_addressee_variants():
    cases = {
        "Бизнес:": {Group.BUSINESS},
        "Частный сектор:": {Group.BUSINESS},
        "Для бизнеса:": {Group.BUSINESS},
        "НКО:": {Group.CSO},
        "НПО:": {Group.CSO},
        "Гражданское общество:": {Group.CSO},
        "Органы местного самоуправления:": {Group.GOVERNMENT},
        "МСУ:": {Group.GOVERNMENT},
        "Местные органы власти:": {Group.GOVERNMENT},
        "Госорганы:": {Group.GOVERNMENT},
        "Доноры:": {Group.DONOR},
        "Донорам:": {Group.DONOR},
        "Международные организации:": {Group.DONOR},
        "Рекомендации для ОГО и бизнеса:": {Group.CSO, Group.BUSINESS},
        "Private sector:": {Group.BUSINESS},
        "NGOs:": {Group.CSO},
        "Civil society:": {Group.CSO},
    }
    for heading, groups in cases.items():
        imported = parse_text(f"Панель 1:\n{heading}\n- Сделать что-то полезное.\n")
        assert imported.sections[0].recommendations[0].groups == groups, heading


def test_bullets_with_no_addressee_keep_empty_groups_in_one_untitled_section():
    imported = parse_text("Dear colleagues,\n\n- Publish the budget.\n- Hold hearings.\n")
    assert imported.addressed == frozenset()
    assert [s.title for s in imported.sections] == [""]
    assert [r.groups for r in imported.sections[0].recommendations] == [frozenset()] * 2


def test_a_title_in_capitals_or_a_quoted_dialogue_name_addresses_nobody():
    for first in (
        "РЕКОМЕНДАЦИИ ДИАЛОГА «ВКЛАД ОГО В РАЗВИТИЕ РЕГИОНОВ»",
        "Уважаемые участники диалога «Вклад ОГО в развитие регионов»!",
    ):
        imported = parse_text(f"{first}\n\nПанель 1:\n- Сделать одно.\n")
        assert imported.addressed == frozenset(), first
        assert imported.sections[0].recommendations[0].groups == frozenset()


def test_bullets_before_the_first_section_are_unplaced():
    imported = parse_text("- A stray point.\n\nPanel 1:\n- Publish the budget.\n")
    assert texts(imported) == ["Publish the budget."]
    assert imported.unplaced == ("A stray point.",)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello! We will meet tomorrow at ten.",
        "Уважаемые коллеги!\n\nСпасибо за участие в диалоге. До встречи.\n",
        "Panel 1:\nThe panel discussed many things.\n",
    ],
)
def test_a_text_without_recommendations_counts_none(text):
    assert parse_text(text).count == 0


def test_groups_in_reads_names_and_words():
    assert groups_in("business; cso") == BOTH
    assert groups_in("бизнес, ОГО") == BOTH
    assert groups_in("government, donor, other") == {Group.GOVERNMENT, Group.DONOR, Group.OTHER}
    assert groups_in("") == frozenset()


# --- CSV ---------------------------------------------------------------------------------


def test_csv_with_a_header_and_commas():
    data = (
        "section,recommendation,groups\n"
        'Panel 1,"Publish budgets, quarterly",business; cso\n'
        "Panel 2,Train staff,government\n"
        "Panel 1,Hold hearings,\n"
    )
    imported = parse_csv(data)
    assert [s.title for s in imported.sections] == ["Panel 1", "Panel 2"]
    first = imported.sections[0].recommendations
    assert [(r.text, r.groups) for r in first] == [
        ("Publish budgets, quarterly", BOTH),
        ("Hold hearings", frozenset()),
    ]
    assert imported.sections[1].recommendations[0].groups == {Group.GOVERNMENT}


def test_csv_with_semicolons_russian_groups_and_no_header():
    data = (
        "\ufeffПанель 1;Публиковать бюджеты, ежеквартально;бизнес, ОГО\n"
        ";Проводить слушания;органы местного самоуправления\n"
        "Панель 2;Обучать сотрудников;доноры\n"
    )
    imported = parse_csv(data)
    assert [(s.title, len(s.recommendations)) for s in imported.sections] == [
        ("Панель 1", 2),
        ("Панель 2", 1),
    ]
    recs = [r for s in imported.sections for r in s.recommendations]
    assert recs[0].text == "Публиковать бюджеты, ежеквартально"
    assert [r.groups for r in recs] == [BOTH, {Group.GOVERNMENT}, {Group.DONOR}]


def test_csv_with_a_russian_header_in_another_order():
    data = "Рекомендация;Кому;Раздел\nПубликовать бюджеты;ОГО;Панель 1\n"
    imported = parse_csv(data)
    assert imported.sections[0].title == "Панель 1"
    assert imported.sections[0].recommendations[0].groups == {Group.CSO}


def test_csv_with_commas_and_no_header():
    imported = parse_csv("Panel 1,Publish budgets,business\nPanel 1,Train staff,cso\n")
    assert imported.count == 2
    assert imported.sections[0].recommendations[1].groups == {Group.CSO}


# --- Uploaded files ----------------------------------------------------------------------


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_file_with_headings_and_list_bullets():
    def build(document):
        document.add_paragraph("ПРЕДСТАВИТЕЛЯМ БИЗНЕС- СТРУКТУР И ОГО")
        document.add_paragraph("Позвольте проинформировать Вас о рекомендациях диалога.")
        document.add_heading("Панельная дискуссия №1", level=1)
        document.add_paragraph("«Планирование развития регионов»")
        document.add_paragraph("Повышать свой потенциал.", style="List Bullet")
        document.add_paragraph("Усилить взаимодействие.", style="List Bullet")
        document.add_heading("Digital services", level=2)
        document.add_paragraph("ОГО:")
        document.add_paragraph("Наращивать цифровую грамотность.", style="List Number")
        document.add_paragraph("В этой связи просим принять Рекомендации.")

    imported = read_upload("Рекомендации.DOCX", _docx(build))
    assert imported.addressed == BOTH
    assert [(s.title, [r.text for r in s.recommendations]) for s in imported.sections] == [
        (
            "Панельная дискуссия №1: Планирование развития регионов",
            ["Повышать свой потенциал.", "Усилить взаимодействие."],
        ),
        ("Digital services", ["Наращивать цифровую грамотность."]),
    ]
    assert [r.groups for s in imported.sections for r in s.recommendations] == [
        BOTH,
        BOTH,
        {Group.CSO},
    ]
    assert imported.unplaced == ()


def test_a_word_file_with_a_table():
    def build(document):
        document.add_paragraph("Panel 1:")
        table = document.add_table(rows=2, cols=1)
        table.cell(0, 0).text = "- Publish budgets."
        table.cell(1, 0).text = "- Train staff."

    assert texts(read_upload("recs.docx", _docx(build))) == ["Publish budgets.", "Train staff."]


def test_the_seed_letter_as_a_txt_file_in_utf8_with_bom_and_in_cp1251():
    for content in (
        b"\xef\xbb\xbf" + LETTER.encode("utf-8"),
        LETTER.replace("●", "•").encode("cp1251"),
        LETTER.replace("\n", "\r\n").encode("utf-8"),
    ):
        imported = read_upload("letter.txt", content)
        assert [len(s.recommendations) for s in imported.sections] == [5, 1, 8, 5]
        assert imported.addressed == BOTH


def test_a_csv_file_in_cp1251():
    content = "Панель 1;Публиковать бюджеты;ОГО\n".encode("cp1251")
    imported = read_upload("recs.csv", content)
    assert texts(imported) == ["Публиковать бюджеты"]
    assert imported.sections[0].recommendations[0].groups == {Group.CSO}


@pytest.mark.parametrize(
    ("filename", "content", "reason"),
    [
        ("recs.pdf", b"%PDF-1.4", UnreadableReason.TYPE),
        ("recs", b"text", UnreadableReason.TYPE),
        ("recs.doc", b"text", UnreadableReason.TYPE),
        ("recs.txt", b"a" * (MAX_UPLOAD_BYTES + 1), UnreadableReason.TOO_BIG),
        ("recs.txt", b"\x98\x98 not text", UnreadableReason.ENCODING),
        ("recs.csv", b"a,b\x00,c", UnreadableReason.ENCODING),
        ("recs.docx", b"PK\x03\x04 not really a zip", UnreadableReason.BROKEN),
        ("recs.docx", LETTER.encode("utf-8"), UnreadableReason.BROKEN),
    ],
)
def test_refused_files(filename, content, reason):
    with pytest.raises(UnreadableFile) as caught:
        read_upload(filename, content)
    assert caught.value.reason is reason


def test_a_file_of_exactly_the_limit_is_read():
    content = b"- x.\n" + b" " * (MAX_UPLOAD_BYTES - 5)
    assert read_upload("recs.txt", content).count == 1
