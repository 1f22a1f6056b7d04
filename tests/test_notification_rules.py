"""The rules behind what reaches a person and when, as pure functions: which kind a
campaign is, quiet hours across midnight, the next digest's moment (daily, weekly, across
a daylight-saving change, never twice in a day or week already served)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.domain.notifications import (
    Frequency,
    Mode,
    QuietHours,
    classify,
    delivery,
    next_digest,
)
from bot.zones import ensure_current_tz_database


def test_kinds_are_news_urgent_or_always_delivered():
    assert classify("event.announce").category == "events"
    assert not classify("event.announce").urgent
    assert classify("event.reminder.day").urgent, "a reminder the person asked for"
    assert classify("consultation.offer").category == "consultations"
    assert classify("consultation.offer_taken").category is None, "not the offer itself"
    assert classify("consultation.message").category is None, "one's own conversation"
    assert classify("recs.checkin").urgent and classify("recs.reminder").category
    assert classify("digest").held_in_quiet_hours is False


def test_what_each_mode_does():
    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    news, urgent = classify("poll.invitation"), classify("event.changed")
    assert delivery(news, Mode.IMMEDIATE, None, "UTC", now).send
    assert not delivery(news, Mode.DIGEST, None, "UTC", now).send
    assert not delivery(news, Mode.OFF, None, "UTC", now).send
    assert delivery(urgent, Mode.DIGEST, None, "UTC", now).send
    assert not delivery(urgent, Mode.OFF, None, "UTC", now).send
    personal = classify("consultation.message")
    assert delivery(personal, Mode.OFF, None, "UTC", now).send


def test_quiet_hours_across_midnight_release_in_the_morning():
    quiet = QuietHours(22, 8)
    zone = "Asia/Dushanbe"  # UTC+5
    evening = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)  # 22:30 there
    assert quiet.release(evening, zone) == datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
    night = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)  # 02:00 there, the next day
    assert quiet.release(night, zone) == datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
    assert quiet.release(datetime(2026, 12, 3, 3, 0, tzinfo=UTC), zone) is None  # 08:00
    day = QuietHours(13, 15)
    assert day.release(datetime(2026, 12, 3, 9, 0, tzinfo=UTC), zone) == datetime(
        2026, 12, 3, 10, 0, tzinfo=UTC
    )


def test_the_next_digest_is_at_the_local_hour_once_a_day_or_week():
    zone = "Asia/Almaty"  # UTC+5 since March 2024
    now = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # Thursday 07:00 there
    daily = next_digest(Frequency.DAILY, 0, 9, zone, now, None)
    assert daily == datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
    # sent at 09:00 today: moving the hour to 10:00 waits for tomorrow
    sent = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
    assert next_digest(Frequency.DAILY, 0, 10, zone, sent, sent) == datetime(
        2026, 12, 4, 5, 0, tzinfo=UTC
    )
    weekly = next_digest(Frequency.WEEKLY, 0, 9, zone, now, None)
    assert weekly == datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
    # sent on Monday; moved to Friday the same week: not again that week
    monday = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
    assert next_digest(Frequency.WEEKLY, 4, 9, zone, monday, monday) == datetime(
        2026, 12, 18, 4, 0, tzinfo=UTC
    )
    assert next_digest(Frequency.OFF, 0, 9, zone, now, None) is None


def test_a_skipped_hour_is_the_hour_after_it():
    zone = "America/New_York"
    before = datetime(2027, 3, 13, 12, 0, tzinfo=UTC)
    moment = next_digest(Frequency.DAILY, 0, 2, zone, before, before)
    assert moment is not None
    assert moment.astimezone(ZoneInfo(zone)).hour == 3, "02:00 does not exist on 14 March"
    fall = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)
    repeated = next_digest(Frequency.DAILY, 0, 1, zone, fall, fall)
    assert repeated == datetime(2026, 11, 1, 5, 0, tzinfo=UTC), "the first 01:00"


def test_the_shipped_tz_database_knows_kazakhstan_is_one_zone():
    assert ensure_current_tz_database()
    for zone in ("Asia/Almaty", "Asia/Qostanay", "Asia/Aqtobe"):
        offset = datetime(2026, 12, 3, tzinfo=UTC).astimezone(ZoneInfo(zone)).utcoffset()
        assert offset is not None and offset.total_seconds() == 5 * 3600, zone
