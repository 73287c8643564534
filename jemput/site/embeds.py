"""Listings for other websites: an embed page for an iframe and a JSON Feed of upcoming visits.

A village's, a regency's or a mosque council's own website shows the office's,
region's or program's next visits without copying them by hand: the embed page
is one small HTML document (no script, no request to anyone, styles inline) whose
links open the full page in a new tab, and the JSON Feed carries the same visits
for sites that render them their own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from jemput.site.listings import Listing, is_upcoming

EMBED_KINDS = ("office", "province", "regency", "program")
"""Listings that have an embed page and a JSON Feed: what another website is about."""
EMBED_EVENTS = 10
"""Upcoming visits an embed page shows; a link leads to the rest."""
IFRAME_HEIGHT = 480


@dataclass(frozen=True)
class Embed:
    listing: Listing
    url: str
    """The embed page's folder, relative to the site."""
    feed: str
    """The listing's JSON Feed, relative to the site."""
    page_address: str
    """The listing's full page, absolute: where the embed page's links lead."""
    address: str
    """The embed page, absolute: what the iframe loads."""
    upcoming: tuple
    """The upcoming events, soonest first (all of them: the JSON Feed carries them)."""

    @property
    def shown(self) -> tuple:
        return self.upcoming[:EMBED_EVENTS]

    @property
    def more(self) -> int:
        return len(self.upcoming) - len(self.shown)

    @property
    def save_as(self) -> str:
        return self.url + "index.html"

    def snippet(self) -> str:
        """The ``<iframe>`` to copy into another website (shown escaped, as text)."""
        return (f'<iframe src="{escape(self.address)}" title="{escape(self.listing.heading)}" '
                f'width="100%" height="{IFRAME_HEIGHT}" loading="lazy" style="border:0"></iframe>')


def embed_of(listing: Listing, urls: dict, absolute, today) -> Embed | None:
    if listing.kind not in EMBED_KINDS:
        return None
    url = urls["embed"].format(listing=listing.url)
    upcoming = tuple(e for e in listing.events if is_upcoming(e, today))
    return Embed(listing, url, urls["json_feed"].format(listing=listing.url), absolute(listing.url),
                 absolute(url), upcoming)
