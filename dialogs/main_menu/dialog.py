"""The main menu: what this person's roles let them do, one tap away."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Back, Row, Start, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.main_menu.getters import help_getter, menu_getter
from dialogs.main_menu.states import MainMenu
from dialogs.settings.states import Settings
from dialogs.widgets import T


def main_menu_dialog() -> Dialog:
    return Dialog(
        Window(
            Format("{header}{title}"),
            Format("{roles_line}"),
            SwitchTo(T("❓ Help"), id="help", state=MainMenu.help),
            Row(
                Start(
                    T("🌐 Language"),
                    id="language",
                    state=Settings.language,
                    data={"onboarding": False},
                ),
                Start(
                    T("📍 Country"),
                    id="country",
                    state=Settings.country,
                    data={"onboarding": False},
                ),
            ),
            getter=menu_getter,
            state=MainMenu.main,
        ),
        Window(
            Format("{help}"),
            Back(T("« Back")),
            getter=help_getter,
            state=MainMenu.help,
        ),
    )
