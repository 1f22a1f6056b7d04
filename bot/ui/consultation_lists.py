"""What the consultation desk's lists show: the asker's requests (/myrequests), an
expert's queue (/queue), a thread read again with the buttons its relayed messages carry,
and the organizers' figures, open requests and CSV (/consultations). Pure rendering.
Figures, lists and exports name no anonymous asker and show no question or message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from bot.domain.consultation_reports import (
    Figures,
    ListView,
    Page,
    Queue,
    Report,
    RequestLine,
    Thread,
    ThreadEntry,
)
from bot.domain.consultations import Consultation, Side
from bot.domain.people import Person
from bot.formatting import format_date, format_datetime, format_number
from bot.i18n import N_
from bot.locales import language_name
from bot.ui.callbacks import DeskFigures, RequestOpen, RequestsList
from bot.ui.consultations import file_marker, offer_card, relayed_message
from bot.ui.countries import country_label
from bot.ui.faq import withdraw_button
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.themes import theme_name

Keyboard = list[list[InlineKeyboardButton]]

# Telegram counts a text's length in UTF-16 code units, after the HTML is parsed.
MAX_TEXT = 4096
_THREAD_PART = 3400  # the entries of one part of a thread; its head takes the rest

STATUS_NAMES = {
    "open": N_("⏳ waiting for an expert"),
    "taken": N_("💬 in progress"),
    "resolved": N_("✅ resolved"),
}

# The same, as a spreadsheet cell.
STATUS_WORDS = {
    "open": N_("waiting for an expert"),
    "taken": N_("in progress"),
    "resolved": N_("resolved"),
}

NONE = "—"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _clip(text: str, units: int) -> str:
    """At most `units` UTF-16 code units of plain text, ending with «…» when cut."""
    if _units(text) <= units:
        return text
    while text and _units(text) > units - 1:
        text = text[: len(text) - max(1, (_units(text) - units) // 2)]
    return text.rstrip() + "…"


def status_name(status: str) -> str:
    return _(STATUS_NAMES[status])


def format_duration(delta: timedelta, locale: str) -> str:
    """Days, hours and minutes, as the reader's language writes them ("1 day, 2 hours,
    30 minutes"); to the minute."""
    minutes = round(delta.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        format_unit(value, unit, length="long", locale=locale)
        for value, unit in (
            (days, "duration-day"),
            (hours, "duration-hour"),
            (minutes, "duration-minute"),
        )
        if value
    ] or [format_unit(0, "duration-minute", length="long", locale=locale)]
    patterns = Locale.parse(locale).list_patterns
    style = next((s for s in ("unit", "unit-short") if s in patterns), "standard")
    return format_list(parts, style=style, locale=locale)


def _duration(delta: timedelta | None, locale: str) -> str:
    return NONE if delta is None else format_duration(delta, locale)


def _rating(value: float | None, locale: str) -> str:
    return NONE if value is None else format_decimal(value, format="0.0", locale=locale)


def _rated(figures: Figures, locale: str) -> str:
    """The average rating and how many ratings it is of, e.g. "4.5 (2)"."""
    if figures.average_rating is None:
        return NONE
    average = _rating(figures.average_rating, locale)
    return f"{average} ({format_number(figures.ratings, locale)})"


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=shorten(text, 60), callback_data=data)


def _nav(page: Page[RequestLine], to: Callable[[int], str]) -> Keyboard:
    row = []
    if page.page > 0:
        row.append(InlineKeyboardButton(text="«", callback_data=to(page.page - 1)))
    if page.page + 1 < page.pages:
        row.append(InlineKeyboardButton(text="»", callback_data=to(page.page + 1)))
    return [row] if row else []


def _of_pages(page: Page[RequestLine]) -> str:
    if page.pages < 2:
        return ""
    return " " + _("(page {page} of {pages})").format(page=page.page + 1, pages=page.pages)


def _list(view: ListView) -> Callable[[int], str]:
    return lambda page: RequestsList(view=view.value, page=page).pack()


def _status_line(line: RequestLine, reader: Person) -> Markup:
    """A request in the asker's list or in the expert's own: its state and its date."""
    status = status_name(line.status)
    if line.rating is not None:
        status += " · " + _("rated {rating} of 5").format(rating=line.rating)
    return html(
        _("<b>#{number}</b> · {theme} · {status} · {date}"),
        number=line.id,
        theme=theme_name(line.theme),
        status=status,
        date=format_date(line.created_at, reader.locale, reader.timezone),
    )


