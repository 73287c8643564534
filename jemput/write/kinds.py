"""Every kind of file the plugin writes, declared once: its items, paths, inputs and writing.

A kind says, in one place, which files it makes (one job per item), where they go,
what they are made of (``inputs``: the digests of ``inputs.py`` and the site-wide
facts it shows) and how they are written. The plan turns each item into a job
whose key is the digest of those inputs; a build writes a job again only when its
key changed, and carries its files over otherwise. Adding a kind of page is a
class here, its template and its tests.

``inputs`` must name everything the files show: a fact left out would let a file
go stale. The safety net is the test that an incremental build gives the same
bytes as a clean one after every step of a long sequence of changes.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from pelican.paginator import Paginator

from jemput.editor import config as editor_config
from jemput.editor import files as editor_files
from jemput.editor.interface import page as editor_page
from jemput.editor.interface import phrases_json
from jemput.publish import changes, images, json_feed, opendata, search
from jemput.publish.ledger import mark_checked
from jemput.publish.publisher import FEED_FORMATS
from jemput.publish.results import results_item
from jemput.publish.revisions import results_updated
from jemput.runtime.cache import decode_pair, encode_pair
from jemput.site.cards import share_card
from jemput.site.embeds import EMBED_KINDS
from jemput.site.listings import Listing, is_upcoming
from jemput.site.pages import EventPage, sharing
from jemput.site.poster import poster, qr_svg
from jemput.write.pictures import share_pictures

EVENT_KEY = attrgetter("key")
LISTING_KINDS = ("upcoming", "past", "office", "type", "province", "regency", "program", "service")


class Kind:
    """One kind of output. ``setting`` names what places its files, for messages about them."""

    name: str = ""
    template: str | None = None
    setting: str | None = None
    reads_site: bool = False
    """It reads files other jobs write (a search index reads the event pages): its jobs run after
    those (``reads``), and the tool it runs names its files, all in the folder of its first path."""
    reads: tuple[str, ...] = ()

    def items(self, plan) -> Iterable:
        raise NotImplementedError

    def paths(self, plan, item) -> tuple[str, ...]:
        raise NotImplementedError

    def inputs(self, plan, item) -> tuple:
        """What the files are made of besides the site digest: digests and the values they show."""
        raise NotImplementedError

    def write(self, plan, item) -> bytes | None:
        """Writes the files; returns the build-cache key it used, or None (the build cache then keeps
        no result in its name)."""
        raise NotImplementedError

    def made_by(self, plan, item) -> object:
        """What its paths come from: an event, or the setting that names them."""
        return f"OUTREACH_URLS['{self.setting}']"

    def description(self, item) -> str | None:
        """Staff Markdown the file shows, converted with the rest of its chunk before writing."""
        return None


class OpenData(Kind):
    name, setting = "open data", "events_json"

    def items(self, plan):
        return (None,)

    def paths(self, plan, item):
        return plan.options.urls["events_json"], plan.options.urls["events_csv"]

    def inputs(self, plan, item):
        return plan.options.today, b"".join(self._line_key(plan, e) for e in plan.schedule.events)

    @staticmethod
    def _line_key(plan, event) -> bytes:
        """An event's line is made of its facts and of when its results were published and last corrected."""
        record = plan.publisher.published[event.key].record
        if record.results_at is None:
            return plan.digests.facts(event.key)
        dated = f"{record.results_at.isoformat()}|{results_updated(record).isoformat()}"
        return plan.digests.facts(event.key) + dated.encode()

    def write(self, plan, item):
        """Both files, of every event's lines, a quarter of visits at a time: a quarter whose lines did
        not change is taken whole from the build cache, the others made of their lines, which are made
        again only for the events whose facts changed (one changed event makes neither 10,000 records
        nor 10,000 look-ups again). A quarter made is stored at once: a new site of 100,000 events
        never holds its records pending."""
        json_path, csv_path = self.paths(plan, item)
        cache = plan.publisher.cache
        events = sorted(plan.schedule.events, key=lambda e: (e.entry.start, e.key))
        quarters = [list(group) for _, group in groupby(events, key=lambda e: search.quarter(e.entry.start))]
        keys = [cache.key("open data quarter", plan.site_key + b"".join(self._line_key(plan, e) for e in quarter))
                for quarter in quarters]
        stored, rows = cache.get_many(keys), []

        def lines():
            for quarter, key in zip(quarters, keys, strict=True):
                found = stored.pop(key, None)
                if found is None:
                    found = encode_pair(self._quarter(plan, quarter))
                    cache.put(key, found)
                    cache.flush()
                text, quarter_rows = decode_pair(found)
                rows.append(quarter_rows)
                yield text

        plan.output.parts(json_path, opendata.lines_json_parts(lines(), opendata.events_head(plan.options.today),
                                                               "events"))
        plan.output.parts(csv_path, [opendata.csv_header(opendata.FIELDS), *rows])

    def _quarter(self, plan, events) -> tuple[bytes, bytes]:
        """A quarter's lines of JSON (joined as the file joins them) and rows of CSV, in UTF-8."""
        lines = plan.publisher.cache.remember_many(
            "open data lines", [plan.site_key + self._line_key(plan, e) for e in events],
            lambda indices: [self._lines(plan, events[i]) for i in indices],
            lambda pair: encode_pair(tuple(text.encode("utf-8") for text in pair)),
            lambda data: tuple(part.decode("utf-8") for part in decode_pair(data)))
        return (",\n".join(line for (line, _), _ in lines).encode("utf-8"),
                "".join(row for (_, row), _ in lines).encode("utf-8"))

    @staticmethod
    def _lines(plan, event) -> tuple[str, str]:
        site = plan.site
        page, published = site.pages[event.key], plan.publisher.published[event.key]
        record = opendata.event_record(event, published.uid, site.absolute(page.url), site.absolute(page.ics_url),
                                       published.record)
        return opendata.json_line(record), opendata.events_csv_line(record)


