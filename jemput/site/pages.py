"""What the templates print: each event's facts, words and links, and the site-wide data.

Templates only print: every URL, heading and formatted date they show is made
here, from the checked schedule, the site's settings and its language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from jemput.publish import opendata, search
from jemput.publish.images import PREVIEW_SIZE
from jemput.publish.publisher import FEED_FORMATS, subscription_for
from jemput.schedule.model import Event, Service
from jemput.schedule.validation import Schedule
from jemput.settings import OutreachSettings
from jemput.site import formatting
from jemput.site.agenda import AgendaMonth, agenda, agenda_span, month_key
from jemput.site.embeds import Embed, embed_of
from jemput.site.formatting import Formatter
from jemput.site.listings import Listing, ProgramProgress, build_listings, is_upcoming, program_progress
from jemput.site.results import (
    ResultsShown,
    Row,
    Tally,
    contribution,
    grouped,
    is_counted,
    is_held,
    month_of,
    results_shown,
    tally_of,
)
from jemput.site.services import Document, Facts, Fee, cost_range, documents_of, facts, fees_of
from jemput.site.statistics import StatisticsItem, StatisticsMaker, StatisticsPage, YearSummary
from jemput.text import Text


def _filter_value(value: str) -> str:
    """A colon separates Pagefind's key from its value: in a value it becomes a space."""
    return " ".join(value.replace(":", " ").split())


PREVIEW_FILE = "gambar-1200x630.png"
STORY_FILE = "gambar-1080x1350.png"


