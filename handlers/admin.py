"""Admins: /organizers and /export. Roles are checked by the services."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.roles import Role
from bot.services.access import require
from bot.services.exports import ExportsService
from bot.services.people import Person
from bot.timekeeping import Clock
from dialogs.common import open_over_menu
from dialogs.staff.states import Staff


def make_router() -> Router:
    router = Router(name="admin")
    router.message.filter(F.chat.type == "private")
    router.message.register(organizers, Command("organizers"))
    router.message.register(export, Command("export"))
    return router


async def organizers(message: Message, person: Person, dialog_manager: DialogManager) -> None:
    require(person, Role.ADMIN, "open organizers")
    await open_over_menu(dialog_manager, Staff.organizers)


async def export(message: Message, person: Person, exports: ExportsService, clock: Clock) -> None:
    content, count = await exports.directory_csv(person)
    name = f"directory-{clock():%Y-%m-%d}.csv"
    caption = ngettext(
        "The directory: {count} organization. Contacts only where the organization agreed.",
        "The directory: {count} organizations. Contacts only where the organization agreed.",
        count,
    ).format(count=count)
    await message.answer_document(BufferedInputFile(content, filename=name), caption=caption)
