"""Reading the dates, times, links and numbers organizers type.

A date and time is written as on a phone: "13.06.2027 10:00", "13.06.2027 10.00",
"13/06/2027 10:00" or "2027-06-13 10:00", in the event's time zone. A deadline or a key
date without a time means the end of that day; a start or an end needs its time (a date
alone would silently become midnight).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ ,T]+(\d{1,2})[:.](\d{2}))?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})[:.](\d{2}))?$")
MAX_URL = 500


class BadMoment(ValueError):
    """Not a date and time we can read."""


class MissingTime(BadMoment):
    """A date without the time it needs; `day` is the date that was understood."""

    def __init__(self, raw: str, day: str) -> None:
        super().__init__(raw)
        self.day = day


class BadLink(ValueError):
    """Not an http(s) link."""


class BadNumber(ValueError):
    pass


def parse_moment(raw: str, timezone: str, *, end_of_day: bool = False) -> datetime:
    """The moment in UTC, or BadMoment."""
    text = " ".join((raw or "").split())
    match = _DMY.match(text)
    if match:
        day, month, year, hour, minute = match.groups()
    else:
        match = _YMD.match(text)
        if not match:
            raise BadMoment(raw)
        year, month, day, hour, minute = match.groups()
    if hour is None and not end_of_day:
        raise MissingTime(raw, f"{int(day):02d}.{int(month):02d}.{year}")
    if hour is None:
        clock = time(23, 59)
    else:
        clock = time(int(hour), int(minute)) if int(hour) < 24 and int(minute) < 60 else None
        if clock is None:
            raise BadMoment(raw)
    try:
        local = datetime.combine(datetime(int(year), int(month), int(day)).date(), clock)
    except ValueError as error:
        raise BadMoment(raw) from error
    return local.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def parse_link(raw: str) -> str:
    """An http(s) address with a host, or BadLink."""
    text = (raw or "").strip()
    if not text or len(text) > MAX_URL or any(ch.isspace() for ch in text):
        raise BadLink(raw)
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or "." not in host or host.startswith("."):
        raise BadLink(raw)
    return text


def parse_count(raw: str, *, maximum: int = 100_000) -> int:
    text = (raw or "").strip().replace(" ", "")
    if not text.isdigit() or not 0 < int(text) <= maximum:
        raise BadNumber(raw)
    return int(text)


def parse_day(raw: str) -> date:
    """A day written DD.MM.YYYY (or YYYY-MM-DD), or BadMoment."""
    text = " ".join((raw or "").split())
    for sep in (".", "/", "-"):
        parts = text.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            year, month, day = (
                (parts[0], parts[1], parts[2])
                if len(parts[0]) == 4
                else (parts[2], parts[1], parts[0])
            )
            try:
                return date(int(year), int(month), int(day))
            except ValueError as error:
                raise BadMoment(raw) from error
    raise BadMoment(raw)