@dataclass(frozen=True)
class EventPage:
    """An event with everything its page and list entries show.

    Its words (dates, hours, place) are made when first shown: by the worker that
    writes the page, and never by ``invoke check``, which needs only the addresses.
    """

    event: Event
    url: str
    ics_url: str
    is_past: bool
    formatter: Formatter
    options: OutreachSettings
    office_name: str
    """The office's short name where it has one, for list entries."""
    office_url: str
    type_url: str
    program_url: str | None
    announcements: tuple = ()
    markdown: object = None
    """Renders the description when the page is written: in the worker that writes it,
    and without keeping every event's HTML in memory."""

    @cached_property
    def dates(self) -> str:
        return self.formatter.dates(self.event)

    @cached_property
    def hours(self) -> str:
        return self.formatter.hours(self.event)

    @cached_property
    def closed(self) -> str:
        return self.formatter.closed(self.event)

    @cached_property
    def cards(self) -> dict:
        """Its entry in lists as HTML, by heading and ``SITEURL`` (``theme.remembered_card``): a visit is
        shown in half a dozen listings, and its entry is made once in each process that writes them."""
        return {}

    @cached_property
    def iso_start(self) -> str:
        return formatting.iso_start(self.event)

    @cached_property
    def zone(self) -> str:
        return formatting.zone_abbreviation(self.event)

    @cached_property
    def place(self) -> str:
        return formatting.place_line(self.event)

    @cached_property
    def osm_url(self) -> str | None:
        return formatting.osm_url(self.event)

    @cached_property
    def facts(self) -> Facts:
        """Cost, documents, how to register, what is not served: the next questions people ask."""
        options = self.options
        return facts(self.event, options.absolute(self.url), self.formatter, self.formatter.t, options.urls,
                     options.today)

    @cached_property
    def in_window(self) -> bool:
        """Whether subscribers still see it (the calendars' window): the visits people can still go to."""
        return self.event.last_day >= self.options.today - timedelta(days=self.options.calendar_past_days)

    @cached_property
    def in_horizon(self) -> bool:
        """Whether it is near enough to be shared: in the calendars' window and starting at most
        ``OUTREACH_SHARE_HORIZON_DAYS`` ahead. Nobody prints a notice for a visit a year away."""
        ahead = self.options.today + timedelta(days=self.options.share_horizon_days)
        return self.in_window and self.event.entry.start <= ahead

    @property
    def poster_url(self) -> str | None:
        """Its printable notice, for the visits near today."""
        return self.url + "poster/" if self.in_horizon else None

    @cached_property
    def share_images(self) -> tuple[str, str] | None:
        """Its pictures for link previews (1200×630) and for Instagram and WhatsApp status
        (1080×1350), for the visits near today; the others show the site image."""
        drawn = self.in_horizon and self.options.share_images
        return (self.url + PREVIEW_FILE, self.url + STORY_FILE) if drawn else None

    @property
    def preview_image(self) -> PreviewImage | None:
        """What a shared link to its page shows; None: the site image."""
        if not self.share_images:
            return None
        width, height = PREVIEW_SIZE
        return PreviewImage(self.options.absolute(self.share_images[0]), width, height, self.summary)

    @property
    def search_filters(self) -> tuple[str, ...]:
        """Pagefind's filters, ``key:value`` each: office, kind of visit, province, upcoming or past."""
        t = self.formatter.t
        values = ((t("Office"), self.office_name), (t("Visit type"), t.label("type", self.entry.type)),
                  (t("Province"), self.event.province),
                  (t("When"), t("Past visits") if self.is_past else t("Upcoming visits")))
        return tuple(f"{key}:{_filter_value(value)}" for key, value in values)

    @property
    def summary(self) -> str:
        """Title, days, hours, place and status in one line: link previews and image descriptions."""
        status = self.formatter.t.label("status", self.entry.status) if self.entry.status != "scheduled" else ""
        return " · ".join(p for p in (self.entry.title, self.when, self.location, status) if p)

    @cached_property
    def when(self) -> str:
        """Days, hours and the days without service, in one line: wherever a visit is told in a line or
        two (lists, previews, sharing, feeds), a closed day in a range must not read as "every day"."""
        when = f"{self.dates}, {self.hours}"
        return f"{when}; " + self.formatter.t("no service on %(days)s", days=self.closed) if self.closed else when

    @cached_property
    def marked_title(self) -> str:
        """``[DIBATALKAN] title`` as calendars and feeds write it; the title alone when on schedule."""
        mark = self.formatter.t.summary_mark(self.entry.status)
        return f"[{mark}] {self.entry.title}" if mark else self.entry.title

    @cached_property
    def status_line(self) -> str:
        """``Dibatalkan: <why>``; empty when on schedule."""
        entry = self.entry
        if entry.status == "scheduled":
            return ""
        label = self.formatter.t.label("status", entry.status)
        return f"{label}: {entry.status_note}" if entry.status_note else label

    @property
    def registration_closed(self) -> bool:
        registration = self.event.entry.registration
        return bool(registration and registration.closes and registration.closes < self.options.today)

    @property
    def walk_in(self) -> bool:
        """Whether people may come on the day without registering."""
        return self.facts.walk_in

    @property
    def places_closed(self) -> bool:
        """Registration has closed and nobody is served without it: what a list entry warns of."""
        return self.registration_closed and not self.walk_in

    @cached_property
    def ways_shown(self) -> tuple:
        """The ways to take part a page offers: every way while people can still ask for a place; once
        registration has closed or the visit is full, coming on the day only; none once it is over or
        called off. A link to register for a visit that cannot take anyone brings only messages to staff."""
        entry, ways = self.entry, self.facts.ways
        if self.is_past or entry.status in ("cancelled", "withdrawn"):
            return ()
        if self.registration_closed or entry.status == "full":
            return tuple(way for way in ways if way.kind == "walk-in")
        return ways

    @property
    def description_html(self) -> str:
        return self.markdown(self.event.entry.description) if self.markdown else ""

    @cached_property
    def results(self) -> ResultsShown | None:
        """What the visit achieved, as the office reported it; None before it does."""
        return results_shown(self.event, self.options.lang)

    @property
    def results_note_html(self) -> str:
        note = self.results.note if self.results else None
        return self.markdown(note) if self.markdown and note else ""

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

    @property
    def office(self):
        return self.event.office.entry

    @property
    def program(self):
        return self.event.program.entry if self.event.program else None


@dataclass(frozen=True)
class PreviewImage:
    """A link preview's picture: where it is (absolute), its size, and what it shows."""

    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Sharing:
    """Links that take an event elsewhere: calendar apps, WhatsApp, search engines."""

    google_calendar: str
    whatsapp: str
    json_ld: str


