"""What a poll looks like to the people it was sent to: the question, whether the organizer
sees who answered, one button per option (the chosen one marked, in the same message), a
rating's points, a multiple choice's ticks and «Done». Pure rendering."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.polls import MAX_ANSWER_LENGTH, AnswerRefused, Poll, Question, QuestionKind
from bot.formatting import format_datetime, format_number
from bot.ui.callbacks import PollAnswer
from bot.ui.html import Markup, html, lines, shorten

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


def option_labels(question: Question) -> list[str]:
    """What each choice of the question is called: its options (and «Other»), or a
    rating's points."""
    if question.kind == QuestionKind.RATING:
        return [str(point) for point in range(1, question.choices + 1)]
    return [*question.options, *([_("✍️ Other (write it)")] if question.other else [])]


def _answer_label(question: Question, chosen: tuple[int, ...], written: str | None) -> str:
    labels = option_labels(question)
    parts = []
    for i in chosen:
        if i == question.other_index and written:
            parts.append(_("Other: {text}").format(text=written))
        elif 0 <= i < len(labels):
            parts.append(labels[i])
    if question.kind == QuestionKind.TEXT and written:
        parts.append(written)
    return ", ".join(parts)


def question_buttons(
    poll: Poll, question: Question, chosen: tuple[int, ...], *, answered: bool = False
) -> InlineKeyboardMarkup:
    """The question's buttons, `chosen` marked. An anonymous poll's answered question has
    none left (it cannot be changed); a closed poll's none at all."""
    if not poll.is_open or (poll.anonymous and answered):
        return InlineKeyboardMarkup(inline_keyboard=[])
    base = {"poll_id": poll.id, "question": question.position}
    rows: Keyboard = []
    labels = option_labels(question)
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
                    ("✓ " if i in chosen else "") + label,
                    PollAnswer(
                        action="write" if i == question.other_index else "pick",
                        option=i,
                        **base,
                    ),
                )
            ]
            for i, label in enumerate(labels)
        ]
    elif question.kind == QuestionKind.MULTIPLE:
        mask = _mask(chosen)
        rows = [
            [
                _button(
                    ("☑️ " if i in chosen else "⬜ ") + label,
                    PollAnswer(action="toggle", option=i, mask=mask, **base),
                )
            ]
            for i, label in enumerate(labels)
        ]
        rows.append([_button(_("✔️ Done"), PollAnswer(action="done", mask=mask, **base))])
    elif question.kind == QuestionKind.TEXT:
        label = _("✍️ Change your answer") if answered else _("✍️ Write your answer")
        rows = [[_button(label, PollAnswer(action="write", **base))]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def question_card(
    poll: Poll,
    question: Question,
    chosen: tuple[int, ...],
    locale: str,
    timezone: str,
    *,
    answered: bool = False,
    written: str | None = None,
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
    elif question.kind == QuestionKind.TEXT and not answered:
        parts.append(_("Tap «Write your answer», then send it as a message."))
    parts += ["", _privacy_line(poll)]
    if poll.is_open:
        parts.append(
            _("Open until {moment}.").format(
                moment=format_datetime(poll.closes_at, locale, timezone)
            )
        )
    else:
        parts.append(_("This poll is closed."))
    answer = _answer_label(question, chosen, written) if answered else ""
    if answer:
        parts.append(html(_("✓ Your answer: {answer}"), answer=shorten(answer, 600)))
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


def write_prompt(poll: Poll, question: Question, locale: str) -> Markup:
    """The typing step: the question again, and what to send."""
    parts: list[str | Markup] = [html(_("📊 <b>{title}</b>"), title=poll.title)]
    if question.text != poll.title:
        parts.append(html("<b>{text}</b>", text=question.text))
    if question.kind == QuestionKind.TEXT:
        prompt = _("Send your answer as a message (up to {count} characters).")
    else:
        prompt = _("Send your «Other» answer as a message (up to {count} characters).")
    parts.append(prompt.format(count=format_number(MAX_ANSWER_LENGTH, locale)))
    parts.append(_privacy_line(poll))
    return lines(parts)


def all_answered_text() -> str:
    return _("✅ Thank you: your answers are in.")


def next_question_text(number: int, count: int) -> str:
    return _(
        "✓ Saved. Question {number} of {count} is waiting in the poll's message (tap the "
        "quote to go to it)."
    ).format(number=number, count=count)


def tick_again_text() -> str:
    return _("The bot restarted while you were writing: please tap your choice again.")


def resumed_text() -> str:
    return _("The next question is on its way below.")


def changed_text() -> str:
    return _("✓ Saved: your answer is changed.")


def refused_text(reason: AnswerRefused) -> str:
    if reason == AnswerRefused.CLOSED:
        return _("This poll is closed.")
    if reason == AnswerRefused.ANSWERED:
        return _("You have answered this already.")
    if reason == AnswerRefused.TOO_MANY:
        return _("That is more than this question allows.")
    if reason == AnswerRefused.NONE_CHOSEN:
        return _("Tick at least one option first.")
    if reason == AnswerRefused.NO_TEXT:
        return _("Please write your answer in words.")
    return _("This button is no longer valid.")
