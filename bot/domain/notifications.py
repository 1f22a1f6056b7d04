"""What reaches a person and when: kinds of notification, the person's choices, quiet
hours and the digest's schedule. Pure: times in, times out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

EVENTS = "events"
POLLS = "polls"
CONSULTATIONS = "consultations"
RECOMMENDATIONS = "recommendations"
PARTNERSHIPS = "partnerships"
ORGANIZATIONS = "organizations"
# A kind whose news only the digest carries: at once and in the digest mean the same.
DIGEST_ONLY_CATEGORIES = frozenset({ORGANIZATIONS})

CATEGORIES: tuple[str, ...] = (
    EVENTS,
    POLLS,
    CONSULTATIONS,
    RECOMMENDATIONS,
    PARTNERSHIPS,
    ORGANIZATIONS,
)

DIGEST_KIND = "digest"  # a person's digest (one campaign per page)
SUMMARY_KIND = "digest.summary"  # an organizer's weekly summary


class Mode(StrEnum):
    IMMEDIATE = "immediate"
    DIGEST = "digest"
    OFF = "off"


class Frequency(StrEnum):
    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class KindClass:
    """How a campaign kind is treated: its category (None: always delivered, e.g. answers
    in one's own conversation, decisions about oneself, an admin's review cards), whether
    it is urgent (ignores "digest only", not "off"), and whether quiet hours hold it."""

    category: str | None
    urgent: bool = False
    held_in_quiet_hours: bool = True


PERSONAL = KindClass(None)  # always delivered; quiet hours hold it
REQUESTED = KindClass(None, held_in_quiet_hours=False)  # the reader asked for it just now

# Campaign kinds: a kind, or a family ("poll."), and what it begins ("event.reminder"
# for "event.reminder.day"); the longest that matches wins.
_KINDS: dict[str, KindClass] = {
    "event.announce": KindClass(EVENTS),
    # an organizer's own work: how they hear of answers is the event's own choice
    "event.new_answer": PERSONAL,
    "event.answers_summary": PERSONAL,
    # about an event the reader answered: its change, cancellation, a place freed, the
    # organizer's message, the reminders of its dates and deadlines
    "event.changed": KindClass(EVENTS, urgent=True),
    "event.cancelled": KindClass(EVENTS, urgent=True),
    "event.promoted": KindClass(EVENTS, urgent=True),
    "event.message": KindClass(EVENTS, urgent=True),
    "event.reminder": KindClass(EVENTS, urgent=True),
    # an hour before the start: held until quiet hours end it would come too late
    "event.reminder.hour": KindClass(EVENTS, urgent=True, held_in_quiet_hours=False),
    "poll.": KindClass(POLLS),
    "poll.results": KindClass(POLLS, urgent=True),  # of a poll the reader answered
    "recs.": KindClass(RECOMMENDATIONS),
    "recs.summary": KindClass(RECOMMENDATIONS, urgent=True),  # of a set the reader answered
    "recs.checkin": KindClass(RECOMMENDATIONS, urgent=True),  # a date the reader set
    "recs.overdue": PERSONAL,  # to the organizer of the set
    # the desk: offers and escalations are news; the conversation is the reader's own
    "consultation.": PERSONAL,
    "consultation.offer": KindClass(CONSULTATIONS),
    "consultation.take_reminder": KindClass(CONSULTATIONS),
    # (organizers told that nobody can or does take a request: their duty, the family's
    # rule above)
    "partnership.proposed": KindClass(PARTNERSHIPS),
    "partnership.answered": KindClass(PARTNERSHIPS, urgent=True),
    # (organization news are the digest's new organizations: nothing of it comes at once;
    # a join request waits on its coordinator and always comes, as the family's default)
    "digest": KindClass(None, held_in_quiet_hours=False),  # at the hour the reader chose
}


def classify(kind: str) -> KindClass:
    best = ""
    for prefix in _KINDS:
        whole = prefix if prefix.endswith(".") else prefix + "."
        matches = kind == prefix or kind.startswith(whole)
        if matches and len(prefix) > len(best):
            best = prefix
    return _KINDS[best] if best else PERSONAL


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: int  # local hour quiet hours begin
    end: int  # local hour they end

    def holds(self, local: datetime) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local.hour < self.end
        return local.hour >= self.start or local.hour < self.end

    def release(self, now: datetime, zone: str) -> datetime | None:
        """When a message queued at `now` may go (UTC), or None: at once."""
        local = now.astimezone(ZoneInfo(zone))
        if not self.holds(local):
            return None
        day = local.date() if local.hour < self.end else local.date() + timedelta(days=1)
        return local_moment(day, self.end, zone)


@dataclass(frozen=True, slots=True)
class Preferences:
    """A person's choices; the defaults for someone who never opened the settings."""

    digest: Frequency = Frequency.OFF
    digest_day: int = 0
    digest_hour: int = 9
    quiet: QuietHours | None = None
    summary: bool = True
    modes: dict[str, Mode] = field(default_factory=dict)  # category -> mode; none: immediate
    themes: frozenset[str] = frozenset()  # none: every theme
    countries: frozenset[str] = frozenset()  # none: every country

    def mode(self, category: str) -> Mode:
        return self.modes.get(category, Mode.IMMEDIATE)


@dataclass(frozen=True, slots=True)
class Delivery:
    """What becomes of one notification for one reader."""

    send: bool
    not_before: datetime | None = None


def delivery(
    kind: KindClass,
    mode: Mode,
    quiet: QuietHours | None,
    zone: str,
    now: datetime,
) -> Delivery:
    muted = mode is Mode.OFF or (mode is Mode.DIGEST and not kind.urgent)
    if kind.category is not None and muted:
        return Delivery(False)
    if quiet is None or not kind.held_in_quiet_hours:
        return Delivery(True)
    return Delivery(True, quiet.release(now, zone))


def local_moment(day: date, hour: int, zone: str) -> datetime:
    """`hour`:00 on `day` in `zone`, in UTC. An hour a daylight-saving change skips is
    taken as the hour after it; one it repeats, as its first occurrence."""
    # zoneinfo reads a skipped wall time with the offset before the change (so 02:00 on
    # a spring-forward night is 03:00 after it) and a repeated one as its first occurrence
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def next_digest(
    frequency: Frequency,
    day_of_week: int,
    hour: int,
    zone: str,
    now: datetime,
    last: datetime | None,
) -> datetime | None:
    """When the next digest is due (UTC): the first moment at the chosen local hour (and
    day, weekly) after `now`, and never a second one too soon after `last` (the moment
    the last one was due): daily, not in the same local day; weekly, not within six days
    (a day moved after this week's digest waits for the week after)."""
    if frequency is Frequency.OFF:
        return None
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    served = last.astimezone(tz).date() if last is not None else None
    for offset in range(0, 22):
        day = today + timedelta(days=offset)
        if frequency is Frequency.WEEKLY and day.weekday() != day_of_week:
            continue
        if served is not None:
            gap = (day - served).days
            if gap < (6 if frequency is Frequency.WEEKLY else 1):
                continue
        moment = local_moment(day, hour, zone)
        if moment > now:
            return moment
    raise AssertionError("no digest moment in three weeks")  # pragma: no cover