@dataclass
class SiteData:
    """What every template may read as ``outreach``."""

    today: date
    schedule: Schedule
    pages: dict[str, EventPage]
    listings: dict[str, list[Listing]]
    urls: dict
    t: Text
    options: OutreachSettings
    announcements_url: str
    """The list of announcements (Pelican's archives page)."""
    home_events: list = field(default_factory=list)
    home_announcements: list = field(default_factory=list)
    progress_by_program: dict[str, ProgramProgress] = field(default_factory=dict)
    _tallies: dict[int, Tally] = field(default_factory=dict, repr=False)
    _contributions: dict[str, tuple[int, ...]] | None = field(default=None, repr=False)
    _since: dict[int, int | None] = field(default_factory=dict, repr=False)
    _embeds: dict[int, Embed | None] = field(default_factory=dict, repr=False)

    def progress(self, program) -> ProgramProgress:
        return self.progress_by_program[program.id]

    def tally(self, listing: Listing) -> Tally:
        """What a listing's visits achieved, all told (office, region and program pages show it): made
        once per listing, as each of its pages asks."""
        found = self._tallies.get(id(listing))
        if found is None:
            if self._contributions is None:
                self._contributions = {e.key: contribution(e, self.today) for e in self.schedule.events}
            found = self._tallies[id(listing)] = tally_of(map(self._contributions.__getitem__,
                                                              (e.key for e in listing.events)))
        return found

    def results_since(self, listing: Listing) -> int | None:
        """The year of a listing's first visit held: its page's results are counted since then."""
        found = self._since.get(id(listing), False)
        if found is False:
            years = [month_of(e).year for e in listing.events if is_held(e, self.today)]
            found = self._since[id(listing)] = min(years) if years else None
        return found

    def statistics_maker(self) -> StatisticsMaker:
        return StatisticsMaker(self.today, self.options.lang, self.t, lambda kind: self.t.label("type", kind))

    def statistics_items(self) -> list[StatisticsItem]:
        """The site's statistics page, then each office's: what each is about, before any figure."""
        urls, t = self.urls, self.t
        items = [StatisticsItem(urls["statistics"], t("Results and statistics"), None, self.schedule.events)]
        items += [StatisticsItem(urls["office_statistics"].format(office=listing.key),
                                 t("Results of %(office)s", office=listing.name), listing.key, listing.events)
                  for listing in self.listings["office"]]
        return items

    def summary_items(self, item: StatisticsItem) -> list[StatisticsItem]:
        """The summaries of a statistics page: one per year with visits held or called off, newest first."""
        by_year, counted = defaultdict(list), set()
        for event in item.events:  # one pass: the site's page alone has every visit of every year
            year = month_of(event).year
            by_year[year].append(event)
            if is_counted(event, self.today):
                counted.add(year)
        return [StatisticsItem(self._summary_url(item.office, year), self._summary_heading(item, year), item.office,
                               tuple(by_year[year]), year, item.url)
                for year in sorted(counted, reverse=True) if year <= self.today.year]

    def _summary_url(self, office: str | None, year: int) -> str:
        if office is None:
            return self.urls["summary"].format(year=year)
        return self.urls["office_summary"].format(office=office, year=year)

    def _summary_heading(self, item: StatisticsItem, year: int) -> str:
        if item.office is None:
            return self.t("Summary of %(year)s", year=year)
        return self.t("Summary of %(office)s, %(year)s", office=self._office_names()[item.office], year=year)

    def _office_names(self) -> dict[str, str]:
        return {listing.key: listing.name for listing in self.listings["office"]}

    def office_labels(self) -> tuple[tuple[str, str], ...]:
        """(office, its short name) of every office: the site's tables name them."""
        return tuple((listing.key, _short_name(listing)) for listing in self.listings["office"])

    def statistics_page(self, item: StatisticsItem, maker: StatisticsMaker) -> StatisticsPage:
        """The figures and charts of a statistics page, made when it is written."""
        offices = ()
        if item.office is None:
            this_year = grouped([e for e in item.events if _this_year(e, self.today)], self.today,
                                lambda e: e.office.id)
            offices = tuple(Row(name, this_year.get(key, Tally()), self.urls["office_statistics"].format(office=key),
                                key) for key, name in self.office_labels())
        return maker.page(list(item.events), item.url, item.heading, item.office, offices,
                          lambda year: self._summary_url(item.office, year))

    def year_summary(self, item: StatisticsItem, maker: StatisticsMaker) -> YearSummary:
        """A year's summary by month, made when it is written: per office for the site, per visit for an office."""
        if item.office is None:
            labels = self.office_labels()

            def office_rows(shown, year):
                by_office = grouped(shown, self.today, lambda e: e.office.id)
                return tuple(Row(name, by_office[key], self._summary_url(key, year), key)
                             for key, name in labels if key in by_office)

            return maker.year_summary(list(item.events), item.year, item.url, item.heading, item.statistics_url,
                                      office_rows=office_rows)

        def visit_of(event):
            shown = self.pages[event.key]
            return maker.visit(event, shown.url, shown.dates, shown.location)

        return maker.year_summary(list(item.events), item.year, item.url, item.heading, item.statistics_url,
                                  visit_of=visit_of)

    def fees(self, service: Service) -> tuple[Fee, ...]:
        return fees_of((service,), self.options.lang, Formatter(self.options.lang, self.t))

    @staticmethod
    def documents(service: Service) -> tuple[Document, ...]:
        return documents_of(service)

    def subscription(self, listing: Listing):
        return subscription_for(listing, self.urls)

    @cached_property
    def formatter(self) -> Formatter:
        """One for the whole site: it remembers the days and hours it has written."""
        return Formatter(self.options.lang, self.t)

    @cached_property
    def agenda(self) -> list[AgendaMonth]:
        """The site's month agenda, from the calendars' window to the last service day."""
        return agenda(self.schedule.events, self.pages, self._agenda_span, self.today, self.urls["agenda"],
                      self.t("Agenda for %(month)s"), self.formatter, self.options.lang)

    def office_agenda(self, listing: Listing) -> list[AgendaMonth]:
        """An office's month agenda (``listing``: its office listing)."""
        heading = self.t("Agenda of %(office)s for %%(month)s", office=listing.name)
        return agenda(listing.events, self.pages, self._agenda_span, self.today, self.urls["office_agenda"], heading,
                      self.formatter, self.options.lang, office=listing.key)

    def this_month(self, months: list[AgendaMonth], office: str | None = None) -> AgendaMonth:
        """Today's month of an agenda, at the agenda's entry address."""
        key = month_key(self.today)
        [month] = [m for m in months if month_key(m.month) == key]
        url = self.urls["agenda_now"] if office is None else self.urls["office_agenda_now"].format(office=office)
        return month.as_entry(url)

    @cached_property
    def search_bundles(self) -> list:
        """The search index's bundles, a quarter of visits each (or part of one); none when search is off."""
        if not self.options.search:
            return []
        return search.bundles(self.pages.values(), self.today - timedelta(days=self.options.calendar_past_days),
                              self.options.search_bundle_pages)

    @property
    def _agenda_span(self):
        return agenda_span(self.today, self.options.calendar_past_days, self.options.agenda_months)

    def embed(self, listing: Listing) -> Embed | None:
        """Its embed page and JSON Feed, for offices, regions and programs: made once per listing, as
        each of its pages links to it."""
        if id(listing) not in self._embeds:
            self._embeds[id(listing)] = embed_of(listing, self.urls, self.absolute, self.today)
        return self._embeds[id(listing)]

    def feed(self, name: str, format: str) -> str:
        """A site-wide feed: ``kegiatan``, ``pengumuman`` or ``semua``, as ``atom`` or ``rss``."""
        return self.urls["feed_all"].format(name=name, format=format)

    def results_feeds(self, office: str | None) -> tuple[str, str]:
        """The Atom and RSS feeds of results, of the site (``office`` None) or of an office."""
        return tuple(self.results_feed(office, format) for format in FEED_FORMATS)

    def results_feed(self, office: str | None, format: str) -> str:
        if office is None:
            return self.urls["results_feed_all"].format(format=format)
        return self.urls["results_feed"].format(office=office, format=format)

    def changes_feed(self, format: str) -> str:
        """The site's feed of schedule changes, as ``atom`` or ``rss``."""
        return self.urls["changes_feed_all"].format(format=format)

    def absolute(self, relative: str) -> str:
        return self.options.absolute(relative)

    def page_address(self, output_file: str) -> str:
        """The absolute address of the page written to ``output_file`` (Open Graph's og:url)."""
        return self.absolute(output_file.removesuffix("index.html"))

    @property
    def site_image(self) -> PreviewImage:
        """The preview image of pages that have none of their own."""
        width, height = PREVIEW_SIZE
        return PreviewImage(self.absolute(self.urls["site_image"]), width, height, self.options.site_name)

    @property
    def og_locale(self) -> str:
        return {"id": "id_ID", "en": "en_US"}.get(self.options.lang, self.options.lang)

    def webcal(self, relative: str) -> str:
        return formatting.webcal_url(self.absolute(relative))

    def google_subscribe(self, relative: str) -> str:
        return formatting.google_subscribe_url(self.absolute(relative))


