"""An organizer's /polls: their polls newest first, and each one's results question by
question, as the survey prints them, with its chart. Pure rendering."""

from __future__ import annotations

from fractions import Fraction

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.consultation_reports import Page
from bot.domain.poll_results import WHOLE, ChoiceTable, largest_remainder
from bot.domain.polls import (
    Breakdown,
    Dimension,
    NamedResponse,
    Poll,
    PollLine,
    PollResults,
    Question,
    QuestionKind,
    QuestionResults,
)
from bot.formatting import format_datetime, format_number, format_share
from bot.ui.callbacks import PollView
from bot.ui.countries import COUNTRY_NAMES, country_label
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.organizations import kind_name as org_kind_name
from bot.ui.poll_chart import Bar
from bot.ui.poll_results import choice_table_text, one_decimal, rating_text
from bot.ui.themes import theme_name

Keyboard = list[list[InlineKeyboardButton]]


def _button(text: str, data: PollView) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=shorten(text, 60), callback_data=data.pack())


def _state(line_closed: bool) -> str:
    return "⏹" if line_closed else "🟢"


def polls_screen(
    waiting: list[tuple[Poll, Question]],
    page: Page[PollLine] | None,
    locale: str,
    timezone: str,
) -> tuple[Markup, InlineKeyboardMarkup]:
    """/polls: the polls waiting for the person's answers (a questionnaire resumes where
    they left it); for an organizer, then their own polls, a page of them."""
    parts: list[str | Markup] = []
    rows: Keyboard = []
    if waiting:
        parts.append(html(_("🗳 <b>Waiting for your answer</b>: {count}"), count=len(waiting)))
        for poll, question in waiting:
            step = (
                _("question {number} of {count}").format(
                    number=question.position + 1, count=len(poll.questions)
                )
                if len(poll.questions) > 1
                else ""
            )
            parts.append(
                html(
                    _("▶️ {title} · until {moment}"),
                    title=shorten(poll.title, 60),
                    moment=format_datetime(poll.closes_at, locale, timezone),
                )
                + (html(" · {step}", step=step) if step else "")
            )
            rows.append([_button(f"▶️ {poll.title}", PollView(action="resume", poll_id=poll.id))])
    elif page is None or not page.total:
        parts.append(html(_("No poll is waiting for your answer.")))
    if page is not None:
        if parts:
            parts.append("")
        own, own_rows = polls_list(page, locale, timezone)
        parts.append(own)
        rows += own_rows.inline_keyboard
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def polls_list(
    page: Page[PollLine], locale: str, timezone: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    if not page.total:
        return html(_("You have not sent a poll yet: /newpoll writes one.")), InlineKeyboardMarkup(
            inline_keyboard=[]
        )
    head = html(_("📊 <b>Your polls</b>: {count}"), count=format_number(page.total, locale))
    parts: list[str | Markup] = [head]
    if page.pages > 1:
        parts.append(_("(page {page} of {pages})").format(page=page.page + 1, pages=page.pages))
    rows: Keyboard = []
    for line in page.items:
        closed = line.closed_at is not None
        when = format_datetime(line.closed_at or line.closes_at, locale, timezone)
        status = (
            _("closed {moment}").format(moment=when)
            if closed
            else _("open until {moment}").format(moment=when)
        )
        parts.append(
            html(
                _("{state} #{number} {title} · {status} · answered {finished} of {asked}"),
                state=_state(closed),
                number=line.id,
                title=shorten(line.title, 60),
                status=status,
                finished=format_number(line.finished, locale),
                asked=format_number(line.asked, locale),
            )
        )
        rows.append(
            [
                _button(
                    f"#{line.id} {line.title}",
                    PollView(action="open", poll_id=line.id, page=page.page),
                )
            ]
        )
    nav = []
    if page.page > 0:
        nav.append(_button("«", PollView(action="list", page=page.page - 1)))
    if page.page + 1 < page.pages:
        nav.append(_button("»", PollView(action="list", page=page.page + 1)))
    if nav:
        rows.append(nav)
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


TEXTS_PAGE = 10


def _labels(question_results: QuestionResults) -> list[str]:
    question = question_results.question
    if question.kind == QuestionKind.RATING:
        return [f"{point} ★" for point in range(1, question.choices + 1)]
    return [*question.options, *([_("Other")] if question.other else [])]


def texts_page(question_results: QuestionResults, page: int, locale: str) -> tuple[Markup, int]:
    """A page of what people wrote (free texts, or «Other»), numbered; and the pages."""
    texts = question_results.texts
    pages = max(1, -(-len(texts) // TEXTS_PAGE))
    page = min(max(page, 0), pages - 1)
    if not texts:
        return html(""), 1
    first = page * TEXTS_PAGE
    head = (
        _("Written answers: {count}")
        if question_results.question.kind == QuestionKind.TEXT
        else _("What «Other» was: {count}")
    )
    parts: list[str | Markup] = [html(head, count=format_number(len(texts), locale))]
    parts += [
        html("{number}. {text}", number=first + i + 1, text=shorten(text, 300))
        for i, text in enumerate(texts[first : first + TEXTS_PAGE])
    ]
    if pages > 1:
        parts.append(_("(page {page} of {pages})").format(page=page + 1, pages=pages))
    return lines(parts), pages


def question_results_text(question_results: QuestionResults, asked: int, locale: str) -> Markup:
    if question_results.rating is not None:
        return rating_text(question_results.rating, locale)
    if question_results.table is not None:
        return choice_table_text(_labels(question_results), question_results.table, locale)
    return html(
        _("Answered: {count} · no answer: {silent}"),
        count=format_number(question_results.answered, locale),
        silent=format_number(max(asked - question_results.answered, 0), locale),
    )


def results_view(
    results: PollResults, index: int, page: int, locale: str, timezone: str, texts: int = 0
) -> tuple[Markup, InlineKeyboardMarkup]:
    """One question's results (`index`), with the poll's state and the way to the others."""
    poll = results.poll
    index = min(max(index, 0), len(results.questions) - 1)
    when = format_datetime(poll.closed_at or poll.closes_at, locale, timezone)
    parts: list[str | Markup] = [
        html(_("📊 <b>{title}</b>"), title=poll.title),
        _("Closed {moment}.").format(moment=when)
        if poll.closed_at
        else _("Open until {moment}.").format(moment=when),
        _("🕶 Anonymous") if poll.anonymous else _("👤 Named"),
        _("Answered every question: {finished} of {asked}").format(
            finished=format_number(results.finished, locale),
            asked=format_number(results.asked, locale),
        ),
        "",
    ]
    question = results.questions[index]
    if len(results.questions) > 1:
        parts.append(
            _("Question {number} of {count}").format(number=index + 1, count=len(results.questions))
        )
    written, text_pages = texts_page(question, texts, locale)
    parts += [
        html("<b>{text}</b>", text=question.question.text),
        question_results_text(question, results.asked, locale),
    ]
    if question.texts:
        parts += ["", written]
    rows: Keyboard = []
    if text_pages > 1:
        texts = min(max(texts, 0), text_pages - 1)
        turn = []
        if texts > 0:
            turn.append(
                _button(
                    _("‹ Answers"),
                    PollView(
                        action="open", poll_id=poll.id, question=index, page=page, texts=texts - 1
                    ),
                )
            )
        if texts + 1 < text_pages:
            turn.append(
                _button(
                    _("Answers ›"),
                    PollView(
                        action="open", poll_id=poll.id, question=index, page=page, texts=texts + 1
                    ),
                )
            )
        rows.append(turn)
    nav = []
    if index > 0:
        nav.append(
            _button("«", PollView(action="open", poll_id=poll.id, question=index - 1, page=page))
        )
    if index + 1 < len(results.questions):
        nav.append(
            _button("»", PollView(action="open", poll_id=poll.id, question=index + 1, page=page))
        )
    if nav:
        rows.append(nav)
    if question.table is not None or question.rating is not None:
        rows.append(
            [
                _button(
                    _("🖼 Chart"),
                    PollView(action="chart", poll_id=poll.id, question=index, page=page),
                )
            ]
        )
    if not poll.anonymous and (question.table is not None or question.rating is not None):
        rows.append(
            [
                _button(
                    label,
                    PollView(
                        action=f"by_{dimension.value}", poll_id=poll.id, question=index, page=page
                    ),
                )
                for dimension, label in _dimension_labels().items()
            ]
        )
    rows.append(
        [_button(_("📄 CSV"), PollView(action="csv", poll_id=poll.id, question=index, page=page))]
    )
    if poll.closed_at is None:
        rows.append(
            [
                _button(
                    _("⏹ Close now"),
                    PollView(action="close", poll_id=poll.id, question=index, page=page),
                )
            ]
        )
    rows.append([_button(_("« Your polls"), PollView(action="list", page=page))])
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def _dimension_labels() -> dict[Dimension, str]:
    return {
        Dimension.COUNTRY: _("📍 By country"),
        Dimension.KIND: _("🏢 By type"),
        Dimension.THEME: _("🏷 By theme"),
    }


def _group_name(dimension: Dimension, value: str) -> str:
    if dimension == Dimension.COUNTRY:
        return country_label(value) if value in COUNTRY_NAMES else value
    if dimension == Dimension.KIND:
        return org_kind_name(value)
    return theme_name(value)


def breakdown_view(
    results: PollResults, index: int, breakdown: Breakdown, page: int, locale: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    """A named question's answers group by group: each group's respondents, then each
    choice's count and share of them (a rating's mean too)."""
    poll = results.poll
    question_results = results.questions[index]
    question = question_results.question
    labels = _labels(question_results)
    dimension = breakdown.dimension
    parts: list[str | Markup] = [
        html(_("📊 <b>{title}</b>"), title=poll.title),
        html("<b>{text}</b>", text=question.text),
        _dimension_labels()[dimension],
    ]
    if not breakdown.groups:
        parts.append(html(_("Nobody has answered yet.")))
    for group in breakdown.groups:
        if question.kind == QuestionKind.MULTIPLE:  # each of those who answered
            shares = [
                (2 * count * WHOLE + group.answered) // (2 * group.answered)
                if group.answered
                else 0
                for count in group.counts
            ]
        else:
            shares = largest_remainder(group.counts)
        head = html(
            _("<b>{group}</b>: answered {count}"),
            group=_group_name(dimension, group.value),
            count=format_number(group.answered, locale),
        )
        if question.kind == QuestionKind.RATING and group.answered:
            total = sum((point + 1) * count for point, count in enumerate(group.counts))
            head = html(
                "{head} · {mean}",
                head=head,
                mean=_("mean {value}").format(
                    value=one_decimal(Fraction(total, sum(group.counts) or 1), locale)
                ),
            )
        chosen = [
            html(
                "{label} {count} ({share})",
                label=labels[option],
                count=format_number(count, locale),
                share=format_share(share, locale),
            )
            for option, (count, share) in enumerate(zip(group.counts, shares, strict=True))
            if count
        ]
        parts += ["", head, html(" · ").join(chosen) if chosen else ""]
    if breakdown.outside:
        parts += [
            "",
            _("Answered and in no group: {count}").format(
                count=format_number(breakdown.outside, locale)
            ),
        ]
    if question.kind == QuestionKind.MULTIPLE:
        parts += ["", _("Several answers a person: shares add up to more than 100 %.")]
    back = PollView(action="open", poll_id=poll.id, question=index, page=page)
    markup = InlineKeyboardMarkup(inline_keyboard=[[_button(_("« Results"), back)]])
    return lines(parts), markup


def chart_bars(question_results: QuestionResults, locale: str) -> tuple[str, list[Bar], str | None]:
    """The chart of one question: its title, a bar per row of its table ("no answer" greyed),
    and the note that several answers a person add up past 100 %."""
    table: ChoiceTable | None = question_results.table
    labels = _labels(question_results)
    if question_results.rating is not None:
        table = question_results.rating.table
        rows = [
            *reversed([r for r in table.rows if r.option is not None]),
            *[r for r in table.rows if r.option is None],
        ]
    else:
        assert table is not None
        rows = list(table.rows)
    bars = [
        Bar(
            label=_("No answer") if row.option is None else labels[row.option],
            count=row.count,
            share=format_share(row.tenths, locale),
            muted=row.option is None,
        )
        for row in rows
    ]
    note = (
        _("Several answers a person: shares add up to more than 100 %.") if table.multiple else None
    )
    return question_results.question.text, bars, note


def results_notice(results: PollResults, locale: str) -> Markup:
    """For those who answered, once it closed (when the organizer allowed it): every
    question's results, shortened to fit one message."""
    parts: list[str | Markup] = [
        html(_("📊 <b>{title}</b>: the results"), title=results.poll.title),
        _("Answered every question: {finished} of {asked}").format(
            finished=format_number(results.finished, locale),
            asked=format_number(results.asked, locale),
        ),
    ]
    for question in results.questions:
        parts += ["", html("<b>{text}</b>", text=question.question.text)]
        parts.append(question_results_text(question, results.asked, locale))
    text = lines(parts)
    while len(text) > 3900 and len(parts) > 3:  # the last questions go first
        parts = parts[:-3]
        text = lines([*parts, "", _("… the rest is too long for one message.")])
    return text


def _answer_cell(response: NamedResponse, index: int, results: PollResults) -> str:
    question_results = results.questions[index]
    question = question_results.question
    written = response.texts[index]
    if question.kind == QuestionKind.TEXT:
        return written or ""
    chosen = response.answers[index]
    if question.kind == QuestionKind.RATING:
        return "; ".join(str(option + 1) for option in chosen)
    labels = _labels(question_results)
    return "; ".join(
        _("Other: {text}").format(text=written)
        if option == question.other_index and written
        else labels[option]
        for option in chosen
        if 0 <= option < len(labels)
    )


def poll_csv(
    results: PollResults, responses: list[NamedResponse]
) -> tuple[list[str], list[list[object]]]:
    """The organizer's CSV: a named poll's responses, a row per person; an anonymous poll's
    counts only, a row per option of each question (no answer and total included)."""
    questions = results.questions
    if not results.poll.anonymous:
        header = [
            _("Name"),
            _("Username"),
            _("Country"),
            *[f"{i + 1}. {q.question.text}" for i, q in enumerate(questions)],
        ]
        rows: list[list[object]] = [
            [
                response.name,
                f"@{response.username}" if response.username else "",
                country_label(response.country) if response.country else "",
                *[_answer_cell(response, i, results) for i in range(len(questions))],
            ]
            for response in responses
        ]
        return header, rows
    header = [_("Question"), _("Answer"), _("Count"), _("Share, %")]
    rows = []
    for i, question in enumerate(questions):
        table = question.table or (question.rating.table if question.rating else None)
        if table is None:
            continue
        labels = _labels(question)
        for row in table.rows:
            label = _("No answer") if row.option is None else labels[row.option]
            rows.append([f"{i + 1}. {question.question.text}", label, row.count, row.tenths / 10])
        rows.append([f"{i + 1}. {question.question.text}", _("Total"), table.asked, 100.0])
    return header, rows
