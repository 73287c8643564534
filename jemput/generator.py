"""Step 3: the Pelican generator. Reads and checks everything, then writes every output."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from jemput.publish import opendata
from jemput.publish.publisher import KIND_SEGMENTS, Publisher, subscription_for
from jemput.publish.revisions import read_ledger
from jemput.runtime import memory, parallel
from jemput.runtime.cache import ResultCache
from jemput.schedule.announcements import link_announcements
from jemput.schedule.model import Event
from jemput.schedule.validation import Schedule, read_schedules
from jemput.settings import OutreachSettings, read_settings
from jemput.site import formatting
from jemput.site.listings import Listing, build_listings, is_upcoming, program_progress
from jemput.site.sanitize import MarkdownRenderer
from jemput.text import Text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventPage:
    """An event with everything its page and list entries show."""

    event: Event
    url: str
    ics_url: str
    dates: str
    hours: str
    closed: str
    iso_start: str
    zone: str
    place: str
    is_past: bool
    osm_url: str | None
    announcements: tuple = ()
    markdown: object = None
    """Renders the description when the page is written: in the worker that writes it,
    and without keeping every event's HTML in memory."""

    @property
    def description_html(self) -> str:
        return self.markdown(self.event.entry.description) if self.markdown else ""

    @property
    def save_as(self) -> str:
        return self.url + "index.html"

    @property
    def location(self) -> str:
        """Venue and address on one line, as calendars and share links give it."""
        return ", ".join(p for p in (self.event.entry.venue.name, self.place) if p)

    @property
    def entry(self):
        return self.event.entry


@dataclass(frozen=True)
class Sharing:
    """Links that take an event elsewhere: calendar apps, WhatsApp, search engines."""

    google_calendar: str
    whatsapp: str
    json_ld: str


@dataclass
class SiteData:
    """What every template may read as ``outreach``."""

    today: object
    schedule: Schedule
    pages: dict[str, EventPage]
    listings: dict[str, list[Listing]]
    urls: dict
    t: Text
    options: OutreachSettings
    home_events: list = field(default_factory=list)
    home_announcements: list = field(default_factory=list)
    progress_by_program: dict = field(default_factory=dict)

    def progress(self, program):
        return self.progress_by_program[program.id]

    def subscription(self, listing: Listing):
        return subscription_for(listing, self.urls)

    def absolute(self, relative: str) -> str:
        return self.options.absolute(relative)

    def webcal(self, relative: str) -> str:
        return formatting.webcal_url(self.absolute(relative))

    def google_subscribe(self, relative: str) -> str:
        return formatting.google_subscribe_url(self.absolute(relative))


