"""Text widgets that go through gettext when rendered (aiogram-dialog's Const/Format don't)."""

from __future__ import annotations

from typing import Any

from aiogram.utils.i18n import gettext
from aiogram_dialog.api.protocols import DialogManager
from aiogram_dialog.widgets.common import WhenCondition
from aiogram_dialog.widgets.text import Text


class T(Text):
    """A translated text; `{name}` placeholders are filled from the window's data, which the
    getters have already HTML-escaped."""

    def __init__(self, msgid: str, when: WhenCondition = None) -> None:
        super().__init__(when=when)
        self.msgid = msgid

    async def _render_text(self, data: dict[str, Any], manager: DialogManager) -> str:
        return gettext(self.msgid).format_map(data)
