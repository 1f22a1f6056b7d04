"""Multi-step conversations built with aiogram-dialog, one package per flow."""

from __future__ import annotations

from aiogram import Router

from dialogs.main_menu.dialog import main_menu_dialog
from dialogs.settings.dialog import settings_dialog


def dialogs_router() -> Router:
    router = Router(name="dialogs")
    router.include_routers(main_menu_dialog(), settings_dialog())
    return router
