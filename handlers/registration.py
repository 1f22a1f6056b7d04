"""/register: an organization's application."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager

from bot.domain.organizations import MAX_PENDING_APPLICATIONS
from bot.domain.people import Person
from bot.services.container import Services
from bot.services.organizations import TooManyPending
from dialogs.common import open_over_menu
from dialogs.registration.states import Registration


def make_router() -> Router:
    router = Router(name="registration")
    router.message.filter(F.chat.type == "private")
    router.message.register(register, Command("register"))
    return router


def too_many_pending_text() -> str:
    return ngettext(
        "You already have {count} application waiting for review. You can register another "
        "organization once the administrators have decided on it.",
        "You already have {count} applications waiting for review. You can register another "
        "organization once the administrators have decided on them.",
        MAX_PENDING_APPLICATIONS,
    ).format(count=MAX_PENDING_APPLICATIONS)


async def register(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    try:
        await services.organizations.check_can_apply(person)
    except TooManyPending:
        await message.answer(too_many_pending_text())
        return
    await open_over_menu(dialog_manager, Registration.name)
