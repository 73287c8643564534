"""A printable A4 notice per visit, for the village hall and the mosque board.

One page, black on white: the title big enough to read from a few steps away,
when and where, cost, what to bring and how to register, the office, and a QR
code (segno, inline SVG: nothing fetched) that takes a phone to the visit's page.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno

from jemput.site.pages import EventPage
from jemput.site.services import cost_range

TITLE_SIZES = ((40, "title-l"), (80, "title-m"), (140, "title-s"))
"""Up to so many characters, the title gets that size; longer ones the smallest (print CSS)."""
QR_MASK = 0
"""Every QR mask pattern is valid for every reader (ISO/IEC 18004); segno's automatic choice scores
all eight in pure Python, 7 ms a code against 1.5 ms for a fixed one: seconds on a national site."""
MAX_DOCUMENTS = 6
"""Documents listed on the notice; the page (behind the QR code) has them all."""


@dataclass(frozen=True)
class Poster:
    page: EventPage
    url: str
    """The visit's page, absolute: what the QR code holds."""
    qr_svg: str
    title_size: str
    cost: str
    documents: tuple[str, ...]
    more_documents: bool


def poster(page: EventPage, url: str, qr: str, text) -> Poster:
    """The notice of ``page``; ``qr`` is ``qr_svg`` of ``url`` (made once, kept in the build cache)."""
    facts = page.facts
    documents = tuple(d.name or text("One of") + ": " + ", ".join(d.one_of)
                      for _, group in facts.documents for d in group)
    return Poster(page=page, url=url, qr_svg=qr,
                  title_size=_title_size(page.entry.title), cost=cost_range(facts, text),
                  documents=documents[:MAX_DOCUMENTS], more_documents=len(documents) > MAX_DOCUMENTS)


def qr_svg(url: str, title: str) -> str:
    """The QR code as an SVG element to place in HTML; segno escapes the title as XML."""
    code = segno.make(url, error="m", mask=QR_MASK)
    return code.svg_inline(scale=1, border=4, omitsize=True, title=title, svgclass="qr", lineclass=None)


def _title_size(title: str) -> str:
    for limit, name in TITLE_SIZES:
        if len(title) <= limit:
            return name
    return "title-xs"
