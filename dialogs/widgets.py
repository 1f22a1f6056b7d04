"""Text widgets for dialog windows that escape by construction, and shared rows.

aiogram-dialog's `Const`/`Format` neither translate nor escape. In message texts we use `T`
(a catalog text) and `Html` (a layout such as "{summary}"): both fill `{name}` placeholders
from the window's data and escape every plain string there, keeping a `Markup` (a fragment
already rendered) as it is. Button labels are plain text for Telegram: `Format` is right
there."""

from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext
from aiogram_dialog.api.protocols import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Row, Start
from aiogram_dialog.widgets.text import Text
from markupsafe import Markup

from dialogs.settings.states import Settings


class T(Text):
    """A translated text; its placeholders are filled from the window's data, escaped."""

    def __init__(self, msgid: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msgid = msgid

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return Markup(gettext(self.msgid)).format_map(data)


class Html(Text):
    """A layout of the window's data (not a catalog text), escaped like `T`."""

    def __init__(self, layout: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.layout = layout

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return Markup(self.layout).format_map(data)


def settings_row() -> Row:
    """The language (one tap, for whoever cannot read this one) and the settings, as the
    main menu and the profile offer them."""
    return Row(
        Start(T("🌐 Language"), id="language", state=Settings.language, data={"onboarding": False}),
        Start(
            T("⚙️ Settings"),
            id="settings",
            state=Settings.overview,
            data={"overview": True, "onboarding": False},
        ),
    )
