"""The organizer's /newpoll as they write it: the kinds of question, the questions so far,
what is wrong with a draft, and the preview of exactly what recipients will receive.
Pure rendering."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.events import Reach
from bot.domain.polls import (
    MAX_OPTION_LENGTH,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MAX_TITLE_LENGTH,
    MIN_ANONYMOUS_AUDIENCE,
    DraftQuestion,
    Poll,
    PollProblem,
    QuestionKind,
)
from bot.formatting import format_datetime, format_number
from bot.ui.audience import unreachable_lines
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.polls import question_card


def kind_label(kind: QuestionKind) -> str:
    return {
        QuestionKind.SINGLE: _("🔘 One choice"),
        QuestionKind.MULTIPLE: _("☑️ Several choices"),
        QuestionKind.RATING: _("⭐ Rating"),
        QuestionKind.TEXT: _("✍️ Free text"),
    }[kind]


def _question_line(number: int, question: DraftQuestion) -> Markup:
    if question.kind == QuestionKind.RATING:
        detail = _("1 to {scale}").format(scale=question.scale)
    elif question.kind == QuestionKind.TEXT:
        detail = ""
    else:
        detail = " / ".join(question.options)
        if question.other:
            detail += " / " + _("Other (write it)")
        if question.max_choices:
            detail += " · " + _("at most {count}").format(count=question.max_choices)
    return html(
        "{number}. {text} — {kind}{detail}",
        number=number,
        text=shorten(question.text, 120),
        kind=kind_label(question.kind),
        detail=f": {shorten(detail, 300)}" if detail else "",
    )


def questions_text(questions: Sequence[DraftQuestion]) -> Markup:
    if not questions:
        return html(_("No questions yet."))
    return lines([_question_line(i, q) for i, q in enumerate(questions, 1)])


def problem_text(problem: PollProblem, question: int | None = None) -> str:
    texts = {
        PollProblem.NO_QUESTION: _("Add at least one question."),
        PollProblem.FEW_OPTIONS: _("A choice needs at least two options."),
        PollProblem.MANY_OPTIONS: _("A choice can have at most {count} options.").format(
            count=MAX_OPTIONS
        ),
        PollProblem.SAME_OPTIONS: _("Two options read the same: please make each different."),
        PollProblem.LONG_OPTION: _(
            "An option is a button: at most {count} characters, please shorten it."
        ).format(count=MAX_OPTION_LENGTH),
        PollProblem.LONG_QUESTION: _("The question is too long: please shorten it."),
        PollProblem.EMPTY_TEXT: _("Please write it in words."),
        PollProblem.BAD_MAXIMUM: _("The maximum must be between 1 and the number of options."),
        PollProblem.BAD_SCALE: _("A rating goes from 1 to 5 or from 1 to 10."),
        PollProblem.CLOSES_IN_THE_PAST: _("That moment has passed: please choose a later one."),
        PollProblem.CLOSES_TOO_SOON: _("Give people at least an hour to answer."),
        PollProblem.CLOSES_TOO_LATE: _("A poll can stay open for at most 12 weeks."),
        PollProblem.NOBODY: _("Nobody in this audience can receive it: please widen the audience."),
        PollProblem.FEW_FOR_ANONYMOUS: _(
            "An anonymous poll needs at least {count} recipients: with fewer, the counts "
            "would show who answered what. Widen the audience or make it named."
        ).format(count=MIN_ANONYMOUS_AUDIENCE),
        PollProblem.LONG_TITLE: _("The title is too long: at most {count} characters.").format(
            count=MAX_TITLE_LENGTH
        ),
        PollProblem.MANY_QUESTIONS: _("A questionnaire can have at most {count} questions.").format(
            count=MAX_QUESTIONS
        ),
        PollProblem.BAD_OTHER: _("«Other» goes only with a choice."),
    }
    text = texts[problem]
    if question is not None:
        text = _("Question {number}: {problem}").format(number=question + 1, problem=text)
    return text


def reminder_label(hours: int) -> str:
    if not hours:
        return _("No reminder")
    return ngettext("{count} hour before closing", "{count} hours before closing", hours).format(
        count=hours
    )


def _buttons_line(markup: InlineKeyboardMarkup) -> str:
    labels = [button.text for row in markup.inline_keyboard for button in row]
    return _("Buttons under it: {buttons}").format(buttons=" · ".join(labels))


def preview_text(
    poll: Poll,
    reach: Reach,
    audience: str,
    remind_at: datetime | None,
    locale: str,
    timezone: str,
) -> Markup:
    """What the first question looks like to its readers, the rest listed, then the
    settings and how many people it goes to now."""
    card, markup = question_card(poll, poll.questions[0], (), locale, timezone)
    parts: list[str | Markup] = [
        html(_("👀 <b>Preview: recipients will receive exactly this.</b>")),
        "",
        card,
        _buttons_line(markup),
    ]
    if len(poll.questions) > 1:
        parts += [
            "",
            _("Then, one at a time:"),
            lines(
                [
                    _question_line(
                        q.position + 1,
                        DraftQuestion(q.kind, q.text, q.options, q.max_choices, q.scale, q.other),
                    )
                    for q in poll.questions[1:]
                ]
            ),
        ]
    count = len(reach.recipients)
    parts += [
        "",
        "———",
        _("Audience: {audience}").format(audience=audience),
        ngettext(
            "It will be sent to {count} person now.",
            "It will be sent to {count} people now.",
            count,
        ).format(count=format_number(count, locale)),
    ]
    if reach.organizer_included:
        parts.append(_("You are not counted: you do not receive your own poll."))
    parts += unreachable_lines(reach, locale)
    parts.append(
        _("Reminder to those who have not answered: {moment}.").format(
            moment=format_datetime(remind_at, locale, timezone)
        )
        if remind_at is not None
        else _("No reminder.")
    )
    parts.append(
        _("Respondents see the results after closing.")
        if poll.results_public
        else _("Only you see the results.")
    )
    return lines(parts)
