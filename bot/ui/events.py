"""Event cards, their buttons, the lists of events and the notices about them, rendered in
the current locale for a reader's time zone. Pure: everything comes in as data."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel.dates import get_timezone_gmt

from bot.countries import TIMEZONES
from bot.domain.events import (
    APPLICATION,
    RESPONSES,
    AnswersSummary,
    Closed,
    Event,
    EventDetails,
    EventPage,
    EventView,
    OwnEvent,
    OwnEventPage,
    Problem,
    Reminder,
    places_taken,
)
from bot.domain.outbox import Progress
from bot.domain.people import Person
from bot.formatting import format_date, format_datetime, format_number, format_time
from bot.i18n import N_
from bot.ui.callbacks import EventAction, EventAdmin, EventsPage, OwnEventsPage
from bot.ui.countries import country_label
from bot.ui.html import Markup, html, lines, shorten

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
CARD_LIMIT = 3600  # Telegram takes 4,096; the organizer's views add a few lines below
BUTTON_LIMIT = 60


def kind_name(kind: str) -> str:
    return _(KIND_NAMES[kind])


def response_name(status: str) -> str:
    return _(RESPONSE_NAMES[status])


def shown_zone(details: EventDetails, reader_zone: str) -> str:
    """The zone an event's times are shown in: an in-person event's own (people travel to
    it, and a 09:30 training in Bishkek is 09:30 for everyone), an online one's reader's."""
    return details.timezone if details.place else reader_zone


_ZONE_COUNTRIES = {zone: country for country, zone in TIMEZONES.items()}


def zone_label(zone: str, moment: datetime, locale: str) -> str:
    """The zone as a reader recognises it: its offset at that moment and its country,
    e.g. "GMT+06:00, Kyrgyzstan"."""
    gmt = get_timezone_gmt(moment.astimezone(ZoneInfo(zone)), width="long", locale=locale)
    country = _ZONE_COUNTRIES.get(zone)
    return f"{gmt}, {country_label(country)}" if country else gmt


def zone_name(zone: str, locale: str) -> str:
    """The zone as `zone_label` names it, with its offset today."""
    return zone_label(zone, datetime.now(ZoneInfo(zone)), locale)


def _offset_differs(a: str, b: str, moment: datetime) -> bool:
    return moment.astimezone(ZoneInfo(a)).utcoffset() != moment.astimezone(ZoneInfo(b)).utcoffset()


def _span(details: EventDetails, locale: str, zone: str) -> str:
    start = format_datetime(details.starts_at, locale, zone)
    if details.ends_at is None:
        return start
    if _same_day(details.starts_at, details.ends_at, zone):
        return f"{start} – {format_time(details.ends_at, locale, zone)}"
    return f"{start} – {format_datetime(details.ends_at, locale, zone)}"


def when_text(details: EventDetails, locale: str, timezone: str, *, named: bool = True) -> str:
    """When the event is, in the zone it is shown in for a reader in `timezone`, named."""
    zone = shown_zone(details, timezone)
    text = _span(details, locale, zone)
    if named:
        text += f" ({zone_label(zone, details.starts_at, locale)})"
    if details.dates_tbc:
        text += " " + _("(to be confirmed)")
    return text


def organizer_time_line(details: EventDetails, locale: str, timezone: str) -> str | None:
    """For an online event read in another zone: when it is where the organizer is."""
    zone = shown_zone(details, timezone)
    if zone == details.timezone or not _offset_differs(zone, details.timezone, details.starts_at):
        return None
    return _("🕓 Where the organizer is: {when} ({zone})").format(
        when=_span(details, locale, details.timezone),
        zone=zone_label(details.timezone, details.starts_at, locale),
    )


def deadline_text(details: EventDetails, locale: str) -> str:
    """An application deadline is a moment of the organizer's day: shown in the event's
    zone, named."""
    assert details.apply_by is not None
    moment = format_datetime(details.apply_by, locale, details.timezone)
    return f"{moment} ({zone_label(details.timezone, details.apply_by, locale)})"


def _same_day(a: datetime, b: datetime, timezone: str) -> bool:
    zone = ZoneInfo(timezone)
    return a.astimezone(zone).date() == b.astimezone(zone).date()


def event_card(
    details: EventDetails,
    locale: str,
    timezone: str,
    *,
    going: int | None = None,
    response: str | None = None,
    cancelled: bool = False,
) -> Markup:
    """The announcement as every reader sees it (the preview shows exactly this). A card
    that would be too long for Telegram in this language gets a shorter description."""

    def render(description: str, links: bool = True) -> Markup:
        return _card(details, description, links, locale, timezone, going, response, cancelled)

    text = render(details.description)
    overflow = len(text) - CARD_LIMIT
    if overflow > 0:
        text = render(shorten(details.description, max(0, len(details.description) - overflow)))
    if len(text) > CARD_LIMIT:  # key dates' links are in the calendar file and reminders
        text = render(shorten(details.description, 200), links=False)
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
) -> Markup:
    parts: list[str | Markup] = []
    if cancelled:
        parts += [html(_("❌ <b>Cancelled</b>")), ""]
    zone = shown_zone(details, timezone)
    parts += [
        html("📅 <b>{title}</b>", title=details.title),
        html("<i>{kind}</i>", kind=kind_name(details.kind)),
        "",
        "🗓 " + when_text(details, locale, timezone),
    ]
    elsewhere = organizer_time_line(details, locale, timezone)
    if elsewhere:
        parts.append(elsewhere)
    if details.place:
        parts.append("📍 " + details.place)
    if details.online_url:
        parts.append("🔗 " + details.online_url)
    parts += ["", description]
    if details.milestones:
        parts += ["", html(_("<b>Key dates</b>"))]
        for m in details.milestones:
            line = f"• {format_datetime(m.due_at, locale, zone)}: {m.title}"
            if m.link and links:
                line += f" — {m.link}"
            parts.append(line)
    if details.apply_by is not None:
        parts += [
            "",
            _("📝 Applications until {moment}.").format(moment=deadline_text(details, locale)),
        ]
    if details.capacity is not None:
        places = _("👥 Places: {capacity}").format(capacity=format_number(details.capacity, locale))
        if going is not None:
            places = _("👥 Places taken: {going} of {capacity}").format(
                going=format_number(going, locale),
                capacity=format_number(details.capacity, locale),
            )
            if going >= details.capacity and details.questions:
                places += " " + _("(full: new applications go to the waiting list)")
            elif going >= details.capacity:
                places += " " + _("(full: «Going» puts you on the waiting list)")
        parts.append(places)
    if details.contact:
        parts.append(_("✉️ Contact: {contact}").format(contact=details.contact))
    if not cancelled:
        parts.append(
            _(
                "🔒 If you answer, the organizer sees your answer, your Telegram name and "
                "your @username."
            )
        )
    if response is not None:
        parts += ["", _("Your answer: {answer}").format(answer=response_name(response))]
    return lines(parts)


def personal_card(
    view: EventView, person: Person, back_page: int | None
) -> tuple[Markup, InlineKeyboardMarkup]:
    """The card as this person sees it: places taken, their answer, their buttons."""
    event = view.event
    text = event_card(
        event.details,
        person.locale,
        person.timezone,
        going=places_taken(view.counts),
        response=view.response,
        cancelled=not event.published,
    )
    return text, event_buttons(event, view.response, back_page=back_page)


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

    if event.published:
        if event.details.questions and response in APPLICATION:
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
    else:  # a cancelled event: its file takes it out of the calendars it was added to
        rows.append([button(_("🗑 Remove from my calendar"), "ics")])
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
    """A plain-text answer to the button press (not HTML)."""
    return {
        "going": _("✅ You are going. We will remind you the day before and an hour before."),
        "maybe": _("🤔 Noted: maybe. You will hear about the key dates."),
        "not_going": _("Noted: not going."),
        "waitlist": _("⏳ The event is full: you are on the waiting list."),
        "applied": _("📝 Your application is saved."),
    }[status]


def promoted_notice(event: Event, locale: str, timezone: str) -> Markup:
    if event.details.questions:
        return html(
            _(
                "🎉 A place opened up at «{title}» ({when}): your application has moved "
                "from the waiting list into the places."
            ),
            title=event.details.title,
            when=when_text(event.details, locale, timezone),
        )
    return html(
        _("🎉 A place opened up: you are now going to «{title}» ({when})."),
        title=event.details.title,
        when=when_text(event.details, locale, timezone),
    )


def reminder_buttons(event: Event) -> InlineKeyboardMarkup:
    """Under a reminder: open the event, or give up one's place in one tap."""

    def button(text: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text, callback_data=EventAction(action=action, event_id=event.id).pack()
        )

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("📅 Open the event"), "open")],
            [button(_("✖ I can't come"), "cant")],
        ]
    )


