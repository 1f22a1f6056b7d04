"""Messages about joining an organization (rendered in the reader's locale)."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.repositories.organizations import Organization
from bot.ui.callbacks import JoinAnswer


def join_request_card(
    org: Organization, request_id: int, name: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    text = _("🙋 {person} asks to join «{org}» through your invite link.").format(
        person=escape(name), org=escape(org.name)
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


def join_outcome(org: Organization, accepted: bool) -> tuple[str, InlineKeyboardMarkup | None]:
    if accepted:
        text = _("✅ You are now a member of «{org}».").format(org=escape(org.name))
    else:
        text = _("The coordinator of «{org}» did not confirm your request.").format(
            org=escape(org.name)
        )
    return text, None