class Ledger(Kind):
    name = "revision ledger"

    def items(self, plan):
        return (None,)

    def paths(self, plan, item):
        return (plan.options.revisions_file,)

    def inputs(self, plan, item):
        return (plan.publisher.ledger_digest(),)

    def write(self, plan, item):
        data, parts = plan.publisher.ledger_file()
        plan.output.bytes(plan.options.revisions_file, data)
        mark_checked(data, plan.publisher.cache, plan.publisher.ledger_visits(), parts)

    def made_by(self, plan, item):
        return "OUTREACH_REVISIONS_FILE"


class SiteImage(Kind):
    name, setting = "site image", "site_image"

    def items(self, plan):
        return (None,)

    def paths(self, plan, item):
        return (plan.options.urls["site_image"],)

    def inputs(self, plan, item):
        return ()

    def write(self, plan, item):
        picture = images.site_image(plan.options.site_name, plan.text("Public outreach schedule"))
        plan.output.bytes(plan.options.urls["site_image"], picture)


class EventKind(Kind):
    """A kind with files per visit: messages about its paths name the visit."""

    def items(self, plan) -> Iterable[EventPage]:
        return plan.site.pages.values()

    def made_by(self, plan, page):
        return page.event

    def inputs(self, plan, page):
        return plan.digests.with_record(page.event.key)


class EventPageKind(EventKind):
    name = template = "event"

    def paths(self, plan, page):
        return (page.save_as,)

    def description(self, page):
        return page.entry.description

    def write(self, plan, page):
        record = plan.publisher.published[page.event.key].record
        plan.output.page(page.save_as, plan.templates["event"], event=page, sharing=sharing(page, plan.options),
                         changes=plan.words.shown(record.changes, page.zone),
                         results_published=plan.words.moment(record.results_at), page_name=page.url)


