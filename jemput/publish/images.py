"""Pictures for link previews and flyers, drawn with Pillow: the same input always gives the same bytes.

WhatsApp, Facebook and Telegram show a preview from a page's Open Graph tags
only when ``og:image`` is an absolute address of a JPEG or PNG of about
1200×630; an Instagram post or a WhatsApp status is 1080×1350. Each event of the
calendar window gets both, drawn from its title, days, hours, place, office and
status; every other page shows the site image.

The font is FiraGO (SIL Open Font License) from the pinned ``pymupdf-fonts``
package: one family that covers Latin, Arabic, Hebrew, Cyrillic, Greek, Thai
and Devanagari, installed with the project on every machine. Latin text is laid
out by Pillow's own engine, which needs nothing from the system, so its pixels
are the same everywhere. Text in a script that joins or reorders its letters
(Arabic, Hebrew, Thai, Devanagari) needs Pillow's Raqm engine, which in Pillow's
wheels loads the system's FriBiDi (Debian: ``libfribidi0``); without it such a
line is drawn letter by letter and ``can_shape`` says so.

Pictures are drawn in 8 bits: three ramps of 85 shades (ink to paper, accent to
white, alert to white) under one palette. Antialiased text blends within the
ramp of its background, and the PNG holds one byte a pixel with no time or
software chunk: a third of the bytes and of the time of RGB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont, features

PREVIEW_SIZE = (1200, 630)
"""Link previews (Open Graph): WhatsApp, Facebook, Telegram, X."""
STORY_SIZE = (1080, 1350)
"""Instagram posts and WhatsApp status: portrait 4:5."""

INK, PAPER, ACCENT, ALERT, WHITE = (27, 27, 27), (255, 255, 255), (11, 79, 156), (160, 20, 20), (255, 255, 255)
_RAMP = 85
# Shade values: where each ramp starts (full colour) and ends (its background or white).
_INK, _PAPER = 0, _RAMP - 1
_ACCENT, _ACCENT_WHITE = _RAMP, 2 * _RAMP - 1
_ALERT, _ALERT_WHITE = 2 * _RAMP, 3 * _RAMP - 1
PAPER_SHADE = _PAPER
"""The palette index of the background."""

_COMPLEX_SCRIPT = re.compile(r"[\u0590-\u08ff\u0900-\u097f\u0e00-\u0e7f\ufb1d-\ufdff\ufe70-\ufeff]")
"""Hebrew, Arabic (with Syriac, Thaana, N'Ko and the presentation forms), Devanagari, Thai."""
_LATIN_END = 0x24F  # Basic Latin to Latin Extended-B: every font has them
_NO_LETTER = "\uffff"  # a noncharacter: every font draws its box for missing letters
_RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Card:
    """What a share image of an event says, as plain text (never markup)."""

    title: str
    dates: str
    hours: str
    place: str
    office: str
    status: str | None
    """``DIBATALKAN``, ``DITUNDA``, ``KUOTA PENUH``, ``DITARIK``; None when on schedule."""
    address: str
    """Where the full page is, without the scheme: what people type."""
    closed: str = ""
    """The days of a range without service ("tidak ada layanan pada ..."); empty when there are none."""


@dataclass(frozen=True)
class _Block:
    text: str
    bold: bool
    size: int
    max_lines: int
    shade: int
    gap: float = 0.35
    """Space after the block, in lines of its own size."""
    shared: bool = False
    """Its lines recur on other pictures (days, hours): each is drawn once per text and size."""


def can_shape() -> bool:
    """Whether Arabic, Hebrew, Thai and Devanagari are laid out as readers expect (Raqm with FriBiDi)."""
    return features.check("raqm")


def needs_shaping(text: str) -> bool:
    return bool(_COMPLEX_SCRIPT.search(text))


def missing_glyphs(text: str) -> list[str]:
    """Letters of ``text`` the font cannot draw (Chinese, Javanese script, emoji): shown as boxes."""
    return list(dict.fromkeys(char for char in text if ord(char) > _LATIN_END and char.isprintable()
                              and not char.isspace() and not _has_glyph(char)))


def site_image(name: str, subtitle: str) -> bytes:
    """The preview image of every page that has none of its own."""
    image, draw = _canvas(PREVIEW_SIZE)
    draw.rectangle((0, 0, PREVIEW_SIZE[0], 24), fill=_ACCENT)
    margin = 72
    blocks = [_Block(name, True, 72, 3, _INK, gap=0.6), _Block(subtitle, False, 40, 2, _ACCENT)]
    _draw_blocks(draw, blocks, (margin, 160), PREVIEW_SIZE[0] - 2 * margin, PREVIEW_SIZE[1] - 160 - 48)
    return png(image)


def share_image(card: Card, size: tuple[int, int]) -> bytes:
    """An event's picture at ``size``: office band, status, title, days, hours, place, address."""
    image, draw = _canvas(size)
    width, height = size
    tall = height > width
    margin, footer = 64, 72 if tall else 64
    y = _band(draw, card.office, width, margin)
    if card.status:
        y = _status(draw, card.status, width, margin, y)
    blocks = [
        _Block(card.title, True, 104 if tall else 72, 5 if tall else 3, _INK, gap=0.45),
        _Block(card.dates, True, 56 if tall else 40, 3 if tall else 2, _INK, gap=0.15, shared=True),
        _Block(card.hours, False, 56 if tall else 40, 1, _INK, shared=True),
        *([_Block(card.closed, True, 44 if tall else 32, 2, _INK)] if card.closed else []),
        _Block(card.place, False, 48 if tall else 34, 4 if tall else 2, _INK),
    ]
    top = y + (64 if tall else 36)
    _draw_blocks(draw, blocks, (margin, top), width - 2 * margin, height - footer - top - 24, centred=tall)
    _footer(draw, card.address, size, margin, footer)
    return png(image)


def png(image: Image.Image) -> bytes:
    out = BytesIO()
    # Level 1: 7 ms a picture against 10 ms at level 3 (and 30 at the default 6), for 9 % more
    # bytes than level 3: a cold build of 10,000 events draws 1,664. No tIME or text chunk.
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _canvas(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("P", size, _PAPER)
    image.putpalette(_palette())
    draw = ImageDraw.Draw(image)
    draw.fontmode = "L"  # antialiased text on a palette image: the shades blend within one ramp
    return image, draw


@cache
def _palette() -> list[int]:
    values = []
    for start, end in ((INK, PAPER), (ACCENT, WHITE), (ALERT, WHITE)):
        for step in range(_RAMP):
            values += [round(a + (b - a) * step / (_RAMP - 1)) for a, b in zip(start, end, strict=True)]
    return values + [255, 255, 255]  # the 256th entry, never drawn


def _band(draw, office: str, width: int, margin: int) -> int:
    """The office's name on the accent colour across the top; returns where it ends."""
    height = 100
    draw.rectangle((0, 0, width, height), fill=_ACCENT)
    _one_line(draw, office, 34, (margin, (height - 34) // 2), width - 2 * margin, _ACCENT_WHITE)
    return height


def _status(draw, status: str, width: int, margin: int, top: int) -> int:
    """A red bar with the status in capitals (DIBATALKAN): seen before anything else."""
    height = 96
    draw.rectangle((0, top, width, top + height), fill=_ALERT)
    _one_line(draw, status, 60, (margin, top + (height - 60) // 2 - 4), width - 2 * margin, _ALERT_WHITE)
    return top + height


def _footer(draw, address: str, size: tuple[int, int], margin: int, height: int) -> None:
    width, bottom = size
    draw.line((margin, bottom - height, width - margin, bottom - height), fill=_ACCENT, width=3)
    _one_line(draw, address, 30, (margin, bottom - height + (height - 30) // 2), width - 2 * margin, _ACCENT)


def _one_line(draw, text: str, size: int, position: tuple[int, int], width: int, shade: int) -> None:
    """Bold text on one line, down to three quarters of ``size``, then ending in an ellipsis."""
    x, y = position
    for smaller in range(size, round(size * 0.75) - 1, -2):
        font = _font(True, smaller, needs_shaping(text))
        if _width(font, text) <= width:
            break
    line = text if _width(font, text) <= width else _shortened(text, font, width)
    _stamp(draw, (x, y + (size - smaller) // 2), line, font, shade)


def _direction(text: str) -> str:
    """The paragraph direction of ``text``: that of its first letter (Unicode's rule P2, letters only)."""
    for char in text:
        if char.isalpha():
            return "rtl" if _RIGHT_TO_LEFT.match(char) else "ltr"
    return "ltr"


def _engine_direction(font, direction: str) -> str | None:
    """Only Raqm takes a direction; Pillow's own engine lays out left to right."""
    return direction if font.layout_engine == ImageFont.Layout.RAQM else None


@lru_cache(maxsize=1 << 14)
def _width(font, text: str, direction: str | None = None) -> float:
    """How wide ``text`` is drawn: measured once per font and text (words and lines recur from
    picture to picture: the office, the days, the hours, the words of titles)."""
    return _measuring().textlength(text, font=font, direction=direction)


@cache
def _measuring() -> ImageDraw.ImageDraw:
    """A drawing of the pictures' mode, for measuring only: a length does not depend on the picture."""
    return _canvas((1, 1))[1]


def _stamp(draw, xy: tuple[int, int], text: str, font, shade: int, direction: str | None = None) -> None:
    """``text`` drawn at ``xy`` as ``draw.text`` draws it, from its antialiased mask made once: the office,
    the days and the hours of one picture are on many others, and both pictures of a visit end with
    the same address."""
    mask, (left, top) = _mask(font, text, direction)
    draw.bitmap((xy[0] + left, xy[1] + top), mask, fill=shade)


@lru_cache(maxsize=128)
def _mask(font, text: str, direction: str | None) -> tuple[Image.Image, tuple[int, int]]:
    """The text's coverage (0-255) over its bounding box, and where that box starts: drawn at full ink
    on black, the mask's values are the coverage itself, and ``bitmap`` blends the shade by it as
    ``text`` would."""
    left, top, right, bottom = font.getbbox(text, mode="L", direction=direction)
    mask = Image.new("L", (right - left, bottom - top))
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, direction=direction)
    return mask, (left, top)


def _length(line: str, font, direction: str) -> float:
    return _width(font, line, _engine_direction(font, direction))


_SCALES = (*((title, 1.0) for title in (1.0, 0.9, 0.8, 0.7, 0.6)),
           *((0.6, rest) for rest in (0.9, 0.8, 0.7)), (0.5, 0.6), (0.4, 0.5))
"""(first block, the others): a long title shrinks first, so that the facts under it stay large."""


def _draw_blocks(draw, blocks: list[_Block], origin: tuple[int, int], width: int, height: int,
                 centred: bool = False) -> None:
    """Blocks one under another, at the largest scales at which they fit ``height``; ``centred``:
    in the middle of that height (a portrait flyer), else from its top."""
    for first, rest in _SCALES:
        laid = [(block, size, _wrapped(block, size, width))
                for index, block in enumerate(blocks)
                for size in (max(12, round(block.size * (rest if index else first))),)]
        if _height(laid) <= height:
            break
    x, y = origin
    if centred:
        y += max(0, height - _height(laid)) // 2
    for block, size, lines in laid:
        font, direction = _font(block.bold, size, needs_shaping(block.text)), _direction(block.text)
        for line in lines:
            indent = width - round(_length(line, font, direction)) if direction == "rtl" else 0
            if block.shared:
                _stamp(draw, (x + indent, y), line, font, block.shade, _engine_direction(font, direction))
            else:
                draw.text((x + indent, y), line, font=font, fill=block.shade,
                          direction=_engine_direction(font, direction))
            y += round(size * 1.22)
        y += round(size * block.gap)


def _height(laid) -> int:
    return sum(len(lines) * round(size * 1.22) + round(size * block.gap) for block, size, lines in laid)


def _wrapped(block: _Block, size: int, width: int) -> list[str]:
    """The block's lines at ``size``; past ``max_lines`` the last one ends in an ellipsis."""
    font = _font(block.bold, size, needs_shaping(block.text))
    lines = _lines(block.text, font, width)
    if len(lines) > block.max_lines:
        lines = lines[:block.max_lines]
        lines[-1] = _shortened(lines[-1], font, width)
    return lines


def _lines(text: str, font, width: int) -> list[str]:
    """Greedy wrapping that measures each word once and adds the widths; should kerning or shaping
    make a line wider than the sum, the text is wrapped again measuring whole lines."""
    space = _width(font, " ")
    lines, current, current_width = [], "", 0.0
    for word in text.split():
        word_width = _width(font, word)
        if current and current_width + space + word_width <= width:
            current, current_width = f"{current} {word}", current_width + space + word_width
            continue
        if current:
            lines.append(current)
        current, current_width = word, word_width
        while current_width > width and len(current) > 1:  # one word wider than a line
            cut = _fitting(current, font, width)
            lines.append(current[:cut])
            current = current[cut:]
            current_width = _width(font, current)
    lines = [*lines, current] if current else lines
    if any(_width(font, line) > width for line in lines):
        return _lines_measured(text, font, width)
    return lines


def _lines_measured(text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _width(font, candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
        while _width(font, current) > width and len(current) > 1:
            cut = _fitting(current, font, width)
            lines.append(current[:cut])
            current = current[cut:]
    return [*lines, current] if current else lines


def _fitting(text: str, font, width: int) -> int:
    """The longest start of ``text`` that fits ``width`` (at least one letter), by halving."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(font, text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _shortened(line: str, font, width: int) -> str:
    while line and _width(font, line + "…") > width:
        line = line[:-1]
    return line.rstrip() + "…"


@lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    """Whether the font draws ``char`` as something other than its box for missing letters."""
    return _drawn(char) != _drawn(_NO_LETTER)


def _drawn(char: str) -> bytes:
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 4), char, font=_font(True, 32, False), fill=255)
    return image.tobytes()


@lru_cache(maxsize=64)
def _font(bold: bool, size: int, shaped: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if shaped and can_shape() else ImageFont.Layout.BASIC
    return ImageFont.truetype(BytesIO(_font_file(bold)), size, layout_engine=engine)


@cache
def _font_file(bold: bool) -> bytes:
    """FiraGO from pymupdf-fonts, decompressed on first use (about 0.8 MB each)."""
    if bold:
        from pymupdf_fonts import FiraGO_Bold as face
    else:
        from pymupdf_fonts import FiraGO_Regular as face
    return face.fontbuffer
