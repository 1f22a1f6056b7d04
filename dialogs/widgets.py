"""Text widgets that go through gettext when rendered (aiogram-dialog's Const/Format don't)."""

from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext
from aiogram_dialog.api.protocols import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.kbd import Row, Start
from aiogram_dialog.widgets.text import Text

from dialogs.settings.states import Settings


class T(Text):
    """A translated text; `{name}` placeholders are filled from the window's data, which the
    getters have already HTML-escaped."""

    def __init__(self, msgid: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msgid = msgid

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return gettext(self.msgid).format_map(data)


def settings_row() -> Row:
    """Language and country, as the main menu and the profile offer them."""
    return Row(
        Start(T("🌐 Language"), id="language", state=Settings.language, data={"onboarding": False}),
        Start(T("📍 Country"), id="country", state=Settings.country, data={"onboarding": False}),
    )