class EventCalendar(EventKind):
    name = "event calendar"

    def paths(self, plan, page):
        return (page.ics_url,)

    def write(self, plan, page):
        plan.output.bytes(page.ics_url, plan.publisher.ics(page.event.key))


class PosterKind(EventKind):
    name = template = "poster"

    def items(self, plan):
        return (page for page in plan.site.pages.values() if page.poster_url)

    def paths(self, plan, page):
        return (page.poster_url + "index.html",)

    def write(self, plan, page):
        url, title = plan.site.absolute(page.url), plan.text("QR code: the visit's page")
        qr, _ = plan.publisher.cache.remember("qr", f"{url}\0{title}", lambda: qr_svg(url, title),
                                              str.encode, bytes.decode)
        plan.output.page(page.poster_url + "index.html", plan.templates["poster"],
                         poster=poster(page, url, qr, plan.text), page_name=page.poster_url)


class ShareImages(EventKind):
    name = "share images"

    def items(self, plan):
        return (page for page in plan.site.pages.values() if page.share_images)

    def paths(self, plan, page):
        return page.share_images

    def inputs(self, plan, page):
        return plan.digests.of(page.event.key)

    def write(self, plan, page):
        """Both pictures, or the stored ones of the very same card."""
        preview, story = share_pictures(plan.publisher.cache, share_card(page, plan.text))
        plan.output.bytes(page.share_images[0], preview)
        plan.output.bytes(page.share_images[1], story)


def listing_summary(listing: Listing) -> tuple:
    """A listing as index pages and its own head show it: name, address, code and count."""
    return listing.kind, listing.key, listing.name, listing.heading, listing.url, listing.code, \
        listing.parent_url, listing.upcoming_count, listing.going_ahead


class ListingPage(Kind):
    """One page of a listing: a change shows on the pages that hold it, not on all of them."""

    name = template = "listing"

    def items(self, plan):
        for kind in LISTING_KINDS:
            for listing in plan.site.listings[kind]:
                paginator = Paginator(listing.save_as, listing.url, listing.events, plan.pelican_settings,
                                      plan.options.per_page)
                for number in range(1, paginator.num_pages + 1):
                    yield listing, paginator.page(number)

    def paths(self, plan, item):
        return (item[1].save_as,)

    def made_by(self, plan, item):
        return f"OUTREACH_URLS['{item[0].kind}']"

    def inputs(self, plan, item):
        listing, page = item
        cards = plan.digests.joined(map(EVENT_KEY, page.object_list))
        extras = plan.listing_extras(listing, first_page=page.number == 1)
        return listing_summary(listing), plan.subject(listing), extras, page.number, page.paginator.num_pages, cards

    def write(self, plan, item):
        listing, page = item
        pages = plan.pages_of(listing)
        paginator = Paginator(listing.save_as, listing.url, pages, plan.pelican_settings, plan.options.per_page)
        number = page.number
        shown = {"events_paginator": paginator, "events_page": paginator.page(number),
                 "events_previous_page": paginator.page(number - 1) if number > 1 else None,
                 "events_next_page": paginator.page(number + 1) if number < paginator.num_pages else None}
        save_as = shown["events_page"].save_as
        # As Pelican's writer passes a paginated page's variables, one page at a time.
        plan.output.page(save_as, plan.templates["listing"], listing=listing, page_name=listing.url, **shown)


class IndexPage(Kind):
    """A page of the whole site that lists listings (offices, regions, programs, fees, search)."""

    template = None

    def __init__(self, name: str, shows: tuple[str, ...], also=lambda plan: None) -> None:
        self.name = self.template = self.setting = name
        self.shows = shows
        self.also = also
        """What else the page shows, from the plan (the fee page: what the catalogue says of fees)."""

    def items(self, plan):
        return (plan.options.urls[self.name] + "index.html",)

    def paths(self, plan, path):
        return (path,)

    def inputs(self, plan, path):
        shown = tuple((listing_summary(listing), plan.subject(listing), plan.listing_extras(listing))
                      for kind in self.shows for listing in plan.site.listings[kind])
        return shown, self.also(plan)

    def write(self, plan, path):
        plan.output.page(path, plan.templates[self.name], page_name=path.removesuffix("index.html"))


