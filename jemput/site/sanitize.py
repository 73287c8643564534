"""Markdown written by staff becomes HTML that can carry no script.

nh3 (Rust's ammonia) keeps an allow-list of tags and attributes and drops
everything else, including ``javascript:`` URLs and ``on*`` attributes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import markdown
import nh3

from jemput.runtime.cache import ResultCache

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul", "img",
    "figure", "figcaption", "div", "span", "sup", "sub", "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "div": {"class"},
    "span": {"class"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
INLINE_TAGS = {"a", "abbr", "b", "br", "code", "em", "i", "span", "strong", "sub", "sup"}
DESCRIPTION_TAGS = ALLOWED_TAGS - {"img", "figure", "figcaption", "div", "span"}
"""A visit's description is Markdown only: an image staff paste has no alt text to give, and
layout HTML has no place on a phone (staff are told, with a warning)."""
"""What may stand inside one paragraph: a summary is printed inside a <p>."""


# A link whose address nh3 removed (javascript:, data:) keeps its rel, which HTML forbids
# without an href: it becomes its text. nh3 writes every attribute quoted and escapes ">".
# "<a" must end the tag's name: <abbr> is not a link (it took the page's rest into one).
_LINK_WITHOUT_ADDRESS = re.compile(r"<a(?=[\s>])(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)
# An image whose source nh3 removed (data:, javascript:) is nothing to show, and invalid HTML.
_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?=[\s>/])(?![^>]*\ssrc=)[^>]*>")
_PELICAN_LINK = re.compile(r"\s*[{|]")
"""Pelican's intrasite links ({attach}, {static}, {filename}, |filename|) are replaced after this
sanitizer runs, by copying the named file into the site: any file the build can read. Staff text
never uses them (the check refuses them at their line); here they are dropped all the same."""
_SPANS = {"colspan": 1000, "rowspan": 65534}
"""The largest values HTML allows: a larger one is invalid and dropped."""


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src") and _PELICAN_LINK.match(value):
        return None
    if attribute in _SPANS:
        return value if value.isdigit() and 1 <= int(value) <= _SPANS[attribute] else None
    return value
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|ul|ol|dl|dt|dd|table|tr|td|th|blockquote|pre|figure|figcaption)>")


# Elements that hold nothing once cleaned (a paragraph that held only a script) are dropped:
# an empty heading or list item is announced by screen readers as blank.
_EMPTY = re.compile(r"<(p|li|ul|ol|dl|h[2-4]|strong|em|b|i|code|pre|blockquote|dt|dd|td|th|tr|thead|tbody|table)>"
                    r"\s*</\1>")


def clean_html(html: str, tags=ALLOWED_TAGS) -> str:
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute,
    )
    cleaned = _IMAGE_WITHOUT_SOURCE.sub("", _LINK_WITHOUT_ADDRESS.sub(r"\1", cleaned))
    while True:
        emptier = _EMPTY.sub("", cleaned)
        if emptier == cleaned:
            return cleaned
        cleaned = emptier


def clean_description(html: str) -> str:
    return clean_html(html, DESCRIPTION_TAGS)


def inline_html(html: str) -> str:
    """Only inline markup, valid inside a paragraph: block elements give up their tags, not their text."""
    attributes = {tag: names for tag, names in ALLOWED_ATTRIBUTES.items() if tag in INLINE_TAGS}
    spaced = _BLOCK_END.sub(r"\g<0> ", clean_html(html))  # words of two blocks must not run together
    cleaned = nh3.clean(spaced, tags=INLINE_TAGS, attributes=attributes, url_schemes=URL_SCHEMES,
                        link_rel="noopener noreferrer", attribute_filter=_attribute)
    return " ".join(_LINK_WITHOUT_ADDRESS.sub(r"\1", cleaned).split())


def plain_text(html: str) -> str:
    """The words of some HTML, without markup, for feeds: nh3 drops every tag (and script content)."""
    return " ".join(unescape(nh3.clean(html, tags=set())).split())


class MarkdownRenderer:
    """Staff Markdown as sanitised HTML; raw HTML in the text is cleaned, not trusted.

    One parser is reused (building one costs more than converting a description),
    recent texts are remembered (offices often repeat a description), and with a
    build cache the HTML of every text converted before is reused. ``prepare``
    converts the texts of the next pages in one batch.
    """

    def __init__(self, cache: ResultCache | None = None, remember: int = 512) -> None:
        self._parser = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._cache = cache or ResultCache(None)
        self.convert = lru_cache(maxsize=remember)(self._convert)
        self._prepared: dict[str, str] = {}

    def cache_keys(self, texts) -> list[bytes]:
        """The build-cache keys of these texts' HTML."""
        return [self._cache.key("markdown", text) for text in texts if text]

    def prepare(self, texts) -> None:
        """Convert these texts now, all at once, replacing the ones prepared before.

        One build-cache lookup per few hundred texts, and each library run over the
        whole batch: nh3 cleans a text in about a third of the time when it is not
        interleaved with other work.
        """
        todo = [text for text in dict.fromkeys(texts) if text]

        def convert(indices):
            parsed = [self._parse(todo[i]) for i in indices]
            return [clean_description(html) for html in parsed]

        made = self._cache.remember_many("markdown", todo, convert, str.encode, bytes.decode)
        self._prepared = {text: html for text, (html, _) in zip(todo, made, strict=True)}

    def _parse(self, text: str) -> str:
        """Markdown to HTML, not yet cleaned."""
        return self._parser.reset().convert(text)

    def _convert(self, text: str) -> str:
        html, _ = self._cache.remember("markdown", text, lambda: clean_description(self._parse(text)),
                                       str.encode, bytes.decode)
        return html

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        prepared = self._prepared.get(text)
        return prepared if prepared is not None else self.convert(text)

