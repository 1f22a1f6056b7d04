"""Messages of the partnership double opt-in."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.organizations import Organization
from bot.domain.people import Contact
from bot.ui.callbacks import PartnerAnswer
from bot.ui.cards import organization_card, person_link
from bot.ui.html import Markup, html, lines


def proposal_card(
    proposer: Organization, target: Organization, partnership_id: int
) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            html(_("🤝 <b>A partnership proposal for «{org}»</b>"), org=target.name),
            "",
            organization_card(proposer, contact=proposer.shown_contact),
            "",
            _(
                "If you accept, you and the proposing coordinator receive each other's "
                "contacts. If you decline, they are only told that you declined."
            ),
        ]
    )

    def button(text: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text,
            callback_data=PartnerAnswer(action=action, partnership_id=partnership_id).pack(),
        )

    markup = InlineKeyboardMarkup(
        inline_keyboard=[[button(_("✅ Accept"), "accept"), button(_("✖ Decline"), "decline")]]
    )
    return text, markup


def contacts_message(partner: Organization, contact: Contact | None) -> Markup:
    """What one side receives about the other once both agreed."""
    parts: list[str | Markup] = [_("🤝 Partnership agreed with «{org}».").format(org=partner.name)]
    if contact is not None:
        parts.append(html(_("Their coordinator: {person}"), person=person_link(contact)))
    if partner.public_contact:
        parts.append(_("Organization contact: {contact}").format(contact=partner.public_contact))
    if contact is None and not partner.public_contact:
        parts.append(_("Their coordinator has left the bot; no contact is available."))
    return lines(parts)


def declined_message(partner: Organization) -> Markup:
    return html(_("«{org}» declined your partnership proposal."), org=partner.name)
