"""Cards the admins review, the paged list of what waits, and the answers applicants
receive."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.experts import ExpertProfile
from bot.domain.moderation import Decided, PendingItem, PendingPage, Subject
from bot.domain.organizations import Organization, Outcome
from bot.domain.people import Contact
from bot.ui.callbacks import ExpertReview, OrgReview, PendingList, PendingOpen
from bot.ui.cards import expert_card, organization_card, person_link
from bot.ui.countries import country_label
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.themes import theme_name


def _review_buttons(approve: str, reject: str) -> list[list[InlineKeyboardButton]]:
    return [
        [
            InlineKeyboardButton(text=_("✅ Approve"), callback_data=approve),
            InlineKeyboardButton(text=_("✖ Reject"), callback_data=reject),
        ]
    ]


def org_review_text(org: Organization, applicant: Markup | str) -> Markup:
    consent = _("may be shown") if org.contact_consent else _("not to be shown")
    parts: list[str | Markup] = [
        html(_("🆕 <b>Organization to review</b>")),
        "",
        organization_card(org),
    ]
    if org.public_contact:
        parts.append(
            _("Contact: {contact} ({consent})").format(contact=org.public_contact, consent=consent)
        )
    parts += ["", html(_("Applicant: {person}"), person=applicant)]
    return lines(parts)


def org_review_card(
    org: Organization, applicant: Markup | str, back: list[list[InlineKeyboardButton]] = ()
) -> tuple[Markup, InlineKeyboardMarkup]:
    buttons = _review_buttons(
        OrgReview(action="approve", org_id=org.id).pack(),
        OrgReview(action="reject", org_id=org.id).pack(),
    )
    return org_review_text(org, applicant), InlineKeyboardMarkup(inline_keyboard=[*buttons, *back])


def expert_review_card(
    profile: ExpertProfile, applicant: Markup | str, back: list[list[InlineKeyboardButton]] = ()
) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            html(_("🆕 <b>Expert to review</b>")),
            html(_("Applicant: {person}"), person=applicant),
            "",
            expert_card(profile),
        ]
    )
    buttons = _review_buttons(
        ExpertReview(action="approve", user_id=profile.user_id).pack(),
        ExpertReview(action="reject", user_id=profile.user_id).pack(),
    )
    return text, InlineKeyboardMarkup(inline_keyboard=[*buttons, *back])


def _back_to_list(page: int) -> list[list[InlineKeyboardButton]]:
    return [
        [
            InlineKeyboardButton(
                text=_("« Back to the list"), callback_data=PendingList(page=page).pack()
            )
        ]
    ]


def decided_markup(back_page: int | None) -> InlineKeyboardMarkup | None:
    """A card once decided: no decision buttons; the way back if it was opened from the list."""
    if back_page is None:
        return None
    return InlineKeyboardMarkup(inline_keyboard=_back_to_list(back_page))


def reason_cancelled_text() -> Markup:
    """The reason question, once the admin cancelled it."""
    return html(_("Not rejected: the application still waits for your decision on its card."))


def applicant_mention(contact: Contact) -> Markup:
    return person_link(contact)


def decided_text(decided: Decided) -> str:
    """What the admin is told after a decision (plain text)."""
    if decided.outcome is Outcome.GONE:
        return _("This application no longer exists.")
    if decided.outcome is Outcome.ALREADY:
        return _("This application was already decided: {status}.").format(
            status=_("approved") if decided.approved else _("rejected")
        )
    if not decided.applicant_told:
        if decided.approved:
            return _(
                "✅ Approved. The applicant could not be told: they have left or blocked the bot."
            )
        return _("✖ Rejected. The applicant could not be told: they have left or blocked the bot.")
    if decided.approved:
        return _("✅ Approved. The applicant has been told.")
    return _("✖ Rejected. The applicant has been told the reason.")


def _item_label(item: PendingItem) -> str:
    if item.organization is not None:
        org = item.organization
        return shorten(f"🏢 {org.name} · {country_label(org.country)}", 60)
    assert item.expert is not None
    themes = "; ".join(theme_name(t) for t in item.expert.themes)
    return shorten(f"🧑‍🏫 {themes}", 60)


def pending_list(listing: PendingPage) -> tuple[Markup, InlineKeyboardMarkup | None]:
    """Everything waiting for review: one message, a page at a time, a button per item."""
    if listing.total == 0:
        return html(_("No application is waiting for review.")), None
    text = html(
        _("<b>Waiting for review</b>: {count} (page {page} of {pages})"),
        count=listing.total,
        page=listing.page + 1,
        pages=listing.pages,
    )
    rows = [
        [
            InlineKeyboardButton(
                text=_item_label(item),
                callback_data=PendingOpen(
                    subject=item.subject.value, id=item.id, page=listing.page
                ).pack(),
            )
        ]
        for item in listing.items
    ]
    nav = []
    if listing.page > 0:
        nav.append(
            InlineKeyboardButton(text="«", callback_data=PendingList(page=listing.page - 1).pack())
        )
    if listing.page + 1 < listing.pages:
        nav.append(
            InlineKeyboardButton(text="»", callback_data=PendingList(page=listing.page + 1).pack())
        )
    if nav:
        rows.append(nav)
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def pending_card(
    item: Organization | ExpertProfile, page: int
) -> tuple[Markup, InlineKeyboardMarkup]:
    """One application from the list, with its decision buttons and the way back."""
    back = _back_to_list(page)
    applicant = _("applicant")
    if isinstance(item, Organization):
        return org_review_card(item, applicant, back)
    return expert_review_card(item, applicant, back)


def subject_of(value: str) -> Subject:
    return Subject(value)


def org_outcome(org: Organization) -> Markup:
    if org.status == "approved":
        return html(
            _(
                "✅ «{name}» is approved and listed in the directory. You are its coordinator: "
                "/myorg gives you an invite link for your colleagues."
            ),
            name=org.name,
        )
    parts: list[str | Markup] = [
        _("Your application for «{name}» was not approved.").format(name=org.name)
    ]
    if org.reject_reason:
        parts.append(_("Reason: {reason}").format(reason=org.reject_reason))
    parts.append(_("You can correct it and apply again with /register."))
    return lines(parts)


def expert_approved() -> Markup:
    """An expert's welcome, after review or an admin's appointment."""
    return html(
        _(
            "✅ You are now an expert of the network. Consultation requests on your themes "
            "will come here; /expert lets you pause them."
        )
    )


def expert_outcome(profile: ExpertProfile) -> Markup:
    if profile.status == "approved":
        return expert_approved()
    parts: list[str | Markup] = [_("Your expert application was not approved.")]
    if profile.reject_reason:
        parts.append(_("Reason: {reason}").format(reason=profile.reject_reason))
    parts.append(_("You can correct it and apply again with /expert."))
    return lines(parts)
