"""The answer to a partnership proposal: contacts are exchanged only on «Accept»."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _

from bot.services.organizations import Outcome
from bot.services.partnerships import Contact, PartnershipsService
from bot.services.people import Person
from bot.ui.callbacks import PartnerAnswer
from bot.ui.notify import Notifier
from bot.ui.partnerships import contacts_message, declined_message


def make_router() -> Router:
    router = Router(name="partnerships")
    router.callback_query.register(answer_proposal, PartnerAnswer.filter())
    return router


async def answer_proposal(
    query: CallbackQuery,
    callback_data: PartnerAnswer,
    person: Person,
    partnerships: PartnershipsService,
    notifier: Notifier,
    **data: Any,
) -> None:
    accept = callback_data.action == "accept"
    user = query.from_user
    answer = await partnerships.answer(
        person,
        callback_data.partnership_id,
        accept,
        Contact(user.id, user.full_name, user.username),
        data["clock"](),
    )
    if query.message is not None:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)  # type: ignore[union-attr]
    found = answer.partnership
    if answer.outcome is Outcome.GONE or found is None or answer.proposer_org is None:
        await query.answer(_("This proposal no longer exists."), show_alert=True)
        return
    if answer.outcome is Outcome.ALREADY:
        await query.answer(_("This proposal was already answered."), show_alert=True)
        return
    await query.answer()
    proposer_org, accepter_org = answer.proposer_org, answer.accepter_org
    assert accepter_org is not None
    if not accept:
        if found.proposed_by is not None:
            await notifier.send(found.proposed_by, lambda: declined_message(accepter_org))
        await query.bot.send_message(  # type: ignore[union-attr]
            person.id, _("You declined the proposal. Nothing was shared.")
        )
        return
    if found.proposed_by is not None:
        accepter = Contact.load(found.accepter_contact)
        await notifier.send(found.proposed_by, lambda: contacts_message(accepter_org, accepter))
    proposer = Contact.load(found.proposer_contact)
    text, _markup = contacts_message(proposer_org, proposer)
    await query.bot.send_message(person.id, text)  # type: ignore[union-attr]
