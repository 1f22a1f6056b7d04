"""Admins: /admin (the console), /organizers and /export; and anyone opening an
appointment link an admin sent them. Roles are checked by the services."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import I18n, ngettext
from aiogram_dialog import DialogManager

from bot.domain.limits import Action
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.admin import link_outcome
from dialogs.admin.handlers import APPOINT_PREFIX
from dialogs.admin.states import AdminConsole
from dialogs.common import open_over_menu
from dialogs.staff.states import Staff
from handlers.start import start


def make_router() -> Router:
    router = Router(name="admin")
    router.message.filter(F.chat.type == "private")
    router.message.register(console, Command("admin"))
    router.message.register(
        appointment_link,
        CommandStart(deep_link=True, magic=F.args.startswith(APPOINT_PREFIX)),
    )
    router.message.register(organizers, Command("organizers"))
    router.message.register(export, Command("export"))
    return router


async def console(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    services.admin.check(person)
    await open_over_menu(dialog_manager, AdminConsole.main)


async def appointment_link(
    message: Message,
    command: CommandObject,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
    bot: Bot,
    i18n: I18n,
) -> None:
    """The outcome, then what /start shows (a newcomer's language and country first, with
    the menu of their new role)."""
    token = (command.args or "")[len(APPOINT_PREFIX) :]
    name = message.from_user.full_name if message.from_user else ""
    outcome, role = await services.admin.use_link(person, token, name, services.now())
    await message.answer(link_outcome(outcome, role))
    refreshed = await services.people.find(person.id) or person
    await start(message, refreshed, dialog_manager, bot, i18n)


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
