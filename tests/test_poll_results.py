"""Poll results as the expert survey prints them: the survey's own table comes out exactly
from its counts, shares of a single choice add up to 100,0, several answers a person are
shares of those who answered, ratings have their mean and median."""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest

from bot.domain.poll_results import (
    WHOLE,
    largest_remainder,
    multiple_choice_table,
    rating_summary,
    single_choice_table,
)
from bot.i18n import build_i18n
from bot.ui.poll_results import choice_table_text, rating_text

# "Варианты названия" of the regional structure: 59 experts, 10 of them without an answer
NAMES = ["Совет", "Форум", "Платформа", "Комитет", "Центр", "Площадка, региональный совет"]
COUNTS = [23, 10, 9, 3, 3, 1]
SEED_TABLE = [
    "Совет — 23 — 39,0 %",
    "Форум — 10 — 16,9 %",
    "Нет ответа — 10 — 16,9 %",
    "Платформа — 9 — 15,3 %",
    "Комитет — 3 — 5,1 %",
    "Центр — 3 — 5,1 %",
    "Площадка, региональный совет — 1 — 1,7 %",
    "Всего — 59 — 100,0 %",
]


@pytest.fixture(scope="module")
def i18n():
    return build_i18n("en")


def _text(i18n, locale, render):
    with i18n.context(), i18n.use_locale(locale):
        return str(render()).replace("\u00a0", " ")


def test_the_survey_table_comes_out_exactly_from_its_counts(i18n):
    table = single_choice_table(COUNTS, asked=59)
    assert (table.asked, table.answered) == (59, 49)
    text = _text(i18n, "ru", lambda: choice_table_text(NAMES, table, "ru"))
    assert text.splitlines() == SEED_TABLE
    english = _text(i18n, "en", lambda: choice_table_text(NAMES, table, "en"))
    assert english.splitlines()[2] == "No answer — 10 — 16.9%"
    assert english.splitlines()[-1] == "Total — 59 — 100.0%"


def test_single_choice_shares_add_up_to_exactly_one_hundred():
    # every way 7 people can spread over three options, some silent among 10 asked
    for counts in product(range(8), repeat=3):
        if sum(counts) > 10:
            continue
        table = single_choice_table(list(counts), asked=10)
        assert sum(row.tenths for row in table.rows) == WHOLE
        assert sum(row.count for row in table.rows) == 10
    # thirds: one of the three gets the extra tenth, the others round down
    assert sorted(largest_remainder([1, 1, 1])) == [333, 333, 334]
    assert largest_remainder([0, 0]) == [0, 0]


def test_several_answers_a_person_are_shares_of_those_who_answered(i18n):
    table = multiple_choice_table([8, 5, 2], answered=10, asked=12)
    shares = {row.option: row.tenths for row in table.rows}
    assert shares == {0: 800, 1: 500, 2: 200, None: 167}
    assert sum(shares.values()) > WHOLE
    text = _text(i18n, "en", lambda: choice_table_text(["A", "B", "C"], table, "en"))
    assert text.splitlines() == [
        "A — 8 — 80.0%",
        "B — 5 — 50.0%",
        "C — 2 — 20.0%",
        "No answer — 2 — 16.7%",
        "Total — 12 — 100.0%",
        "Several answers a person: each share is of the 10 who answered, so they add up to "
        "more than 100 %.",
    ]
    with pytest.raises(ValueError):
        multiple_choice_table([11], answered=10, asked=12)


def test_a_rating_has_its_mean_median_and_points_highest_first(i18n):
    summary = rating_summary([5, 4, 4, 3, 5, 2], scale=5, asked=8)
    assert summary.mean == Fraction(23, 6) and summary.median == 4
    text = _text(i18n, "en", lambda: rating_text(summary, "en"))
    assert text.splitlines() == [
        "Mean 3.8 of 5 · median 4",
        "5 ★ — 2 — 25.0%",
        "4 ★ — 2 — 25.0%",
        "3 ★ — 1 — 12.5%",
        "2 ★ — 1 — 12.5%",
        "1 ★ — 0 — 0.0%",
        "No answer — 2 — 25.0%",
        "Total — 8 — 100.0%",
    ]
    even = rating_summary([1, 2, 3, 4], scale=10, asked=4)
    assert even.median == Fraction(5, 2)
    nobody = rating_summary([], scale=5, asked=3)
    assert _text(i18n, "en", lambda: rating_text(nobody, "en")).startswith(
        "Nobody has answered yet.\n5 ★ — 0 — 0.0%"
    )
    with pytest.raises(ValueError):
        rating_summary([6], scale=5, asked=1)


def test_more_answers_than_people_asked_is_refused():
    with pytest.raises(ValueError):
        single_choice_table([5, 6], asked=10)
