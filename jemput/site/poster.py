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
    documents: tuple[tuple[str, tuple[str, ...]], ...]
    """(who brings them, as ``Facts.documents`` names them; the documents with their notes)."""
    more_documents: bool
    contact: str
    """The visit's contact, else the office's telephone: a notice on a board must say whom to ask."""


def poster(page: EventPage, url: str, qr: str, text) -> Poster:
    """The notice of ``page``; ``qr`` is ``qr_svg`` of ``url`` (made once, kept in the build cache)."""
    facts = page.facts
    documents, left = [], MAX_DOCUMENTS
    for name, group in facts.documents:
        items = tuple(_document(d, text) for d in group)
        if left > 0:
            documents.append((name, items[:left]))
        left -= len(items)
    return Poster(page=page, url=url, qr_svg=qr,
                  title_size=_title_size(page.entry.title), cost=cost_range(facts, text),
                  documents=tuple(documents), more_documents=left < 0, contact=_contact(page, text))


def _document(document, text) -> str:
    name = document.name or text("One of") + ": " + ", ".join(document.one_of)
    return f"{name} ({document.note})" if document.note else name


def _contact(page: EventPage, text) -> str:
    if page.entry.contact:
        return page.entry.contact
    office = page.office
    return text("%(office)s, telephone %(phone)s", office=office.short_name or office.name,
                phone=office.phone) if office.phone else ""


def qr_svg(url: str, title: str) -> str:
    """The QR code as an SVG element to place in HTML; segno escapes the title as XML."""
    code = segno.make(url, error="m", mask=QR_MASK)
    return code.svg_inline(scale=1, border=4, omitsize=True, title=title, svgclass="qr", lineclass=None)


def _title_size(title: str) -> str:
    for limit, name in TITLE_SIZES:
        if len(title) <= limit:
            return name
    return "title-xs"