def cant_come_buttons(event: Event) -> InlineKeyboardMarkup:
    """«I can't come» asks once more: the place goes to someone else (and an
    application's answers are deleted)."""

    def button(text: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text, callback_data=EventAction(action=action, event_id=event.id).pack()
        )

    give_up = (
        _("✖ Yes, withdraw my application")
        if event.details.questions
        else _("✖ Yes, give up my place")
    )
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(give_up, "not_going")], [button(_("« Keep it"), "keep")]]
    )


def calendar_file_name(event: Event) -> str:
    """The .ics file's name: the event's title, safe in any file system."""
    safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in event.details.title)
    name = "-".join(safe.split())[:60].strip("-_")
    return f"{name or 'event'}.ics"


def calendar_caption(event: Event) -> str:
    """Plain text (a document's caption)."""
    title = shorten(event.details.title, 200)
    if not event.published:
        return _(
            "🗑 «{title}» is cancelled. Open this file to remove it from your calendar."
        ).format(title=title)
    return _("📅 Open this file to add «{title}» to your calendar.").format(title=title)


def reminder_text(event: Event, reminder: Reminder, locale: str, timezone: str) -> Markup:
    title = event.details.title
    if reminder.kind == "milestone":
        milestone = next(
            (m for m in event.details.milestones if m.id == reminder.milestone_id), None
        )
        text = html(
            _("⏰ Tomorrow for «{title}»: {step}, {moment}."),
            title=title,
            step=milestone.title if milestone else "",
            moment=format_datetime(reminder.target_at, locale, shown_zone(event.details, timezone)),
        )
        if milestone and milestone.link:
            text += "\n" + milestone.link
        return text
    moment = when_text(event.details, locale, timezone)
    if reminder.kind == "day":
        text = html(_("⏰ Tomorrow: «{title}», {moment}."), title=title, moment=moment)
    else:
        text = html(_("⏰ In an hour: «{title}», {moment}."), title=title, moment=moment)
    where = event.details.online_url or event.details.place
    if where:
        text += "\n" + where
    return text


