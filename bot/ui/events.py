"""Event cards, their buttons, and the notices about events, rendered in the current locale
for a reader's time zone. Everything organizers typed is HTML-escaped here."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.repositories.events import ANNOUNCEMENT, Event, EventDetails, Reminder
from bot.formatting import format_date, format_datetime, format_number, format_time
from bot.i18n import N_
from bot.services.events import Closed, EventsService, Problem
from bot.services.people import Person
from bot.ui.broadcasts import Broadcaster
from bot.ui.callbacks import EventAction, EventAdmin, EventsPage

KIND_NAMES: dict[str, str] = {
    "info_meeting": N_("Info meeting"),
    "seminar": N_("Seminar or workshop"),
    "webinar": N_("Webinar"),
    "conference": N_("Conference"),
    "call": N_("Call for applications"),
    "other": N_("Other event"),
}
RESPONSE_NAMES: dict[str, str] = {
    "going": N_("Going"),
    "maybe": N_("Maybe"),
    "not_going": N_("Not going"),
    "waitlist": N_("On the waiting list"),
    "applied": N_("Applied"),
}


def kind_name(kind: str) -> str:
    return _(KIND_NAMES[kind])


def response_name(status: str) -> str:
    return _(RESPONSE_NAMES[status])


def when_text(details: EventDetails, locale: str, timezone: str) -> str:
    start = format_datetime(details.starts_at, locale, timezone)
    if details.ends_at is None:
        text = start
    elif _same_day(details.starts_at, details.ends_at, timezone):
        text = f"{start} – {format_time(details.ends_at, locale, timezone)}"
    else:
        text = f"{start} – {format_datetime(details.ends_at, locale, timezone)}"
    if details.dates_tbc:
        text += " " + _("(to be confirmed)")
    return text


def _same_day(a: datetime, b: datetime, timezone: str) -> bool:
    zone = ZoneInfo(timezone)
    return a.astimezone(zone).date() == b.astimezone(zone).date()


CARD_LIMIT = 3600  # Telegram takes 4,096; the organizer's views add a few lines below


def event_card(
    details: EventDetails,
    locale: str,
    timezone: str,
    *,
    going: int | None = None,
    response: str | None = None,
    cancelled: bool = False,
) -> str:
    """The announcement as every reader sees it (the preview shows exactly this). A card
    that would be too long for Telegram in this language gets a shorter description."""

    def render(description: str, links: bool = True) -> str:
        return _card(details, description, links, locale, timezone, going, response, cancelled)

    text = render(details.description)
    overflow = len(text) - CARD_LIMIT
    if overflow > 0:
        keep = max(0, len(details.description) - overflow - 1)
        text = render(details.description[:keep] + "…")
    if len(text) > CARD_LIMIT:  # key dates' links are in the calendar file and reminders
        text = render(details.description[:200] + "…", links=False)
    return text


def _card(
    details: EventDetails,
    description: str,
    links: bool,
    locale: str,
    timezone: str,
    going: int | None,
    response: str | None,
    cancelled: bool,
) -> str:
    lines = []
    if cancelled:
        lines += [_("❌ <b>Cancelled</b>"), ""]
    lines += [
        f"📅 <b>{escape(details.title)}</b>",
        f"<i>{kind_name(details.kind)}</i>",
        "",
        "🗓 " + when_text(details, locale, timezone),
    ]
    if details.place:
        lines.append("📍 " + escape(details.place))
    if details.online_url:
        lines.append("🔗 " + escape(details.online_url))
    lines += ["", escape(description)]
    if details.milestones:
        lines += ["", _("<b>Key dates</b>")]
        for m in details.milestones:
            line = f"• {format_datetime(m.due_at, locale, timezone)}: {escape(m.title)}"
            if m.link and links:
                line += f" — {escape(m.link)}"
            lines.append(line)
    if details.apply_by is not None:
        lines += [
            "",
            _("📝 Applications until {moment}.").format(
                moment=format_datetime(details.apply_by, locale, timezone)
            ),
        ]
    if details.capacity is not None:
        places = _("👥 Places: {capacity}").format(capacity=format_number(details.capacity, locale))
        if going is not None:
            places = _("👥 Places taken: {going} of {capacity}").format(
                going=format_number(going, locale),
                capacity=format_number(details.capacity, locale),
            )
            if going >= details.capacity:
                places += " " + _("(full: «Going» puts you on the waiting list)")
        lines.append(places)
    if details.contact:
        lines.append(_("✉️ Contact: {contact}").format(contact=escape(details.contact)))
    lines.append(_("🕓 Times are in your time zone."))
    if not cancelled:
        lines.append(_("🔒 If you answer, the organizer sees your answer and your Telegram name."))
    if response is not None:
        lines += ["", _("Your answer: {answer}").format(answer=response_name(response))]
    return "\n".join(lines)


async def personal_card(
    events: EventsService, person: Person, event: Event, back_page: int | None
) -> tuple[str, InlineKeyboardMarkup]:
    """The card as this person sees it: places taken, their answer, their buttons."""
    counts = await events.counts(event.id)
    response = await events.response(person, event.id)
    text = event_card(
        event.details,
        person.locale,
        person.timezone,
        going=counts["going"],
        response=response,
        cancelled=event.status == "cancelled",
    )
    return text, event_buttons(event, response, back_page=back_page)


def member_buttons(details: EventDetails) -> list[str]:
    """The labels of the buttons under a published announcement."""
    if details.questions:
        return [_("📝 Apply"), _("📅 Add to calendar")]
    return [_("✅ Going"), _("🤔 Maybe"), _("✖ Not going"), _("📅 Add to calendar")]


def event_buttons(
    event: Event, response: str | None = None, *, back_page: int | None = None
) -> InlineKeyboardMarkup:
    """Going / Maybe / Not going (or Apply), Add to calendar; none for a cancelled event."""
    rows: list[list[InlineKeyboardButton]] = []

    def button(text: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text, callback_data=EventAction(action=action, event_id=event.id).pack()
        )

    def marked(text: str, status: str) -> str:
        return f"✓ {text}" if response == status else text

    if event.status == "published":
        if event.details.questions and response == "applied":
            rows.append(
                [button(_("✏️ My application"), "apply"), button(_("↩️ Withdraw"), "withdraw")]
            )
        elif event.details.questions:
            rows.append([button(_("📝 Apply"), "apply")])
        else:
            going = (
                _("⏳ Waiting list") if response == "waitlist" else marked(_("✅ Going"), "going")
            )
            rows.append(
                [
                    button(going, "going"),
                    button(marked(_("🤔 Maybe"), "maybe"), "maybe"),
                    button(marked(_("✖ Not going"), "not_going"), "not_going"),
                ]
            )
        rows.append([button(_("📅 Add to calendar"), "ics")])
    if back_page is not None:
        rows.append(
            [
                InlineKeyboardButton(
                    text=_("« Events"), callback_data=EventsPage(page=back_page).pack()
                )
            ]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def answer_toast(status: str) -> str:
    return {
        "going": _("✅ You are going. We will remind you the day before and an hour before."),
        "maybe": _("🤔 Noted: maybe. You will hear about the key dates."),
        "not_going": _("Noted: not going."),
        "waitlist": _("⏳ The event is full: you are on the waiting list."),
        "applied": _("📝 Your application is saved."),
    }[status]


def promoted_notice(event: Event, locale: str, timezone: str) -> str:
    return _("🎉 A place opened up: you are now going to «{title}» ({when}).").format(
        title=escape(event.details.title), when=when_text(event.details, locale, timezone)
    )


def reminder_text(event: Event, reminder: Reminder, locale: str, timezone: str) -> str:
    title = escape(event.details.title)
    if reminder.kind == "milestone":
        milestone = next(
            (m for m in event.details.milestones if m.id == reminder.milestone_id), None
        )
        step = escape(milestone.title) if milestone else ""
        text = _("⏰ Tomorrow for «{title}»: {step}, {moment}.").format(
            title=title, step=step, moment=format_datetime(reminder.target_at, locale, timezone)
        )
        if milestone and milestone.link:
            text += "\n" + escape(milestone.link)
        return text
    moment = format_datetime(event.details.starts_at, locale, timezone)
    if reminder.kind == "day":
        text = _("⏰ Tomorrow: «{title}», {moment}.").format(title=title, moment=moment)
    else:
        text = _("⏰ In an hour: «{title}», {moment}.").format(title=title, moment=moment)
    where = event.details.online_url or event.details.place
    if where:
        text += "\n" + escape(where)
    return text


def changes_notice(before: Event, after: Event, locale: str, timezone: str) -> str:
    """What changed, for people who answered."""
    b, a = before.details, after.details
    lines = [_("✏️ <b>«{title}» has changed</b>").format(title=escape(a.title))]
    if b.title != a.title:
        lines.append(_("Title: {value}").format(value=escape(a.title)))
    if (b.starts_at, b.ends_at, b.dates_tbc) != (a.starts_at, a.ends_at, a.dates_tbc):
        lines.append(
            _("When: {new} (was {old})").format(
                new=when_text(a, locale, timezone), old=when_text(b, locale, timezone)
            )
        )
    if b.place != a.place:
        lines.append(_("Place: {value}").format(value=escape(a.place or "—")))
    if b.online_url != a.online_url:
        lines.append(_("Online link: {value}").format(value=escape(a.online_url or "—")))
    if b.description != a.description:
        lines.append(_("The description was updated."))
    if b.milestones != a.milestones:
        lines.append(_("Key dates:"))
        lines += [
            f"• {format_datetime(m.due_at, locale, timezone)}: {escape(m.title)}"
            + (f" — {escape(m.link)}" if m.link else "")
            for m in a.milestones
        ] or ["—"]
    if b.contact != a.contact:
        lines.append(_("Contact: {value}").format(value=escape(a.contact or "—")))
    if b.capacity != a.capacity:
        lines.append(
            _("Places: {value}").format(
                value=format_number(a.capacity, locale) if a.capacity else _("no limit")
            )
        )
    if b.apply_by != a.apply_by and a.apply_by is not None:
        lines.append(
            _("Applications until {moment}.").format(
                moment=format_datetime(a.apply_by, locale, timezone)
            )
        )
    return "\n".join(lines)


def cancelled_notice(event: Event, locale: str, timezone: str) -> str:
    return _("❌ «{title}» ({when}) is cancelled.").format(
        title=escape(event.details.title), when=when_text(event.details, locale, timezone)
    )


def organizer_message(event: Event, text: str) -> str:
    return _("📣 <b>From the organizer of «{title}»</b>\n\n{text}").format(
        title=escape(event.details.title), text=escape(text)
    )


def closed_text(reason: Closed) -> str:
    return {
        Closed.GONE: _("This event no longer exists."),
        Closed.CANCELLED: _("This event was cancelled."),
        Closed.OVER: _("This event has already started; answers are closed."),
        Closed.DEADLINE: _("The application deadline has passed."),
        Closed.NEEDS_FORM: _("This event takes applications: tap «Apply»."),
        Closed.NO_FORM: _("The form has changed. Please open the event and apply again."),
    }[reason]


def problem_text(problem: Problem) -> str:
    return {
        Problem.START_PAST: _("The start is in the past. Please give a date ahead."),
        Problem.END_BEFORE_START: _("The end must come after the start."),
        Problem.DEADLINE_PAST: _("That deadline is in the past. Please give a date ahead."),
        Problem.DEADLINE_AFTER_START: _(
            "The application deadline must come before the event starts."
        ),
        Problem.MILESTONE_PAST: _("That date is in the past. Please give a date ahead."),
        Problem.NO_QUESTIONS: _("An application deadline needs at least one question."),
        Problem.CANCELLED: _("This event was cancelled."),
    }[problem]


async def announce(
    events: EventsService,
    broadcaster: Broadcaster,
    event: Event,
    now: datetime,
    *,
    exclude: int | None = None,
) -> int:
    """Send the announcement to the event's audience; returns how many were queued."""
    recipients = [r for r in await events.audience(event) if r[0] != exclude]
    _campaign, queued = await broadcaster.send(
        ANNOUNCEMENT,
        recipients,
        lambda locale, zone: (event_card(event.details, locale, zone), event_buttons(event)),
        now,
        subject_id=event.id,
        created_by=event.organizer_id,
    )
    return queued


