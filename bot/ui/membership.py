"""Messages about joining an organization."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.organizations import Organization
from bot.ui.callbacks import JoinAnswer
from bot.ui.html import Markup, html


def join_request_card(
    org: Organization, request_id: int, name: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    text = html(
        _("🙋 {person} asks to join «{org}» through your invite link."), person=name, org=org.name
    )
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=_("✅ Accept"),
                    callback_data=JoinAnswer(action="accept", request_id=request_id).pack(),
                ),
                InlineKeyboardButton(
                    text=_("✖ Decline"),
                    callback_data=JoinAnswer(action="decline", request_id=request_id).pack(),
                ),
            ]
        ]
    )
    return text, markup


def join_outcome(org: Organization, accepted: bool) -> Markup:
    if accepted:
        return html(_("✅ You are now a member of «{org}»."), org=org.name)
    return html(_("The coordinator of «{org}» did not confirm your request."), org=org.name)


def new_coordinator(org: Organization) -> Markup:
    return html(
        _(
            "You are now the coordinator of «{org}»: its previous coordinator left the bot. "
            "/myorg shows its members and invite link."
        ),
        org=org.name,
    )