def changes_notice(before: Event, after: Event, locale: str, timezone: str) -> Markup:
    """What changed, for people who answered. Too long for Telegram (many key dates with
    long links), it names the key dates without their links (the calendar file and the
    reminders carry them); the form's limits keep the rest well under Telegram's."""
    text = _changes(before, after, locale, timezone, links=True)
    if len(text) > CARD_LIMIT:
        text = _changes(before, after, locale, timezone, links=False)
    return text


def _changes(
    before: Event,
    after: Event,
    locale: str,
    timezone: str,
    *,
    links: bool,
) -> Markup:
    b, a = before.details, after.details
    parts: list[str | Markup] = [html(_("✏️ <b>«{title}» has changed</b>"), title=a.title)]
    if b.title != a.title:
        parts.append(_("Title: {value}").format(value=a.title))
    if (b.starts_at, b.ends_at, b.dates_tbc) != (a.starts_at, a.ends_at, a.dates_tbc):
        parts.append(
            _("When: {new} (was {old})").format(
                new=when_text(a, locale, timezone),
                old=when_text(b, locale, timezone, named=False),
            )
        )
    if b.place != a.place:
        parts.append(_("Place: {value}").format(value=a.place or "—"))
    if b.online_url != a.online_url:
        parts.append(_("Online link: {value}").format(value=a.online_url or "—"))
    if b.description != a.description:
        parts.append(_("The description was updated."))
    if b.milestones != a.milestones:
        parts.append(_("Key dates:"))
        parts += [
            f"• {format_datetime(m.due_at, locale, shown_zone(a, timezone))}: {m.title}"
            + (f" — {m.link}" if m.link and links else "")
            for m in a.milestones
        ] or ["—"]
    if b.contact != a.contact:
        parts.append(_("Contact: {value}").format(value=a.contact or "—"))
    if b.capacity != a.capacity:
        parts.append(
            _("Places: {value}").format(
                value=format_number(a.capacity, locale) if a.capacity else _("no limit")
            )
        )
    if b.apply_by != a.apply_by and a.apply_by is not None:
        parts.append(_("Applications until {moment}.").format(moment=deadline_text(a, locale)))
    return lines(parts)


