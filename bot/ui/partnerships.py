"""Messages of the partnership double opt-in, and the partnerships screens of /myorg."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.organizations import (
    Organization,
    PartnershipsOf,
    PartnershipView,
    Proposal,
    ProposalOutcome,
)
from bot.domain.people import Contact
from bot.formatting import format_date
from bot.i18n import N_
from bot.ui.callbacks import PartnerAnswer
from bot.ui.cards import organization_card, person_link
from bot.ui.html import Markup, html, lines

CONSEQUENCES = N_(
    "If you accept, you and the proposing coordinator receive each other's "
    "contacts. If you decline, they are only told that you declined."
)


def _note(note: str | None, *, own: bool) -> list[str | Markup]:
    """The proposal's note, as its writer typed it (escaped), under a heading."""
    if not note:
        return []
    return ["", _("💬 Your note:") if own else _("💬 Their note:"), note]


def proposal_card(
    proposer: Organization, target: Organization, partnership_id: int, note: str | None = None
) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            html(_("🤝 <b>A partnership proposal for «{org}»</b>"), org=target.name),
            "",
            organization_card(proposer, contact=proposer.shown_contact),
            *_note(note, own=False),
            "",
            _(CONSEQUENCES),
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


def _contact_lines(partner: Organization, contact: Contact | None) -> list[str | Markup]:
    parts: list[str | Markup] = []
    if contact is not None:
        parts.append(html(_("Their coordinator: {person}"), person=person_link(contact)))
    if partner.public_contact:
        parts.append(_("Organization contact: {contact}").format(contact=partner.public_contact))
    if contact is None and not partner.public_contact:
        parts.append(_("Their coordinator has left the bot; no contact is available."))
    return parts


def contacts_message(partner: Organization, contact: Contact | None) -> Markup:
    """What one side receives about the other once both agreed."""
    return lines(
        [
            _("🤝 Partnership agreed with «{org}».").format(org=partner.name),
            *_contact_lines(partner, contact),
        ]
    )


def declined_message(partner: Organization) -> Markup:
    return html(_("«{org}» declined your partnership proposal."), org=partner.name)


# /orgs: proposing


def cannot_receive(target: Organization, person_id: int) -> Markup | str:
    """Why the directory card offers no proposal to `target` to someone who could propose
    ("" when it may receive one)."""
    if target.coordinator_id == person_id:
        return html(_("You coordinate «{org}» yourself."), org=target.name)
    if target.coordinator_id is None:
        return _(
            "This organization has no coordinator in the bot yet, so it cannot receive "
            "partnership proposals."
        )
    return ""


def proposal_outcome(result: Proposal, locale: str, zone: str) -> str:
    """What the proposer is told after sending, or instead of sending."""
    outcome = result.outcome
    if outcome is ProposalOutcome.SENT:
        return _("📨 Proposal sent. If they accept, you both receive each other's contacts.")
    if outcome is ProposalOutcome.EXISTS:
        return _("You have already proposed a partnership to this organization, or agreed one.")
    if outcome is ProposalOutcome.DECLINED_RECENTLY:
        assert result.retry_at is not None
        return _(
            "This organization declined your proposal recently. You can propose again from {date}."
        ).format(date=format_date(result.retry_at, locale, zone))
    if outcome is ProposalOutcome.NO_COORDINATOR:
        return _(
            "This organization has no coordinator in the bot yet, so it cannot receive "
            "partnership proposals."
        )
    if outcome is ProposalOutcome.OWN:
        return _(
            "You coordinate this organization yourself: a partnership is agreed between "
            "organizations with different coordinators."
        )
    return _("This organization is no longer in the directory.")


def answered_already(status: str) -> str:
    """Why a proposal can no longer be answered: withdrawn, or answered before."""
    if status == "withdrawn":
        return _("This proposal was withdrawn by the organization that made it.")
    return _("This proposal was already answered.")


# /start: proposals that may never have reached their coordinator as a message


def waiting_line(count: int) -> str:
    return ngettext(
        "🤝 You have {count} partnership proposal waiting for your answer.",
        "🤝 You have {count} partnership proposals waiting for your answer.",
        count,
    ).format(count=count)


def waiting_button() -> str:
    return _("🤝 Open the proposals")


# /myorg


def partnerships_button(waiting: int) -> str:
    if waiting:
        return _("🤝 Partnerships ({count} waiting)").format(count=waiting)
    return _("🤝 Partnerships")


def partnerships_summary(of: PartnershipsOf) -> Markup:
    parts: list[str | Markup] = [html(_("🤝 <b>Partnerships of «{org}»</b>"), org=of.org.name)]
    if not (of.incoming or of.outgoing or of.partners):
        parts.append(_("No proposals or partners yet. In /orgs you can propose a partnership."))
        return lines(parts)
    if of.incoming:
        parts.append(
            ngettext(
                "📥 {count} proposal waits for your answer.",
                "📥 {count} proposals wait for your answer.",
                len(of.incoming),
            ).format(count=len(of.incoming))
        )
    if of.outgoing:
        parts.append(
            ngettext(
                "📤 {count} proposal of yours waits for their answer.",
                "📤 {count} proposals of yours wait for their answer.",
                len(of.outgoing),
            ).format(count=len(of.outgoing))
        )
    if of.partners:
        parts.append(
            ngettext("🤝 {count} partner.", "🤝 {count} partners.", len(of.partners)).format(
                count=len(of.partners)
            )
        )
    return lines(parts)


def partnership_rows(of: PartnershipsOf) -> list[tuple[int, str]]:
    """(partnership id, button label): proposals to answer first, then one's own, then
    partners. Labels are plain text (Telegram shows them as they are)."""
    return [
        *((v.partnership.id, f"📥 {v.other.name}") for v in of.incoming),
        *((v.partnership.id, f"📤 {v.other.name}") for v in of.outgoing),
        *((v.partnership.id, f"🤝 {v.other.name}") for v in of.partners),
    ]


def partnership_detail(view: PartnershipView) -> Markup:
    """One proposal or partnership, as its organization's coordinator sees it. The other
    organization's private contact and coordinator only once both agreed."""
    other, status = view.other, view.partnership.status
    if status == "accepted":
        return lines(
            [
                html(_("🤝 <b>Partner of «{org}»</b>"), org=view.org.name),
                "",
                organization_card(other, contact=None),
                "",
                *_contact_lines(other, view.other_contact),
            ]
        )
    if view.incoming:
        return lines(
            [
                html(_("📥 <b>A partnership proposal for «{org}»</b>"), org=view.org.name),
                "",
                organization_card(other, contact=other.shown_contact),
                *_note(view.partnership.note, own=False),
                "",
                _(CONSEQUENCES),
            ]
        )
    return lines(
        [
            html(_("📤 <b>Your proposal to «{org}»</b> waits for their answer."), org=other.name),
            "",
            organization_card(other, contact=other.shown_contact),
            *_note(view.partnership.note, own=True),
        ]
    )