class Embed(Kind):
    name = template = "embed"
    setting = "embed"

    def items(self, plan):
        return (plan.site.embed(listing) for kind in EMBED_KINDS for listing in plan.site.listings[kind])

    def paths(self, plan, embed):
        return (embed.save_as,)

    def inputs(self, plan, embed):
        return listing_summary(embed.listing), plan.digests.joined(e.key for e in embed.shown), embed.more

    def write(self, plan, embed):
        plan.output.page(embed.save_as, plan.templates["embed"], embed=embed, page_name=embed.url)


class FeedOf(NamedTuple):
    """A feed of some visits: its title, the page it belongs to, its files and what it may carry."""

    title: str
    page_url: str
    paths: tuple[str, ...]
    events: tuple
    articles: tuple = ()
    setting: str = "feed"


class JsonFeed(Kind):
    """The upcoming visits of the site, or of a listing that has an embed page, as JSON Feed."""

    name, setting = "JSON Feed", "json_feed"

    def items(self, plan):
        everything = plan.site.listings["upcoming"][0]
        yield FeedOf(plan.text("Upcoming visits"), everything.url, (plan.options.urls["json_feed_all"],),
                     everything.events, setting="json_feed_all")
        for kind in EMBED_KINDS:
            for listing in plan.site.listings[kind]:
                embed = plan.site.embed(listing)
                yield FeedOf(listing.heading, listing.url, (embed.feed,), embed.upcoming, setting="json_feed")

    def paths(self, plan, feed):
        return feed.paths

    def made_by(self, plan, feed):
        return f"OUTREACH_URLS['{feed.setting}']"

    def inputs(self, plan, feed):
        return feed.title, feed.page_url, plan.digests.joined((e.key for e in self._upcoming(plan, feed.events)),
                                                              with_record=True)

    @staticmethod
    def _upcoming(plan, events):
        today = plan.options.today
        return [e for e in events if is_upcoming(e, today)][:plan.options.feed_max_items]

    def write(self, plan, feed):
        pages, site = plan.site.pages, plan.site
        items = [json_feed.event_item(plan.publisher.event_item(e), e, pages[e.key], plan.image_address(pages[e.key]))
                 for e in self._upcoming(plan, feed.events)]
        [path] = feed.paths
        plan.output.bytes(path, json_feed.json_feed(f"{feed.title} · {plan.options.site_name}",
                                                    site.absolute(feed.page_url), site.absolute(path),
                                                    plan.options.lang, items))


class AgendaPage(Kind):
    """A month of the agenda, of the site or of an office."""

    name = template = "agenda"

    def items(self, plan):
        site = plan.site
        for month in site.agenda:
            yield month, "agenda"
        yield site.this_month(site.agenda), "agenda_now"
        for listing in site.listings["office"]:
            months = site.office_agenda(listing)
            for month in months:
                yield month, "office_agenda"
            yield site.this_month(months, listing.key), "office_agenda_now"

    def paths(self, plan, item):
        return (item[0].save_as,)

    def made_by(self, plan, item):
        return f"OUTREACH_URLS['{item[1]}']"

    def inputs(self, plan, item):
        month = item[0]
        days = tuple((day.day, plan.digests.joined(page.event.key for page in day.pages)) for day in month.days)
        return month.month, month.heading, month.previous, month.next, month.ahead, month.canonical, days

    def write(self, plan, item):
        month = item[0]
        plan.output.page(month.save_as, plan.templates["agenda"], agenda=month, page_name=month.url)


