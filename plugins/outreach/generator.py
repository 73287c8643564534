"""Step 3: the Pelican generator. Reads and checks everything, then writes pages."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from pelican.generators import Generator

from . import presentation
from .announcements import link_announcements
from .i18n import Translations
from .listings import Listing, build_listings, is_upcoming, program_progress
from .model import Event
from .sanitize import markdown_to_html
from .settings import read_settings
from .validation import Schedule, read_schedules

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventPage:
    """An event with everything its page and list entries show, computed once."""

    event: Event
    url: str
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


@dataclass
class SiteData:
    """What every template may read as ``outreach``."""

    today: object
    schedule: Schedule
    pages: dict[str, EventPage]
    listings: dict[str, list[Listing]]
    urls: dict
    t: Translations
    home_events: list = field(default_factory=list)

    def page(self, event: Event) -> EventPage:
        return self.pages[event.key]

    def label(self, kind: str, value: str) -> str:
        return self.t.label(kind, value)

    def progress(self, program):
        return program_progress(program, self.schedule.events, self.today)


class OutreachGenerator(Generator):
    """Turns ``schedules/`` into event pages and listings; announcements come from Pelican."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.translations = Translations(self.options.lang)
        self.formatter = presentation.Formatter(self.options.lang, self.translations)
        self.site: SiteData | None = None

    def generate_context(self) -> None:
        schedule, problems = read_schedules(self.options)
        events_by_key = {e.key: e for e in schedule.events}
        articles = self.context.get("articles", [])
        by_event, by_article = link_announcements(
            articles, events_by_key, self.options.schedules_path.parent, problems,
            schedule.declared_keys)
        for warning in problems.warnings:
            log.warning(warning.text(self.options.lang))
        problems.raise_if_errors(self.options.lang)
        pages = {e.key: self._event_page(e, tuple(by_event.get(e.key, ()))) for e in schedule.events}
        for article in articles:
            article.outreach_events = [pages[e.key] for e in by_article.get(article.source_path, [])]
        listings = build_listings(schedule, self.options.today, self.options.urls)
        self.site = SiteData(self.options.today, schedule, pages, listings, self.options.urls,
                             self.translations)
        upcoming = listings["upcoming"][0].events[: self.options.home_events]
        self.site.home_events = [pages[e.key] for e in upcoming]
        self.context["outreach"] = self.site

    def _event_page(self, event: Event, announcements: tuple) -> EventPage:
        fmt = self.formatter
        return EventPage(
            event=event,
            url=self.options.urls["event"].format(office=event.office.id, event=event.id),
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

    def generate_output(self, writer) -> None:
        relative = self.settings["RELATIVE_URLS"]
        event_template = self.get_template("event")
        for page in self.site.pages.values():
            writer.write_file(page.save_as, event_template, self.context, relative_urls=relative,
                              event=page, page_name=page.url)
        listing_template = self.get_template("listing")
        for kind in ("upcoming", "past", "office", "type", "province", "regency", "program"):
            for listing in self.site.listings[kind]:
                self._write_listing(writer, listing_template, listing, relative)
        self._write_indexes(writer, relative)

    def _write_listing(self, writer, template, listing: Listing, relative: bool) -> None:
        pages = [self.site.pages[e.key] for e in listing.events]
        writer.write_file(listing.save_as, template, self.context, relative_urls=relative,
                          paginated={"events": pages}, template_name="listing", url=listing.url,
                          listing=listing, page_name=listing.url)

    def _write_indexes(self, writer, relative: bool) -> None:
        for name in ("offices", "regions", "programs"):
            url = self.options.urls[name]
            writer.write_file(url + "index.html", self.get_template(name), self.context,
                              relative_urls=relative, page_name=url)
