"""Recommendation follow-ups as people read them: the set's invitation and reminder, one
screen per recommendation with its answer buttons, the history of an answer, a
commitment's check-in, and for organizers the report, the summary and the CSV. Pure
rendering."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.recommendations import (
    Answer,
    AnswerProblem,
    Commitment,
    CommitmentStatus,
    Group,
    OrgProgress,
    RecLine,
    Recommendation,
    RecReport,
    RecSet,
    Verdict,
)
from bot.formatting import format_datetime, format_day, format_number, format_share
from bot.ui.callbacks import RecAction, RecAdmin, RecCheckin, RecVerdict
from bot.ui.html import Markup, html, lines, shorten

Keyboard = list[list[InlineKeyboardButton]]


def _button(text: str, data: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())  # type: ignore[attr-defined]


def group_name(group: Group) -> str:
    return {
        Group.BUSINESS: _("Business"),
        Group.CSO: _("CSOs"),
        Group.GOVERNMENT: _("Local government"),
        Group.DONOR: _("Donors"),
        Group.OTHER: _("Other organizations"),
    }[group]


def groups_text(groups: Sequence[Group] | frozenset[Group]) -> str:
    return ", ".join(group_name(g) for g in sorted(groups)) or _("no addressee")


def verdict_label(verdict: Verdict) -> str:
    return {
        Verdict.ACCEPT: _("✅ Accept"),
        Verdict.PARTIAL: _("🟡 Accept in part"),
        Verdict.DISAGREE: _("❌ Disagree"),
        Verdict.NOT_APPLICABLE: _("➖ Not applicable"),
    }[verdict]


def verdict_name(verdict: Verdict) -> str:
    """The answer as a word, for a table."""
    return {
        Verdict.ACCEPT: _("Accept"),
        Verdict.PARTIAL: _("Accept in part"),
        Verdict.DISAGREE: _("Disagree"),
        Verdict.NOT_APPLICABLE: _("Not applicable"),
    }[verdict]


def status_label(status: CommitmentStatus) -> str:
    return {
        CommitmentStatus.PLANNED: _("🗓 Planned"),
        CommitmentStatus.IN_PROGRESS: _("🔄 In progress"),
        CommitmentStatus.DONE: _("✅ Done"),
        CommitmentStatus.DROPPED: _("✖ Dropped"),
    }[status]


def _head(rec_set: RecSet, locale: str) -> list[str | Markup]:
    parts: list[str | Markup] = [html(_("📋 <b>{title}</b>"), title=rec_set.title)]
    origin = [rec_set.source or ""]
    if rec_set.held_on:
        origin.append(format_day(rec_set.held_on, locale))
    if any(origin):
        parts.append(html("{origin}", origin=", ".join(o for o in origin if o)))
    return parts


def _deadline_line(rec_set: RecSet, locale: str, timezone: str) -> str:
    if rec_set.deadline is None:
        return _("There is no deadline; answers can be changed later.")
    return _("Please answer by {moment}; answers can be changed until then.").format(
        moment=format_datetime(rec_set.deadline, locale, timezone)
    )


def invitation_card(
    rec_set: RecSet, locale: str, timezone: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    """The set as its addressees receive it: what it is, how many recommendations in how
    many sections, to whom, the deadline, and the button to answer."""
    count = len(rec_set.recommendations)
    parts = _head(rec_set, locale)
    parts += [
        "",
        ngettext(
            "{count} recommendation, addressed to: {groups}.",
            "{count} recommendations, addressed to: {groups}.",
            count,
        ).format(count=format_number(count, locale), groups=groups_text(rec_set.groups)),
        _(
            "Please say for your organization whether it accepts each recommendation put "
            "to it. For those you accept in part or disagree with, a concrete written "
            "answer is asked. You may add a commitment: what you will do, and by when."
        ),
        _deadline_line(rec_set, locale, timezone),
    ]
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[_button(_("📝 Answer"), RecAction(action="answer", set_id=rec_set.id))]]
    )
    return lines(parts), markup


def reminder_card(
    rec_set: RecSet, locale: str, timezone: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    parts = [
        html(
            _("⏰ The recommendations «{title}» still wait for your organization's answers."),
            title=rec_set.title,
        ),
        _deadline_line(rec_set, locale, timezone),
    ]
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[_button(_("📝 Answer"), RecAction(action="answer", set_id=rec_set.id))]]
    )
    return lines(parts), markup


def choose_org(
    rec_set: RecSet, orgs: Sequence[tuple[int, str]]
) -> tuple[Markup, InlineKeyboardMarkup]:
    """A person in several addressed organizations answers for one at a time."""
    rows = [
        [_button(shorten(name, 60), RecAction(action="answer", set_id=rec_set.id, org_id=org_id))]
        for org_id, name in orgs
    ]
    return (
        html(_("📋 <b>{title}</b>\nFor which organization do you answer?"), title=rec_set.title),
        InlineKeyboardMarkup(inline_keyboard=rows),
    )


def _answer_details(answer: Answer, locale: str, limit: int) -> list[str | Markup]:
    """An answer's written part and its commitment."""
    parts: list[str | Markup] = []
    if answer.text:
        parts.append(html("«{text}»", text=shorten(answer.text, limit)))
    if answer.commitment and answer.commitment_due:
        parts.append(
            html(
                _("🤝 Commitment: {text}, by {day}"),
                text=shorten(answer.commitment, limit // 2),
                day=format_day(answer.commitment_due, locale),
            )
        )
    return parts


def _answer_text(answer: Answer, locale: str) -> list[str | Markup]:
    return [
        html(_("Your organization's answer: {verdict}"), verdict=verdict_label(answer.verdict)),
        *_answer_details(answer, locale, 600),
    ]


def recommendation_screen(
    rec_set: RecSet,
    org_id: int,
    org_name: str,
    recs: Sequence[Recommendation],
    position: int,
    answers: dict[int, Answer],
    locale: str,
    timezone: str,
) -> tuple[Markup, InlineKeyboardMarkup]:
    """One recommendation put to the organization: where it stands in the list, its
    section, its text, the answer so far; buttons to answer, move on, or see the
    history."""
    rec = recs[position]
    answered = sum(1 for r in recs if r.id in answers)
    section = next((s for s in rec_set.sections if s.id == rec.section_id), None)
    parts = _head(rec_set, locale)
    parts += [
        html(_("For: {org}"), org=org_name),
        _("Recommendation {number} of {count} · answered {answered}").format(
            number=position + 1, count=len(recs), answered=answered
        ),
    ]
    if section is not None and section.title:
        parts.append(html("<i>{title}</i>", title=shorten(section.title, 200)))
    parts += ["", html("<b>{text}</b>", text=rec.text)]
    answer = answers.get(rec.id)
    if answer is not None:
        parts += ["", *_answer_text(answer, locale)]
    base = {"set_id": rec_set.id, "org_id": org_id, "rec_id": rec.id}
    rows: Keyboard = [
        [
            _button(verdict_label(Verdict.ACCEPT), RecVerdict(verdict="accept", **base)),
            _button(verdict_label(Verdict.PARTIAL), RecVerdict(verdict="partial", **base)),
        ],
        [
            _button(verdict_label(Verdict.DISAGREE), RecVerdict(verdict="disagree", **base)),
            _button(
                verdict_label(Verdict.NOT_APPLICABLE),
                RecVerdict(verdict="not_applicable", **base),
            ),
        ],
        [_button(_("🤝 Accept and commit to act"), RecVerdict(verdict="commit", **base))],
    ]
    nav = []
    if position > 0:
        nav.append(
            _button(
                "«",
                RecAction(action="go", set_id=rec_set.id, org_id=org_id, position=position - 1),
            )
        )
    if answer is not None:
        nav.append(
            _button(
                _("🕘 History"),
                RecAction(action="history", set_id=rec_set.id, org_id=org_id, position=position),
            )
        )
    if position + 1 < len(recs):
        nav.append(
            _button(
                "»",
                RecAction(action="go", set_id=rec_set.id, org_id=org_id, position=position + 1),
            )
        )
    if nav:
        rows.append(nav)
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def all_answered(
    rec_set: RecSet, org_id: int, org_name: str, count: int, locale: str, timezone: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    text = lines(
        [
            *_head(rec_set, locale),
            html(
                ngettext(
                    "✅ {org} has answered the {count} recommendation put to it. Thank you!",
                    "✅ {org} has answered all {count} recommendations put to it. Thank you!",
                    count,
                ),
                org=org_name,
                count=format_number(count, locale),
            ),
            _deadline_line(rec_set, locale, timezone),
        ]
    )
    review = RecAction(action="go", set_id=rec_set.id, org_id=org_id, position=0)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[_button(_("✏️ Review or change answers"), review)]]
    )
    return text, markup


