from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.services.experts import ExpertsService
from bot.services.organizations import OrganizationsService
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
