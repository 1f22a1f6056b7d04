"""The organizer's /newrecs as they write it: the review of the imported or typed
recommendations (numbered across the set, with their addressees, paged), what is wrong
with a draft or an uploaded file, and the preview of exactly what addressees receive with
how many organizations and people it reaches. Pure rendering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.recommendations import (
    MAX_RECOMMENDATION_LENGTH,
    MAX_RECOMMENDATIONS,
    DraftSection,
    Group,
    RecProblem,
    RecSet,
)
from bot.formatting import format_number
from bot.rec_files import MAX_UPLOAD_BYTES, UnreadableReason
from bot.ui.html import Markup, html, lines, shorten
from bot.ui.recommendations import group_name, groups_text, invitation_card

PAGE_LIMIT = 3500  # characters of a review page, leaving room for the step's own lines
UNPLACED_SHOWN = 300


def addressees_text(groups: Sequence[Group] | frozenset[Group]) -> str:
    """«[Business, CSOs]», or the warning that there is none."""
    if not groups:
        return _("⚠️ no addressee")
    return "[" + groups_text(groups) + "]"


def rec_line(number: int, text: str, groups: Sequence[Group] | frozenset[Group]) -> Markup:
    return html(
        "<b>{number}.</b> {text} {groups}",
        number=number,
        text=shorten(text, MAX_RECOMMENDATION_LENGTH),
        groups=addressees_text(groups),
    )


def untitled_section() -> str:
    return _("Recommendations")


def other_section() -> str:
    return _("Other recommendations")


@dataclass(frozen=True, slots=True)
class ReviewPage:
    text: Markup
    numbers: tuple[int, ...]  # the recommendations on it


def review_blocks(
    sections: Sequence[DraftSection], unplaced: Sequence[str]
) -> list[tuple[int | None, Markup]]:
    """Each section's title, each recommendation numbered across the set (with its
    number), then the lines the import could not place: what the review's pages hold."""
    blocks: list[tuple[int | None, Markup]] = []
    number = 0
    for section in sections:
        if blocks:
            blocks.append((None, Markup("")))
        blocks.append((None, html("<b>{title}</b>", title=section.title or untitled_section())))
        for rec in section.recommendations:
            number += 1
            blocks.append((number, rec_line(number, rec.text, rec.groups)))
    if unplaced and blocks:
        blocks.append((None, Markup("")))
    for line in unplaced:
        blocks.append(
            (None, html(_("Not recognised: «{line}»"), line=shorten(line, UNPLACED_SHOWN)))
        )
    return blocks


def review_pages(
    sections: Sequence[DraftSection], unplaced: Sequence[str], limit: int = PAGE_LIMIT
) -> list[ReviewPage]:
    """The review cut into pages of at most `limit` characters, never inside a line."""
    pages: list[list[tuple[int | None, Markup]]] = [[]]
    size = 0
    for number, block in review_blocks(sections, unplaced):
        if pages[-1] and size + len(block) + 1 > limit:
            pages.append([])
            size = 0
        if not pages[-1] and not block:
            continue
        pages[-1].append((number, block))
        size += len(block) + 1
    return [
        ReviewPage(
            lines(block for _n, block in page),
            tuple(n for n, _b in page if n is not None),
        )
        for page in pages
    ]


def review_head(title: str, sections: Sequence[DraftSection], locale: str) -> Markup:
    count = sum(len(s.recommendations) for s in sections)
    used = sum(1 for s in sections if s.recommendations)
    return lines(
        [
            html(_("📋 <b>{title}</b>"), title=title),
            ngettext(
                "{count} recommendation in {sections}.",
                "{count} recommendations in {sections}.",
                count,
            ).format(
                count=format_number(count, locale),
                sections=ngettext("{count} section", "{count} sections", used).format(
                    count=format_number(used, locale)
                ),
            )
            if count
            else _("No recommendations yet: tap «➕ Add»."),
        ]
    )


def page_line(page: int, pages: int) -> str:
    return _("(page {page} of {pages})").format(page=page + 1, pages=pages)


def unaddressed_text(numbers: Sequence[int]) -> str:
    listed = ", ".join(str(n) for n in numbers[:20])
    if len(numbers) > 20:
        listed += " …"
    return ngettext(
        "Recommendation {numbers} has no addressee: tap «👥 Addressees» and choose its groups.",
        "Recommendations {numbers} have no addressee: tap «👥 Addressees» and choose their groups.",
        len(numbers),
    ).format(numbers=listed)


def too_many_text(count: int) -> str:
    return _(
        "That would make {count} recommendations; a set holds at most {limit}. Please send "
        "a shorter text, or split the letter into two sets."
    ).format(count=count, limit=MAX_RECOMMENDATIONS)