class SubscriptionCalendar(Kind):
    """The calendar of the site, or of a listing people subscribe to."""

    name, setting = "calendar", "calendar"

    def items(self, plan):
        return plan.subscribable()

    def paths(self, plan, item):
        return (plan.site.subscription(item[0]).calendar,)

    def made_by(self, plan, item):
        return "OUTREACH_URLS['calendar_all']" if item[0].kind == "upcoming" else "OUTREACH_URLS['calendar']"

    def inputs(self, plan, item):
        listing, name = item
        return name, plan.digests.joined((e.key for e in plan.publisher.in_window(self._events(plan, listing))),
                                         with_record=True)

    @staticmethod
    def _events(plan, listing):
        """The site's calendar holds every visit of the window: its listing, "upcoming", has none past."""
        return plan.schedule.events if listing.kind == "upcoming" else listing.events

    def write(self, plan, item):
        listing, name = item
        plan.output.parts(self.paths(plan, item)[0], plan.publisher.calendar(name, self._events(plan, listing)))


class Feed(Kind):
    """A feed's Atom and RSS documents: the most recently changed visits, and announcements."""

    name, setting = "feed", "feed"

    def items(self, plan):
        everything = plan.schedule.events
        articles = tuple(plan.articles)
        for name, title, events, news in (("kegiatan", plan.text("Upcoming visits"), everything, ()),
                                          ("pengumuman", plan.text("Announcements"), (), articles),
                                          ("semua", plan.options.site_name, everything, articles)):
            paths = tuple(plan.site.feed(name, f) for f in FEED_FORMATS)
            yield FeedOf(title, "", paths, events, news, "feed_all")
        for listing, title in plan.subscribable():
            if listing.kind != "upcoming":  # a listing's feed: its visits and the announcements about them
                subscription = plan.site.subscription(listing)
                yield FeedOf(title, listing.url, (subscription.atom, subscription.rss), listing.events,
                             tuple(plan.articles_about(listing.events)))

    def paths(self, plan, feed):
        return feed.paths

    def made_by(self, plan, feed):
        return f"OUTREACH_URLS['{feed.setting}']"

    def inputs(self, plan, feed):
        newest = plan.digests.joined((e.key for e in plan.publisher.newest_events(feed.events)), with_record=True)
        articles = tuple(plan.digests.announcement(a) for a in feed.articles)
        return feed.title, feed.page_url, newest, articles, plan.options.now

    def write(self, plan, feed):
        publisher = plan.publisher
        entries = [publisher.event_item(e) for e in publisher.newest_events(feed.events)]
        entries += [publisher.article_item(a) for a in feed.articles]
        plan.publish_feed(feed.title, feed.page_url, feed.paths, entries)


class ChangesData(Kind):
    name, setting = "changes data", "changes_json"

    def items(self, plan):
        return (None,)

    def paths(self, plan, item):
        return plan.options.urls["changes_json"], plan.options.urls["changes_csv"]

    def inputs(self, plan, item):
        return plan.options.today, plan.digests.joined((e.key for e in plan.schedule.events), with_record=True)

    def write(self, plan, item):
        json_path, csv_path = self.paths(plan, item)
        events = sorted(plan.schedule.events, key=lambda e: (e.entry.start, e.key))
        published, pages, absolute = plan.publisher.published, plan.site.pages, plan.site.absolute
        with plan.output.text(json_path) as stream:
            changes.write_changes_json(changes.change_records(published, pages, events, absolute),
                                       plan.options.today, stream)
        with plan.output.text(csv_path) as stream:
            changes.write_changes_csv(changes.change_records(published, pages, events, absolute), stream)


