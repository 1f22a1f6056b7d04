"""What a poll looks like to the people it was sent to: the question, whether the organizer
sees who answered, one button per option (the chosen one marked, in the same message), a
rating's points, a multiple choice's ticks and «Done». Pure rendering."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.polls import AnswerRefused, Poll, Question, QuestionKind
from bot.formatting import format_datetime
from bot.ui.callbacks import PollAnswer
from bot.ui.html import Markup, html, lines

Keyboard = list[list[InlineKeyboardButton]]


def _privacy_line(poll: Poll) -> str:
    if poll.anonymous:
        return _(
            "🕶 Anonymous: nobody, not even the organizers, can see who answered what. An "
            "answer cannot be changed once given."
        )
    return _(
        "👤 Named: the organizer sees your name with your answer. You can change it "
        "until the poll closes."
    )


def _mask(chosen: tuple[int, ...]) -> int:
    return sum(1 << i for i in chosen)


def _choices_of(mask: int, width: int) -> tuple[int, ...]:
    return tuple(i for i in range(width) if mask & (1 << i))


def ticked(mask: int, question: Question) -> tuple[int, ...]:
    """The options a multiple choice's button says are ticked (those that exist)."""
    return _choices_of(mask, question.choices)


def _button(text: str, data: PollAnswer) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def question_buttons(
    poll: Poll, question: Question, chosen: tuple[int, ...], *, answered: bool = False
) -> InlineKeyboardMarkup:
    """The question's buttons, `chosen` marked. An anonymous poll's answered question has
    none left (it cannot be changed); a closed poll's none at all."""
    if not poll.is_open or (poll.anonymous and answered):
        return InlineKeyboardMarkup(inline_keyboard=[])
    base = {"poll_id": poll.id, "question": question.position}
    rows: Keyboard = []
    if question.kind == QuestionKind.RATING:
        points = [
            _button(
                ("✓ " if point - 1 in chosen else "") + str(point),
                PollAnswer(action="pick", option=point - 1, **base),
            )
            for point in range(1, question.choices + 1)
        ]
        rows = [points[i : i + 5] for i in range(0, len(points), 5)]
    elif question.kind == QuestionKind.SINGLE:
        rows = [
            [
                _button(
                    ("✓ " if i in chosen else "") + option,
                    PollAnswer(action="pick", option=i, **base),
                )
            ]
            for i, option in enumerate(question.options)
        ]
    elif question.kind == QuestionKind.MULTIPLE:
        mask = _mask(chosen)
        rows = [
            [
                _button(
                    ("☑️ " if i in chosen else "⬜ ") + option,
                    PollAnswer(action="toggle", option=i, mask=mask, **base),
                )
            ]
            for i, option in enumerate(question.options)
        ]
        rows.append([_button(_("✔️ Done"), PollAnswer(action="done", mask=mask, **base))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def question_card(
    poll: Poll,
    question: Question,
    chosen: tuple[int, ...],
    locale: str,
    timezone: str,
    *,
    answered: bool = False,
) -> tuple[Markup, InlineKeyboardMarkup]:
    """One question as its reader sees it, in the same message from the first tap to the
    last: the poll's title, "question 2 of 5", the question, who sees the answers, when it
    closes, and what the reader chose."""
    parts: list[str | Markup] = [html(_("📊 <b>{title}</b>"), title=poll.title)]
    if len(poll.questions) > 1:
        parts.append(
            _("Question {number} of {count}").format(
                number=question.position + 1, count=len(poll.questions)
            )
        )
        parts.append(html("<b>{text}</b>", text=question.text))
    elif question.text != poll.title:
        parts.append(html("<b>{text}</b>", text=question.text))
    if question.kind == QuestionKind.MULTIPLE:
        if question.max_choices:
            parts.append(
                _("Tick up to {count}, then press «Done».").format(count=question.max_choices)
            )
        else:
            parts.append(_("Tick all that apply, then press «Done»."))
    elif question.kind == QuestionKind.RATING:
        parts.append(_("1 is the lowest, {scale} the highest.").format(scale=question.choices))
    parts += ["", _privacy_line(poll)]
    if poll.is_open:
        parts.append(
            _("Open until {moment}.").format(
                moment=format_datetime(poll.closes_at, locale, timezone)
            )
        )
    else:
        parts.append(_("This poll is closed."))
    if answered and chosen:
        labels = [
            str(i + 1) if question.kind == QuestionKind.RATING else question.options[i]
            for i in chosen
        ]
        parts.append(html(_("✓ Your answer: {answer}"), answer=", ".join(labels)))
    return lines(parts), question_buttons(poll, question, chosen, answered=answered)


def reminder_card(
    poll: Poll, question: Question, locale: str, timezone: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    """Once before closing, to those who have not answered every question: the next
    question they owe, with its buttons."""
    text, markup = question_card(poll, question, (), locale, timezone)
    head = html(
        _("⏰ This poll closes {moment} and waits for your answer."),
        moment=format_datetime(poll.closes_at, locale, timezone),
    )
    return lines([head, "", text]), markup


def all_answered_text() -> str:
    return _("✅ Thank you: your answers are in.")


def refused_text(reason: AnswerRefused) -> str:
    if reason == AnswerRefused.CLOSED:
        return _("This poll is closed.")
    if reason == AnswerRefused.ANSWERED:
        return _("You have answered this already.")
    if reason == AnswerRefused.TOO_MANY:
        return _("That is more than this question allows.")
    if reason == AnswerRefused.NONE_CHOSEN:
        return _("Tick at least one option first.")
    return _("This button is no longer valid.")
