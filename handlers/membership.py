"""Joining an organization through its invite link, the coordinator's answer, and /myorg."""

from __future__ import annotations

import contextlib
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.services.organizations import OrganizationsService, Outcome
from bot.services.people import Person
from bot.ui.callbacks import JoinAnswer
from bot.ui.membership import join_outcome, join_request_card
from bot.ui.notify import Notifier
from dialogs.common import open_over_menu
from dialogs.organization.states import MyOrganization

JOIN_PREFIX = "join_"


def make_router() -> Router:
    router = Router(name="membership")
    router.message.filter(F.chat.type == "private")
    router.message.register(
        join_by_link,
        CommandStart(deep_link=True, magic=F.args.startswith(JOIN_PREFIX)),
    )
    router.message.register(my_organization, Command("myorg"))
    router.callback_query.register(answer_join, JoinAnswer.filter())
    return router


async def join_by_link(
    message: Message,
    command: CommandObject,
    person: Person,
    organizations: OrganizationsService,
    notifier: Notifier,
    **data: Any,
) -> None:
    token = (command.args or "")[len(JOIN_PREFIX) :]
    name = message.from_user.full_name if message.from_user else ""
    attempt = await organizations.request_join(person, token, name, data["clock"]())
    org = attempt.organization
    if org is None:
        await message.answer(
            _("This invite link is no longer valid. Ask the coordinator for a new one.")
        )
        return
    org_name = escape(org.name)
    if attempt.outcome == "own":
        await message.answer(_("You coordinate «{org}» yourself.").format(org=org_name))
    elif attempt.outcome == "member":
        await message.answer(_("You are already a member of «{org}».").format(org=org_name))
    elif attempt.outcome == "pending":
        await message.answer(
            _("Your request to join «{org}» is waiting for the coordinator.").format(org=org_name)
        )
    else:
        assert attempt.request_id is not None and org.coordinator_id is not None
        request_id = attempt.request_id
        await notifier.send(org.coordinator_id, lambda: join_request_card(org, request_id, name))
        await message.answer(
            _(
                "📨 Your request to join «{org}» was sent to its coordinator, who will see "
                "your Telegram name. You will get the answer here."
            ).format(org=org_name)
        )


async def answer_join(
    query: CallbackQuery,
    callback_data: JoinAnswer,
    person: Person,
    organizations: OrganizationsService,
    notifier: Notifier,
    **data: Any,
) -> None:
    accept = callback_data.action == "accept"
    outcome, request, org = await organizations.decide_join(
        person, callback_data.request_id, accept, data["clock"]()
    )
    if query.message is not None:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)  # type: ignore[union-attr]
    if outcome is Outcome.GONE or request is None or org is None:
        await query.answer(_("This request no longer exists."), show_alert=True)
        return
    if outcome is Outcome.ALREADY:
        await query.answer(_("This request was already answered."), show_alert=True)
        return
    await query.answer()
    await notifier.send(request.user_id, lambda: join_outcome(org, accept))
    who = escape(request.display_name) or _("The person")
    if accept:
        text = _("✅ {person} is now a member of «{org}».")
    else:
        text = _("✖ You declined {person}'s request to join «{org}».")
    await query.bot.send_message(  # type: ignore[union-attr]
        person.id, text.format(person=who, org=escape(org.name))
    )


async def my_organization(
    message: Message,
    person: Person,
    organizations: OrganizationsService,
    dialog_manager: DialogManager,
) -> None:
    orgs = await organizations.coordinated(person)
    if not orgs:
        pending = await organizations.pending_of(person)
        if pending:
            await message.answer(
                _("Your application for «{org}» is still waiting for review.").format(
                    org=escape(pending[0].name)
                )
            )
        else:
            await message.answer(
                _("You do not coordinate an organization yet. /register adds yours.")
            )
        return
    if len(orgs) == 1:
        await open_over_menu(dialog_manager, MyOrganization.main, {"org_id": orgs[0].id})
    else:
        await open_over_menu(dialog_manager, MyOrganization.choose)
