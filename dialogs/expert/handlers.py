from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.command_menus import refresh_commands
from bot.domain.experts import ExpertDraft
from bot.domain.people import Contact
from bot.services.text_input import InvalidText
from dialogs.common import (
    ERROR_KEY,
    back_to_menu,
    bot_of,
    now_of,
    person_of,
    services_of,
    set_error,
)
from dialogs.expert.getters import checked
from dialogs.expert.states import ExpertForm as S


async def on_start(start_data: Any, manager: DialogManager) -> None:
    """Pre-fill the form from the stored profile, if any."""
    profile = await services_of(manager).experts.profile(person_of(manager))
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


async def on_toggled(event: CallbackQuery, widget: Any, manager: DialogManager, _item: str) -> None:
    """A choice ticked answers «choose at least one»: the warning goes."""
    if widget.get_checked():
        manager.dialog_data.pop(ERROR_KEY, None)


async def on_bio(message: Message, manager: DialogManager, value: str) -> None:
    manager.dialog_data["bio"] = value
    manager.dialog_data["reviewing"] = True
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.summary)


async def on_pause(callback: CallbackQuery, button: Button, manager: DialogManager) -> None:
    await services_of(manager).experts.set_available(
        person_of(manager), button.widget_id == "resume", now_of(manager)
    )


async def on_submit(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    draft = ExpertDraft(
        themes=checked(manager, "themes"),
        countries=checked(manager, "countries"),
        languages=checked(manager, "languages"),
        bio=manager.dialog_data.get("bio", ""),
    )
    user = callback.from_user
    services = services_of(manager)
    try:
        profile = await services.experts.apply(
            person_of(manager),
            draft,
            Contact(user.id, user.full_name, user.username),
            now_of(manager),
        )
    except (InvalidText, ValueError):
        set_error(manager, _("Something in the form is no longer valid; please check it."))
        return
    if profile.status == "approved":  # an admin appointed them: no review
        found = await services.people.find(user.id)
        if found is not None:
            manager.middleware_data["person"] = found
        await refresh_commands(bot_of(manager), services, user.id)
        await back_to_menu(manager, "expert_approved")
        return
    await back_to_menu(manager, "expert_submitted")
