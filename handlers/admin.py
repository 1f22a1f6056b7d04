"""Admins: /organizers and /export. Roles are checked by the services."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.domain.limits import Action
from bot.domain.people import Person
from bot.services.container import Services
from dialogs.common import open_over_menu
from dialogs.staff.states import Staff


def make_router() -> Router:
    router = Router(name="admin")
    router.message.filter(F.chat.type == "private")
    router.message.register(organizers, Command("organizers"))
    router.message.register(export, Command("export"))
    return router


async def organizers(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    await services.staff.organizers(person)  # admins only
    await open_over_menu(dialog_manager, Staff.organizers)


async def export(message: Message, person: Person, services: Services) -> None:
    content, count = await services.exports.directory_csv(person)
    await services.limits.spend(person, Action.EXPORT, services.now())
    name = f"directory-{services.now():%Y-%m-%d}.csv"
    caption = ngettext(
        "The directory: {count} organization. Contacts only where the organization agreed.",
        "The directory: {count} organizations. Contacts only where the organization agreed.",
        count,
    ).format(count=count)
    await message.answer_document(BufferedInputFile(content, filename=name), caption=caption)
