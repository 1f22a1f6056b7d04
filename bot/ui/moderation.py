"""Cards the admins review, and the answers applicants receive (rendered in the reader's
locale by the Notifier)."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.repositories.experts import ExpertProfile
from bot.db.repositories.organizations import Organization
from bot.ui.callbacks import ExpertReview, OrgReview
from bot.ui.cards import expert_card, organization_card, person_link


def _review_buttons(approve: str, reject: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=_("✅ Approve"), callback_data=approve),
                InlineKeyboardButton(text=_("✖ Reject"), callback_data=reject),
            ]
        ]
    )


def org_review_text(org: Organization, applicant: str) -> str:
    consent = _("may be shown") if org.contact_consent else _("not to be shown")
    lines = [_("🆕 <b>Organization to review</b>"), "", organization_card(org)]
    if org.public_contact:
        lines.append(
            _("Contact: {contact} ({consent})").format(
                contact=escape(org.public_contact), consent=consent
            )
        )
    lines += ["", _("Applicant: {person}").format(person=applicant)]
    return "\n".join(lines)


def org_review_card(
    org: Organization, applicant_id: int, applicant_name: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    text = org_review_text(org, person_link(applicant_id, applicant_name))
    markup = _review_buttons(
        OrgReview(action="approve", org_id=org.id).pack(),
        OrgReview(action="reject", org_id=org.id).pack(),
    )
    return text, markup


def expert_review_card(
    profile: ExpertProfile, name: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    text = "\n".join(
        [
            _("🆕 <b>Expert to review</b>"),
            _("Applicant: {person}").format(person=person_link(profile.user_id, name)),
            "",
            expert_card(profile),
        ]
    )
    markup = _review_buttons(
        ExpertReview(action="approve", user_id=profile.user_id).pack(),
        ExpertReview(action="reject", user_id=profile.user_id).pack(),
    )
    return text, markup


def org_outcome(org: Organization) -> tuple[str, InlineKeyboardMarkup | None]:
    name = escape(org.name)
    if org.status == "approved":
        text = _(
            "✅ «{name}» is approved and listed in the directory. You are its coordinator: "
            "/myorg gives you an invite link for your colleagues."
        ).format(name=name)
    else:
        text = _("Your application for «{name}» was not approved.").format(name=name)
        if org.reject_reason:
            text += "\n" + _("Reason: {reason}").format(reason=escape(org.reject_reason))
        text += "\n" + _("You can correct it and apply again with /register.")
    return text, None


def expert_outcome(profile: ExpertProfile) -> tuple[str, InlineKeyboardMarkup | None]:
    if profile.status == "approved":
        text = _(
            "✅ You are now an expert of the network. Consultation requests on your themes "
            "will come here; /expert lets you pause them."
        )
    else:
        text = _("Your expert application was not approved.")
        if profile.reject_reason:
            text += "\n" + _("Reason: {reason}").format(reason=escape(profile.reject_reason))
        text += "\n" + _("You can correct it and apply again with /expert.")
    return text, None
