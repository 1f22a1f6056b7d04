"""What the consultation desk shows: the expert's card with Take, the relayed messages
with their Reply buttons, the asker's resolve and rating buttons. Pure rendering. An
anonymous request shows no name anywhere."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.consultations import (
    MAX_FILE_BYTES,
    MAX_QUESTION_FILES,
    Consultation,
    ContactShare,
    FileKind,
    FileProblem,
    Refused,
    Relayed,
    Side,
    ThreadMessage,
)
from bot.domain.people import Contact
from bot.formatting import format_number
from bot.locales import language_name
from bot.ui.callbacks import ConsultationAction
from bot.ui.cards import person_link
from bot.ui.countries import country_label
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.themes import theme_name


def _button(text: str, action: str, consultation: Consultation, value: int = 0):  # type: ignore[no-untyped-def]
    return InlineKeyboardButton(
        text=text,
        callback_data=ConsultationAction(
            action=action, consultation_id=consultation.id, value=value
        ).pack(),
    )


def number(consultation: Consultation) -> str:
    return _("Request #{number}").format(number=consultation.id)


def asker_line(consultation: Consultation) -> str:
    if consultation.anonymous or not consultation.asker_name:
        return _("Asked anonymously.")
    return _("Asked by {name}.").format(name=consultation.asker_name)


def request_text(consultation: Consultation) -> Markup:
    """The request as an expert reads it."""
    return lines(
        [
            html(_("🧑‍🏫 <b>{number}</b>: a consultation request"), number=number(consultation)),
            _("Theme: {theme}").format(theme=theme_name(consultation.theme)),
            _("Country: {country}").format(country=country_label(consultation.country)),
            _("Answer in: {language}").format(language=language_name(consultation.language)),
            asker_line(consultation),
            "",
            consultation.question,
        ]
    )


def _files_line(consultation: Consultation) -> list[str]:
    if not consultation.files:
        return []
    return [
        "",
        ngettext(
            "📎 {count} photo or document comes with it: you receive it once you take it.",
            "📎 {count} photos or documents come with it: you receive them once you take it.",
            consultation.files,
        ).format(count=consultation.files),
    ]


def offer_card(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            request_text(consultation),
            *_files_line(consultation),
            "",
            _("The first expert to take it answers it."),
        ]
    )
    markup = InlineKeyboardMarkup(inline_keyboard=[[_button(_("✋ Take"), "take", consultation)]])
    return text, markup


def offer_taken(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines([request_text(consultation), "", _("✔️ Another expert has taken it.")])
    return text, InlineKeyboardMarkup(inline_keyboard=[])


def _assign_markup(consultation: Consultation) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(_("👤 Offer it to an expert"), "assign_list", consultation)]]
    )


def unmatched_notice(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            request_text(consultation),
            "",
            _(
                "⚠️ No available expert matches this request's theme, country and language. "
                "Please find one and ask them to take it."
            ),
        ]
    )
    return text, _assign_markup(consultation)


EXPERTS_PER_PAGE = 8


def _expert_page(
    consultation: Consultation, bios: dict[int, str], action: str, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of experts, one button each, labelled with what they wrote about themselves,
    with « » to the other pages (`action` + "_page"); and "(page n of m)" for the text."""
    items = list(bios.items())
    pages = max(1, -(-len(items) // EXPERTS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    start = page * EXPERTS_PER_PAGE
    rows = [
        [_button(shorten(bio or _("Expert"), 60), action, consultation, uid)]
        for uid, bio in items[start : start + EXPERTS_PER_PAGE]
    ]
    nav = []
    if page > 0:
        nav.append(_button("«", f"{action}_page", consultation, page - 1))
    if page + 1 < pages:
        nav.append(_button("»", f"{action}_page", consultation, page + 1))
    if nav:
        rows.append(nav)
    of_pages = (
        " " + _("(page {page} of {pages})").format(page=page + 1, pages=pages) if pages > 1 else ""
    )
    return of_pages, InlineKeyboardMarkup(inline_keyboard=rows)


def assign_choices(
    consultation: Consultation, bios: dict[int, str], page: int = 0
) -> tuple[Markup, InlineKeyboardMarkup]:
    if not bios:
        return html(_("There is no available expert yet.")), InlineKeyboardMarkup(
            inline_keyboard=[]
        )
    of_pages, markup = _expert_page(consultation, bios, "assign", page)
    text = html(
        _("👤 To which expert do you offer request #{number}? As they describe themselves:"),
        number=consultation.id,
    )
    return text + of_pages, markup


def assigned_card(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    """For the expert an organizer chose."""
    text = lines(
        [
            request_text(consultation),
            *_files_line(consultation),
            "",
            _("An organizer asks you to take this request: no expert's profile matched it."),
        ]
    )
    markup = InlineKeyboardMarkup(inline_keyboard=[[_button(_("✋ Take"), "take", consultation)]])
    return text, markup


def offered_text(consultation: Consultation) -> str:
    return _("👤 Request #{number} is offered to the expert you chose.").format(
        number=consultation.id
    )


def taken_by_you(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            request_text(consultation),
            "",
            _("✅ You took it. Write your answer with «Reply»: the bot passes it on."),
        ]
    )
    return text, expert_markup(consultation)


def expert_markup(consultation: Consultation) -> InlineKeyboardMarkup:
    """The expert's thread card: reply, give it back, or pass it to a colleague."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(_("↩️ Reply"), "reply", consultation)],
            [
                _button(_("🔁 Give back"), "back", consultation),
                _button(_("➡️ Pass on"), "pass", consultation),
            ],
            [_contact_button(consultation)],
        ]
    )


def take_reminder(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            html(
                _("⏰ Nobody has taken request #{number} yet. Can you?"),
                number=consultation.id,
            ),
            "",
            request_text(consultation),
            *_files_line(consultation),
        ]
    )
    markup = InlineKeyboardMarkup(inline_keyboard=[[_button(_("✋ Take"), "take", consultation)]])
    return text, markup


def alert_notice(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    return _alert_text(consultation), _assign_markup(consultation)


def _alert_text(consultation: Consultation) -> Markup:
    return lines(
        [
            html(
                _(
                    "⚠️ Nobody has taken request #{number} yet, though the experts were "
                    "reminded. Please find an expert and ask them to take it."
                ),
                number=consultation.id,
            ),
            "",
            request_text(consultation),
        ]
    )


def answer_reminder(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = html(
        _(
            "⏰ Request #{number} waits for your answer. Please reply, or give it back so "
            "another expert can take it."
        ),
        number=consultation.id,
    )
    return text, expert_markup(consultation)


def back_in_queue(consultation: Consultation) -> Markup:
    return html(
        _(
            "🔁 Your request #{number} is back in the queue: its expert could not answer. "
            "Other experts are offered it now."
        ),
        number=consultation.id,
    )


def taken_away(consultation: Consultation) -> Markup:
    return html(
        _("🔁 Request #{number} went back to the queue: it had no answer in time."),
        number=consultation.id,
    )


def expert_left(consultation: Consultation) -> Markup:
    return html(
        _(
            "🔁 The expert who had your request #{number} has left the bot. The request is "
            "back in the queue and other experts are offered it; what they wrote stays in "
            "your thread."
        ),
        number=consultation.id,
    )


def file_marker(kind: str | None) -> str:
    """What stands for a photo or a document where a text shows the thread."""
    if kind is None:
        return ""
    return _("📷 Photo") if kind == FileKind.PHOTO else _("📄 Document")


def passed_notice(
    consultation: Consultation, thread: list[ThreadMessage], reader: Side
) -> tuple[Markup, InlineKeyboardMarkup]:
    """For the expert it was passed to (the thread so far) and for the asker (told that
    another expert answers now): each sees the buttons of their side."""
    parts: list[str | Markup] = [
        html(
            _("➡️ Request #{number} was passed to another expert, who answers it from now on."),
            number=consultation.id,
        ),
        "",
        request_text(consultation),
    ]
    for message in thread[-10:]:
        who = _("The member:") if message.author == Side.ASKER else _("The expert:")
        marker = file_marker(message.file.kind if message.file else None)
        body = " ".join(filter(None, (marker, shorten(message.body, 300))))
        parts += ["", html("<b>{who}</b> {body}", who=who, body=body)]
    text = lines(parts)
    if len(text) > 3800:
        text = lines(parts[:3])
    if reader == Side.EXPERT:
        return text, expert_markup(consultation)
    return text, _reply_markup(consultation, Side.ASKER)


def pass_choices(
    consultation: Consultation, bios: dict[int, str], page: int = 0
) -> tuple[Markup, InlineKeyboardMarkup]:
    if not bios:
        text = html(
            _("No other available expert matches request #{number}. You can give it back."),
            number=consultation.id,
        )
        return text, InlineKeyboardMarkup(inline_keyboard=[])
    of_pages, markup = _expert_page(consultation, bios, "pass_to", page)
    text = html(
        _("➡️ To whom do you pass request #{number}? The experts as they describe themselves:"),
        number=consultation.id,
    )
    return text + of_pages, markup


def passed_text(consultation: Consultation) -> str:
    return _("➡️ Request #{number} is passed on. Thank you.").format(number=consultation.id)


def given_back_text(consultation: Consultation) -> str:
    return _("🔁 Request #{number} is back in the queue.").format(number=consultation.id)


def taken_notice(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = html(
        _("🧑‍🏫 An expert has taken your request #{number}. Their answer will come here."),
        number=consultation.id,
    )
    if consultation.anonymous:
        text = lines([text, "", anonymous_files_note()])
    return text, _reply_markup(consultation, Side.ASKER)


def anonymous_files_note() -> str:
    return _(
        "🕶 Your request is anonymous. Photos go without their hidden data; a document "
        "keeps its file name and its properties (often the author's name): check them "
        "before sending."
    )


def _reply_markup(consultation: Consultation, reader: Side) -> InlineKeyboardMarkup:
    rows = [[_button(_("↩️ Reply"), "reply", consultation)]]
    if reader == Side.ASKER:
        rows.append(
            [_button(_("✅ Resolved"), "resolve", consultation), _contact_button(consultation)]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _contact_button(consultation: Consultation) -> InlineKeyboardButton:
    return _button(_("🤝 Exchange contacts"), "contact", consultation)


def contact_asked(consultation: Consultation, by: Side) -> tuple[Markup, InlineKeyboardMarkup]:
    """For the other side: nothing of theirs is shared unless they agree too."""
    if by == Side.EXPERT:
        text = _(
            "🤝 The expert of your request #{number} offers to exchange Telegram contacts, "
            "to talk directly. Nothing of yours is shared unless you agree too."
        )
        markup = _reply_markup(consultation, Side.ASKER)
    else:
        text = _(
            "🤝 The member who asked request #{number} offers to exchange Telegram "
            "contacts, to talk directly. Nothing of yours is shared unless you agree too."
        )
        markup = expert_markup(consultation)
    return html(text, number=consultation.id), markup


def contact_token(consultation: Consultation) -> int:
    """What an anonymous asker's «Yes» is for: the expert of this turn (passed on or taken
    again, it asks again). Never 0, the plain button's value."""
    return consultation.expert_turn


def anonymous_contact_question(consultation: Consultation) -> tuple[str, InlineKeyboardMarkup]:
    """An anonymous asker is told what exchanging contacts gives away, before it does."""
    text = _(
        "Your request #{number} is anonymous. Exchanging contacts shows the expert your "
        "Telegram name and account. Go on?"
    ).format(number=consultation.id)
    row = [
        _button(
            _("🤝 Yes, exchange contacts"), "contact", consultation, contact_token(consultation)
        )
    ]
    return text, InlineKeyboardMarkup(inline_keyboard=[row])


def contact_share_text(share: ContactShare) -> str:
    """What the side that agreed is told."""
    if share == ContactShare.ASKED:
        return _("🤝 Asked. Your contact is sent only if the other side agrees too.")
    if share == ContactShare.WAITING:
        return _("You have agreed already: the other side has not answered yet.")
    if share == ContactShare.DONE:
        return _("Your contacts are exchanged already.")
    return _("🤝 Contacts exchanged: you receive theirs in a message here.")


def contacts_notice(
    consultation: Consultation, other: Contact, reader: Side
) -> tuple[Markup, InlineKeyboardMarkup]:
    """Each side's message once both agreed: the other's contact."""
    if reader == Side.ASKER:
        text = _("🤝 Request #{number}: you both agreed to talk directly. The expert: {contact}")
    else:
        text = _("🤝 Request #{number}: you both agreed to talk directly. The member: {contact}")
    body = html(text, number=consultation.id, contact=person_link(other))
    markup = (
        _reply_markup(consultation, Side.ASKER)
        if reader == Side.ASKER
        else expert_markup(consultation)
    )
    return body, markup


def relayed_message(
    consultation: Consultation, author: Side, body: str, reader: Side | None = None
) -> tuple[Markup, InlineKeyboardMarkup]:
    """A message of one side (its text, or a file's caption) as `reader` reads it: the other
    side, unless an expert is given the files of a thread they now hold. The reader's
    buttons come with it."""
    reader = reader or (Side.ASKER if author == Side.EXPERT else Side.EXPERT)
    if author == Side.EXPERT:
        head = html(_("💬 <b>Request #{number}</b>, the expert:"), number=consultation.id)
    else:
        head = html(_("💬 <b>Request #{number}</b>, the member:"), number=consultation.id)
    text = lines([head, body]) if body else head
    if reader == Side.ASKER:
        return text, _reply_markup(consultation, Side.ASKER)
    return text, expert_markup(consultation)


def reply_prompt(consultation: Consultation) -> Markup:
    return html(
        _("✍️ Write your message for request #{number}. Or send /cancel."),
        number=consultation.id,
    )


def sent_text(relayed: Relayed) -> str:
    if not relayed.reached and relayed.side == Side.ASKER:
        return _(
            "✓ Kept in the thread, but the expert has blocked the bot and cannot read it now. "
            "You can give the request time, or mark it resolved and ask again."
        )
    if not relayed.reached:
        return _("✓ Kept in the thread, but the member has blocked the bot and cannot read it now.")
    if relayed.side == Side.ASKER:
        return _("✓ Sent to the expert.")
    return _("✓ Sent to the member.")


def file_refused_text(problem: FileProblem, locale: str) -> str:
    """Why a file is not passed on (nothing was sent)."""
    if problem == FileProblem.FILE_TYPE:
        return _(
            "This kind of file is not passed on. Send a PDF, a Word, Excel or PowerPoint file "
            "(or their OpenDocument twins), a text or CSV file, or a picture."
        )
    if problem == FileProblem.PICTURE_AS_FILE:
        return _(
            "Please send the picture as a photo, not as a file: Telegram then removes its "
            "hidden data, such as the place it was taken, and it loads faster."
        )
    if problem == FileProblem.TOO_BIG:
        return _("This file is too big: at most {size} MB, please.").format(
            size=format_number(MAX_FILE_BYTES // (1024 * 1024), locale)
        )
    if problem == FileProblem.TOO_MANY:
        return _("That is enough files: at most {count} with a question.").format(
            count=format_number(MAX_QUESTION_FILES, locale)
        )
    return _(
        "Only text, photos and documents are passed on. Voice messages, videos and "
        "stickers are not."
    )


def files_step_hint() -> str:
    return _("Your question is written. Send photos or documents here, or press «Continue».")


def rating_question(consultation: Consultation) -> tuple[Markup, InlineKeyboardMarkup]:
    text = html(
        _(
            "✅ Request #{number} is resolved. How helpful was the answer? 1 is poor, 5 is "
            "excellent."
        ),
        number=consultation.id,
    )
    row = [_button(str(n), "rate", consultation, n) for n in range(1, 6)]
    return text, InlineKeyboardMarkup(inline_keyboard=[row])


def thanks_for_rating(consultation: Consultation) -> tuple[str, InlineKeyboardMarkup]:
    """After the rating: a comment can follow (the rating can be changed from the rating
    question, until another message replaces it)."""
    text = _("Thank you: you rated request #{number} {rating} of 5.").format(
        number=consultation.id, rating=consultation.rating
    )
    label = _("💬 Change the comment") if consultation.rating_comment else _("💬 Add a comment")
    markup = InlineKeyboardMarkup(inline_keyboard=[[_button(label, "comment", consultation)]])
    return text, markup


def commented_text(consultation: Consultation) -> str:
    return _("Thank you: the expert reads your comment on request #{number}.").format(
        number=consultation.id
    )


def resolved_notice(consultation: Consultation) -> Markup:
    return html(
        _("✅ The member marked request #{number} as resolved. Thank you for your answer."),
        number=consultation.id,
    )


def rated_notice(consultation: Consultation) -> Markup:
    rated = html(
        _("⭐ Request #{number} was rated {rating} of 5."),
        number=consultation.id,
        rating=consultation.rating,
    )
    if not consultation.rating_comment:
        return rated
    comment = html(_("The member's comment: {comment}"), comment=consultation.rating_comment)
    return lines([rated, comment])


def asked_text(consultation: Consultation, experts: int) -> Markup:
    if experts:
        return html(
            _(
                "📨 Sent: request #{number}. Matching experts have it; the first to take it "
                "answers you here."
            ),
            number=consultation.id,
        )
    return html(
        _(
            "📨 Sent: request #{number}. No available expert matches it yet: the organizers "
            "are told and will find one."
        ),
        number=consultation.id,
    )


def refused_text(reason: Refused) -> str:
    """Plain text (for alerts)."""
    return {
        Refused.GONE: _("This request no longer exists."),
        Refused.TAKEN: _("Another expert has already taken this request."),
        Refused.NOT_OPEN: _("This request is closed."),
        Refused.NOT_MATCHING: _(
            "This request is not for you: your expert profile does not match it, or your "
            "requests are paused."
        ),
        Refused.TOO_MANY: _(
            "You already have 3 open requests. Please mark one as resolved before asking again."
        ),
    }[reason]