def history_text(
    rec: Recommendation, history: Sequence[Answer], locale: str, timezone: str
) -> Markup:
    parts: list[str | Markup] = [
        html(_("🕘 <b>The answer's history</b>")),
        html("<i>{text}</i>", text=shorten(rec.text, 300)),
    ]
    shown = history[-HISTORY_SHOWN:]
    if len(history) > len(shown):
        parts.append(
            _("The last {shown} of {count} revisions:").format(shown=len(shown), count=len(history))
        )
    for answer in shown:
        parts.append("")
        parts.append(
            html(
                _("{number}. {moment}: {verdict}"),
                number=answer.revision,
                moment=format_datetime(answer.answered_at, locale, timezone),
                verdict=verdict_label(answer.verdict),
            )
        )
        parts += _answer_details(answer, locale, 300)
    return lines(parts)


def problem_text(problem: AnswerProblem) -> str:
    return {
        AnswerProblem.NOT_ADDRESSED: _(
            "These recommendations were not sent to an organization of yours."
        ),
        AnswerProblem.CLOSED: _("Answers to these recommendations are closed."),
        AnswerProblem.NEEDS_TEXT: _(
            "Please write a concrete answer: it is needed for «Accept in part» and «Disagree»."
        ),
        AnswerProblem.BAD_DATE: _("Please give a date that has not passed yet."),
    }[problem]


