"""A person's digest and an organizer's weekly summary as messages: sections of items, a
button to open each, pages under Telegram's limit, a way to the settings. Pure."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.digests import (
    Digest,
    KeyDate,
    NewEvent,
    NewOrganization,
    RequestChange,
    Summary,
    WaitingPoll,
    WaitingRecs,
)
from bot.formatting import format_date, format_datetime, format_number, format_percent
from bot.ui.callbacks import (
    DigestOpen,
    EventAction,
    EventAdmin,
    OrgOpen,
    PollView,
    RecAction,
    RecAdmin,
    RequestShow,
    SettingsOpen,
)
from bot.ui.countries import country_label
from bot.ui.html import Markup, html, shorten
from bot.ui.organizations import kind_name as org_kind_name
from bot.ui.themes import theme_name

# Under Telegram's 4,096 characters with room for the page's head and foot.
PAGE_LIMIT = 3600
# Under Telegram's 100 buttons a message, and few enough to find one's way on a phone.
BUTTONS_LIMIT = 30

Section = tuple[Markup, list[tuple[Markup, InlineKeyboardButton | None]]]


def _button(text: str, data: object) -> InlineKeyboardButton:
    return _button_of(text, data.pack())  # type: ignore[attr-defined]


@lru_cache(maxsize=65_536)
def _button_of(text: str, packed: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=shorten(text, 48), callback_data=packed)


def _settings_button() -> InlineKeyboardButton:
    return InlineKeyboardButton(text=_("⚙️ Settings"), callback_data=SettingsOpen().pack())


def _key_date_line(item: KeyDate, locale: str, zone: str) -> Markup:
    when = format_datetime(item.at, locale, zone)
    if item.what == "start":
        return html(_("{when}: «{title}» begins"), when=when, title=item.event_title)
    if item.what == "apply_by":
        return html(
            _("{when}: applications for «{title}» close"), when=when, title=item.event_title
        )
    return html(
        _("{when}: {milestone} («{title}»)"),
        when=when,
        milestone=item.milestone,
        title=item.event_title,
    )


# Items are shared by many readers (an event, a poll, a set): each is rendered once per
# language and time zone however many digests carry it (pure functions, memoized).
_SHARED = 65_536

Item = tuple[Markup, InlineKeyboardButton | None]


@lru_cache(maxsize=_SHARED)
def _event_item(e: NewEvent, locale: str, zone: str) -> Item:
    when = format_datetime(e.starts_at, locale, zone if e.online else e.timezone)
    if e.dates_tbc:
        when += " " + _("(to be confirmed)")
    return (
        html("• {title} — {when}", title=e.title, when=when),
        _button("📅 " + e.title, EventAction(action="show", event_id=e.id)),
    )


@lru_cache(maxsize=_SHARED)
def _key_date_item(item: KeyDate, with_button: bool, locale: str, zone: str) -> Item:
    button = None
    if with_button:
        button = _button(
            "⏰ " + item.event_title, EventAction(action="show", event_id=item.event_id)
        )
    return html("• {line}", line=_key_date_line(item, locale, zone)), button


@lru_cache(maxsize=_SHARED)
def _poll_item(p: WaitingPoll, locale: str, zone: str) -> Item:
    return (
        html(
            _("• {title} — until {when}"),
            title=p.title,
            when=format_datetime(p.closes_at, locale, zone),
        ),
        _button("🗳 " + p.title, PollView(action="resume", poll_id=p.id)),
    )


@lru_cache(maxsize=_SHARED)
def _recs_item(r: WaitingRecs, locale: str, zone: str) -> Item:
    left = ngettext(
        "{count} recommendation to answer",
        "{count} recommendations to answer",
        r.unanswered,
    ).format(count=format_number(r.unanswered, locale))
    line = html("• {title} ({org}): {left}", title=r.title, org=r.org_name, left=left)
    if r.deadline is not None:
        line = html(
            _("{line}, until {when}"), line=line, when=format_date(r.deadline, locale, zone)
        )
    return line, _button(
        "📋 " + r.title, RecAction(action="answer", set_id=r.set_id, org_id=r.org_id)
    )


@lru_cache(maxsize=_SHARED)
def _org_item(o: NewOrganization, locale: str) -> Item:
    return (
        html(
            "• {name} — {kind}, {country}",
            name=o.name,
            kind=org_kind_name(o.kind),
            country=country_label(o.country),
        ),
        _button("🏢 " + o.name, OrgOpen(org_id=o.id)),
    )


def _request_item(c: RequestChange, locale: str) -> Item:
    what = []
    if c.taken:
        what.append(_("an expert took it"))
    if c.answers:
        what.append(
            ngettext("{count} new answer", "{count} new answers", c.answers).format(
                count=format_number(c.answers, locale)
            )
        )
    if c.resolved:
        what.append(_("resolved"))
    return (
        html(
            _("• Request №{number} ({theme}): {what}"),
            number=c.id,
            theme=theme_name(c.theme),
            what=", ".join(what),
        ),
        _button(_("❓ Request №{number}").format(number=c.id), RequestShow(consultation_id=c.id)),
    )


def _digest_sections(digest: Digest, locale: str, zone: str) -> list[Section]:
    sections: list[Section] = []
    if digest.events:
        sections.append(
            (
                Markup(_("📅 <b>New events</b>")),
                [_event_item(e, locale, zone) for e in digest.events],
            )
        )
    if digest.key_dates:
        shown = {e.id for e in digest.events}
        items: list[Item] = []
        for item in digest.key_dates:
            items.append(_key_date_item(item, item.event_id not in shown, locale, zone))
            shown.add(item.event_id)
        sections.append((Markup(_("⏰ <b>The next seven days</b>")), items))
    if digest.polls:
        sections.append(
            (
                Markup(_("🗳 <b>Polls waiting for your answer</b>")),
                [_poll_item(p, locale, zone) for p in digest.polls],
            )
        )
    if digest.recs:
        sections.append(
            (
                Markup(_("📋 <b>Recommendations waiting for your answer</b>")),
                [_recs_item(r, locale, zone) for r in digest.recs],
            )
        )
    if digest.proposals:
        sections.append(
            (
                Markup(_("🤝 <b>Partnership proposals waiting for your answer</b>")),
                [
                    (
                        html(
                            "• {org}: {count}",
                            org=w.org_name,
                            count=format_number(w.count, locale),
                        ),
                        _button("🤝 " + w.org_name, DigestOpen(what="proposals", id=w.org_id)),
                    )
                    for w in digest.proposals
                ],
            )
        )
    if digest.requests:
        sections.append(
            (
                Markup(_("❓ <b>Your consultation requests</b>")),
                [_request_item(c, locale) for c in digest.requests],
            )
        )
    if digest.open_requests:
        sections.append(
            (
                Markup(_("🧑‍🏫 <b>Requests you could take</b>")),
                [
                    (
                        html(
                            "• {line}",
                            line=ngettext(
                                "{count} request waits for an expert like you",
                                "{count} requests wait for an expert like you",
                                digest.open_requests,
                            ).format(count=format_number(digest.open_requests, locale)),
                        ),
                        _button(_("🧑‍🏫 Requests to take"), DigestOpen(what="queue")),
                    )
                ],
            )
        )
    if digest.organizations:
        sections.append(
            (
                Markup(_("🏢 <b>New organizations in your themes</b>")),
                [_org_item(o, locale) for o in digest.organizations],
            )
        )
    return sections


def _join(parts: list[Markup]) -> Markup:
    """Lines already rendered (each a `Markup`, escaped where it had to be), joined."""
    return Markup("\n".join(parts))


def _paginate(
    head: Markup, sections: list[Section], foot: Markup
) -> list[tuple[Markup, InlineKeyboardMarkup]]:
    """Sections into pages of at most PAGE_LIMIT characters and BUTTONS_LIMIT buttons; a
    section that goes on over a page says so with its heading again."""
    pages: list[tuple[list[Markup], list[InlineKeyboardButton]]] = [([], [])]
    size = 0
    for title, items in sections:
        started = False
        for line, button in items:
            body, buttons = pages[-1]
            needed = len(line) + 1 + (0 if started else len(title) + 2)
            full = size + needed > PAGE_LIMIT or (
                button is not None and len(buttons) >= BUTTONS_LIMIT
            )
            if full and body:
                pages.append(([], []))
                body, buttons = pages[-1]
                started = False
                size = 0
            if not started:
                heading = Markup("\n") + title if body else title
                body.append(heading)
                size += len(heading) + 1
                started = True
            body.append(line)
            size += len(line) + 1
            if button is not None:
                buttons.append(button)
    total = len(pages)
    result = []
    for number, (body, buttons) in enumerate(pages, 1):
        page_head = head
        if total > 1:
            page_head = html(_("{head} ({page}/{pages})"), head=head, page=number, pages=total)
        parts = [page_head, Markup(""), *body]
        rows = [[b] for b in buttons]
        if number == total:
            parts += [Markup(""), foot]
            rows.append([_settings_button()])
        result.append((_join(parts), InlineKeyboardMarkup(inline_keyboard=rows)))
    return result


def digest_pages(
    digest: Digest, now: datetime, locale: str, zone: str
) -> list[tuple[Markup, InlineKeyboardMarkup]]:
    head = html(_("📰 <b>Your digest</b> · {day}"), day=format_date(now, locale, zone))
    foot = Markup(_("⚙️ What comes to you, and when: /settings"))
    return _paginate(head, _digest_sections(digest, locale, zone), foot)


def _share(part: int, whole: int, locale: str) -> str:
    return format_percent(part / whole if whole else 0, locale, digits=0)


def summary_pages(
    summary: Summary, now: datetime, locale: str, zone: str
) -> list[tuple[Markup, InlineKeyboardMarkup]]:
    sections: list[Section] = []
    if summary.events:
        items: list[tuple[Markup, InlineKeyboardButton | None]] = []
        for e in summary.events:
            answered = sum(e.answers.get(s, 0) for s in ("going", "waitlist", "maybe"))
            line = html(
                _(
                    "• {title} ({when}): {going} going or may come, {applied} applications, "
                    "{new} new this week"
                ),
                title=e.title,
                when=format_date(e.starts_at, locale, zone),
                going=format_number(answered, locale),
                applied=format_number(e.answers.get("applied", 0), locale),
                new=format_number(e.new, locale),
            )
            items.append((line, _button("📅 " + e.title, EventAdmin(action="open", event_id=e.id))))
        sections.append((Markup(_("📅 <b>Your events</b>")), items))
    if summary.polls:
        sections.append(
            (
                Markup(_("📊 <b>Your polls</b>")),
                [
                    (
                        html(
                            _("• {title}{closed}: {answered} of {asked} answered ({share})"),
                            title=p.title,
                            closed=" " + _("(closed)") if p.closed else "",
                            answered=format_number(p.answered, locale),
                            asked=format_number(p.asked, locale),
                            share=_share(p.answered, p.asked, locale),
                        ),
                        _button("📊 " + p.title, PollView(action="open", poll_id=p.id)),
                    )
                    for p in summary.polls
                ],
            )
        )
    if summary.recs:
        items = []
        for r in summary.recs:
            line = html(
                _("• {title}: {answered} of {addressees} organizations answered ({share})"),
                title=r.title,
                answered=format_number(r.answered, locale),
                addressees=format_number(r.addressees, locale),
                share=_share(r.answered, r.addressees, locale),
            )
            if r.overdue:
                line = html(
                    "{line}; {overdue}",
                    line=line,
                    overdue=ngettext(
                        "⚠️ {count} commitment overdue",
                        "⚠️ {count} commitments overdue",
                        r.overdue,
                    ).format(count=format_number(r.overdue, locale)),
                )
            items.append((line, _button("📋 " + r.title, RecAdmin(action="open", set_id=r.id))))
        sections.append((Markup(_("📋 <b>Your recommendations</b>")), items))
    if summary.open_requests:
        sections.append(
            (
                Markup(_("❓ <b>Requests waiting for an expert</b>")),
                [
                    (
                        html(
                            "• {theme}: {count}",
                            theme=theme_name(theme),
                            count=format_number(count, locale),
                        ),
                        None,
                    )
                    for theme, count in sorted(summary.open_requests.items())
                ],
            )
        )
    head = html(_("📈 <b>Your week</b> · {day}"), day=format_date(now, locale, zone))
    foot = Markup(_("⚙️ The weekly summary can be turned off in /settings"))
    return _paginate(head, sections, foot)
