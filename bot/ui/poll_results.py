"""A poll question's results as the expert survey prints them: "Совет — 23 — 39,0 %", one
line per option, "no answer" among them by its count, then the total. Pure rendering."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from aiogram.utils.i18n import gettext as _

from bot.domain.poll_results import WHOLE, ChoiceTable, RatingSummary, ResultRow
from bot.formatting import format_number, format_share
from bot.ui.html import Markup, html, lines


def _row_label(row: ResultRow, options: Sequence[str]) -> str:
    return _("No answer") if row.option is None else options[row.option]


def table_line(label: str, count: int, tenths: int, locale: str) -> Markup:
    return html(
        "{label} — {count} — {share}",
        label=label,
        count=format_number(count, locale),
        share=format_share(tenths, locale),
    )


def choice_table_text(options: Sequence[str], table: ChoiceTable, locale: str) -> Markup:
    """Every option with its count and share, the "no answer" row, the total; for several
    answers a person, a line saying whose shares they are."""
    parts = [
        table_line(_row_label(row, options), row.count, row.tenths, locale) for row in table.rows
    ]
    parts.append(table_line(_("Total"), table.asked, WHOLE, locale))
    if table.multiple:
        parts.append(
            html(
                _(
                    "Several answers a person: each share is of the {count} who answered, "
                    "so they add up to more than 100 %."
                ),
                count=format_number(table.answered, locale),
            )
        )
    return lines(parts)


def one_decimal(value: Fraction, locale: str) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format_number(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), locale)


def rating_text(summary: RatingSummary, locale: str) -> Markup:
    """The mean and the median of those who answered, then each point, highest first, with
    the "no answer" row and the total."""
    if summary.mean is None or summary.median is None:
        head = html(_("Nobody has answered yet."))
    else:
        head = html(
            _("Mean {mean} of {scale} · median {median}"),
            mean=one_decimal(summary.mean, locale),
            scale=summary.scale,
            median=one_decimal(summary.median, locale),
        )
    table = summary.table
    points = [row for row in table.rows if row.option is not None]
    silent = [row for row in table.rows if row.option is None]
    labels = [f"{point} ★" for point in range(1, summary.scale + 1)]
    ordered = ChoiceTable((*reversed(points), *silent), table.asked, table.answered)
    return lines([head, choice_table_text(labels, ordered, locale)])
