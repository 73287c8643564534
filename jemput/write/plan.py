"""Every file the plugin writes, planned as jobs before any is written.

The kinds of output (``kinds.py``) give the items; each becomes a job naming its
files, what they come from, and the key of what they are made of. The order is
the order they run in; the output does not depend on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cached_property, partial

from jemput.publish.publisher import KIND_SEGMENTS, Publisher
from jemput.runtime import parallel
from jemput.site.formatting import Formatter
from jemput.site.history import ChangeWords
from jemput.site.listings import Listing
from jemput.site.pages import EventPage, SiteData
from jemput.site.results import is_counted, is_held
from jemput.write.inputs import EventDigests
from jemput.write.kinds import KINDS, Kind
from jemput.write.output import Job, Output

RESULT_KINDS = ("office", "province", "regency", "program")
"""Listings whose page shows what their visits achieved."""


class Plan:
    """The jobs of one build, from what ``generate_context`` prepared.

    Jobs are planned before there is a writer: they use ``output`` only when they run.
    Their keys need every event's revision, so ``keyed`` jobs wait for the publisher.
    """

    def __init__(self, site: SiteData, templates: dict, announcements: tuple[list, dict],
                 pelican_settings: dict, digests: EventDigests | None = None, site_key: bytes = b"") -> None:
        self.site, self.templates, self.pelican_settings = site, templates, pelican_settings
        self.schedule, self.options, self.text = site.schedule, site.options, site.t
        self.articles, self.articles_by_event = announcements
        self.digests = digests or EventDigests(site.pages, self.articles_by_event)
        self.site_key = site_key
        self.words = ChangeWords(Formatter(self.options.lang, self.text), self.text)
        self.publisher: Publisher | None = None
        self.output: Output | None = None
        self._pages_of: dict[int, list] = {}
        self._statistics: list | None = None
        self._regencies_by_province: dict[str, tuple] | None = None
        self._figures_by_event: dict[str, bytes] | None = None
        self.keys: dict[str, bytes] = {}
        """Each keyed job's key, by its first path: what a search bundle is made of is its pages."""
        self.check_files = None
        """``check_files(paths)``, when the build updates a site (``SiteUpdate.check``): asked of each job's
        files on the core that keys the job, rather than of 40,000 files one by one afterwards."""
        self.files_checked: dict[str, object] = {}
        """Its answers, by the job's first path."""

    def jobs(self, keyed: bool = True) -> list[Job]:
        """Every job; ``keyed`` False: paths only (``invoke check`` asks no more)."""
        planned = [(kind, item, kind.paths(self, item)) for kind in KINDS for item in kind.items(self)]
        keys = self._keys(planned) if keyed else [b""] * len(planned)
        return [Job(paths, kind.made_by(self, item), partial(kind.write, self, item), key, kind.description(item),
                    kind.reads_site, kind.name) for (kind, item, paths), key in zip(planned, keys, strict=True)]

    def _keys(self, planned: list[tuple]) -> list[bytes]:
        """Each job's key, worked out on every core (for 28,000 jobs it is most of planning). A job that
        reads other jobs' files (a search bundle, its event pages) is made of their keys: keyed after
        them, in this process."""
        alone = [index for index, (kind, _, _) in enumerate(planned) if not kind.reads_site]
        check = self.check_files
        made = parallel.map_chunks(
            lambda chunk: [(self._key(*planned[index][:2]), check(planned[index][2]) if check else None)
                           for index in chunk], alone, self.options.workers, interleaved=True)
        keys = [b""] * len(planned)
        for index, (key, checked) in zip(alone, made, strict=True):
            first = planned[index][2][0]
            keys[index] = self.keys[first] = key
            if check:
                self.files_checked[first] = checked
        for index, (kind, item, paths) in enumerate(planned):
            if kind.reads_site:
                keys[index] = self.keys[paths[0]] = self._key(kind, item)
        return keys

    def _key(self, kind: Kind, item) -> bytes:
        return self._key_of(kind.name, kind.inputs(self, item))

    def _key_of(self, name: str, inputs) -> bytes:
        # A visit's own files are made of one digest: hashed as bytes, the commonest key is cheap.
        material = inputs if isinstance(inputs, bytes) else repr(inputs).encode("utf-8")
        return hashlib.sha256(self.site_key + name.encode() + b"\0" + material).digest()

    def announcement_page_keys(self) -> dict[str, bytes]:
        """The key of each announcement's page, which Pelican writes (``output.CarryingWriter``): the
        announcement and the cards of the visits it names, as listings show them."""
        return {article.save_as: self._key_of("announcement page", (
            self.digests.announcement(article),
            self.digests.joined(page.event.key for page in getattr(article, "outreach_events", ())))
        ) for article in self.articles if article.save_as}

    def subject(self, listing: Listing) -> bytes | None:
        """What a listing is about, as its page shows it: an office, a program or a service."""
        return self.digests.entry(listing.subject.entry) if listing.subject is not None else None

    def listing_extras(self, listing: Listing, first_page: bool = True) -> tuple:
        """What a listing's page shows besides its visits: a province's regencies, a program's progress,
        and on its first page what its visits achieved."""
        done = (*self.site.tally(listing).values(), self.site.results_since(listing)) \
            if listing.kind in RESULT_KINDS and first_page else ()
        if listing.kind == "province":
            return done, self._regencies().get(listing.url, ())
        if listing.kind == "program":
            return done, self.site.progress(listing.subject)
        return (done,)

    def _regencies(self) -> dict[str, tuple]:
        """A province's regencies as its pages show them, by the province's address: gathered once, not
        by each of a province's pages going through every regency."""
        if self._regencies_by_province is None:
            found: dict[str, list] = {}
            for regency in self.site.listings["regency"]:
                found.setdefault(regency.parent_url, []).append(
                    (regency.name, regency.url, regency.upcoming_count, regency.going_ahead))
            self._regencies_by_province = {url: tuple(shown) for url, shown in found.items()}
        return self._regencies_by_province

    def pages_of(self, listing: Listing) -> list[EventPage]:
        """A listing's visits as their pages, made once per listing in each process."""
        found = self._pages_of.get(id(listing))
        if found is None:
            found = self._pages_of[id(listing)] = [self.site.pages[e.key] for e in listing.events]
        return found

    def image_address(self, page: EventPage) -> str | None:
        return self.site.absolute(page.share_images[0]) if page.share_images else None

    def subscribable(self) -> Iterator[tuple[Listing, str]]:
        """Listings with a calendar and feeds of their own, and the name a calendar app shows."""
        site_name = self.options.site_name
        yield self.site.listings["upcoming"][0], site_name
        for kind in KIND_SEGMENTS:
            for listing in self.site.listings[kind]:
                name = self.text.label("type", listing.name) if kind == "type" else listing.name
                yield listing, f"{site_name}: {name}"

    def articles_about(self, events) -> list:
        seen = {}
        for event in events:
            for article in self.articles_by_event.get(event.key, ()):
                seen[article.source_path] = article
        return [seen[k] for k in sorted(seen)]

    def publish_feed(self, title: str, page_url: str, paths: tuple[str, str], items) -> None:
        atom, rss = self.publisher.feed(title, page_url, paths, items)
        self.output.bytes(paths[0], atom)
        self.output.bytes(paths[1], rss)

    def statistics_items(self) -> list:
        """The statistics pages, planned once per plan: their summaries are planned from them."""
        if self._statistics is None:
            self._statistics = self.site.statistics_items()
        return self._statistics

    def figures_inputs(self, item) -> tuple:
        """What the figures of a statistics page or summary are made of: each visit's facts, whether it
        is held today and when its results were published; the day's month and year (its charts' last
        twelve months, its "this year"); for the site's, every office's name."""
        figures = self._figures()
        visits = b"".join([figures[e.key] for e in item.events])
        offices = self.site.office_labels() if item.office is None else ()
        # The day itself: the figures are dated by it ("Angka per ..."), so these pages are made daily.
        return item.url, item.heading, item.year, self.options.today, offices, hashlib.sha256(visits).digest()

    def _figures(self) -> dict[str, bytes]:
        """Each visit as the figures count it, made once: a visit is counted on four pages at least (the
        site's and its office's statistics and summaries)."""
        if self._figures_by_event is None:
            today = self.options.today
            self._figures_by_event = {e.key: self.digests.facts(e.key) + _counted_as(e, today)
                                      for e in self.schedule.events}
        return self._figures_by_event

    @cached_property
    def statistics_maker(self):
        return self.site.statistics_maker()

    def search_bundles(self) -> tuple:
        """The search page names every bundle."""
        return tuple((b.name, b.recent) for b in self.site.search_bundles)


def _counted_as(event, today) -> bytes:
    """What today decides of a visit's place in the figures: held, called off and due, or neither."""
    return b"h" if is_held(event, today) else b"c" if is_counted(event, today) else b"-"