def _short_name(listing: Listing) -> str:
    """An office as tables name it: its short name where it has one."""
    return listing.subject.entry.short_name or listing.name


def _this_year(event: Event, today: date) -> bool:
    return month_of(event).year == today.year


def event_page(event: Event, announcements: tuple, options: OutreachSettings, formatter, markdown) -> EventPage:
    urls, office = options.urls, event.office
    return EventPage(
        event=event,
        url=urls["event"].format(office=office.id, event=event.id),
        ics_url=urls["event_ics"].format(office=office.id, event=event.id),
        is_past=not is_upcoming(event, options.today),
        formatter=formatter,
        options=options,
        markdown=markdown,
        office_name=office.entry.short_name or office.entry.name,
        office_url=urls["office"].format(office=office.id),
        type_url=urls["type"].format(type=event.entry.type),
        program_url=urls["program"].format(program=event.program.id) if event.program else None,
        announcements=tuple(sorted(announcements, key=lambda a: (a.date, a.slug), reverse=True)),
    )


def sharing(page: EventPage, options: OutreachSettings) -> Sharing:
    """Made when the page is written: cheap, and needed by that page alone."""
    event, url, location = page.event, options.absolute(page.url), page.location
    # Whether it is still on comes first: a shared cancelled visit must not read as one to go to.
    details = "\n".join(line for line in (page.status_line, page.when, url) if line)
    cost = cost_range(page.facts, page.formatter.t)
    cost = page.formatter.t("Cost") + ": " + cost if cost else ""
    lines = (page.marked_title, page.status_line, page.when, location, cost, url)
    message = "\n".join(line for line in lines if line)
    return Sharing(
        google_calendar=formatting.google_calendar_url(event, page.marked_title, details, location),
        whatsapp=formatting.whatsapp_url(message),
        json_ld=opendata.json_ld(event, url, options.absolute(page.office_url)),
    )


