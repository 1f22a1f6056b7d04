"""/faq (the knowledge base's dialog) and the consent buttons: the member's and the expert's
answer to «may it be published without names?», and «Withdraw my consent». Every press is
checked again by the service: only the member and the expert of that request decide."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import FaqConsent
from bot.ui.faq import consent_outcome, member_question, withdrawn_text
from dialogs.common import open_over_menu
from dialogs.faq.states import Faq
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="faq")
    router.message.register(faq, Command("faq"), F.chat.type == "private")
    router.callback_query.register(answer, FaqConsent.filter(F.action.in_({"yes", "no"})))
    router.callback_query.register(withdraw, FaqConsent.filter(F.action == "withdraw"))
    return router


async def faq(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Faq.themes)


async def ask_member_consent(
    query: CallbackQuery, person: Person, services: Services, consultation_id: int
) -> None:
    """After the member rated a resolved request: may the exchange be published? (Asked
    once: not again once they answered.)"""
    case = await services.faq.member_question_due(person, consultation_id)
    if case is not None and isinstance(query.message, Message):
        text, markup = member_question(case)
        await query.message.answer(text, reply_markup=markup)


async def answer(
    query: CallbackQuery, callback_data: FaqConsent, person: Person, services: Services
) -> None:
    consent = await services.faq.answer(
        person, callback_data.consultation_id, callback_data.action == "yes", services.now()
    )
    await query.answer()
    await edit_in_place(query, *consent_outcome(consent))


async def withdraw(
    query: CallbackQuery, callback_data: FaqConsent, person: Person, services: Services
) -> None:
    await services.faq.withdraw(person, callback_data.consultation_id, services.now())
    await query.answer(withdrawn_text())
    await edit_in_place(query, withdrawn_text(), None)