HISTORY_SHOWN = 5


def reason_prompt(verdict: Verdict) -> str:
    if verdict == Verdict.DISAGREE:
        return _(
            "❌ Please write your organization's concrete answer: why it disagrees, and what "
            "it proposes instead."
        )
    return _(
        "🟡 Please write your organization's concrete answer: which part it accepts, and "
        "what it does not."
    )


def checkin_card(
    rec_set: RecSet,
    rec: Recommendation,
    org_id: int,
    org_name: str,
    commitment: Commitment,
    locale: str,
) -> tuple[Markup, InlineKeyboardMarkup]:
    parts = [
        html(_("🤝 <b>How does your commitment stand?</b>")),
        html(_("{org}, «{title}»"), org=org_name, title=rec_set.title),
        html("<i>{text}</i>", text=shorten(rec.text, 300)),
        "",
        html(
            _("Your commitment: {text}, by {day}."),
            text=commitment.text,
            day=format_day(commitment.due, locale),
        ),
        html(_("Now: {status}"), status=status_label(commitment.status)),
    ]
    base = {"set_id": rec_set.id, "org_id": org_id, "rec_id": rec.id}
    rows = [
        [
            _button(status_label(CommitmentStatus.PLANNED), RecCheckin(status="planned", **base)),
            _button(
                status_label(CommitmentStatus.IN_PROGRESS),
                RecCheckin(status="in_progress", **base),
            ),
        ],
        [
            _button(status_label(CommitmentStatus.DONE), RecCheckin(status="done", **base)),
            _button(status_label(CommitmentStatus.DROPPED), RecCheckin(status="dropped", **base)),
        ],
        [_button(_("✍️ Add a note"), RecCheckin(status="note", **base))],
    ]
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def checkin_saved(commitment: Commitment, checkin_days: int, locale: str) -> str:
    if commitment.status.settled:
        return _("Saved: {status}. Thank you!").format(status=status_label(commitment.status))
    return ngettext(
        "Saved: {status}. The bot will ask again in {count} day.",
        "Saved: {status}. The bot will ask again in {count} days.",
        checkin_days,
    ).format(status=status_label(commitment.status), count=format_number(checkin_days, locale))


