from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.config import Settings
from bot.services.experts import ExpertDraft, ExpertsService
from bot.services.text_input import InvalidText
from bot.ui.moderation import expert_review_card
from bot.ui.notify import Notifier
from dialogs.common import ERROR_KEY, back_to_menu, set_error
from dialogs.expert.getters import checked
from dialogs.expert.states import ExpertForm as S


async def on_start(start_data: Any, manager: DialogManager) -> None:
    """Pre-fill the form from the stored profile, if any."""
    service: ExpertsService = manager.middleware_data["experts"]
    profile = await service.profile(manager.middleware_data["person"].id)
    if profile is None:
        return
    for widget, values in (
        ("themes", profile.themes),
        ("countries", profile.countries),
        ("languages", profile.languages),
    ):
        found = manager.find(widget)
        for value in values:
            await found.set_checked(value, True)  # type: ignore[union-attr]
    manager.dialog_data["bio"] = profile.bio
    manager.dialog_data["reviewing"] = True  # each «Done» leads back to the summary


def require_choice(widget: str, next_state: Any) -> Any:
    async def on_done(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
        if not checked(manager, widget):
            set_error(manager, _("Please choose at least one."))
            return
        manager.dialog_data.pop(ERROR_KEY, None)
        target = S.summary if manager.dialog_data.get("reviewing") else next_state
        await manager.switch_to(target)

    return on_done


async def on_bio(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["bio"] = value
    manager.dialog_data["reviewing"] = True
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.summary)


async def on_pause(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    data = manager.middleware_data
    service: ExpertsService = data["experts"]
    await service.set_available(data["person"], button.widget_id == "resume", data["clock"]())


async def on_submit(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    data = manager.middleware_data
    service: ExpertsService = data["experts"]
    draft = ExpertDraft(
        themes=checked(manager, "themes"),
        countries=checked(manager, "countries"),
        languages=checked(manager, "languages"),
        bio=manager.dialog_data.get("bio", ""),
    )
    try:
        profile = await service.apply(data["person"], draft, data["clock"]())
    except (InvalidText, ValueError):
        set_error(manager, _("Something in the form is no longer valid; please check it."))
        return
    notifier: Notifier = data["notifier"]
    settings: Settings = data["settings"]
    name = callback.from_user.full_name
    for admin_id in sorted(settings.admin_ids):
        await notifier.send(admin_id, lambda: expert_review_card(profile, name))
    await back_to_menu(manager, "expert_submitted")