def _open_buttons(view: ListView, listing: Page[RequestLine], icon: str) -> Keyboard:
    return [
        [
            _button(
                f"{icon}#{line.id} · {theme_name(line.theme)}",
                RequestOpen(view=view.value, consultation_id=line.id, page=listing.page).pack(),
            )
        ]
        for line in listing.items
    ]


# The asker's requests


def asked_list(
    listing: Page[RequestLine], reader: Person
) -> tuple[Markup, InlineKeyboardMarkup | None]:
    if listing.total == 0:
        return html(_("You have not asked an expert yet. /ask sends your question to them.")), None
    parts: list[str | Markup] = [
        html(_("<b>Your requests</b>: {count}"), count=listing.total) + _of_pages(listing),
        "",
        *(_status_line(line, reader) for line in listing.items),
        "",
        _("Open one to read its conversation."),
    ]
    rows = _open_buttons(ListView.ASKED, listing, "")
    rows += _nav(listing, _list(ListView.ASKED))
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


# The expert's queue


def _offer_line(line: RequestLine, reader: Person) -> Markup:
    return html(
        _("<b>#{number}</b> · {theme} · {country} · {language} · {date}"),
        number=line.id,
        theme=theme_name(line.theme),
        country=country_label(line.country),
        language=language_name(line.language),
        date=format_date(line.created_at, reader.locale, reader.timezone),
    )


def queue_list(queue: Queue, reader: Person) -> tuple[Markup, InlineKeyboardMarkup]:
    """The requests the expert may take, or those they took; a button switches."""
    listing = queue.listing
    parts: list[str | Markup]
    if queue.view == ListView.TAKE:
        parts = [html(_("<b>Requests you can take</b>: {count}"), count=listing.total)]
        if queue.paused:
            parts.append(
                _("⏸ Your requests are paused: nothing to take until you resume them in /expert.")
            )
        elif listing.total == 0:
            parts.append(_("No open request matches your themes, countries and languages now."))
        items = [_offer_line(line, reader) for line in listing.items]
        rows = _open_buttons(queue.view, listing, "✋ ")
        switch = _button(
            _("🗂 Requests you took ({count})").format(count=queue.mine), _list(ListView.MINE)(0)
        )
    else:
        parts = [html(_("<b>Requests you took</b>: {count}"), count=listing.total)]
        if listing.total == 0:
            parts.append(_("You have not taken a request yet."))
        items = [_status_line(line, reader) for line in listing.items]
        rows = _open_buttons(queue.view, listing, "💬 ")
        switch = _button(
            _("✋ Requests you can take ({count})").format(count=queue.to_take),
            _list(ListView.TAKE)(0),
        )
    parts[0] += _of_pages(listing)
    if items:
        parts += ["", *items]
    rows += _nav(listing, _list(queue.view))
    rows.append([switch])
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def _back(view: ListView, page: int) -> list[InlineKeyboardButton]:
    return [_button(_("« Back to the list"), _list(view)(page))]


def queue_card(consultation: Consultation, page: int) -> tuple[Markup, InlineKeyboardMarkup]:
    """An open request opened from the queue: its card with «✋ Take», and the way back."""
    text, markup = offer_card(consultation)
    return text, InlineKeyboardMarkup(
        inline_keyboard=[*markup.inline_keyboard, _back(ListView.TAKE, page)]
    )


# A thread read again


def _author(entry: ThreadEntry, reader: Side, person: Person) -> str:
    """Who wrote it, as the reader calls them: an expert reads the messages of one who
    had the request before them (passed on, or back in the queue) as another expert's."""
    if entry.author == Side.ASKER:
        return _("You") if reader == Side.ASKER else _("The member")
    if entry.author_id is None:  # forgotten (/forget): their words stay, not who they were
        return _("An expert who has left")
    if reader == Side.ASKER:
        return _("The expert")
    return _("You") if entry.author_id == person.id else _("Another expert")