def overdue_card(
    rec_set: RecSet, rec: Recommendation, org_name: str, commitment: Commitment, locale: str
) -> Markup:
    return lines(
        [
            html(_("⏳ <b>A commitment is overdue</b> («{title}»)"), title=rec_set.title),
            html("<i>{text}</i>", text=shorten(rec.text, 300)),
            html(
                _("{org} committed to: {text}, by {day}. Now: {status}."),
                org=org_name,
                text=commitment.text,
                day=format_day(commitment.due, locale),
                status=status_label(commitment.status),
            ),
        ]
    )


def _share(part: int, whole: int, locale: str) -> str:
    return format_share((2 * part * 1000 + whole) // (2 * whole) if whole else 0, locale)


def _commitments_line(report: RecReport, locale: str) -> list[str]:
    total = sum(report.commitments.values())
    if not total:
        return []
    statuses = ", ".join(  # in the order a commitment goes through
        f"{status_label(s)} {format_number(report.commitments[s], locale)}"
        for s in CommitmentStatus
        if s in report.commitments
    )
    return [
        _("Commitments: {count} ({statuses}).").format(
            count=format_number(total, locale), statuses=statuses
        )
    ]


def summary_text(report: RecReport, locale: str) -> Markup:
    """For every addressee, in their language: how the recommendations were received."""
    count = len(report.lines)
    parts: list[str | Markup] = [
        html(_("📋 <b>{title}</b>: the answers"), title=report.rec_set.title),
        _("Answers given: {answered} of {asked} ({share}).").format(
            answered=format_number(report.answered, locale),
            asked=format_number(report.addressed, locale),
            share=_share(report.answered, report.addressed, locale),
        ),
    ]
    for group in sorted(report.accepted_by):
        addressed = report.addressed_to.get(group, count)
        parts.append(
            ngettext(
                "Of {count} recommendation to {group}, {accepted} accepted by at least one "
                "of their organizations.",
                "Of {count} recommendations to {group}, {accepted} accepted by at least one "
                "of their organizations.",
                addressed,
            ).format(
                count=format_number(addressed, locale),
                accepted=format_number(report.accepted_by[group], locale),
                group=group_name(group),
            )
        )
    parts += _commitments_line(report, locale)
    parts.append(_("Thank you to every organization that answered."))
    return lines(parts)


PAGE_CHARACTERS = 3000  # a report page, well under Telegram's 4,096 with the head
WRITTEN_SHOWN = 3  # written answers a recommendation shows; the CSV has them all


def _rec_block(line: RecLine, locale: str) -> Markup:
    rec = line.recommendation
    parts: list[str | Markup] = [
        html("<b>{number}.</b> {text}", number=rec.position + 1, text=shorten(rec.text, 200)),
        html(
            _("To: {groups} · answered {answered} of {asked}"),
            groups=groups_text(rec.groups),
            answered=format_number(sum(line.counts.values()), locale),
            asked=format_number(line.addressed, locale),
        ),
        " · ".join(
            f"{verdict_label(v)} {format_number(line.counts.get(v, 0), locale)}" for v in Verdict
        ),
    ]
    for written in line.written[:WRITTEN_SHOWN]:
        parts.append(
            html(
                "{verdict} {org}: «{text}»",
                verdict=verdict_label(written.verdict).split(" ")[0],
                org=shorten(written.org_name, 60),
                text=shorten(written.text, 300),
            )
        )
    hidden = len(line.written) - WRITTEN_SHOWN
    if hidden > 0:
        parts.append(
            ngettext(
                "… and {count} more written answer in the CSV.",
                "… and {count} more written answers in the CSV.",
                hidden,
            ).format(count=format_number(hidden, locale))
        )
    return lines(parts)


def _org_line(org: OrgProgress, locale: str) -> Markup:
    done = org.commitments.get(CommitmentStatus.DONE, 0)
    promised = sum(org.commitments.values())
    line = html(
        _("{org}: answered {answered} of {asked}"),
        org=shorten(org.name, 60),
        answered=format_number(org.answered, locale),
        asked=format_number(org.addressed, locale),
    )
    if promised:
        line += html(
            _(" · commitments done {done} of {count}"),
            done=format_number(done, locale),
            count=format_number(promised, locale),
        )
    return line


def _report_pages(report: RecReport, locale: str) -> list[list[Markup]]:
    """The recommendations' blocks, then the organizations' lines under their heading,
    cut into pages by length."""
    blocks: list[Markup] = [_rec_block(line, locale) for line in report.lines]
    if report.orgs:
        heading = html(_("<b>Organizations</b>"))
        org_lines = [_org_line(org, locale) for org in report.orgs]
        chunk: list[Markup] = []
        for line in org_lines:
            if chunk and sum(len(x) + 1 for x in chunk) + len(line) > PAGE_CHARACTERS // 2:
                blocks.append(lines([heading, *chunk]))
                chunk = []
            chunk.append(line)
        blocks.append(lines([heading, *chunk]))
    pages: list[list[Markup]] = [[]]
    size = 0
    for block in blocks:
        if pages[-1] and size + len(block) > PAGE_CHARACTERS:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += len(block) + 2
    return pages


def report_view(
    report: RecReport, page: int, locale: str, timezone: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    """The organizer's report: overall progress, then a page of recommendations with the
    answers by kind and the written partial acceptances and disagreements, then the
    organizations' answer rates; pages cut by length."""
    rec_set = report.rec_set
    book = _report_pages(report, locale)
    pages = len(book)
    page = min(max(page, 0), pages - 1)
    parts = _head(rec_set, locale)
    parts += [
        _deadline_line(rec_set, locale, timezone),
        _("Answers given: {answered} of {asked} ({share}).").format(
            answered=format_number(report.answered, locale),
            asked=format_number(report.addressed, locale),
            share=_share(report.answered, report.addressed, locale),
        ),
    ]
    parts += _commitments_line(report, locale)
    for block in book[page]:
        parts += ["", block]
    if pages > 1:
        parts += ["", _("(page {page} of {pages})").format(page=page + 1, pages=pages)]
    rows: Keyboard = []
    nav = []
    if page > 0:
        nav.append(_button("«", RecAdmin(action="open", set_id=rec_set.id, page=page - 1)))
    if page + 1 < pages:
        nav.append(_button("»", RecAdmin(action="open", set_id=rec_set.id, page=page + 1)))
    if nav:
        rows.append(nav)
    rows.append(
        [
            _button(_("📄 CSV"), RecAdmin(action="csv", set_id=rec_set.id, page=page)),
            _button(
                _("🕘 Revisions CSV"), RecAdmin(action="history", set_id=rec_set.id, page=page)
            ),
        ]
    )
    rows.append(
        [_button(_("📣 Send a summary"), RecAdmin(action="summary", set_id=rec_set.id, page=page))]
    )
    rows.append(
        [
            _button(_("🗑 Withdraw"), RecAdmin(action="delete", set_id=rec_set.id, page=page)),
            _button(_("« Your sets"), RecAdmin(action="list")),
        ]
    )
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def sets_list(
    sets: Sequence[tuple[int, str, object]], waiting: Sequence[tuple[int, str, int, int, int]]
) -> tuple[Markup, InlineKeyboardMarkup]:
    """/recs: what waits for the person's organizations' answers (set, title, org,
    answered, asked), then for an organizer their sets."""
    parts: list[str | Markup] = []
    rows: Keyboard = []
    if waiting:
        parts.append(html(_("📋 <b>Recommendations for your organization</b>")))
        for set_id, title, org_id, answered, asked in waiting:
            parts.append(
                html(
                    _("{title}: answered {answered} of {asked}"),
                    title=shorten(title, 80),
                    answered=answered,
                    asked=asked,
                )
            )
            rows.append(
                [
                    _button(
                        f"📝 {shorten(title, 50)}",
                        RecAction(action="answer", set_id=set_id, org_id=org_id),
                    )
                ]
            )
    if sets:
        if parts:
            parts.append("")
        parts.append(html(_("📋 <b>Your recommendation sets</b>")))
        for set_id, title, _deadline in sets:
            rows.append(
                [_button(f"#{set_id} {shorten(title, 50)}", RecAdmin(action="open", set_id=set_id))]
            )
    if not parts:
        parts.append(html(_("No recommendations wait for your organization's answer.")))
    return lines(parts), InlineKeyboardMarkup(inline_keyboard=rows)


def report_csv(
    report: RecReport,
    answers: Sequence[Answer],
    names: dict[int, str],
    commitments: Sequence[Commitment],
) -> tuple[list[str], list[list[object]]]:
    """A row per answer as it stands: the recommendation, the organization, the answer,
    the written answer, the commitment and how it stands."""
    recs = {line.recommendation.id: line.recommendation for line in report.lines}
    status = {(c.recommendation_id, c.org_id): c.status for c in commitments}
    header = [
        _("No."),
        _("Recommendation"),
        _("Organization"),
        _("Answer"),
        _("Written answer"),
        _("Commitment"),
        _("By"),
        _("Status"),
        _("Revision"),
    ]
    rows: list[list[object]] = []
    for answer in answers:
        rec = recs.get(answer.recommendation_id)
        if rec is None:
            continue
        state = status.get((answer.recommendation_id, answer.org_id))
        rows.append(
            [
                rec.position + 1,
                rec.text,
                names.get(answer.org_id, ""),
                verdict_name(answer.verdict),
                answer.text or "",
                answer.commitment or "",
                answer.commitment_due.isoformat() if answer.commitment_due else "",
                status_label(state) if state and answer.commitment else "",
                answer.revision,
            ]
        )
    return header, rows


def next_recommendation_text(answered: int, count: int) -> str:
    if answered >= count:
        return ngettext(
            "✅ Saved: {count} recommendation is answered. Thank you!",
            "✅ Saved: all {count} recommendations are answered. Thank you!",
            count,
        ).format(count=count)
    return _(
        "✓ Saved ({answered} of {count} answered). The next recommendation is in the "
        "message above (tap the quote to go to it)."
    ).format(answered=answered, count=count)


def due_hint() -> str:
    return _("By when? Write the date as DD.MM.YYYY, e.g. 30.06.2027.")


def confirm_summary(
    report: RecReport, page: int, locale: str
) -> tuple[Markup, InlineKeyboardMarkup]:
    """The summary as addressees will read it, and whether to send it."""
    text = lines(
        [
            html(_("👀 <b>Every addressee will receive this, in their language:</b>")),
            "",
            summary_text(report, locale),
        ]
    )
    set_id = report.rec_set.id
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(_("📣 Send it"), RecAdmin(action="summary_yes", set_id=set_id, page=page)),
                _button(_("« Back"), RecAdmin(action="open", set_id=set_id, page=page)),
            ]
        ]
    )
    return text, markup


