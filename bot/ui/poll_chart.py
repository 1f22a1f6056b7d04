"""A poll question's results as a picture: a horizontal bar chart sent with the results'
table, one bar per row in the table's order, each with its count and share. Pure rendering:
PNG bytes in memory, no file, no pyplot and no global state, so it is safe in the bot's
process and from worker threads."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

MAX_BARS = 14  # 12 options and «no answer» fit; a phone shows no more in one picture

FONT = "DejaVu Sans"  # ships with matplotlib: Cyrillic with the region's letters, Turkmen, Uzbek
DPI = 100
WIDTH = 8.0  # inches: 800 pixels before the blank edges are trimmed
MARGIN = 0.15  # inches around everything
LINE_SPACING = 1.2  # matplotlib's own, as a multiple of the font size

TITLE_SIZE = 18
LABEL_SIZE = 15
VALUE_SIZE = 15
NOTE_SIZE = 13

TITLE_WIDTH = 46  # characters a line
LABEL_WIDTH = 28
LABEL_LINES = 3  # then «…»
NOTE_WIDTH = 66

ROW = 0.5  # inches a bar takes at least, its gap included
ROW_PAD = 0.15  # inches between the lines of one label and the next
BAR = 0.3  # inches: a bar's thickness
BARS_WIDTH = 2.0  # inches the longest bar takes at least
GAP = 6  # points between a label and its bar, and between a bar and its figures
TITLE_GAP = 0.2  # inches between the title and the first bar
NOTE_GAP = 0.2  # inches between the last bar and the note

COLOR = "#3a7bd5"
MUTED = "#b4b4b4"  # «no answer»
TEXT = "#222222"
MUTED_TEXT = "#6e6e6e"
BACKGROUND = "white"


@dataclass(frozen=True)
class Bar:
    """One row of the results' table as the chart draws it. `share` is already written in
    the reader's locale ("39,0 %"); a muted bar (no answer) is grey."""

    label: str
    count: int
    share: str
    muted: bool = False


def wrap_label(label: str) -> str:
    """An option's label in lines of about LABEL_WIDTH characters, at most LABEL_LINES of
    them, the last ending with «…» when the rest did not fit."""
    wrapped = textwrap.wrap(label, LABEL_WIDTH, max_lines=LABEL_LINES, placeholder="…")
    return "\n".join(wrapped)


def _wrap(text: str, width: int) -> str:
    """A title or a note in lines of about `width` characters, all of it."""
    return "\n".join(textwrap.wrap(text, width)) or " "


def _font(size: float, *, bold: bool = False) -> FontProperties:
    return FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")


def _height(text: str, size: float) -> float:
    """Inches a text of that many lines takes."""
    return (text.count("\n") + 1) * size * LINE_SPACING / 72


def _row(label: str) -> float:
    """Inches a bar takes with its label and the gap below it."""
    return max(ROW, ROW_PAD + _height(label, LABEL_SIZE))


def _width(renderer: RendererAgg, text: str, font: FontProperties) -> float:
    """Inches the widest line of a text takes."""
    widths = (
        renderer.get_text_width_height_descent(line, font, ismath=False)[0]
        for line in text.splitlines() or [""]
    )
    return max(widths) / DPI


def value_text(bar: Bar) -> str:
    """What stands at the end of a bar: "23 · 39,0 %"."""
    return f"{bar.count} · {bar.share}"


def bar_chart_png(title: str, bars: Sequence[Bar], *, note: str | None = None) -> bytes:
    """The bars, top to bottom in the given order, each with its label on the left and its
    count and share at its end; the title above and the note (e.g. that several answers a
    person add up to more than 100 %) below. A PNG on a white background, as wide as a
    phone shows well and as tall as its bars need.

    There must be 1 to MAX_BARS bars: the caller has nothing to draw without answers, and
    shows no more options than a poll has."""
    if not bars:
        raise ValueError("a bar chart needs at least one bar")
    if len(bars) > MAX_BARS:
        raise ValueError(f"a bar chart holds at most {MAX_BARS} bars, not {len(bars)}")
    if any(bar.count < 0 for bar in bars):
        raise ValueError("a bar's count cannot be negative")

    labels = [wrap_label(bar.label) for bar in bars]
    values = [value_text(bar) for bar in bars]
    heading = _wrap(title, TITLE_WIDTH)
    footer = _wrap(note, NOTE_WIDTH) if note else None
    title_font, label_font = _font(TITLE_SIZE, bold=True), _font(LABEL_SIZE)
    value_font, note_font = _font(VALUE_SIZE), _font(NOTE_SIZE)

    rows = [_row(label) for label in labels]
    plot = sum(rows)
    top = MARGIN + _height(heading, TITLE_SIZE) + TITLE_GAP
    bottom = MARGIN + (NOTE_GAP + _height(footer, NOTE_SIZE) if footer else 0)
    height = top + plot + bottom

    figure = Figure(figsize=(WIDTH, height), dpi=DPI, facecolor=BACKGROUND)
    canvas = FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    gap = GAP / 72
    left = MARGIN + max(_width(renderer, label, label_font) for label in labels) + gap
    ends = max(_width(renderer, value, value_font) for value in values) + gap + MARGIN
    width = max(WIDTH, left + BARS_WIDTH + ends)  # wider only for labels of the widest letters
    figure.set_size_inches(width, height)
    axes = figure.add_axes(
        (left / width, bottom / height, (width - ends - left) / width, plot / height),
        facecolor=BACKGROUND,
    )

    # The vertical axis is in inches from the top: each bar in the middle of its row.
    positions = [sum(rows[:index]) + row / 2 for index, row in enumerate(rows)]
    axes.barh(
        positions,
        [bar.count for bar in bars],
        height=BAR,
        color=[MUTED if bar.muted else COLOR for bar in bars],
    )
    axes.set_xlim(0, max(max(bar.count for bar in bars), 1))
    axes.set_ylim(plot, 0)
    axes.set_axis_off()
    for position, bar, label, value in zip(positions, bars, labels, values, strict=True):
        color = MUTED_TEXT if bar.muted else TEXT
        axes.annotate(
            label,
            xy=(0, position),
            xycoords=axes.get_yaxis_transform(),
            xytext=(-GAP, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontproperties=label_font,
            color=color,
            parse_math=False,
            annotation_clip=False,
        )
        axes.annotate(
            value,
            xy=(bar.count, position),
            xytext=(GAP, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontproperties=value_font,
            color=color,
            parse_math=False,
            annotation_clip=False,
        )
    figure.text(
        MARGIN / width,
        1 - MARGIN / height,
        heading,
        ha="left",
        va="top",
        fontproperties=title_font,
        color=TEXT,
        parse_math=False,
    )
    if footer:
        figure.text(
            MARGIN / width,
            MARGIN / height,
            footer,
            ha="left",
            va="bottom",
            fontproperties=note_font,
            color=MUTED_TEXT,
            parse_math=False,
        )

    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=DPI,
        facecolor=BACKGROUND,
        bbox_inches="tight",
        pad_inches=MARGIN,
        metadata={"Software": None},
    )
    return buffer.getvalue()
