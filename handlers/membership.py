"""Joining an organization through its invite link, the coordinator's answer, and /myorg."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager

from bot.domain.errors import InvalidChoice
from bot.domain.organizations import JoinOutcome, Outcome
from bot.domain.people import Person
from bot.formatting import format_date
from bot.services.container import Services
from bot.ui.callbacks import JoinAnswer
from bot.ui.html import html
from dialogs.common import open_over_menu
from dialogs.organization.states import MyOrganization
from handlers.replies import remove_buttons

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
    message: Message, command: CommandObject, person: Person, services: Services
) -> None:
    token = (command.args or "")[len(JOIN_PREFIX) :]
    name = message.from_user.full_name if message.from_user else ""
    attempt = await services.membership.request_join(person, token, name, services.now())
    org = attempt.organization
    if org is None:
        await message.answer(
            _("This invite link is no longer valid. Ask the coordinator for a new one.")
        )
        return
    if attempt.outcome is JoinOutcome.OWN:
        text = html(_("You coordinate «{org}» yourself."), org=org.name)
    elif attempt.outcome is JoinOutcome.MEMBER:
        text = html(_("You are already a member of «{org}»."), org=org.name)
    elif attempt.outcome is JoinOutcome.PENDING:
        text = html(_("Your request to join «{org}» is waiting for the coordinator."), org=org.name)
    elif attempt.outcome is JoinOutcome.DECLINED_RECENTLY:
        assert attempt.retry_at is not None
        text = html(
            _(
                "The coordinator of «{org}» declined your request recently. You can ask "
                "again from {date}."
            ),
            org=org.name,
            date=format_date(attempt.retry_at, person.locale, person.timezone),
        )
    else:
        text = html(
            _(
                "📨 Your request to join «{org}» was sent to its coordinator, who will see "
                "your Telegram name. You will get the answer here."
            ),
            org=org.name,
        )
    await message.answer(text)


async def answer_join(
    query: CallbackQuery,
    callback_data: JoinAnswer,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    if callback_data.action not in ("accept", "decline"):
        raise InvalidChoice(f"answer {callback_data.action!r}")
    accept = callback_data.action == "accept"
    decision = await services.membership.decide_join(
        person, callback_data.request_id, accept, services.now()
    )
    await remove_buttons(query)
    request, org = decision.request, decision.organization
    if decision.outcome is Outcome.GONE or request is None or org is None:
        await query.answer(_("This request no longer exists."), show_alert=True)
        return
    if decision.outcome is Outcome.ALREADY:
        await query.answer(_("This request was already answered."), show_alert=True)
        return
    await query.answer()
    who = request.display_name or _("The person")
    if accept:
        template = _("✅ {person} is now a member of «{org}».")
    else:
        template = _("✖ You declined {person}'s request to join «{org}».")
    await bot.send_message(person.id, html(template, person=who, org=org.name))


async def my_organization(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    orgs = await services.organizations.coordinated(person)
    if not orgs:
        pending = await services.organizations.pending_of(person)
        if pending:
            await message.answer(
                html(
                    _("Your application for «{org}» is still waiting for review."),
                    org=pending[0].name,
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