def _entry(entry: ThreadEntry, reader: Side, person: Person) -> tuple[Markup, int]:
    """One message of the thread, and its length as Telegram counts it."""
    who = _author(entry, reader, person)
    moment = format_datetime(entry.created_at, person.locale, person.timezone)
    parts: list[str | Markup] = [html(_("<b>{author}</b> · {moment}"), author=who, moment=moment)]
    size = _units(who) + 3 + _units(moment)
    if entry.file_kind is not None:
        marker = file_marker(entry.file_kind)
        parts.append(marker)
        size += 1 + _units(marker)
    if entry.body:
        body = _clip(entry.body, _THREAD_PART - size - 1)
        parts.append(body)
        size += 1 + _units(body)
    return lines(parts), size


def _thread_parts(thread: Thread, person: Person) -> list[list[Markup]]:
    """The thread cut into parts that each fit one message, oldest first."""
    parts: list[list[Markup]] = [[]]
    size = 0
    for entry in thread.entries:
        text, units = _entry(entry, thread.side, person)
        if parts[-1] and size + 2 + units > _THREAD_PART:
            parts.append([])
            size = 0
        parts[-1].append(text)
        size += 2 + units
    return parts


def thread_view(
    thread: Thread, person: Person, view: ListView, page: int, part: int
) -> tuple[Markup, InlineKeyboardMarkup]:
    """A part of the thread (`part` -1: the newest), with the buttons of a relayed
    message (Reply; Resolved for the asker) while an expert has it, and the way back."""
    consultation = thread.consultation
    parts = _thread_parts(thread, person)
    if not 0 <= part < len(parts):
        part = len(parts) - 1
    head: list[str | Markup] = [
        html(
            _("💬 <b>Request #{number}</b> · {theme}"),
            number=consultation.id,
            theme=theme_name(consultation.theme),
        ),
        status_name(consultation.status),
    ]
    if consultation.rating is not None:
        head.append(_("Rated {rating} of 5.").format(rating=consultation.rating))
        if consultation.rating_comment:
            head.append(shorten(consultation.rating_comment, 300))
    if len(parts) > 1:
        head.append(_("Part {part} of {parts}").format(part=part + 1, parts=len(parts)))
    text = lines([lines(head), *parts[part]], sep="\n\n")
    rows: Keyboard = []
    if consultation.status == "taken":
        # the buttons the other side's relayed messages carry for this reader
        other = Side.EXPERT if thread.side == Side.ASKER else Side.ASKER
        rows += relayed_message(consultation, other, "")[1].inline_keyboard
    elif consultation.status == "resolved":  # its publication in /faq can be withdrawn here
        rows.append([withdraw_button(consultation.id)])
    nav = []
    to = lambda p: RequestOpen(  # noqa: E731
        view=view.value, consultation_id=consultation.id, page=page, part=p
    ).pack()
    if part > 0:
        nav.append(_button(_("« Earlier"), to(part - 1)))
    if part + 1 < len(parts):
        nav.append(_button(_("Later »"), to(part + 1)))
    if nav:
        rows.append(nav)
    rows.append(_back(view, page))
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


# The organizers' figures


def _group_line(name: str, figures: Figures, locale: str) -> Markup:
    return html(
        _(
            "• <b>{name}</b>: {requests}, {open} open · first answer {first_answer} · "
            "resolution {resolution} · rating {rating}"
        ),
        name=name,
        requests=ngettext("{count} request", "{count} requests", figures.requests).format(
            count=format_number(figures.requests, locale)
        ),
        open=format_number(figures.open, locale),
        first_answer=_duration(figures.median_first_answer, locale),
        resolution=_duration(figures.median_resolution, locale),
        rating=_rated(figures, locale),
    )


def _fit(parts: Sequence[str | Markup], limit: int) -> list[str | Markup]:
    """The parts that fit a message; the rest said to be in the CSV."""
    kept: list[str | Markup] = []
    size = 0
    for index, part in enumerate(parts):
        units = _units(Markup(part).striptags() if isinstance(part, Markup) else part) + 1
        if size + units > limit:
            kept.append(
                _("… {count} more lines: the CSV has every request.").format(
                    count=len(parts) - index
                )
            )
            break
        kept.append(part)
        size += units
    return kept