class ChangeFeed(Kind):
    """The schedule changes of the whole site and of each office."""

    name, setting = "changes feed", "changes_feed"

    def items(self, plan):
        title = plan.text("Schedule changes")
        everything = plan.site.listings["upcoming"][0]
        for listing in (everything, *plan.site.listings["office"]):
            events = plan.schedule.events if listing is everything else listing.events
            name = title if listing is everything else f"{title}: {listing.name}"
            yield FeedOf(name, listing.url, plan.site.subscription(listing).changes, events)

    def paths(self, plan, feed):
        return feed.paths

    def inputs(self, plan, feed):
        newest = tuple((event.key, change, plan.digests.of(event.key))
                       for event, change in self._newest(plan, feed.events))
        return feed.title, feed.page_url, newest, plan.options.now

    @staticmethod
    def _newest(plan, events):
        return changes.newest_changes(plan.publisher.published, events, plan.options.feed_max_items)

    def write(self, plan, feed):
        publisher, site = plan.publisher, plan.site
        entries = [changes.change_item(event, change, site.pages[event.key], publisher.published[event.key],
                                       plan.words, site.absolute)
                   for event, change in self._newest(plan, feed.events)]
        plan.publish_feed(feed.title, feed.page_url, feed.paths, entries)


class SearchBundle(Kind):
    """The search index of the visits of one quarter (``publish/search.py``)."""

    name, setting, reads_site = "search bundle", "search", True
    reads = ("event",)
    """The kinds of file it reads."""

    def items(self, plan):
        return plan.site.search_bundles

    def paths(self, plan, bundle):
        return (bundle.entry,)

    def made_by(self, plan, bundle):
        return "OUTREACH_SEARCH"

    def inputs(self, plan, bundle):
        """The keys of its pages: a job that reads the site is keyed after the others (``Plan._keys``)."""
        return bundle.name, tuple(plan.keys[path] for path in bundle.pages)

    def write(self, plan, bundle):
        search.index_bundle(bundle, plan.output, plan.options.lang)


class ResultsFeed(Kind):
    """The results of visits as offices publish them, of the whole site and of each office."""

    name, setting = "results feed", "results_feed"

    def items(self, plan):
        site = plan.site
        yield FeedOf(plan.text("Results of visits"), plan.options.urls["statistics"],
                     site.results_feeds(None), plan.schedule.events, setting="results_feed_all")
        for listing in site.listings["office"]:
            yield FeedOf(plan.text("Results of %(office)s", office=listing.name),
                         plan.options.urls["office_statistics"].format(office=listing.key),
                         site.results_feeds(listing.key), listing.events)

    def paths(self, plan, feed):
        return feed.paths

    def made_by(self, plan, feed):
        return f"OUTREACH_URLS['{feed.setting}']"

    def inputs(self, plan, feed):
        newest = tuple((event.key, plan.digests.of(event.key), plan.publisher.published[event.key].record.results_at)
                       for event in self._newest(plan, feed.events))
        return feed.title, feed.page_url, newest, plan.options.now

    @staticmethod
    def _newest(plan, events):
        published = plan.publisher.published
        reported = (e for e in events if published[e.key].record.results_at is not None)
        return heapq.nlargest(plan.options.feed_max_items, reported,
                              key=lambda e: (published[e.key].record.results_at, e.key))

    def write(self, plan, feed):
        site, published = plan.site, plan.publisher.published
        entries = [results_item(event, site.pages[event.key], published[event.key], site.absolute, plan.text)
                   for event in self._newest(plan, feed.events)]
        plan.publish_feed(feed.title, feed.page_url, feed.paths, entries)


class StatisticsKind(Kind):
    """The statistics page of the site and of each office (``site/statistics.py``): its figures and
    charts are made when it is written, its inputs from the visits it counts."""

    name = template = "statistics"

    def items(self, plan):
        return plan.statistics_items()

    def paths(self, plan, item):
        return (item.save_as,)

    def made_by(self, plan, item):
        return "OUTREACH_URLS['statistics']" if item.office is None else "OUTREACH_URLS['office_statistics']"

    def inputs(self, plan, item):
        return plan.figures_inputs(item)

    def write(self, plan, item):
        page = plan.site.statistics_page(item, plan.statistics_maker)
        plan.output.page(item.save_as, plan.templates["statistics"], statistics=page, page_name=item.url)