PAGE = 6


async def events_page(
    events: EventsService, person: Person, now: datetime, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """The list of upcoming events for the person, a page at a time."""
    found, total = await events.upcoming(person, now, offset=page * PAGE, limit=PAGE)
    if total == 0:
        return _("No upcoming events for you yet. Announcements will come here."), (
            InlineKeyboardMarkup(inline_keyboard=[])
        )
    pages = (total + PAGE - 1) // PAGE
    page = min(page, pages - 1)
    rows = [
        [
            InlineKeyboardButton(
                text=f"{format_date(e.details.starts_at, person.locale, person.timezone)} · "
                f"{e.details.title}"[:60],
                callback_data=EventAction(action="open", event_id=e.id).pack(),
            )
        ]
        for e in found
    ]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(text="«", callback_data=EventsPage(page=page - 1).pack()))
    if page + 1 < pages:
        nav.append(InlineKeyboardButton(text="»", callback_data=EventsPage(page=page + 1).pack()))
    if nav:
        rows.append(nav)
    text = _("<b>Upcoming events</b> (page {page} of {pages})").format(page=page + 1, pages=pages)
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def admin_button(text: str, action: str, event_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=EventAdmin(action=action, event_id=event_id).pack()
    )


def counts_line(counts: dict[str, int], locale: str) -> str:
    shown = [
        f"{response_name(status)}: {format_number(counts[status], locale)}"
        for status in ("going", "waitlist", "maybe", "applied", "not_going")
        if counts[status]
    ]
    return " · ".join(shown) or _("No answers yet.")


async def own_events_page(
    events: EventsService, person: Person
) -> tuple[str, InlineKeyboardMarkup]:
    own = await events.organized(person)
    if not own:
        return _("You have no events yet. /newevent announces one."), InlineKeyboardMarkup(
            inline_keyboard=[]
        )
    lines = [_("<b>Your events</b>"), ""]
    rows = []
    for event, counts in own[:20]:
        mark = "❌ " if event.status == "cancelled" else ""
        when = format_datetime(event.details.starts_at, person.locale, person.timezone)
        lines.append(f"{mark}<b>{escape(event.details.title)}</b> — {when}")
        lines.append(counts_line(counts, person.locale))
        rows.append([admin_button(f"{mark}{event.details.title}"[:60], "open", event.id)])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)
