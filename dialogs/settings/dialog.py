"""/settings: language, country and time zone; the digest; quiet hours; what comes at
once, in the digest only or not at all; themes and countries of interest."""

from __future__ import annotations

import operator
from typing import Any

from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import MessageInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Column, Group, Row, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.checked import CheckedSelect
from dialogs.common import ErrorLine, choice_hint
from dialogs.settings import handlers as h
from dialogs.settings.getters import (
    countries_getter,
    country_getter,
    day_getter,
    digest_getter,
    hour_getter,
    kinds_getter,
    language_getter,
    overview_getter,
    quiet_getter,
    themes_getter,
    timezone_getter,
)
from dialogs.settings.states import Settings
from dialogs.widgets import Html, T


def _in_overview(_data: dict[str, Any], _widget: Any, manager: DialogManager) -> bool:
    return h.in_overview(manager)


def _some(data: dict[str, Any], _widget: Any, _manager: DialogManager) -> bool:
    """Some are ticked: «all» can be chosen again."""
    return not data["all"]


def _select(item_id: str, items: str, on_click: Any) -> CheckedSelect:
    return CheckedSelect(
        Format("{item[1]}"),
        id=item_id,
        item_id_getter=operator.itemgetter(0),
        items=items,
        on_click=on_click,
    )


def _to_overview() -> SwitchTo:
    return SwitchTo(T("« Settings"), id="to_overview", state=Settings.overview)


def _hours(state: Any, prompt: T, on_click: Any, back: Any) -> Window:
    return Window(
        ErrorLine(),
        prompt,
        Group(_select("hour", "hours", on_click), width=4),
        back,
        choice_hint(),
        getter=hour_getter,
        state=state,
    )


def settings_dialog() -> Dialog:
    return Dialog(
        Window(
            T(
                "👋 Welcome! This bot helps civil-society organizations of Central Asia find "
                "partners, consult experts and work together.",
                when="welcome",
            ),
            Html("{prompt_everyone}", when="in_every_language"),
            T("🌐 Choose your language", when="in_one_language"),
            Column(_select("lang", "languages", h.on_language)),
            Cancel(
                T("« Back"),
                when=lambda data, w, m: data["can_go_back"] and not h.in_overview(m),
            ),
            SwitchTo(T("« Settings"), id="lang_back", state=Settings.overview, when=_in_overview),
            getter=language_getter,
            state=Settings.language,
        ),
        Window(
            T("📍 In which country do you work?"),
            Html("{hint}"),
            Column(_select("country", "countries", h.on_country)),
            Cancel(
                T("« Back"),
                when=lambda data, w, m: not data["onboarding"] and not h.in_overview(m),
            ),
            SwitchTo(
                T("« Settings"), id="country_back", state=Settings.overview, when=_in_overview
            ),
            getter=country_getter,
            state=Settings.country,
        ),
        Window(
            Html("{notice}\n\n", when="notice"),
            Html("{overview}"),
            Row(
                SwitchTo(T("🌐 Language"), id="to_language", state=Settings.language),
                SwitchTo(T("📍 Country"), id="to_country", state=Settings.country),
            ),
            Row(
                SwitchTo(T("🕒 Time zone"), id="to_zone", state=Settings.timezone),
                SwitchTo(T("📰 Digest"), id="to_digest", state=Settings.digest),
            ),
            Row(
                SwitchTo(T("🌙 Quiet hours"), id="to_quiet", state=Settings.quiet),
                SwitchTo(T("🔔 Notifications"), id="to_kinds", state=Settings.kinds),
            ),
            Row(
                SwitchTo(T("🎯 Themes"), id="to_themes", state=Settings.themes),
                SwitchTo(T("🌍 Countries"), id="to_countries", state=Settings.countries),
            ),
            Button(
                Format("{summary_label}"), id="summary", on_click=h.on_summary, when="organizer"
            ),
            Cancel(T("« Back")),
            getter=overview_getter,
            state=Settings.overview,
        ),
        Window(
            ErrorLine(),
            T(
                "🕒 Choose your time zone, or type its name as in the time zone database "
                "(for example Europe/Berlin). Digests, quiet hours and the dates in "
                "messages follow it."
            ),
            Column(_select("zone", "zones", h.on_zone)),
            _to_overview(),
            MessageInput(h.on_zone_typed),
            getter=timezone_getter,
            state=Settings.timezone,
        ),
        Window(
            T(
                "📰 The digest gathers in one message what is new for you: events in your "
                "themes and countries, dates of the coming week, polls and recommendations "
                "waiting for your answer, news of your consultation requests, new "
                "organizations. An empty one is not sent."
            ),
            Column(_select("frequency", "frequencies", h.on_frequency)),
            _to_overview(),
            choice_hint(),
            getter=digest_getter,
            state=Settings.digest,
        ),
        Window(
            T("🗓 On which day?"),
            Column(_select("day", "days", h.on_day)),
            SwitchTo(T("« Back"), id="day_back", state=Settings.digest),
            choice_hint(),
            getter=day_getter,
            state=Settings.digest_day,
        ),
        _hours(
            Settings.digest_hour,
            T("🕘 At what time (your time zone)?"),
            h.on_digest_hour,
            SwitchTo(T("« Back"), id="hour_back", state=Settings.digest),
        ),
        Window(
            T(
                "🌙 Quiet hours: what comes for you then waits until they end (nothing is "
                "lost). Now: {current}"
            ),
            Column(_select("quiet", "presets", h.on_quiet_preset)),
            SwitchTo(T("🕐 Other hours…"), id="quiet_custom", state=Settings.quiet_from),
            _to_overview(),
            choice_hint(),
            getter=quiet_getter,
            state=Settings.quiet,
        ),
        _hours(
            Settings.quiet_from,
            T("🌙 Quiet from…"),
            h.on_quiet_from,
            SwitchTo(T("« Back"), id="from_back", state=Settings.quiet),
        ),
        _hours(
            Settings.quiet_until,
            T("☀️ …until"),
            h.on_quiet_until,
            SwitchTo(T("« Back"), id="until_back", state=Settings.quiet_from),
        ),
        Window(
            Html("{notice}\n\n", when="notice"),
            T(
                "🔔 Tap a kind to change how it comes: at once → in the digest only → "
                "off.\n\nAlways at once (after quiet hours): answers in your own "
                "consultations, decisions about you and your organization. Reminders you "
                "asked for, changes to events you answered and answers to your own "
                "proposals skip «digest only»."
            ),
            T(
                "⚠️ You have no digest: what you set to «digest only» turns a daily one on.",
                when="digest_off",
            ),
            Column(_select("kind", "kinds", h.on_kind)),
            _to_overview(),
            choice_hint(),
            getter=kinds_getter,
            state=Settings.kinds,
        ),
        Window(
            T(
                "🎯 Which themes interest you? The digest's new events and organizations "
                "are chosen by them. None ticked: all."
            ),
            Group(_select("theme", "themes", h.on_theme), width=1),
            Button(T("✖️ All themes"), id="all_themes", on_click=h.on_all_themes, when=_some),
            _to_overview(),
            choice_hint(),
            getter=themes_getter,
            state=Settings.themes,
        ),
        Window(
            T("🌍 Which countries interest you? None ticked: all."),
            Column(_select("interest_country", "countries", h.on_interest_country)),
            Button(
                T("✖️ All countries"), id="all_countries", on_click=h.on_all_countries, when=_some
            ),
            _to_overview(),
            choice_hint(),
            getter=countries_getter,
            state=Settings.countries,
        ),
    )
