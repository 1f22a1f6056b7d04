"""Dates, times and numbers for a reader, through Babel, in their locale and time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers


def _local(moment: datetime, timezone: str) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(timezone))


def format_datetime(moment: datetime, locale: str, timezone: str) -> str:
    """E.g. "16 мая 2022 г., 15:00" for ru; the time zone is the reader's."""
    local = _local(moment, timezone)
    date_text = dates.format_date(local.date(), format="medium", locale=locale)
    time_text = dates.format_time(local, format="short", tzinfo=local.tzinfo, locale=locale)
    pattern = str(Locale.parse(locale).datetime_formats["medium"])
    return pattern.replace("{1}", date_text).replace("{0}", time_text).replace("'", "")


def format_date(moment: datetime, locale: str, timezone: str) -> str:
    return dates.format_date(_local(moment, timezone).date(), format="long", locale=locale)


def format_time(moment: datetime, locale: str, timezone: str) -> str:
    local = _local(moment, timezone)
    return dates.format_time(local, format="short", tzinfo=local.tzinfo, locale=locale)


def format_number(value: int | float, locale: str) -> str:
    return numbers.format_decimal(value, locale=locale)


def format_percent(value: float, locale: str, digits: int = 1) -> str:
    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return numbers.format_percent(value, format=pattern, locale=locale)


def timezone_label(timezone: str, locale: str) -> str:
    """The zone's current offset as the reader writes it, e.g. "GMT+05:00"."""
    return dates.get_timezone_gmt(datetime.now(ZoneInfo(timezone)), width="long", locale=locale)
