"""/profile, /forget and /expert."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram_dialog import DialogManager

from bot.domain.people import Person
from bot.services.container import Services
from dialogs.common import open_over_menu
from dialogs.expert.states import ExpertForm
from dialogs.profile.states import Forget, Profile


def make_router() -> Router:
    router = Router(name="account")
    router.message.filter(F.chat.type == "private")
    router.message.register(profile, Command("profile"))
    router.message.register(forget, Command("forget"))
    router.message.register(expert, Command("expert"))
    return router


async def profile(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Profile.main)


async def forget(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Forget.handover)


async def expert(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    existing = await services.experts.profile(person)
    await open_over_menu(
        dialog_manager, ExpertForm.status if existing is not None else ExpertForm.themes
    )
