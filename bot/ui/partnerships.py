"""Messages of the partnership double opt-in (rendered in the reader's locale)."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.repositories.organizations import Organization
from bot.services.partnerships import Contact
from bot.ui.callbacks import PartnerAnswer
from bot.ui.cards import organization_card, person_link


def proposal_card(
    proposer: Organization, target: Organization, partnership_id: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    text = "\n".join(
        [
            _("🤝 <b>A partnership proposal for «{org}»</b>").format(org=escape(target.name)),
            "",
            organization_card(proposer, contact=proposer.shown_contact),
            "",
            _(
                "If you accept, you and the proposing coordinator receive each other's "
                "contacts. If you decline, they are only told that you declined."
            ),
        ]
    )
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=_("✅ Accept"),
                    callback_data=PartnerAnswer(
                        action="accept", partnership_id=partnership_id
                    ).pack(),
                ),
                InlineKeyboardButton(
                    text=_("✖ Decline"),
                    callback_data=PartnerAnswer(
                        action="decline", partnership_id=partnership_id
                    ).pack(),
                ),
            ]
        ]
    )
    return text, markup


def contacts_message(
    partner: Organization, contact: Contact | None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """What one side receives about the other once both agreed."""
    lines = [_("🤝 Partnership agreed with «{org}».").format(org=escape(partner.name))]
    if contact is not None:
        lines.append(
            _("Their coordinator: {person}").format(
                person=person_link(contact.user_id, contact.name, contact.username)
            )
        )
    if partner.public_contact:
        lines.append(
            _("Organization contact: {contact}").format(contact=escape(partner.public_contact))
        )
    if contact is None and not partner.public_contact:
        lines.append(_("Their coordinator has left the bot; no contact is available."))
    return "\n".join(lines), None


def declined_message(partner: Organization) -> tuple[str, InlineKeyboardMarkup | None]:
    return _("«{org}» declined your partnership proposal.").format(org=escape(partner.name)), None
