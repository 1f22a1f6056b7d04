"""Selects that accept only what they offered.

aiogram-dialog passes whatever item id the callback data carries to the click handler; a
modified client can send any. These widgets render the window's items again and refuse an
id that is not among them with `InvalidChoice` (answered politely, logged as a warning)."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog.api.protocols import DialogManager, DialogProtocol
from aiogram_dialog.widgets.kbd import Multiselect, Select

from bot.domain.errors import InvalidChoice


class _OfferedOnly:
    async def _process_item_callback(
        self,
        callback: CallbackQuery,
        data: str,
        dialog: DialogProtocol,
        manager: DialogManager,
    ) -> bool:
        window = dialog.windows[manager.current_context().state]  # type: ignore[attr-defined]
        rendered = await window.load_data(dialog, manager)
        offered = {str(self.item_id_getter(item)) for item in self.items_getter(rendered)}  # type: ignore[attr-defined]
        if data not in offered:
            raise InvalidChoice(f"{self.widget_id}={data!r}")  # type: ignore[attr-defined]
        return await super()._process_item_callback(callback, data, dialog, manager)  # type: ignore[misc]


class CheckedSelect(_OfferedOnly, Select[Any]):
    pass


class CheckedMultiselect(_OfferedOnly, Multiselect[Any]):
    pass
