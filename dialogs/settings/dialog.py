"""Choosing the language and the country (with it, the time zone)."""

from __future__ import annotations

import operator

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Cancel, Column
from aiogram_dialog.widgets.text import Format

from dialogs.checked import CheckedSelect
from dialogs.settings.getters import country_getter, language_getter
from dialogs.settings.handlers import on_country, on_language
from dialogs.settings.states import Settings
from dialogs.widgets import Html, T


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
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="lang",
                    item_id_getter=operator.itemgetter(0),
                    items="languages",
                    on_click=on_language,
                ),
            ),
            Cancel(T("« Back"), when="can_go_back"),
            getter=language_getter,
            state=Settings.language,
        ),
        Window(
            T("📍 In which country do you work?"),
            Html("{hint}"),
            Column(
                CheckedSelect(
                    Format("{item[1]}"),
                    id="country",
                    item_id_getter=operator.itemgetter(0),
                    items="countries",
                    on_click=on_country,
                ),
            ),
            Cancel(T("« Back"), when=lambda data, *_: not data["onboarding"]),
            getter=country_getter,
            state=Settings.country,
        ),
    )
