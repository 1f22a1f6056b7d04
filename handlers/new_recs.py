"""/newrecs for organizers and admins: the form that writes and sends a set of
recommendations (dialogs/new_recs). The role is checked here, on every screen of the form,
and by the service when sending."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager

from bot.domain.people import Person
from bot.services.container import Services
from dialogs.common import open_over_menu
from dialogs.new_recs.states import NewRecs


def make_router() -> Router:
    router = Router(name="new_recs")
    router.message.register(new_recs, Command("newrecs"), F.chat.type == "private")
    return router


async def new_recs(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    services.recommendations.check_organizer(person, "write recommendations")
    await open_over_menu(dialog_manager, NewRecs.title)