def problem_text(problem: RecProblem, position: int | None = None) -> str:
    """Why the set cannot be sent as it is; with the recommendation at fault."""
    texts = {
        RecProblem.NO_RECOMMENDATIONS: _("Add at least one recommendation."),
        RecProblem.NO_ADDRESSEE: _("it addresses no group: tap «👥 Addressees»."),
        RecProblem.EMPTY_TEXT: _("its text is empty: please write it in words."),
        RecProblem.LONG_TEXT: _(
            "its text is too long: at most {count} characters. Shorten it or split it."
        ).format(count=MAX_RECOMMENDATION_LENGTH),
        RecProblem.TOO_MANY: _(
            "A set can have at most {count} recommendations: please merge or delete some."
        ).format(count=MAX_RECOMMENDATIONS),
        RecProblem.DEADLINE_PAST: _("That moment has passed: please choose a later deadline."),
        RecProblem.NOBODY: _(
            "No approved organization of these groups is registered: nobody would receive "
            "it. Change the addressees, or wait until such organizations register."
        ),
        RecProblem.ALREADY_SENT: _("This set has already been sent."),
        RecProblem.DELETED: _("This set has been withdrawn."),
    }
    text = texts[problem]
    if position is not None:
        return _("Recommendation {number}: {problem}").format(number=position, problem=text)
    if problem in (RecProblem.EMPTY_TEXT, RecProblem.LONG_TEXT):
        return _("The title: {problem}").format(problem=text)
    return text


def no_recommendations_text() -> str:
    return _(
        "No recommendations found: put each one on its own line after a bullet (●, •, -) "
        "or a number (1.), under its panel's or section's heading, or send a file. To type "
        "them yourself, tap «➕ Enter one by one»."
    )


def upload_problem(reason: UnreadableReason, locale: str) -> str:
    """Why an uploaded file cannot be read, and what to send instead."""
    if reason == UnreadableReason.TYPE:
        return _(
            "This type of file cannot be read: please send a .txt, .csv or .docx file, or "
            "paste the text."
        )
    if reason == UnreadableReason.TOO_BIG:
        return _("The file is too big: at most {size} MB, please.").format(
            size=format_number(MAX_UPLOAD_BYTES // (1024 * 1024), locale)
        )
    if reason == UnreadableReason.ENCODING:
        return _(
            "The file's text could not be read: please save it as UTF-8 text (or as a .docx) "
            "and send it again, or paste the text."
        )
    return _(
        "The Word file could not be opened: it may be damaged or in the old .doc format. "
        "Please save it as .docx again, or paste the text."
    )


def imported_text(added: int, total: int, locale: str) -> str:
    return ngettext(
        "✅ {count} recommendation imported; {total} in all. If the letter goes on, paste "
        "the rest now: it is added at the end.",
        "✅ {count} recommendations imported; {total} in all. If the letter goes on, paste "
        "the rest now: it is added at the end.",
        added,
    ).format(count=format_number(added, locale), total=format_number(total, locale))


def recipients_text(include_members: bool) -> str:
    if include_members:
        return _("In each organization, its coordinators and members receive it.")
    return _("In each organization, its coordinators receive it (not its members).")


def reminders_text(days: Sequence[int], deadline: bool) -> str:
    """When organizations that have not answered are reminded."""
    if days and deadline:
        return _(
            "Organizations that have not answered are reminded after {first} and {second} "
            "days, and the day before the deadline."
        ).format(first=days[0], second=days[-1])
    if days:
        return _(
            "Organizations that have not answered are reminded after {first} and {second} days."
        ).format(first=days[0], second=days[-1])
    if deadline:
        return _("Organizations that have not answered are reminded the day before the deadline.")
    return _("No reminders.")


def _buttons_line(markup: InlineKeyboardMarkup) -> str:
    labels = [button.text for row in markup.inline_keyboard for button in row]
    return _("Buttons under it: {buttons}").format(buttons=" · ".join(labels))


def preview_text(
    rec_set: RecSet,
    orgs_by_group: Mapping[Group, int],
    people: int,
    locale: str,
    timezone: str,
) -> Markup:
    """The invitation exactly as addressees receive it, then the settings, the
    organizations of each group addressed and the people it goes to now."""
    card, markup = invitation_card(rec_set, locale, timezone)
    parts: list[str | Markup] = [
        html(_("👀 <b>Preview: addressees will receive exactly this.</b>")),
        "",
        card,
        _buttons_line(markup),
        "",
        "———",
        recipients_text(rec_set.include_members),
        reminders_text(rec_set.reminder_days, rec_set.deadline is not None),
    ]
    for group in sorted(orgs_by_group):
        count = orgs_by_group[group]
        parts.append(
            ngettext(
                "{group}: {count} organization",
                "{group}: {count} organizations",
                count,
            ).format(group=group_name(group), count=format_number(count, locale))
        )
    for group in sorted(g for g, n in orgs_by_group.items() if not n):
        parts.append(
            _(
                "⚠️ No approved organization of «{group}» is registered: nobody there will "
                "receive it."
            ).format(group=group_name(group))
        )
    parts.append(
        ngettext(
            "It will be sent to {count} person now.",
            "It will be sent to {count} people now.",
            people,
        ).format(count=format_number(people, locale))
    )
    return lines(parts)


def sent_text(orgs: int, people: int, locale: str) -> str:
    return ngettext(
        "📤 Sent to {count} organization ({people}). /recs shows their answers.",
        "📤 Sent to {count} organizations ({people}). /recs shows their answers.",
        orgs,
    ).format(
        count=format_number(orgs, locale),
        people=ngettext("{count} person", "{count} people", people).format(
            count=format_number(people, locale)
        ),
    )
