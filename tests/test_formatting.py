"""Dates as readers write them: one style in lists and cards, full month names where the
CLDR abbreviation is not what readers use."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.formatting import format_date, format_datetime

MOMENT = datetime(2027, 6, 13, 5, 0, tzinfo=UTC)


def plain(text: str) -> str:
    """Babel puts narrow no-break spaces in some patterns; read them as spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_uzbek_dates_name_the_month_in_full():
    assert format_date(MOMENT, "uz", "Asia/Tashkent") == "13-iyun, 2027"
    assert format_datetime(MOMENT, "uz", "Asia/Tashkent") == "13-iyun, 2027, 10:00"
    assert "iyn" not in format_datetime(MOMENT, "uz", "Asia/Tashkent")


def test_kyrgyz_lists_and_cards_write_the_date_alike():
    listed = format_date(MOMENT, "ky", "Asia/Bishkek")
    card = format_datetime(MOMENT, "ky", "Asia/Bishkek")
    assert listed == "2027-ж., 13-июнь"
    assert card == "2027-ж., 13-июнь 11:00"
    assert card.startswith(listed)


def test_english_and_russian_dates_are_unchanged():
    assert format_date(MOMENT, "en", "UTC") == "June 13, 2027"
    assert plain(format_datetime(MOMENT, "en", "UTC")) == "Jun 13, 2027, 5:00 AM"
    assert plain(format_datetime(MOMENT, "ru", "Asia/Almaty")) == "13 июн. 2027 г., 10:00"