def cancelled_notice(event: Event, locale: str, timezone: str) -> Markup:
    return html(
        _("❌ «{title}» ({when}) is cancelled."),
        title=event.details.title,
        when=when_text(event.details, locale, timezone),
    )


def organizer_message(event: Event, text: str) -> Markup:
    return html(
        _("📣 <b>From the organizer of «{title}»</b>\n\n{text}"),
        title=event.details.title,
        text=text,
    )


def closed_text(reason: Closed) -> str:
    """Plain text (for alerts)."""
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


def _pager(page: int, pages: int, pack) -> list[InlineKeyboardButton]:  # type: ignore[no-untyped-def]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(text="«", callback_data=pack(page - 1)))
    if page + 1 < pages:
        nav.append(InlineKeyboardButton(text="»", callback_data=pack(page + 1)))
    return nav


def _list_date(details: EventDetails, person: Person) -> str:
    zone = shown_zone(details, person.timezone)
    return format_date(details.starts_at, person.locale, zone)


def events_page(listing: EventPage, person: Person) -> tuple[Markup, InlineKeyboardMarkup]:
    """The list of upcoming events for the person, a page at a time."""
    if listing.total == 0:
        return html(_("No upcoming events for you yet. Announcements will come here.")), (
            InlineKeyboardMarkup(inline_keyboard=[])
        )
    rows = [
        [
            InlineKeyboardButton(
                text=shorten(
                    f"{_list_date(e.details, person)} · {e.details.title}",
                    BUTTON_LIMIT,
                ),
                callback_data=EventAction(action="open", event_id=e.id).pack(),
            )
        ]
        for e in listing.events
    ]
    nav = _pager(listing.page, listing.pages, lambda p: EventsPage(page=p).pack())
    if nav:
        rows.append(nav)
    text = html(
        _("<b>Upcoming events</b> (page {page} of {pages})"),
        page=listing.page + 1,
        pages=listing.pages,
    )
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


def own_events_page(own: OwnEventPage, person: Person) -> tuple[Markup, InlineKeyboardMarkup]:
    """An organizer's events, a page at a time, each with its answers."""
    if not own.total:
        return html(_("You have no events yet. /newevent announces one.")), InlineKeyboardMarkup(
            inline_keyboard=[]
        )
    page, pages = own.page, own.pages
    parts: list[str | Markup] = [html(_("<b>Your events</b>"))]
    if pages > 1:
        parts[0] += " " + _("(page {page} of {pages})").format(page=page + 1, pages=pages)
    parts.append("")
    rows = []
    for item in own.items:
        event = item.event
        mark = "" if event.published else "❌ "
        when = when_text(event.details, person.locale, person.timezone)
        parts.append(
            html("{mark}<b>{title}</b> — {when}", mark=mark, title=event.details.title, when=when)
        )
        parts.append(counts_line(item.counts, person.locale))
        label = shorten(f"{mark}{event.details.title}", BUTTON_LIMIT)
        rows.append([admin_button(label, "open", event.id)])
    nav = _pager(page, pages, lambda p: OwnEventsPage(page=p).pack())
    if nav:
        rows.append(nav)
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def progress_line(progress: Progress, locale: str) -> str:
    n = format_number
    return _(
        "📣 Announcement: {sent} sent, {queued} waiting, {failed} failed, "
        "{blocked} have blocked the bot."
    ).format(
        sent=n(progress.sent, locale),
        queued=n(progress.queued, locale),
        failed=n(progress.failed, locale),
        blocked=n(progress.blocked, locale),
    )