class SummaryKind(StatisticsKind):
    """A year's summary by month, of the site or of an office: ready to quote."""

    name = template = "summary"

    def items(self, plan):
        for item in plan.statistics_items():
            yield from plan.site.summary_items(item)

    def made_by(self, plan, item):
        return "OUTREACH_URLS['summary']" if item.office is None else "OUTREACH_URLS['office_summary']"

    def write(self, plan, item):
        summary = plan.site.year_summary(item, plan.statistics_maker)
        plan.output.page(item.save_as, plan.templates["summary"], summary=summary, page_name=item.url)


class Editor(Kind):
    """The staff editor's page, configuration (made from the model and the site's data), words and
    region names, at /admin/."""

    name, setting = "editor", "editor"

    def items(self, plan):
        return (None,) if plan.options.editor else ()

    def paths(self, plan, item):
        return tuple(plan.options.urls["editor"] + name for name in editor_files.MADE)

    def inputs(self, plan, item):
        """The choices it offers; its words, the model and the settings are in the site digest."""
        return (repr(editor_site(plan)),)

    def write(self, plan, item):
        site = editor_site(plan)
        made = (editor_page(plan.text, plan.options.site_name), editor_config.config_text(site, plan.text),
                phrases_json(plan.text), editor_config.regions_text())
        for path, text in zip(self.paths(plan, item), made, strict=True):
            plan.output.bytes(path, text.encode("utf-8"))


class EditorProgram(Kind):
    """Decap CMS as pinned and Jemput's additions to it, beside the editor's page: written again only
    when they change, not when an office's name does."""

    name, setting = "editor program", "editor"

    def items(self, plan):
        return (None,) if plan.options.editor else ()

    def paths(self, plan, item):
        return tuple(plan.options.urls["editor"] + name for name in editor_files.shipped())

    def inputs(self, plan, item):
        return (editor_files.shipped_digest(),)

    def write(self, plan, item):
        for name, path in zip(editor_files.shipped(), self.paths(plan, item), strict=True):
            plan.output.bytes(path, (editor_files.STATIC / name).read_bytes())


def editor_site(plan) -> editor_config.EditorSite:
    schedule, options = plan.schedule, plan.options
    services: dict = {}
    for service in schedule.services:
        services.setdefault(service.office, []).append((service.id, service.entry.name))
    return editor_config.EditorSite(
        offices=tuple((o.id, o.entry.short_name or o.entry.name) for o in schedule.offices),
        services={office: tuple(listed) for office, listed in services.items()},
        programs=tuple((p.id, p.entry.name) for p in schedule.programs),
        visit_types=tuple(options.visit_types),
        timezones=tuple(options.timezones) if options.timezones != "any" else (),
        site_url=options.site_url, repo=options.editor_repo, branch=options.editor_branch,
        auth_url=options.editor_auth_url)


INDEX_PAGES = (IndexPage("offices", ("office", "type")), IndexPage("regions", ("province", "regency")),
               IndexPage("programs", ("program",)),
               IndexPage("fees", ("service",), also=lambda plan: plan.site.schedule.services_about),
               IndexPage("search", ("province", "office"), also=lambda plan: plan.search_bundles()))

KINDS: tuple[Kind, ...] = (
    OpenData(), Ledger(), SiteImage(), EventPageKind(), ListingPage(), *INDEX_PAGES, PosterKind(), ShareImages(),
    Embed(), JsonFeed(), AgendaPage(), EventCalendar(), SubscriptionCalendar(), Feed(), ChangesData(),
    ChangeFeed(), StatisticsKind(), SummaryKind(), ResultsFeed(), SearchBundle(), Editor(),
    EditorProgram(),
)
"""Every kind of output, in the order their jobs are made (the two largest files first)."""
TEMPLATES = tuple(dict.fromkeys(kind.template for kind in KINDS if kind.template))
READ_BY_TOOLS = frozenset(name for kind in KINDS for name in kind.reads)
"""Kinds whose files the tools read: written first, so that the tools can start."""
"""The theme templates the plugin renders with."""
