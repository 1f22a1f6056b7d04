"""What the knowledge base shows: the consent questions to the member and the expert, where a
publication stands, and the published exchanges (no name, username, organization or request
number: the messages are labelled only «Question», «Member» and «Expert»). Pure rendering."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.faq import Case, Consent, Entry, Summary
from bot.formatting import format_number
from bot.services.text_input import one_line
from bot.ui.callbacks import FaqConsent
from bot.ui.countries import country_label
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.themes import theme_name

# An entry stays well under Telegram's 4,096 characters, with room for a line above it.
ENTRY_LIMIT = 3800
LABEL_LIMIT = 60


def _button(text: str, action: str, consultation_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text,
        callback_data=FaqConsent(action=action, consultation_id=consultation_id).pack(),
    )


def _consent_buttons(consultation_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(_("✅ Yes, publish without names"), "yes", consultation_id)],
            [_button(_("✖ No, keep it private"), "no", consultation_id)],
        ]
    )


def withdraw_button(consultation_id: int) -> InlineKeyboardButton:
    """«Withdraw my consent» for an exchange (any screen of its member or expert)."""
    return _button(_("↩️ Withdraw my consent"), "withdraw", consultation_id)


def _what_is_shown() -> str:
    return _(
        "Shown: the theme, the country, the question and the messages of the conversation, "
        "labelled only «Question», «Member» and «Expert», as they were written. Not shown: "
        "any name, username, organization or request number."
    )


def member_question(case: Case) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            html(
                _(
                    "📚 <b>Request #{number}: may your exchange help others?</b> With your "
                    "consent and the expert's, it is published in the knowledge base (/faq) "
                    "without names."
                ),
                number=case.consultation_id,
            ),
            "",
            _what_is_shown(),
            "",
            _(
                "You can withdraw your consent at any time: in /myrequests, or with "
                "«Withdraw my consent» in the entry in /faq."
            ),
        ]
    )
    return text, _consent_buttons(case.consultation_id)


def expert_question(case: Case) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            html(
                _(
                    "📚 <b>Request #{number}</b> ({theme}): the member agrees to publish your "
                    "exchange in the knowledge base (/faq) without names. May it be published?"
                ),
                number=case.consultation_id,
                theme=theme_name(case.theme),
            ),
            "",
            _what_is_shown(),
            "",
            _(
                "You can withdraw your consent at any time with «Withdraw my consent» in the "
                "entry in /faq."
            ),
        ]
    )
    return text, _consent_buttons(case.consultation_id)


def consent_outcome(consent: Consent) -> tuple[str, InlineKeyboardMarkup | None]:
    """Where the publication stands after one side's answer, for that side."""
    key = consent.case.consultation_id
    keep = InlineKeyboardMarkup(inline_keyboard=[[withdraw_button(key)]])
    if consent.mine is False:
        return _("✖ Understood: this exchange is not published."), None
    if consent.theirs is False:
        return _("This exchange is not published: the member and the expert must both agree."), None
    if consent.case.published:
        return _("✅ Thank you: the exchange is published in /faq, without names."), keep
    if consent.mine is True and consent.case.expert_id is not None:
        return _(
            "✅ Thank you. The expert is asked too: the exchange appears in /faq once they agree."
        ), keep
    return _("This exchange is not published: the member and the expert must both agree."), None


def withdrawn_text() -> str:
    return _("↩️ Your consent is withdrawn: the exchange is not in /faq.")


def all_themes_label(count: int, locale: str) -> str:
    return _("📚 All themes ({count})").format(count=format_number(count, locale))


def theme_label(theme: str, count: int, locale: str) -> str:
    return f"{theme_name(theme)} ({format_number(count, locale)})"


def result_label(summary: Summary) -> str:
    return shorten(one_line(summary.question), LABEL_LIMIT)


def _units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, room: int) -> str:
    """At most `room` UTF-16 units of `text`, ending with «…»."""
    cut = shorten(text, room)
    while _units(cut) > room and len(cut) > 1:
        cut = shorten(cut, len(cut) - (_units(cut) - room) - 1)
    return cut


def _label(text: str) -> Markup:
    return html("<b>{label}</b>", label=text)


def entry_text(entry: Entry, limit: int = ENTRY_LIMIT) -> Markup:
    """A published exchange: theme, country, the question and the messages, labelled by side
    only; shortened to stay within `limit` characters."""
    head = [
        html(_("📚 <b>Theme: {theme}</b>"), theme=theme_name(entry.theme)),
        _("Country: {country}").format(country=country_label(entry.country)),
    ]
    blocks: list[tuple[str, str]] = [(_("❓ Question"), entry.question)]
    for message in entry.messages:
        label = _("🧑‍🏫 Expert") if message.author == "expert" else _("💬 Member")
        body = message.body
        if message.file_kind is not None:
            attached = _("📎 A file was sent here; files are not published.")
            body = f"{body}\n{attached}" if body else attached
        blocks.append((label, body))
    shortened = _("✂️ The rest of this conversation is too long to show here.")
    parts: list[str | Markup] = list(head)
    used = sum(_units(p) + 1 for p in head)
    for n, (label, body) in enumerate(blocks):
        need = 1 + _units(label) + 1 + _units(body) + 1
        last = n == len(blocks) - 1
        reserve = 0 if last else _units(shortened) + 2
        if used + need + reserve <= limit:
            parts += ["", _label(label), body]
            used += need
            continue
        room = limit - used - (_units(label) + 3) - (_units(shortened) + 2)
        if room >= 40:
            parts += ["", _label(label), _cut(body, room)]
        parts += ["", shortened]
        break
    return lines(parts)
