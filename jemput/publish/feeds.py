"""RSS 2.0 and Atom feeds with ``feedgen``: pure functions of prepared items.

Two feedgen 1.0.0 behaviours are handled here: entries are appended in the
order given (its default prepends), and Atom entry links keep their ``rel``,
``type`` and ``length`` (feedgen drops them: upstream issue #135), so the
enclosure pointing at an event's .ics file survives in Atom as in RSS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator


@dataclass(frozen=True)
class Link:
    href: str
    rel: str = "alternate"
    type: str | None = None
    length: int | None = None
    title: str | None = None

    def as_dict(self) -> dict:
        found = {"href": self.href, "rel": self.rel, "type": self.type, "title": self.title,
                 "length": str(self.length) if self.length is not None else None}
        return {k: v for k, v in found.items() if v is not None}


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    summary: str
    updated: datetime
    published: datetime
    links: tuple[Link, ...]
    categories: tuple[str, ...] = ()
    content_html: str | None = None


@dataclass(frozen=True)
class FeedMeta:
    id: str
    title: str
    subtitle: str
    page_url: str
    atom_url: str
    rss_url: str
    language: str
    updated: datetime
    author: str
    items: tuple[FeedItem, ...] = field(default=())


class _AtomLinkAttributes(BaseExtension):
    """Puts back the link attributes feedgen leaves out of Atom entries."""

    def __init__(self) -> None:
        self.links: list[dict] = []

    def extend_atom(self, entry):
        elements = entry.findall("link")  # feedgen builds un-namespaced elements
        for element, link in zip(elements, self.links, strict=True):
            for name in ("rel", "type", "length", "title"):
                if link.get(name):
                    element.set(name, link[name])
        return entry


def render_feeds(meta: FeedMeta) -> tuple[bytes, bytes]:
    """The (Atom, RSS) documents for one feed."""
    generator = _feed(meta)
    for item in meta.items:
        _add_entry(generator, item)
    atom = generator.atom_str(pretty=True, encoding="UTF-8")
    rss = generator.rss_str(pretty=True, encoding="UTF-8")
    return atom, rss


def _feed(meta: FeedMeta) -> FeedGenerator:
    generator = FeedGenerator()
    generator.register_extension("jemputlinks", extension_class_feed=BaseExtension,
                                 extension_class_entry=_AtomLinkAttributes,
                                 atom=True, rss=False)
    generator.id(meta.id)
    generator.title(meta.title)
    generator.subtitle(meta.subtitle)
    generator.author({"name": meta.author})
    generator.link(href=meta.atom_url, rel="self", type="application/atom+xml")
    generator.link(href=meta.page_url, rel="alternate", type="text/html")  # RSS takes the last link
    generator.language(meta.language)
    generator.generator("Jemput")
    generator.updated(meta.updated)
    generator.lastBuildDate(meta.updated)
    return generator


def _add_entry(generator: FeedGenerator, item: FeedItem) -> None:
    entry = generator.add_entry(order="append")
    entry.id(item.id)
    entry.guid(item.id, permalink=False)
    entry.title(item.title)
    # Plain text, escaped as HTML: RSS readers read a description as HTML, so "<img ...>" that staff
    # wrote must arrive as those characters, not as an image; Atom says the same with type="html".
    entry.summary(escape(item.summary, quote=False), type="html")
    if item.content_html:
        entry.content(item.content_html, type="html")
    entry.updated(item.updated)
    entry.published(item.published)
    links = [link.as_dict() for link in item.links]
    entry.link(links)
    entry.jemputlinks.links = links
    for category in item.categories:
        entry.category(term=category)