def summary_sent_text(count: int, locale: str) -> str:
    if not count:
        return _("This summary went out already, and no answer has changed since.")
    return ngettext(
        "The summary is going out to {count} person.",
        "The summary is going out to {count} people.",
        count,
    ).format(count=format_number(count, locale))


def confirm_delete(rec_set: RecSet, page: int) -> tuple[Markup, InlineKeyboardMarkup]:
    text = html(
        _(
            "Withdraw «{title}»? Organizations can no longer answer, no reminder or check-in "
            "goes out, and it leaves your list. The answers given so far are kept."
        ),
        title=rec_set.title,
    )
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(_("🗑 Yes, withdraw"), RecAdmin(action="delete_yes", set_id=rec_set.id)),
                _button(_("« Back"), RecAdmin(action="open", set_id=rec_set.id, page=page)),
            ]
        ]
    )
    return text, markup


def deleted_text() -> str:
    return _("Withdrawn.")


def history_csv(
    report: RecReport, history: Sequence[Answer], names: dict[int, str]
) -> tuple[list[str], list[list[object]]]:
    """Every revision of every answer, oldest first (who gave it is not shown: the answer
    is the organization's)."""
    recs = {line.recommendation.id: line.recommendation for line in report.lines}
    header = [
        _("No."),
        _("Recommendation"),
        _("Organization"),
        _("Revision"),
        _("Answered at (UTC)"),
        _("Answer"),
        _("Written answer"),
        _("Commitment"),
        _("By"),
    ]
    rows: list[list[object]] = []
    for answer in history:
        rec = recs.get(answer.recommendation_id)
        if rec is None:
            continue
        rows.append(
            [
                rec.position + 1,
                rec.text,
                names.get(answer.org_id, ""),
                answer.revision,
                answer.answered_at.strftime("%Y-%m-%d %H:%M"),
                verdict_name(answer.verdict),
                answer.text or "",
                answer.commitment or "",
                answer.commitment_due.isoformat() if answer.commitment_due else "",
            ]
        )
    return header, rows