class OutreachGenerator(Generator):
    """Turns ``schedules/`` into event pages, listings, calendars, feeds and open data."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.translations = Text(self.options.lang)
        self.formatter = formatting.Formatter(self.options.lang, self.translations)
        self.cache = ResultCache(self.options.cache_path)
        self.markdown = MarkdownRenderer(self.cache)
        self.site: SiteData | None = None
        self.publisher: Publisher | None = None
        self.articles: list = []
        self.by_event: dict = {}
        self.ledger: dict = {}

    def generate_context(self) -> None:
        with memory.collection_paused():  # what is read here lives until the build ends
            schedule, pages = self._read()
        memory.freeze()  # until generate_output has written everything
        try:
            self._build_site_data(schedule, pages)
        except BaseException:
            memory.unfreeze()
            raise

    def _read(self) -> tuple[Schedule, dict]:
        self.ledger = read_ledger(self.options.ledger_path)
        schedule, problems = read_schedules(self.options, frozenset(self.ledger) if self.ledger else None)
        events_by_key = {e.key: e for e in schedule.events}
        self.articles = list(self.context.get("articles", []))
        by_event, by_article = link_announcements(
            self.articles, events_by_key, self.options.schedules_path.parent, problems,
            schedule.declared_keys, schedule.left_out)
        for warning in problems.warnings:
            log.warning(warning.text(self.options.lang))
        problems.raise_if_errors(self.options.lang)
        pages = {e.key: self._event_page(e, tuple(by_event.get(e.key, ()))) for e in schedule.events}
        for article in self.articles:
            article.outreach_events = [pages[e.key] for e in by_article.get(article.source_path, [])]
        self.by_event = by_event
        return schedule, pages

    def _build_site_data(self, schedule: Schedule, pages: dict) -> None:
        options = self.options
        listings = build_listings(schedule, options.today, options.urls)
        self.site = SiteData(options.today, schedule, pages, listings, options.urls,
                             self.translations, options)
        upcoming = listings["upcoming"][0].events[: options.home_events]
        self.site.home_events = [pages[e.key] for e in upcoming]
        self.site.home_announcements = self.articles[: options.home_announcements]
        self.site.progress_by_program = {
            p.id: program_progress(p, schedule.events, options.today) for p in schedule.programs}
        self.publisher = Publisher(options, self.translations, pages, self.ledger, self.cache)
        self.publisher.prepare_all(schedule.events)
        self.context["outreach"] = self.site

    def _event_page(self, event: Event, announcements: tuple) -> EventPage:
        fmt, urls = self.formatter, self.options.urls
        return EventPage(
            event=event,
            url=urls["event"].format(office=event.office.id, event=event.id),
            ics_url=urls["event_ics"].format(office=event.office.id, event=event.id),
            dates=fmt.dates(event),
            hours=fmt.hours(event),
            closed=fmt.closed(event),
            iso_start=formatting.iso_start(event),
            zone=formatting.zone_abbreviation(event),
            place=formatting.place_line(event),
            is_past=not is_upcoming(event, self.options.today),
            markdown=self.markdown,
            osm_url=formatting.osm_url(event),
            announcements=tuple(sorted(announcements, key=lambda a: (a.date, a.slug), reverse=True)),
        )

    def _sharing(self, event: Event, page: EventPage) -> Sharing:
        url = self.site.absolute(page.url)
        location = page.location
        details = f"{page.dates}, {page.hours}\n{url}"
        message = f"{event.entry.title}\n{page.dates}, {page.hours}\n{location}\n{url}"
        office_url = self.site.absolute(self.options.urls["office"].format(office=event.office.id))
        return Sharing(
            google_calendar=formatting.google_calendar_url(event, details, location),
            whatsapp=formatting.whatsapp_url(message),
            json_ld=opendata.json_ld(event, url, office_url),
        )

    def generate_output(self, writer) -> None:
        """Every file is an independent job; the jobs are shared out over the cores.

        Files written by worker processes do not reach ``content_written`` listeners
        in this process; set ``OUTREACH_WORKERS = 1`` for plugins that need them.
        """
        try:
            pages = list(self.site.pages.values())
            first = [self._write_open_data, self._write_ledger]
            jobs = [*first, *self._event_page_jobs(writer, pages), *self._listing_jobs(writer),
                    *self._calendar_jobs(), *self._feed_jobs()]

            def run(indices):
                # The descriptions of this chunk's event pages, converted in one batch first.
                self.markdown.prepare(pages[i - len(first)].entry.description for i in indices
                                      if len(first) <= i < len(first) + len(pages))
                return [jobs[i]() for i in indices]

            # Jobs return the cache keys they used (or None), so the parent knows what to keep.
            used = parallel.map_chunks(run, list(range(len(jobs))), self.options.workers,
                                       after_chunk=self.cache.flush)
            self._keep_cache(used)
        finally:
            memory.unfreeze()  # frozen by generate_context

    def _write_ledger(self) -> None:
        self._write_bytes(self.options.revisions_file, self.publisher.ledger_file())

    def _keep_cache(self, used_by_jobs) -> None:
        cache = self.cache
        cache.used.update(key for key in used_by_jobs if key)
        cache.used.update(self.markdown.cache_key(p.entry.description) for p in self.site.pages.values()
                          if p.entry.description)
        cache.flush()
        if self.options.offices is None:  # a preview uses a few offices' results, not fewer
            cache.prune()
        cache.close()

    def _event_page_jobs(self, writer, pages: list[EventPage]):
        relative, template = self.settings["RELATIVE_URLS"], self.get_template("event")
        return [partial(self._write_event_page, writer, template, page, relative) for page in pages]

    def _listing_jobs(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        listing_template = self.get_template("listing")
        for kind in ("upcoming", "past", "office", "type", "province", "regency", "program"):
            for listing in self.site.listings[kind]:
                pages = [self.site.pages[e.key] for e in listing.events]
                yield partial(writer.write_file, listing.save_as, listing_template, self.context,
                              relative_urls=relative, paginated={"events": pages},
                              template_name="listing", url=listing.url, listing=listing,
                              page_name=listing.url)
        for name in ("offices", "regions", "programs"):
            url = self.options.urls[name]
            yield partial(writer.write_file, url + "index.html", self.get_template(name), self.context,
                          relative_urls=relative, page_name=url)

    def _write_event_page(self, writer, template, page: EventPage, relative: bool) -> None:
        writer.write_file(page.save_as, template, self.context, relative_urls=relative, event=page,
                          sharing=self._sharing(page.event, page), page_name=page.url)

    def _subscribable(self):
        yield self.site.listings["upcoming"][0], self.options.site_name
        for kind in KIND_SEGMENTS:
            for listing in self.site.listings[kind]:
                name = self.translations.label("type", listing.name) if kind == "type" else listing.name
                yield listing, f"{self.options.site_name}: {name}"

    def _calendar_jobs(self):
        for key, published in self.publisher.published.items():
            yield partial(self._write_event_calendar, self.site.pages[key].ics_url, published)
        for listing, name in self._subscribable():
            yield partial(self._write_calendar, self.site.subscription(listing).calendar, name, listing)

    def _write_event_calendar(self, relative: str, published) -> None:
        self._write_bytes(relative, published.ics)

    def _write_calendar(self, relative: str, name: str, listing: Listing) -> None:
        with self._output_file(relative).open("wb") as stream:
            stream.writelines(self.publisher.calendar(name, listing.events))

    def _feed_jobs(self):
        urls, t = self.options.urls, self.translations.gettext
        everything = self.site.schedule.events
        for name, title, events, news in (("kegiatan", t("Upcoming visits"), everything, False),
                                          ("pengumuman", t("Announcements"), (), True),
                                          ("semua", self.options.site_name, everything, True)):
            feed_urls = tuple(urls["feed_all"].format(name=name, format=f) for f in ("atom", "rss"))
            yield partial(self._write_feed, title, "", feed_urls, events, self.articles if news else ())
        for listing, title in self._subscribable():
            if listing.kind != "upcoming":
                subscription = self.site.subscription(listing)
                yield partial(self._write_feed, title, listing.url, (subscription.atom, subscription.rss),
                              listing.events, self._articles_about(listing.events))

    def _articles_about(self, events) -> list:
        seen = {}
        for event in events:
            for article in self.by_event.get(event.key, ()):
                seen[article.source_path] = article
        return [seen[k] for k in sorted(seen)]

    def _write_feed(self, title, page_url, feed_urls, events, articles) -> bytes:
        publisher = self.publisher
        items = [publisher.event_item(e) for e in publisher.newest_events(events)]
        items += [publisher.article_item(a) for a in articles]
        atom, rss, cache_key = publisher.feed(title, page_url, feed_urls, items)
        self._write_bytes(feed_urls[0], atom)
        self._write_bytes(feed_urls[1], rss)
        return cache_key

    def _write_open_data(self) -> None:
        urls, today = self.options.urls, self.options.today
        with self._open_text(urls["events_json"]) as stream:
            opendata.write_events_json(self._open_data_records(), today, stream)
        with self._open_text(urls["events_csv"]) as stream:
            opendata.write_events_csv(self._open_data_records(), stream)

    def _open_data_records(self):
        for event in sorted(self.site.schedule.events, key=lambda e: (e.entry.start, e.key)):
            page, published = self.site.pages[event.key], self.publisher.published[event.key]
            yield opendata.event_record(event, published.uid, self.site.absolute(page.url),
                                        self.site.absolute(page.ics_url))

    def _output_file(self, relative: str) -> Path:
        """Files other than pages; ``sanitised_join`` refuses any path outside the output folder."""
        path = Path(sanitised_join(self.output_path, relative))
        os.makedirs(path.parent, exist_ok=True)
        return path

    def _open_text(self, relative: str):
        return self._output_file(relative).open("w", encoding="utf-8", newline="")

    def _write_bytes(self, relative: str, data: bytes) -> None:
        self._output_file(relative).write_bytes(data)
