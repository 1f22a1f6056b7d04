"""An event as an iCalendar file (RFC 5545), built with the icalendar library: the event in
its organizer's time zone (with the VTIMEZONE a calendar needs), tentative while its dates
are to be confirmed, and one entry per key date."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

from bot.domain.events import Event

PRODID = "-//CSO cooperation bot//EN"
DOMAIN = "csobot.invalid"


def event_ics(
    event: Event, now: datetime, *, default_length: timedelta = timedelta(hours=2)
) -> bytes:
    details = event.details
    zone = ZoneInfo(details.timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    main = VEvent()
    main.add("uid", f"event-{event.id}@{DOMAIN}")
    main.add("dtstamp", now)
    main.add("sequence", event.version)
    main.add("summary", details.title)
    main.add("description", _description(event))
    main.add("dtstart", details.starts_at.astimezone(zone))
    main.add("dtend", (details.ends_at or details.starts_at + default_length).astimezone(zone))
    if details.place:
        main.add("location", details.place)
    elif details.online_url:
        main.add("location", details.online_url)
    if details.online_url:
        main.add("url", details.online_url)
    if event.status == "cancelled":
        main.add("status", "CANCELLED")
    else:
        main.add("status", "TENTATIVE" if details.dates_tbc else "CONFIRMED")
    calendar.add_component(main)

    for milestone in details.milestones:
        step = VEvent()
        step.add("uid", f"event-{event.id}-milestone-{milestone.id}@{DOMAIN}")
        step.add("dtstamp", now)
        step.add("sequence", event.version)
        step.add("summary", f"{milestone.title}: {details.title}")
        step.add("dtstart", milestone.due_at.astimezone(zone))
        step.add("dtend", milestone.due_at.astimezone(zone))
        if milestone.link:
            step.add("url", milestone.link)
            step.add("description", milestone.link)
        step.add("transp", "TRANSPARENT")
        if event.status == "cancelled":  # the key dates leave the calendar with the event
            step.add("status", "CANCELLED")
        calendar.add_component(step)

    calendar.add_missing_timezones()
    return calendar.to_ical()


def _description(event: Event) -> str:
    details = event.details
    parts = [details.description]
    if details.online_url:
        parts.append(details.online_url)
    if details.contact:
        parts.append(details.contact)
    return "\n\n".join(parts)
