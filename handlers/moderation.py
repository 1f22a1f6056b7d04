"""Admins' Approve / Reject buttons on application cards. The role is checked by the
services on every press: the buttons' data comes from the client."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.roles import Role
from bot.services.access import require
from bot.services.people import Person
from bot.ui.callbacks import ExpertReview, OrgReview
from bot.ui.decisions import decide_expert, decide_organization
from bot.ui.moderation import expert_review_card, org_review_card
from dialogs.moderation.states import Moderation


def make_router() -> Router:
    router = Router(name="moderation")
    router.callback_query.register(review_organization, OrgReview.filter())
    router.callback_query.register(review_expert, ExpertReview.filter())
    router.message.register(pending, Command("pending"), F.chat.type == "private")
    return router


async def _close_card(query: CallbackQuery) -> None:
    if query.message is not None:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)  # type: ignore[union-attr]


async def review_organization(
    query: CallbackQuery,
    callback_data: OrgReview,
    person: Person,
    dialog_manager: DialogManager,
    **data: Any,
) -> None:
    require(person, Role.ADMIN, "moderate organization")
    await _review(
        query, callback_data.action, "org", callback_data.org_id, person, dialog_manager, data
    )


async def review_expert(
    query: CallbackQuery,
    callback_data: ExpertReview,
    person: Person,
    dialog_manager: DialogManager,
    **data: Any,
) -> None:
    require(person, Role.ADMIN, "moderate expert")
    await _review(
        query, callback_data.action, "expert", callback_data.user_id, person, dialog_manager, data
    )


async def _review(
    query: CallbackQuery,
    action: str,
    target: str,
    object_id: int,
    person: Person,
    manager: DialogManager,
    data: dict[str, Any],
) -> None:
    """Reject asks the reason first; approve decides at once."""
    if action == "reject":
        await _ask_reason(query, manager, target, object_id, data, person)
        return
    decide = decide_organization if target == "org" else decide_expert
    text = await decide({**data, "person": person}, person, object_id, True, None, data["clock"]())
    await query.answer()
    await _close_card(query)
    await query.bot.send_message(person.id, text)  # type: ignore[union-attr]


async def _ask_reason(
    query: CallbackQuery,
    manager: DialogManager,
    target: str,
    object_id: int,
    data: dict[str, Any],
    person: Person,
) -> None:
    still_pending = (
        await data["organizations"].get(object_id)
        if target == "org"
        else await data["experts"].profile(object_id)
    )
    await query.answer()
    if still_pending is None or still_pending.status != "pending":
        await _close_card(query)
        text = (
            _("This application no longer exists.")
            if still_pending is None
            else _("This application was already decided: {status}.").format(
                status=_("approved") if still_pending.status == "approved" else _("rejected")
            )
        )
        await query.bot.send_message(person.id, text)  # type: ignore[union-attr]
        return
    await manager.start(
        Moderation.reason,
        data={"target": target, "id": object_id},
        mode=StartMode.NORMAL,
        show_mode=ShowMode.SEND,
    )


async def pending(message: Message, person: Person, **data: Any) -> None:
    """Every application still waiting, as cards (when the first ones were lost)."""
    orgs = await data["organizations"].pending_review(person)
    experts = await data["experts"].pending_review(person)
    if not orgs and not experts:
        await message.answer(_("No application is waiting for review."))
        return
    for org in orgs:
        text, markup = org_review_card(org, org.coordinator_id or 0, _("applicant"))
        await message.answer(text, reply_markup=markup)
    for profile in experts:
        text, markup = expert_review_card(profile, _("applicant"))
        await message.answer(text, reply_markup=markup)
