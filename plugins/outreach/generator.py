"""Step 3: the Pelican generator. Reads and checks everything, then writes every output."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from . import opendata, presentation
from .announcements import link_announcements
from .i18n import Translations
from .listings import Listing, build_listings, is_upcoming, program_progress
from .model import Event
from .publication import KIND_SEGMENTS, Publisher, subscription_for
from .revisions import read_ledger
from .sanitize import markdown_to_html
from .settings import read_settings
from .validation import Schedule, read_schedules

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventPage:
    """An event with everything its page and list entries show, computed once."""

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
    description_html: str
    osm_url: str | None
    announcements: tuple = ()

    @property
    def save_as(self) -> str:
        return self.url + "index.html"

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
    t: Translations
    base_url: str
    home_events: list = field(default_factory=list)
    sharing: dict[str, Sharing] = field(default_factory=dict)

    def page(self, event: Event) -> EventPage:
        return self.pages[event.key]

    def progress(self, program):
        return program_progress(program, self.schedule.events, self.today)

    def subscription(self, listing: Listing):
        return subscription_for(listing, self.urls)

    def absolute(self, relative: str) -> str:
        return f"{self.base_url}/{relative}"

    def webcal(self, relative: str) -> str:
        return presentation.webcal_url(self.absolute(relative))

    def google_subscribe(self, relative: str) -> str:
        return presentation.google_subscribe_url(self.absolute(relative))


class OutreachGenerator(Generator):
    """Turns ``schedules/`` into event pages, listings, calendars, feeds and open data."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.translations = Translations(self.options.lang)
        self.formatter = presentation.Formatter(self.options.lang, self.translations)
        self.site: SiteData | None = None
        self.publisher: Publisher | None = None
        self.articles: list = []
        self.ledger: dict = {}

    def generate_context(self) -> None:
        previous = self.options.previous_site
        self.ledger = read_ledger(previous / self.options.revisions_file if previous else None)
        schedule, problems = read_schedules(self.options, frozenset(self.ledger) if self.ledger else None)
        events_by_key = {e.key: e for e in schedule.events}
        self.articles = list(self.context.get("articles", []))
        by_event, by_article = link_announcements(
            self.articles, events_by_key, self.options.schedules_path.parent, problems,
            schedule.declared_keys)
        for warning in problems.warnings:
            log.warning(warning.text(self.options.lang))
        problems.raise_if_errors(self.options.lang)
        pages = {e.key: self._event_page(e, tuple(by_event.get(e.key, ()))) for e in schedule.events}
        for article in self.articles:
            article.outreach_events = [pages[e.key] for e in by_article.get(article.source_path, [])]
        self.by_event = by_event
        self._build_site_data(schedule, pages)

    def _build_site_data(self, schedule: Schedule, pages: dict) -> None:
        options = self.options
        listings = build_listings(schedule, options.today, options.urls)
        self.site = SiteData(options.today, schedule, pages, listings, options.urls,
                             self.translations, options.base_url)
        upcoming = listings["upcoming"][0].events[: options.home_events]
        self.site.home_events = [pages[e.key] for e in upcoming]
        self.publisher = Publisher(options, self.translations, pages, self.ledger)
        for event in schedule.events:
            published = self.publisher.prepare(event, pages[event.key])
            self.site.sharing[event.key] = self._sharing(event, pages[event.key], published)
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
            iso_start=presentation.iso_start(event),
            zone=presentation.zone_abbreviation(event),
            place=presentation.place_line(event),
            is_past=not is_upcoming(event, self.options.today),
            description_html=markdown_to_html(event.entry.description),
            osm_url=presentation.osm_url(event),
            announcements=tuple(sorted(announcements, key=lambda a: (a.date, a.slug), reverse=True)),
        )

    def _sharing(self, event: Event, page: EventPage, published) -> Sharing:
        url = self.site.absolute(page.url)
        location = ", ".join(p for p in (event.entry.venue.name, page.place) if p)
        details = f"{page.dates}, {page.hours}\n{url}"
        message = f"{event.entry.title}\n{page.dates}, {page.hours}\n{location}\n{url}"
        office_url = self.site.absolute(self.options.urls["office"].format(office=event.office.id))
        return Sharing(
            google_calendar=presentation.google_calendar_url(event, details, location),
            whatsapp=presentation.whatsapp_url(message),
            json_ld=opendata.json_ld(event, url, office_url),
        )

    def generate_output(self, writer) -> None:
        self._write_pages(writer)
        self._write_calendars()
        self._write_feeds()
        self._write_open_data()
        self._write_bytes(self.options.revisions_file, self.publisher.ledger_file())

    def _write_pages(self, writer) -> None:
        relative = self.settings["RELATIVE_URLS"]
        event_template = self.get_template("event")
        for page in self.site.pages.values():
            writer.write_file(page.save_as, event_template, self.context, relative_urls=relative,
                              event=page, sharing=self.site.sharing[page.event.key], page_name=page.url)
        listing_template = self.get_template("listing")
        for kind in ("upcoming", "past", "office", "type", "province", "regency", "program"):
            for listing in self.site.listings[kind]:
                pages = [self.site.pages[e.key] for e in listing.events]
                writer.write_file(listing.save_as, listing_template, self.context,
                                  relative_urls=relative, paginated={"events": pages},
                                  template_name="listing", url=listing.url, listing=listing,
                                  page_name=listing.url)
        for name in ("offices", "regions", "programs"):
            url = self.options.urls[name]
            writer.write_file(url + "index.html", self.get_template(name), self.context,
                              relative_urls=relative, page_name=url)

    def _subscribable(self):
        yield self.site.listings["upcoming"][0], self.options.site_name
        for kind in KIND_SEGMENTS:
            for listing in self.site.listings[kind]:
                name = self.translations.label("type", listing.name) if kind == "type" else listing.name
                yield listing, f"{self.options.site_name}: {name}"

    def _write_calendars(self) -> None:
        for key, published in self.publisher.published.items():
            self._write_bytes(self.site.pages[key].ics_url, published.ics)
        for listing, name in self._subscribable():
            subscription = self.site.subscription(listing)
            self._write_bytes(subscription.calendar, self.publisher.calendar(name, listing.events))

    def _write_feeds(self) -> None:
        publisher, urls = self.publisher, self.options.urls
        announcements = [publisher.article_item(a) for a in self.articles]
        events = [publisher.event_item(e) for e in publisher.in_window(self.site.schedule.events)]
        t = self.translations.gettext
        for name, title, items in (("kegiatan", t("Upcoming visits"), events),
                                   ("pengumuman", t("Announcements"), announcements),
                                   ("semua", self.options.site_name, events + announcements)):
            feed_urls = tuple(urls["feed_all"].format(name=name, format=f) for f in ("atom", "rss"))
            self._write_feed(title, "", feed_urls, items)
        for listing, title in self._subscribable():
            if listing.kind == "upcoming":
                continue
            subscription = self.site.subscription(listing)
            items = [publisher.event_item(e) for e in publisher.in_window(listing.events)]
            items += [publisher.article_item(a) for a in self._articles_about(listing.events)]
            self._write_feed(title, listing.url, (subscription.atom, subscription.rss), items)

    def _articles_about(self, events) -> list:
        seen = {}
        for event in events:
            for article in self.by_event.get(event.key, ()):
                seen[article.source_path] = article
        return [seen[k] for k in sorted(seen)]

    def _write_feed(self, title, page_url, feed_urls, items) -> None:
        atom, rss = self.publisher.feed(title, page_url, feed_urls, items)
        self._write_bytes(feed_urls[0], atom)
        self._write_bytes(feed_urls[1], rss)

    def _write_open_data(self) -> None:
        records = []
        for event in sorted(self.site.schedule.events, key=lambda e: (e.entry.start, e.key)):
            page, published = self.site.pages[event.key], self.publisher.published[event.key]
            records.append(opendata.event_record(event, published.uid, self.site.absolute(page.url),
                                                 self.site.absolute(page.ics_url)))
        self._write_bytes(self.options.urls["events_json"], opendata.events_json(records, self.options.today))
        self._write_bytes(self.options.urls["events_csv"], opendata.events_csv(records))

    def _write_bytes(self, relative: str, data: bytes) -> None:
        """Files other than pages; ``sanitised_join`` refuses any path outside the output folder."""
        path = Path(sanitised_join(self.output_path, relative))
        os.makedirs(path.parent, exist_ok=True)
        path.write_bytes(data)
