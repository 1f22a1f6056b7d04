"""The answer to a partnership proposal: contacts are exchanged only on «Accept»."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _

from bot.domain.errors import InvalidChoice
from bot.domain.organizations import Outcome
from bot.domain.people import Contact, Person
from bot.services.container import Services
from bot.ui.callbacks import PartnerAnswer
from bot.ui.partnerships import answered_already, contacts_message
from handlers.replies import remove_buttons


def make_router() -> Router:
    router = Router(name="partnerships")
    router.callback_query.register(answer_proposal, PartnerAnswer.filter())
    return router


async def answer_proposal(
    query: CallbackQuery,
    callback_data: PartnerAnswer,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    if callback_data.action not in ("accept", "decline"):
        raise InvalidChoice(f"answer {callback_data.action!r}")
    accept = callback_data.action == "accept"
    user = query.from_user
    answer = await services.partnerships.answer(
        person,
        callback_data.partnership_id,
        accept,
        Contact(user.id, user.full_name, user.username),
        services.now(),
    )
    await remove_buttons(query)
    found = answer.partnership
    if answer.outcome is Outcome.GONE or found is None or answer.proposer_org is None:
        await query.answer(_("This proposal no longer exists."), show_alert=True)
        return
    if answer.outcome is Outcome.ALREADY:
        await query.answer(answered_already(found.status), show_alert=True)
        return
    await query.answer()
    if not accept:
        await bot.send_message(person.id, _("You declined the proposal. Nothing was shared."))
        return
    await bot.send_message(person.id, contacts_message(answer.proposer_org, found.proposer_contact))