def own_card(
    own: OwnEvent, progress: Progress | None, person: Person
) -> tuple[Markup, InlineKeyboardMarkup]:
    """The organizer's card of one event: the announcement, the answers, the actions."""
    event = own.event
    parts: list[str | Markup] = [
        event_card(
            event.details,
            person.locale,
            person.timezone,
            going=places_taken(own.counts),
            cancelled=not event.published,
        ),
        "",
        "———",
        counts_line(own.counts, person.locale),
    ]
    if progress is not None:
        parts.append(progress_line(progress, person.locale))
    rows = [[admin_button(_("👥 Answers (CSV)"), "roster", event.id)]]
    if event.published:
        rows.append(
            [
                admin_button(_("✏️ Edit"), "edit", event.id),
                admin_button(_("📣 Message all"), "message", event.id),
            ]
        )
        rows.append(
            [admin_button(_(ANSWER_NOTICE_LABELS[event.answer_notices]), "notices", event.id)]
        )
        rows.append([admin_button(_("❌ Cancel the event"), "cancel", event.id)])
    rows.append([admin_button(_("« My events"), "list", event.id)])
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


ANSWER_NOTICE_LABELS: dict[str, str] = {
    "each": N_("🔔 New answers: told each time"),
    "daily": N_("🔔 New answers: a summary once a day"),
    "off": N_("🔕 New answers: not told"),
}
_NEXT_NOTICE_MODE = {"each": "daily", "daily": "off", "off": "each"}


def next_answer_notices(mode: str) -> str:
    """The setting a press of the organizer's button moves to."""
    return _NEXT_NOTICE_MODE[mode]


def _answer_name(answer: str) -> str:
    if answer == "withdrawn":
        return _("withdrew the application")
    return response_name(answer)


def new_answer_notice(
    event: Event,
    name: str,
    username: str | None,
    answer: str,
    totals: dict[str, int],
    locale: str,
) -> tuple[Markup, InlineKeyboardMarkup]:
    """For the organizer: who answered what, and where the event stands."""
    who = f"{name} (@{username})" if username else (name or _("Someone"))
    text = lines(
        [
            html(
                _("📬 <b>«{title}»</b>: {who} — {answer}"),
                title=event.details.title,
                who=who,
                answer=_answer_name(answer),
            ),
            counts_line(totals, locale),
        ]
    )
    return text, _organizer_buttons(event)


def answers_summary_notice(
    summary: AnswersSummary, locale: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    """For the organizer, once a day: what came in since the last summary."""
    event = summary.event
    new = sum(summary.new.values())
    text = lines(
        [
            html(
                ngettext(
                    "📊 <b>«{title}»</b>: {count} new answer since yesterday.",
                    "📊 <b>«{title}»</b>: {count} new answers since yesterday.",
                    new,
                ),
                title=event.details.title,
                count=format_number(new, locale),
            ),
            counts_line({status: summary.new.get(status, 0) for status in RESPONSES}, locale),
            _("In all: {counts}").format(counts=counts_line(summary.totals, locale)),
        ]
    )
    return text, _organizer_buttons(event)


def _organizer_buttons(event: Event) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[admin_button(_("🗂 Open the event"), "open", event.id)]]
    )


def cancel_question(own: OwnEvent) -> tuple[Markup, InlineKeyboardMarkup]:
    answered = sum(own.counts.values())
    text = html(
        ngettext(
            "Cancel «{title}»? The {count} person who answered will be told.",
            "Cancel «{title}»? The {count} people who answered will be told.",
            answered,
        ),
        title=own.event.details.title,
        count=answered,
    )
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [admin_button(_("❌ Yes, cancel it"), "cancel_yes", own.event.id)],
            [admin_button(_("« Back"), "open", own.event.id)],
        ]
    )
    return text, markup
