"""The time zone database the bot reads. Kazakhstan moved to one zone (UTC+5) on
1 March 2024 (tz database 2024a): a system whose database predates that would put every
digest and reminder for Almaty an hour off. Then the `tzdata` package the bot depends on
is read instead."""

from __future__ import annotations

import logging
import zoneinfo
from datetime import UTC, datetime, timedelta

log = logging.getLogger(__name__)

_PROBE = datetime(2025, 1, 1, tzinfo=UTC)


def _current() -> bool:
    try:
        offset = _PROBE.astimezone(zoneinfo.ZoneInfo("Asia/Almaty")).utcoffset()
    except zoneinfo.ZoneInfoNotFoundError:
        return False
    return offset == timedelta(hours=5)


def ensure_current_tz_database() -> bool:
    """Use the system's database if it knows Kazakhstan's single zone, else the `tzdata`
    package's; True when the one in use does."""
    if _current():
        return True
    log.warning("the system's time zone database is out of date; using the tzdata package")
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
    return _current()
