"""Poll results as the expert survey reports them: every option with its count and its
share, a "no answer" row for those who were asked and did not answer, and the total.

Shares are kept in tenths of a percent (an int), so that they are exact and add up: for a
single-choice question the rows (no answer included) add up to exactly 100.0 after rounding,
by the largest remainder method. The survey's own table (59 experts: 23, 10, 10 silent, 9,
3, 3, 1) comes out as it printed it: 39.0, 16.9, 16.9, 15.3, 5.1, 5.1, 1.7, total 100.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

WHOLE = 1000  # 100.0 % in tenths of a percent


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One line of a table: an option (its index among the question's options), or the
    "no answer" row (option None)."""

    option: int | None
    count: int
    tenths: int  # share in tenths of a percent: 390 is 39.0 %

    @property
    def no_answer(self) -> bool:
        return self.option is None


@dataclass(frozen=True, slots=True)
class ChoiceTable:
    """A choice question's results, rows sorted as the survey does: by count, most first
    (ties in the options' order, the "no answer" row after the options it ties with)."""

    rows: tuple[ResultRow, ...]
    asked: int  # the total row: everyone the question was put to
    answered: int  # how many of them answered it
    multiple: bool = False  # shares are of those who answered, and add up past 100 %


@dataclass(frozen=True, slots=True)
class RatingSummary:
    scale: int  # 5 or 10
    mean: Fraction | None  # of those who answered; None when nobody did
    median: Fraction | None
    table: ChoiceTable  # option i is the point i + 1, in that order, "no answer" last


def largest_remainder(counts: Sequence[int], whole: int = WHOLE) -> list[int]:
    """Each count's share of `whole`, in whole units, adding up to exactly `whole`: each
    share rounded down, then the units left over go to the largest remainders (ties: the
    larger count, then the earlier one). All zeros stay zeros."""
    total = sum(counts)
    if total == 0:
        return [0] * len(counts)
    exact = [Fraction(count * whole, total) for count in counts]
    shares = [int(share) for share in exact]  # floor: shares are never negative
    left = whole - sum(shares)
    order = sorted(
        range(len(counts)),
        key=lambda i: (exact[i] - shares[i], counts[i], -i),
        reverse=True,
    )
    for i in order[:left]:
        shares[i] += 1
    return shares


def _sorted(rows: list[ResultRow]) -> tuple[ResultRow, ...]:
    # the options in their order, then "no answer": a stable sort by count keeps that order
    # among equal counts
    return tuple(sorted(rows, key=lambda row: -row.count))


def single_choice_table(counts: Sequence[int], asked: int, *, by_count: bool = True) -> ChoiceTable:
    """`counts[i]`: how many chose option i; `asked`: how many the question was put to
    (those who did not answer make the "no answer" row). Shares are of `asked`. Sorted by
    count, or (a rating's points) in the options' order with "no answer" last."""
    answered = sum(counts)
    if answered > asked:
        raise ValueError(f"{answered} answers from {asked} people asked")
    silent = asked - answered
    tenths = largest_remainder([*counts, silent])
    rows = [ResultRow(i, count, tenths[i]) for i, count in enumerate(counts)]
    rows.append(ResultRow(None, silent, tenths[-1]))
    return ChoiceTable(_sorted(rows) if by_count else tuple(rows), asked, answered)


def multiple_choice_table(counts: Sequence[int], answered: int, asked: int) -> ChoiceTable:
    """`counts[i]`: how many chose option i among the `answered` who chose anything. Each
    option's share is of those who answered (they add up past 100 %); the "no answer" row's
    share is of everyone asked."""
    if answered > asked or any(count > answered for count in counts):
        raise ValueError("more choices than people who answered")
    rows = [ResultRow(i, count, _tenths(count, answered)) for i, count in enumerate(counts)]
    rows.append(ResultRow(None, asked - answered, _tenths(asked - answered, asked)))
    return ChoiceTable(_sorted(rows), asked, answered, multiple=True)


def _tenths(part: int, whole: int) -> int:
    """`part` of `whole` in tenths of a percent, rounded half up (0 of nothing is 0)."""
    if whole == 0:
        return 0
    exact = Fraction(part * WHOLE, whole)
    return int(exact + Fraction(1, 2))


def rating_summary(values: Sequence[int], scale: int, asked: int) -> RatingSummary:
    """The mean and the median of a 1..`scale` rating, and how many chose each point (a
    table like a single choice's, in the scale's order)."""
    if any(not 1 <= value <= scale for value in values):
        raise ValueError("a rating outside its scale")
    counts = [sum(1 for v in values if v == point) for point in range(1, scale + 1)]
    table = single_choice_table(counts, asked, by_count=False)
    if not values:
        return RatingSummary(scale, None, None, table)
    mean = Fraction(sum(values), len(values))
    middle = Fraction(median(values)).limit_denominator(2)
    return RatingSummary(scale, mean, middle, table)
