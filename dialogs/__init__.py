"""Multi-step conversations built with aiogram-dialog, one package per flow."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.types import TelegramObject
from aiogram_dialog import Dialog
from aiogram_dialog.api.internal import CONTEXT_KEY

from dialogs.admin.dialog import admin_dialog
from dialogs.apply.dialog import apply_dialog
from dialogs.ask.dialog import ask_dialog, consult_dialog
from dialogs.directory.dialog import directory_dialog
from dialogs.event_admin.dialog import edit_event_dialog, message_all_dialog
from dialogs.expert.dialog import expert_dialog
from dialogs.faq.dialog import faq_dialog
from dialogs.main_menu.dialog import main_menu_dialog
from dialogs.moderation.dialog import moderation_dialog
from dialogs.new_event.dialog import new_event_dialog
from dialogs.new_poll.dialog import new_poll_dialog
from dialogs.new_recs.dialog import new_recs_dialog
from dialogs.organization.dialog import organization_dialog
from dialogs.poll_answer.dialog import poll_typing_dialog
from dialogs.profile.dialog import forget_dialog, profile_dialog
from dialogs.rec_answer.dialog import rec_typing_dialog
from dialogs.registration.dialog import registration_dialog
from dialogs.settings.dialog import settings_dialog
from dialogs.staff.dialog import staff_dialog


class OpenDialogRouter(Router):
    """The dialogs' parent: an update goes straight to the dialog that is open (whose
    context aiogram-dialog's middleware put in the data) instead of being offered to each
    dialog in turn. The outcome is the same (each dialog's own filter admits only its
    states group, and this router has no handlers or filters of its own), in one step
    instead of up to one per dialog."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self._by_group: dict[type[Any], Router] = {}

    def include_router(self, router: Router) -> Router:
        included = super().include_router(router)
        if isinstance(router, Dialog):
            self._by_group[router.states_group()] = router
        return included

    async def _propagate_event(
        self,
        observer: TelegramEventObserver | None,
        update_type: str,
        event: TelegramObject,
        **kwargs: Any,
    ) -> Any:
        context = kwargs.get(CONTEXT_KEY)
        dialog = self._by_group.get(context.state.group) if context is not None else None
        if dialog is None:
            return await super()._propagate_event(observer, update_type, event, **kwargs)
        return await dialog.propagate_event(update_type=update_type, event=event, **kwargs)


def dialogs_router() -> Router:
    router = OpenDialogRouter(name="dialogs")
    router.include_routers(
        main_menu_dialog(),
        settings_dialog(),
        registration_dialog(),
        moderation_dialog(),
        organization_dialog(),
        directory_dialog(),
        expert_dialog(),
        profile_dialog(),
        forget_dialog(),
        staff_dialog(),
        admin_dialog(),
        new_event_dialog(),
        apply_dialog(),
        edit_event_dialog(),
        message_all_dialog(),
        ask_dialog(),
        consult_dialog(),
        faq_dialog(),
        poll_typing_dialog(),
        new_poll_dialog(),
        new_recs_dialog(),
        rec_typing_dialog(),
    )
    return router
