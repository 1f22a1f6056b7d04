"""Dates, times and numbers for a reader, through Babel, in their locale and time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

# Languages whose dates read with the full month name wherever a date appears: in a list
# (format_date) and on a card (format_datetime) alike. CLDR's abbreviations are not what
# readers write ("13-iyn" in Uzbek, where "13-iyun" is usual), and a list that says
# "13-июнь" beside a card that says "13-июн." reads as two styles (Kyrgyz).
FULL_MONTH_DATES = frozenset({"ky", "uz"})


def _local(moment: datetime, timezone: str) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(timezone))


def _date_width(locale: str) -> str:
    return "long" if locale in FULL_MONTH_DATES else "medium"


# Pure and called for every item of every digest: memoized (the same moment is shown to
# many readers of one language and zone).
_MEMO = 16_384


@lru_cache(maxsize=_MEMO)
def format_datetime(moment: datetime, locale: str, timezone: str) -> str:
    """E.g. "16 мая 2022 г., 15:00" for ru, "13-iyun, 2027, 10:00" for uz; the time zone
    is the reader's."""
    local = _local(moment, timezone)
    date_text = dates.format_date(local.date(), format=_date_width(locale), locale=locale)
    time_text = dates.format_time(local, format="short", tzinfo=local.tzinfo, locale=locale)
    pattern = str(Locale.parse(locale).datetime_formats["medium"])
    return pattern.replace("{1}", date_text).replace("{0}", time_text).replace("'", "")


@lru_cache(maxsize=_MEMO)
def format_date(moment: datetime, locale: str, timezone: str) -> str:
    """The date alone, e.g. in a list of events: "June 13, 2027", "13-iyun, 2027"."""
    return dates.format_date(_local(moment, timezone).date(), format="long", locale=locale)


def format_day(day: date, locale: str) -> str:
    """A calendar day without a time (a commitment's date), e.g. "30 июня 2027 г."."""
    return dates.format_date(day, format=_date_width(locale), locale=locale)


def format_time(moment: datetime, locale: str, timezone: str) -> str:
    local = _local(moment, timezone)
    return dates.format_time(local, format="short", tzinfo=local.tzinfo, locale=locale)


def format_number(value: int | float, locale: str) -> str:
    return numbers.format_decimal(value, locale=locale)


def format_percent(value: Decimal | float, locale: str, digits: int = 1) -> str:
    """A share (0.39) as the reader writes a percentage, with `digits` decimals and the
    locale's own spacing: "39,0 %" (a no-break space) in Russian, "39.0%" in English."""
    pattern = Locale.parse(locale).percent_formats[None].pattern
    last = pattern.rfind("0")
    if digits:
        pattern = pattern[: last + 1] + "." + "0" * digits + pattern[last + 1 :]
    return numbers.format_percent(value, format=pattern, locale=locale)


def format_share(tenths: int, locale: str) -> str:
    """A share kept in tenths of a percent (390), as "39,0 %"."""
    return format_percent(Decimal(tenths) / 1000, locale)


def timezone_label(timezone: str, locale: str) -> str:
    """The zone's current offset as the reader writes it, e.g. "GMT+05:00"."""
    return dates.get_timezone_gmt(datetime.now(ZoneInfo(timezone)), width="long", locale=locale)
