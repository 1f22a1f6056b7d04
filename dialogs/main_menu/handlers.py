from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager, ShowMode, StartMode
from aiogram_dialog.widgets.kbd import Button

from bot.ui.moderation import pending_list
from dialogs.common import bot_of, person_of, services_of
from dialogs.expert.states import ExpertForm
from dialogs.main_menu.states import MainMenu
from dialogs.messages import send_events_page, send_own_events, send_polls, send_recs
from dialogs.organization.states import MyOrganization


async def open_my_organization(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    orgs = await services_of(manager).organizations.coordinated(person_of(manager))
    if len(orgs) == 1:
        await manager.start(MyOrganization.main, data={"org_id": orgs[0].id})
    else:
        await manager.start(MyOrganization.choose)


async def open_proposals(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The partnership proposals waiting for the person's answer, in /myorg."""
    waiting = await services_of(manager).partnerships.waiting(person_of(manager))
    if len(waiting) == 1:
        await manager.start(MyOrganization.partnerships, data={"org_id": waiting[0][0].id})
    else:
        await manager.start(MyOrganization.choose)


async def open_expert(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    existing = await services_of(manager).experts.profile(person_of(manager))
    await manager.start(ExpertForm.status if existing is not None else ExpertForm.themes)


async def open_events(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The events list is a message of its own (its buttons outlive the menu)."""
    manager.show_mode = ShowMode.NO_UPDATE  # the menu stays as it is
    await send_events_page(callback.bot, person_of(manager), services_of(manager))  # type: ignore[arg-type]


async def open_own_events(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.NO_UPDATE  # the menu stays as it is
    await send_own_events(callback.bot, person_of(manager), services_of(manager))  # type: ignore[arg-type]


async def open_polls(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.NO_UPDATE  # the menu stays as it is
    await send_polls(bot_of(manager), person_of(manager), services_of(manager))


async def open_recs(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.show_mode = ShowMode.NO_UPDATE  # the menu stays as it is
    await send_recs(bot_of(manager), person_of(manager), services_of(manager))


async def open_pending(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """What waits for review, as /pending shows it: a message of its own."""
    manager.show_mode = ShowMode.NO_UPDATE  # the menu stays as it is
    person = person_of(manager)
    text, markup = pending_list(await services_of(manager).moderation.pending(person, 0))
    await bot_of(manager).send_message(person.id, text, reply_markup=markup)


async def leave_form(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    """The person chose to drop the form they were filling in."""
    await manager.start(MainMenu.main, mode=StartMode.RESET_STACK, data={"notice": "form_left"})
