"""The results' bar chart: a PNG that decodes, as tall as its bars and as wide as a phone
shows well; the survey's table with its grey «no answer» bar; the region's letters drawn
by the font (no "Glyph … missing" warning, which the check is shown to catch); long labels
wrapped; nothing drawn without bars; no figure left behind, safe from several threads."""

from __future__ import annotations

import io
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from matplotlib import _pylab_helpers
from matplotlib.image import imread
from numpy.lib.stride_tricks import sliding_window_view

from bot.ui.poll_chart import (
    COLOR,
    LABEL_LINES,
    LABEL_WIDTH,
    MAX_BARS,
    MUTED,
    Bar,
    bar_chart_png,
    wrap_label,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PHONE_WIDTHS = range(480, 1001)  # pixels

TITLE = "Варианты названия региональной структуры"
SEED = [
    Bar("Совет", 23, "39,0\u00a0%"),
    Bar("Форум", 10, "16,9\u00a0%"),
    Bar("Нет ответа", 10, "16,9\u00a0%", muted=True),
    Bar("Платформа", 9, "15,3\u00a0%"),
    Bar("Комитет", 3, "5,1\u00a0%"),
    Bar("Центр", 3, "5,1\u00a0%"),
    Bar("Площадка, региональный совет", 1, "1,7\u00a0%"),
]
SEVERAL = "Several answers per person: shares add up to more than 100 %"

# The region's own letters: Kazakh, Kyrgyz, Tajik, Turkmen, Uzbek (oʻ gʻ with U+02BB, ʼ U+02BC)
REGION = [
    Bar("Қоғамдық кеңес: ә ғ қ ң ө ұ ү һ і", 5, "35,7 %"),
    Bar("Коомдук кеңеш: ң ө ү", 4, "28,6 %"),
    Bar("Шӯрои ҷамъиятӣ: ғ ӣ қ ӯ ҳ ҷ", 3, "21,4 %"),
    Bar("Jemgyýetçilik geňeşi: ä ç ň ö ş ü ý ž", 1, "7,1 %"),
    Bar("Jamoatchilik kengashi oʻ gʻ ʼ", 1, "7,1 %", muted=True),
]
REGION_TITLE = "Қандай атау? Кайсы аталыш? Кадом ном? Haýsy at? Qaysi nom maʼqul?"


def _image(png: bytes) -> np.ndarray:
    assert png.startswith(PNG_SIGNATURE)
    return imread(io.BytesIO(png), format="png")


def _has_color(image: np.ndarray, color: str) -> bool:
    """Whether a bar of that color is drawn: a run of 20 pixels of it in a row, which no
    antialiased edge of a text makes."""
    rgb = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    mask = np.abs(image[:, :, :3] - rgb).max(axis=2) < 0.01
    return bool(sliding_window_view(mask, 20, axis=1).all(axis=2).any())


def _missing_glyphs(title: str, bars: list[Bar]) -> list[str]:
    """The "Glyph … missing from font(s) …" warnings matplotlib gives while drawing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bar_chart_png(title, bars, note=SEVERAL)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def _bars(count: int, label: str = "Вариант") -> list[Bar]:
    return [Bar(f"{label} {n}", n, f"{n},0 %") for n in range(1, count + 1)]


def test_the_chart_is_a_png_that_decodes_on_white():
    image = _image(bar_chart_png(TITLE, SEED))
    height, width, _ = image.shape
    assert width in PHONE_WIDTHS
    assert height > 300
    assert np.allclose(image[0, 0, :3], 1.0)  # white background
    assert np.allclose(image[-1, -1, :3], 1.0)
    assert _has_color(image, COLOR)


def test_the_chart_grows_with_its_bars_and_stays_phone_wide():
    sizes = [_image(bar_chart_png(TITLE, _bars(n))).shape[:2] for n in (1, 2, 5, 9, MAX_BARS)]
    heights = [height for height, _ in sizes]
    assert heights == sorted(set(heights))  # strictly taller with each bar
    assert all(width in PHONE_WIDTHS for _, width in sizes)
    # the longest labels a poll allows (60 characters), on all its bars, with a note
    longest = _bars(MAX_BARS, "Региональная площадка гражданского общества и экспертов")
    height, width, _ = _image(bar_chart_png(TITLE, longest, note=SEVERAL)).shape
    assert width in PHONE_WIDTHS
    assert height > heights[-1]


def test_the_survey_table_renders_with_a_grey_no_answer_bar():
    image = _image(bar_chart_png(TITLE, SEED, note=SEVERAL))
    assert _has_color(image, COLOR)
    assert _has_color(image, MUTED)
    unmuted = [Bar(bar.label, bar.count, bar.share) for bar in SEED]
    assert not _has_color(_image(bar_chart_png(TITLE, unmuted)), MUTED)
    with_note = image.shape[0]
    assert _image(bar_chart_png(TITLE, SEED)).shape[0] < with_note


def test_the_regions_letters_are_all_in_the_font():
    assert _missing_glyphs(REGION_TITLE, REGION) == []


@pytest.mark.parametrize("letter", ["𝔄", "中"])
def test_the_glyph_check_sees_a_letter_the_font_lacks(letter):
    # the check above would fail if a letter of the region were missing: it sees this one
    missing = _missing_glyphs(REGION_TITLE, [*REGION, Bar(f"Вариант {letter}", 1, "7,1 %")])
    assert missing
    assert all(f"Glyph {ord(letter)} " in message for message in missing)


def test_a_long_label_is_wrapped_and_cut():
    label = "Общественный совет " * 12
    lines = wrap_label(label).splitlines()
    assert len(lines) == LABEL_LINES
    assert all(len(line) <= LABEL_WIDTH for line in lines)
    assert lines[-1].endswith("…")
    assert wrap_label("Совет") == "Совет"
    assert wrap_label("Площадка, региональный совет") == "Площадка, региональный совет"
    word = "Ж" * 100  # one word longer than a line is broken too
    assert all(len(line) <= LABEL_WIDTH for line in wrap_label(word).splitlines())

    short = _image(bar_chart_png(TITLE, [Bar("Совет", 3, "50,0 %"), Bar("Форум", 3, "50,0 %")]))
    long = _image(bar_chart_png(TITLE, [Bar(label, 3, "50,0 %"), Bar(word, 3, "50,0 %")]))
    assert long.shape[0] > short.shape[0]  # the wrapped lines take their room
    assert long.shape[1] in PHONE_WIDTHS


def test_a_long_title_is_wrapped():
    title = "Какое название лучше подходит для региональной структуры? " * 4
    one_line = _image(bar_chart_png(TITLE, SEED))
    wrapped = _image(bar_chart_png(title, SEED))
    assert wrapped.shape[1] in PHONE_WIDTHS
    assert wrapped.shape[0] > one_line.shape[0]


def test_dollar_signs_are_text_not_formulas():
    # matplotlib would read "$…$" as a formula and fail on the unknown command
    bars = [Bar(r"Бюджет $\nosuchcommand$ и $5", 2, "100,0 %")]
    assert bar_chart_png(r"Сколько $\nosuchcommand$?", bars, note="$").startswith(PNG_SIGNATURE)


def test_nothing_is_drawn_without_bars_or_with_too_many():
    with pytest.raises(ValueError, match="at least one bar"):
        bar_chart_png(TITLE, [])
    with pytest.raises(ValueError, match=f"at most {MAX_BARS} bars"):
        bar_chart_png(TITLE, _bars(MAX_BARS + 1))
    with pytest.raises(ValueError, match="negative"):
        bar_chart_png(TITLE, [Bar("Совет", -1, "0,0 %")])


def test_no_figure_is_left_behind_and_threads_draw_the_same():
    managers = _pylab_helpers.Gcf.get_num_fig_managers()
    alone = bar_chart_png(TITLE, SEED, note=SEVERAL)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda _: bar_chart_png(TITLE, SEED, note=SEVERAL), range(8)))
    assert together == [alone] * 8
    assert _pylab_helpers.Gcf.get_num_fig_managers() == managers
