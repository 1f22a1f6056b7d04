from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.services.events import EventsService
from bot.services.experts import ExpertsService
from bot.services.organizations import OrganizationsService
from bot.ui.events import events_page, own_events_page
from dialogs.expert.states import ExpertForm
from dialogs.organization.states import MyOrganization


async def open_my_organization(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    service: OrganizationsService = manager.middleware_data["organizations"]
    orgs = await service.coordinated(manager.middleware_data["person"])
    if len(orgs) == 1:
        await manager.start(MyOrganization.main, data={"org_id": orgs[0].id})
    else:
        await manager.start(MyOrganization.choose)


async def open_expert(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    service: ExpertsService = manager.middleware_data["experts"]
    existing = await service.profile(manager.middleware_data["person"].id)
    await manager.start(ExpertForm.status if existing is not None else ExpertForm.themes)


async def open_events(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The events list is a message of its own (its buttons outlive the menu)."""
    mw = manager.middleware_data
    events: EventsService = mw["events"]
    text, markup = await events_page(events, mw["person"], mw["clock"](), 0)
    await callback.bot.send_message(mw["person"].id, text, reply_markup=markup)  # type: ignore[union-attr]


async def open_own_events(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    mw = manager.middleware_data
    text, markup = await own_events_page(mw["events"], mw["person"])
    await callback.bot.send_message(mw["person"].id, text, reply_markup=markup)  # type: ignore[union-attr]