def report_view(report: Report, reader: Person) -> tuple[Markup, InlineKeyboardMarkup]:
    locale = reader.locale
    overall = report.overall
    n = lambda value: format_number(value, locale)  # noqa: E731
    parts: list[str | Markup] = [
        html(_("📊 <b>Consultations</b>")),
        _(
            "Requests: {requests} · open: {open} (waiting for an expert: {waiting}) · "
            "resolved: {resolved}"
        ).format(
            requests=n(overall.requests),
            open=n(overall.open),
            waiting=n(overall.waiting),
            resolved=n(overall.resolved),
        ),
        ngettext(
            "Median time to first answer: {duration} ({count} request answered)",
            "Median time to first answer: {duration} ({count} requests answered)",
            overall.answered,
        ).format(
            duration=_duration(overall.median_first_answer, locale), count=n(overall.answered)
        ),
        ngettext(
            "Median time to resolution: {duration} ({count} request resolved)",
            "Median time to resolution: {duration} ({count} requests resolved)",
            overall.resolved,
        ).format(duration=_duration(overall.median_resolution, locale), count=n(overall.resolved)),
        ngettext(
            "Average rating: {rating} of 5 ({count} rating)",
            "Average rating: {rating} of 5 ({count} ratings)",
            overall.ratings,
        ).format(rating=_rating(overall.average_rating, locale), count=n(overall.ratings)),
    ]
    if report.by_theme:
        parts += ["", html(_("<b>By theme</b>"))]
        parts += [_group_line(theme_name(t), f, locale) for t, f in report.by_theme]
    if report.by_country:
        parts += ["", html(_("<b>By country</b>"))]
        parts += [_group_line(country_label(c), f, locale) for c, f in report.by_country]
    rows: Keyboard = [
        [
            _button(
                _("📋 Open requests ({count})").format(count=n(overall.open)),
                DeskFigures(action="open").pack(),
            )
        ],
        [_button(_("📄 CSV of every request"), DeskFigures(action="csv").pack())],
    ]
    return lines(_fit(parts, MAX_TEXT - 100)), InlineKeyboardMarkup(inline_keyboard=rows)


def _asker(line: RequestLine) -> str:
    if line.anonymous or not line.asker_name:
        return _("anonymous")
    return line.asker_name


def unresolved_list(
    listing: Page[RequestLine], reader: Person
) -> tuple[Markup, InlineKeyboardMarkup]:
    """Requests not resolved yet, for organizers: no question, no anonymous asker's name."""
    parts: list[str | Markup] = [
        html(_("<b>Open requests</b>: {count}"), count=listing.total) + _of_pages(listing),
    ]
    if listing.total == 0:
        parts.append(_("Every request is resolved."))
    for line in listing.items:
        parts += [
            "",
            html(
                _("<b>#{number}</b> · {theme} · {country} · {language}"),
                number=line.id,
                theme=theme_name(line.theme),
                country=country_label(line.country),
                language=language_name(line.language),
            ),
            _("{status} · asked {moment} · {asker}").format(
                status=status_name(line.status),
                moment=format_datetime(line.created_at, reader.locale, reader.timezone),
                asker=_asker(line),
            ),
        ]
    rows = _nav(listing, lambda page: DeskFigures(action="open", page=page).pack())
    rows.append([_button(_("« Back to the figures"), DeskFigures(action="figures").pack())])
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def requests_table(
    requests: Sequence[RequestLine], reader: Person
) -> tuple[list[str], list[list[object]]]:
    """The CSV: a row per request, times ISO 8601 in the reader's time zone; the asker's
    Telegram name only when they did not ask anonymously; no question, no message."""
    zone = ZoneInfo(reader.timezone)

    def moment(value: datetime | None) -> str:
        return "" if value is None else value.astimezone(zone).isoformat(timespec="seconds")

    header = [
        _("Request"),
        _("Theme"),
        _("Country"),
        _("Language"),
        _("Status"),
        _("Asked at"),
        _("Taken at"),
        _("First answer at"),
        _("Resolved at"),
        _("Rating"),
        _("Asker"),
    ]
    rows: list[list[object]] = [
        [
            line.id,
            theme_name(line.theme),
            country_label(line.country),
            language_name(line.language),
            _(STATUS_WORDS[line.status]),
            moment(line.created_at),
            moment(line.taken_at),
            moment(line.first_answer_at),
            moment(line.resolved_at),
            "" if line.rating is None else line.rating,
            "" if line.anonymous else (line.asker_name or ""),
        ]
        for line in requests
    ]
    return header, rows