def event_pages(schedule: Schedule, options: OutreachSettings, text: Text, markdown=None,
                announcements_by_event=None) -> dict[str, EventPage]:
    """Every event's page, by event key; ``markdown`` renders descriptions when pages are written."""
    formatter, by_event = Formatter(options.lang, text), announcements_by_event or {}
    return {e.key: event_page(e, tuple(by_event.get(e.key, ())), options, formatter, markdown)
            for e in schedule.events}


def site_data(schedule: Schedule, pages: dict, articles: list, options: OutreachSettings, text: Text,
              pelican_settings: dict) -> SiteData:
    """What every template reads as ``outreach``: listings, home page, progress."""
    listings = build_listings(schedule, options.today, options.urls, text, options.per_page)
    upcoming = listings["upcoming"][0].events[: options.home_events]
    return SiteData(
        today=options.today, schedule=schedule, pages=pages, listings=listings, urls=options.urls, t=text,
        options=options, announcements_url=announcements_url(pelican_settings),
        home_events=[pages[e.key] for e in upcoming],
        home_announcements=articles[: options.home_announcements],
        progress_by_program={p.id: program_progress(p, schedule.events, options.today) for p in schedule.programs},
    )


def announcements_url(pelican_settings: dict) -> str:
    """Where Pelican writes the list of announcements, as a link: ARCHIVES_URL, else its folder."""
    if pelican_settings.get("ARCHIVES_URL"):
        return pelican_settings["ARCHIVES_URL"]
    save_as = pelican_settings.get("ARCHIVES_SAVE_AS", "archives.html")
    return save_as.removesuffix("index.html")
