"""The buttons of digests and organizers' summaries that open something of their own: the
settings, an organization's card, the requests an expert can take, an organization's
partnership proposals. Each opens as a new message: the digest stays as it is."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.domain.consultation_reports import ListView
from bot.domain.errors import InvalidChoice
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import DigestOpen, OrgOpen, SettingsOpen
from bot.ui.consultation_lists import queue_list
from dialogs.directory.states import Directory
from dialogs.organization.states import MyOrganization
from dialogs.settings.states import Settings
from handlers.replies import open_step
from handlers.settings import OVERVIEW


def make_router() -> Router:
    router = Router(name="digests")
    router.callback_query.register(settings_button, SettingsOpen.filter())
    router.callback_query.register(organization_button, OrgOpen.filter())
    router.callback_query.register(digest_button, DigestOpen.filter())
    return router


async def settings_button(query: CallbackQuery, dialog_manager: DialogManager) -> None:
    await open_step(query, dialog_manager, Settings.overview, OVERVIEW)


async def organization_button(
    query: CallbackQuery, callback_data: OrgOpen, dialog_manager: DialogManager
) -> None:
    """A new organization: its directory card (which says so if it has left the
    directory since)."""
    await open_step(query, dialog_manager, Directory.card, {"org_id": callback_data.org_id})


async def digest_button(
    query: CallbackQuery,
    callback_data: DigestOpen,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    if callback_data.what == "queue":
        # the service checks the person is an expert
        listing = await services.consultation_reports.queue(person, ListView.TAKE, 0)
        await query.answer()
        if isinstance(query.message, Message):
            text, markup = queue_list(listing, person)
            await query.message.answer(text, reply_markup=markup)
        return
    if callback_data.what == "proposals":
        coordinated = {o.id for o in await services.organizations.coordinated(person)}
        if callback_data.id not in coordinated:
            raise InvalidChoice(f"proposals of organization {callback_data.id}")
        await open_step(
            query, dialog_manager, MyOrganization.partnerships, {"org_id": callback_data.id}
        )
        return
    raise InvalidChoice(f"digest button {callback_data.what!r}")
