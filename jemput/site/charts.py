"""Bar charts for the statistics pages, written as inline SVG at build time.

Plain Python and ``markupsafe`` rather than a charting library: the same figures
always give the same bytes, a chart takes about 0.2 ms and 2-3 KB, and nothing
more is installed. pygal writes a random uuid, the day's date and an inline
``<script>`` into every SVG, so it is not reproducible; vl-convert-python is a
33 MB wheel whose text layout depends on the build machine's fonts and whose
SVG has no root ``<title>``/``<desc>``.

The accessible pattern: the ``<svg>`` is one image (``role="img"``) named by its
``<title>`` and ``<desc>``; its marks are hidden from screen readers because the
caller prints the same figures in a real ``<table>`` beside it. Text widths are
estimated, not measured, so no font is needed at build time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

INK = "#1b1b1b"  # 17:1 on white
ACCENT = "#0b4f9c"  # the site's link colour, 8:1 on white
FONT = "system-ui, sans-serif"
FONT_SIZE = 12
CHAR_WIDTH = 7  # a generous average advance at 12 px, to leave room for labels
MAX_LABEL = 24  # longer labels are cut in the picture only; the table has them whole

WIDTH = 480  # drawn at 3/4 size on a 360 px phone, so 12 px text stays readable
PAD = 8
PLOT_HEIGHT = 200  # vertical bars: the longest bar
VALUE_SPACE = 18  # vertical bars: room for the value above the tallest bar
ROW = 24  # horizontal bars: one row per bar
THICKNESS = 16  # horizontal bars: the bar inside its row
ROTATE_AFTER = 6  # more vertical bars than this and their labels are turned -45°

_CHART_ID = re.compile(r"[a-z0-9-]+")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # no XML 1.0 document may hold these


@dataclass(frozen=True)
class Bar:
    """One figure: what it is, how much, and the amount as the caller prints it."""

    label: str
    value: int
    text: str


def bar_chart(
    chart_id: str, title: str, description: str, bars: Sequence[Bar], *, horizontal: bool = False
) -> Markup:
    """An ``<svg>`` with one bar per figure, in the given order; the longest bar is the largest value.

    ``chart_id`` must be unique on its page (several charts share one), as the
    ``<title>`` and ``<desc>`` ids are made from it.
    """
    if not _CHART_ID.fullmatch(chart_id):
        raise ValueError(f"chart id must be lowercase letters, digits and hyphens: {chart_id!r}")
    if not bars:
        raise ValueError(f"chart {chart_id!r} has no bars")
    if any(bar.value < 0 for bar in bars):
        raise ValueError(f"chart {chart_id!r} has a negative value")
    width, height, marks = (_horizontal if horizontal else _vertical)(bars)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {_num(height)}"'
        f' style="max-width:100%;height:auto" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' font-family="{FONT}" font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-title">{_text(title)}</title>'
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>'
        f'<g aria-hidden="true" fill="{INK}">{"".join(marks)}</g></svg>'
    )


def _vertical(bars: Sequence[Bar]) -> tuple[int, float, list[str]]:
    """Bars standing on a baseline, labels below; many labels are turned so they do not overlap."""
    rotated = len(bars) > ROTATE_AFTER
    labels = [_short(bar.label) for bar in bars]
    # A label turned -45° ends under its bar and reaches down and to the left by ~0.71 of its length
    # and of its height.
    reach = 0.71 * (CHAR_WIDTH * max(len(label) for label in labels) + FONT_SIZE) if rotated else 0
    slot_guess = (WIDTH - 2 * PAD) / len(bars)
    left = max(PAD, round(reach - slot_guess / 2))
    slot = (WIDTH - left - PAD) / len(bars)
    bar_width = min(slot * 0.7, 48)
    base = PAD + VALUE_SPACE + PLOT_HEIGHT
    height = base + (12 + reach + PAD if rotated else 2 * FONT_SIZE)
    top = max(bar.value for bar in bars)
    marks = [f'<path d="M{left} {base}H{WIDTH - PAD}" stroke="{INK}"/>']
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        length = round(PLOT_HEIGHT * bar.value / top, 1) if top else 0.0
        middle = left + slot * (i + 0.5)
        marks.append(
            f'<rect class="bar" x="{_num(middle - bar_width / 2)}" y="{_num(base - length)}"'
            f' width="{_num(bar_width)}" height="{_num(length)}" fill="{ACCENT}"/>'
            f'<text x="{_num(middle)}" y="{_num(base - length - 4)}" text-anchor="middle">{_text(bar.text)}</text>'
        )
        if rotated:
            x, y = _num(middle), _num(base + 12)
            marks.append(
                f'<text x="{x}" y="{y}" text-anchor="end" transform="rotate(-45 {x} {y})">{_text(label)}</text>'
            )
        else:
            marks.append(f'<text x="{_num(middle)}" y="{base + 16}" text-anchor="middle">{_text(label)}</text>')
    return WIDTH, height, marks


def _horizontal(bars: Sequence[Bar]) -> tuple[int, float, list[str]]:
    """One row per bar: the label at the left, the bar, then its value; for long labels."""
    labels = [_short(bar.label) for bar in bars]
    left = PAD + CHAR_WIDTH * max(len(label) for label in labels) + 6
    room = WIDTH - left - PAD - CHAR_WIDTH * max(len(bar.text) for bar in bars) - 4
    height = 2 * PAD + ROW * len(bars)
    top = max(bar.value for bar in bars)
    marks = [f'<path d="M{left} {PAD}V{height - PAD}" stroke="{INK}"/>']
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        length = round(room * bar.value / top, 1) if top else 0.0
        row = PAD + ROW * i
        baseline = row + ROW / 2 + 4  # about the middle of a 12 px line
        marks.append(
            f'<text x="{left - 6}" y="{_num(baseline)}" text-anchor="end">{_text(label)}</text>'
            f'<rect class="bar" x="{left}" y="{_num(row + (ROW - THICKNESS) / 2)}"'
            f' width="{_num(length)}" height="{THICKNESS}" fill="{ACCENT}"/>'
            f'<text x="{_num(left + length + 4)}" y="{_num(baseline)}">{_text(bar.text)}</text>'
        )
    return WIDTH, height, marks


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _text(value: str) -> Markup:
    """Staff text, escaped, without the control characters that would make the SVG unreadable as XML."""
    return escape(_NOT_XML.sub("", value))


def _num(value: float) -> str:
    """One decimal, without a trailing ``.0``: the same bytes on every platform."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
