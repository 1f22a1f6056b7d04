"""The settings screen's texts: what reaches the person and when, as they read it. Pure."""

from __future__ import annotations

from datetime import datetime, time

from aiogram.utils.i18n import gettext as _
from babel import dates

from bot.domain.notifications import (
    CONSULTATIONS,
    DIGEST_ONLY_CATEGORIES,
    EVENTS,
    ORGANIZATIONS,
    PARTNERSHIPS,
    POLLS,
    RECOMMENDATIONS,
    Frequency,
    Mode,
    Preferences,
    QuietHours,
)
from bot.formatting import format_datetime
from bot.locales import language_name
from bot.ui.countries import country_label
from bot.ui.events import zone_label
from bot.ui.html import Markup, html, lines
from bot.ui.themes import theme_name

# The zones offered as buttons: the region's (Kazakhstan has had one zone, UTC+5, since
# March 2024: Asia/Almaty in the tz database from 2024a on), then neighbours and UTC.
# Any other is typed.
ZONES: tuple[str, ...] = (
    "Asia/Almaty",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Ashgabat",
    "Asia/Tashkent",
    "Europe/Moscow",
    "Europe/Istanbul",
    "UTC",
)

QUIET_PRESETS: tuple[tuple[int, int], ...] = ((22, 8), (21, 9), (23, 7), (0, 7))


def category_name(category: str) -> str:
    return {
        EVENTS: _("📅 Events"),
        POLLS: _("🗳 Polls"),
        CONSULTATIONS: _("❓ Consultation requests"),
        RECOMMENDATIONS: _("📋 Recommendations"),
        PARTNERSHIPS: _("🤝 Partnership proposals"),
        ORGANIZATIONS: _("🏢 Organization news"),
    }[category]


def mode_name(mode: Mode, category: str = "") -> str:
    if category in DIGEST_ONLY_CATEGORIES and mode is not Mode.OFF:
        return _("in the digest")
    return {
        Mode.IMMEDIATE: _("at once"),
        Mode.DIGEST: _("in the digest only"),
        Mode.OFF: _("off"),
    }[mode]


def weekday_name(day: int, locale: str) -> str:
    return str(dates.get_day_names("wide", locale=locale)[day])


def hour_text(hour: int, locale: str) -> str:
    return dates.format_time(time(hour), format="short", locale=locale)


def quiet_text(quiet: QuietHours | None, locale: str) -> str:
    if quiet is None:
        return _("off")
    return f"{hour_text(quiet.start, locale)}–{hour_text(quiet.end, locale)}"


def digest_text(prefs: Preferences, locale: str) -> str:
    if prefs.digest is Frequency.DAILY:
        return _("every day at {hour}").format(hour=hour_text(prefs.digest_hour, locale))
    if prefs.digest is Frequency.WEEKLY:
        return _("every {day} at {hour}").format(
            day=weekday_name(prefs.digest_day, locale), hour=hour_text(prefs.digest_hour, locale)
        )
    return _("off")


def overview(
    prefs: Preferences,
    *,
    locale: str,
    country: str | None,
    zone: str,
    now: datetime,
    next_digest: datetime | None,
    organizer: bool,
) -> Markup:
    themes = ", ".join(sorted(theme_name(t) for t in prefs.themes)) if prefs.themes else _("all")
    countries = (
        ", ".join(sorted(country_label(c) for c in prefs.countries))
        if prefs.countries
        else _("all")
    )
    parts: list[str | Markup] = [
        Markup(_("⚙️ <b>Settings</b>")),
        "",
        html(_("🌐 Language: {value}"), value=language_name(locale)),
        html(_("📍 Country: {value}"), value=country_label(country) if country else "—"),
        html(_("🕒 Time zone: {value}"), value=zone_label(zone, now, locale)),
        html(_("📰 Digest: {value}"), value=digest_text(prefs, locale)),
    ]
    if next_digest is not None:
        parts.append(html(_("    next: {when}"), when=format_datetime(next_digest, locale, zone)))
    parts.append(html(_("🌙 Quiet hours: {value}"), value=quiet_text(prefs.quiet, locale)))
    if organizer:
        parts.append(
            html(
                _("📈 Weekly summary of your items: {value}"),
                value=_("on") if prefs.summary else _("off"),
            )
        )
    parts += [
        "",
        Markup(_("🔔 <b>Notifications</b>")),
        *(
            html("{name}: {mode}", name=category_name(c), mode=mode_name(prefs.mode(c), c))
            for c in (EVENTS, POLLS, CONSULTATIONS, RECOMMENDATIONS, PARTNERSHIPS, ORGANIZATIONS)
        ),
        "",
        html(_("🎯 Themes of interest: {value}"), value=themes),
        html(_("🌍 Countries of interest: {value}"), value=countries),
    ]
    return lines(parts)
