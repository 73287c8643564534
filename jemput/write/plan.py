"""Every file the plugin writes, planned as jobs before any is written.

Each job names the files it writes and what it comes from, and carries what
it needs: an event page the Markdown of its description, a feed its entries.
The order is the order they run in; the output does not depend on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pelican.paginator import Paginator

from jemput.publish import changes, images, json_feed, opendata
from jemput.publish.publisher import FEED_FORMATS, KIND_SEGMENTS, Publisher
from jemput.runtime.cache import decode_pair, encode_pair
from jemput.site.cards import share_card
from jemput.site.embeds import EMBED_KINDS
from jemput.site.formatting import Formatter
from jemput.site.history import ChangeWords
from jemput.site.listings import Listing, is_upcoming
from jemput.site.pages import EventPage, SiteData, sharing
from jemput.site.poster import poster, qr_svg
from jemput.write.output import Job, Output

LISTING_KINDS = ("upcoming", "past", "office", "type", "province", "regency", "program", "service")
INDEX_PAGES = ("offices", "regions", "programs", "fees", "search")


class Plan:
    """The jobs of one build, from what ``generate_context`` prepared.

    Jobs are planned before the publisher has prepared anything and before there is
    a writer: they use ``publisher`` and ``output`` only when they run.
    """

    def __init__(self, site: SiteData, templates: dict, announcements: tuple[list, dict],
                 pelican_settings: dict) -> None:
        self.site, self.templates, self.pelican_settings = site, templates, pelican_settings
        self.options, self.text = site.options, site.t
        self.articles, self.articles_by_event = announcements
        self.words = ChangeWords(Formatter(self.options.lang, self.text), self.text)
        self.publisher: Publisher | None = None
        self.output: Output | None = None

    @staticmethod
    def _setting(name: str) -> str:
        """The output's path comes from a setting: the message names it."""
        return f"OUTREACH_URLS['{name}']"

    def jobs(self) -> list[Job]:
        # The two largest files first: they take as long as many small ones.
        return [self.open_data(), self.ledger(), self.site_image(), *self.event_pages(), *self.listing_pages(),
                *self.index_pages(), *self.posters(), *self.share_images(), *self.embeds(), *self.json_feeds(),
                *self.agenda_pages(), *self.calendars(), *self.feeds(), self.changes_data(), *self.change_feeds()]

    def posters(self) -> Iterator[Job]:
        for page in self.site.pages.values():
            if page.poster_url:
                yield Job((page.poster_url + "index.html",), page.event, partial(self._write_poster, page))

    def _write_poster(self, page: EventPage) -> bytes:
        url, title = self.site.absolute(page.url), self.text("QR code: the visit's page")
        qr, cache_key = self.publisher.cache.remember("qr", f"{url}\0{title}", lambda: qr_svg(url, title),
                                                      str.encode, bytes.decode)
        self._write_page(page.poster_url + "index.html", "poster", poster=poster(page, url, qr, self.text),
                         page_name=page.poster_url)
        return cache_key

    def share_images(self) -> Iterator[Job]:
        for page in self.site.pages.values():
            if page.share_images:
                yield Job(page.share_images, page.event, partial(self._write_share_images, page))

    def _write_share_images(self, page: EventPage) -> bytes:
        """Both pictures, or the stored ones of the very same card: unchanged events are not redrawn."""
        card = share_card(page, self.text)
        material = repr((card, images.can_shape()))  # the same card drawn without Raqm is another picture
        (preview, story), cache_key = self.publisher.cache.remember(
            "share-images", material, lambda: (images.share_image(card, images.PREVIEW_SIZE),
                                               images.share_image(card, images.STORY_SIZE)),
            encode_pair, decode_pair)
        self.output.bytes(page.share_images[0], preview)
        self.output.bytes(page.share_images[1], story)
        return cache_key

    def agenda_pages(self) -> Iterator[Job]:
        for month in self.site.agenda:
            yield self._agenda_job(month, "agenda")
        for listing in self.site.listings["office"]:
            for month in self.site.office_agenda(listing):
                yield self._agenda_job(month, "office_agenda")

    def _agenda_job(self, month, setting: str) -> Job:
        return Job((month.save_as,), self._setting(setting),
                   partial(self._write_page, month.save_as, "agenda", agenda=month, page_name=month.url))

    def embeds(self) -> Iterator[Job]:
        for kind in EMBED_KINDS:
            for listing in self.site.listings[kind]:
                embed = self.site.embed(listing)
                yield Job((embed.save_as,), self._setting("embed"),
                          partial(self._write_page, embed.save_as, "embed", embed=embed, page_name=embed.url))

    def json_feeds(self) -> Iterator[Job]:
        everything = self.site.listings["upcoming"][0]
        path = self.options.urls["json_feed_all"]
        yield Job((path,), self._setting("json_feed_all"),
                  partial(self._write_json_feed, self.text("Upcoming visits"), everything.url, path,
                          everything.events))
        for kind in EMBED_KINDS:
            for listing in self.site.listings[kind]:
                embed = self.site.embed(listing)
                yield Job((embed.feed,), self._setting("json_feed"),
                          partial(self._write_json_feed, listing.heading, listing.url, embed.feed, embed.upcoming))

    def _write_json_feed(self, title: str, page_url: str, path: str, events) -> None:
        today, pages = self.options.today, self.site.pages
        upcoming = [e for e in events if is_upcoming(e, today)][:self.options.feed_max_items]
        items = [json_feed.event_item(self.publisher.event_item(e), e, pages[e.key],
                                      self._image_address(pages[e.key])) for e in upcoming]
        self.output.bytes(path, json_feed.json_feed(f"{title} · {self.options.site_name}", self.site.absolute(page_url),
                                                    self.site.absolute(path), self.options.lang, items))

    def _image_address(self, page: EventPage) -> str | None:
        return self.site.absolute(page.share_images[0]) if page.share_images else None

    def open_data(self) -> Job:
        paths = (self.options.urls["events_json"], self.options.urls["events_csv"])
        return Job(paths, self._setting("events_json"), partial(self._write_open_data, *paths))

    def _write_open_data(self, json_path: str, csv_path: str) -> None:
        with self.output.text(json_path) as stream:
            opendata.write_events_json(self._records(), self.options.today, stream)
        with self.output.text(csv_path) as stream:
            opendata.write_events_csv(self._records(), stream)

    def _records(self):
        for event in sorted(self.site.schedule.events, key=lambda e: (e.entry.start, e.key)):
            page, published = self.site.pages[event.key], self.publisher.published[event.key]
            yield opendata.event_record(event, published.uid, self.site.absolute(page.url),
                                        self.site.absolute(page.ics_url))

    def site_image(self) -> Job:
        path = self.options.urls["site_image"]
        return Job((path,), self._setting("site_image"), partial(self._write_site_image, path))

    def _write_site_image(self, path: str) -> None:
        self.output.bytes(path, images.site_image(self.options.site_name, self.text("Public outreach schedule")))

    def ledger(self) -> Job:
        path = self.options.revisions_file
        return Job((path,), "OUTREACH_REVISIONS_FILE", lambda: self.output.bytes(path, self.publisher.ledger_file()))

    def event_pages(self) -> Iterator[Job]:
        for page in self.site.pages.values():
            yield Job((page.save_as,), page.event, partial(self._write_event_page, page),
                      description=page.entry.description)

    def _write_event_page(self, page: EventPage) -> None:
        changes = self.words.shown(self.publisher.published[page.event.key].record.changes, page.zone)
        self.output.page(page.save_as, self.templates["event"], event=page, sharing=sharing(page, self.options),
                         changes=changes, page_name=page.url)

    def listing_pages(self) -> Iterator[Job]:
        for kind in LISTING_KINDS:
            for listing in self.site.listings[kind]:
                yield Job(self._paginated_paths(listing), self._setting(listing.kind),
                          partial(self._write_listing, listing))

    def _write_listing(self, listing: Listing) -> None:
        pages = [self.site.pages[e.key] for e in listing.events]
        self._write_page(listing.save_as, "listing", paginated={"events": pages}, template_name="listing",
                         url=listing.url, listing=listing, page_name=listing.url)

    def _write_page(self, save_as: str, template: str, **variables) -> None:
        self.output.page(save_as, self.templates[template], **variables)

    def _paginated_paths(self, listing: Listing) -> tuple[str, ...]:
        """Where Pelican's paginator puts each page of a listing."""
        paginator = Paginator(listing.save_as, listing.url, listing.events, self.pelican_settings,
                              self.options.per_page)
        return tuple(paginator.page(number).save_as for number in range(1, paginator.num_pages + 1))

    def index_pages(self) -> Iterator[Job]:
        for name in INDEX_PAGES:
            url = self.options.urls[name]
            yield Job((url + "index.html",), self._setting(name),
                      partial(self._write_page, url + "index.html", name, page_name=url))

    def subscribable(self) -> Iterator[tuple[Listing, str]]:
        """Listings with a calendar and feeds of their own, and the name a calendar app shows."""
        site_name = self.options.site_name
        yield self.site.listings["upcoming"][0], site_name
        for kind in KIND_SEGMENTS:
            for listing in self.site.listings[kind]:
                name = self.text.label("type", listing.name) if kind == "type" else listing.name
                yield listing, f"{site_name}: {name}"

    def calendars(self) -> Iterator[Job]:
        for key, page in self.site.pages.items():
            yield Job((page.ics_url,), page.event, partial(self._write_event_calendar, page.ics_url, key))
        for listing, name in self.subscribable():
            path = self.site.subscription(listing).calendar
            yield Job((path,), self._setting("calendar"), partial(self._write_calendar, path, name, listing))

    def _write_event_calendar(self, path: str, key: str) -> None:
        self.output.bytes(path, self.publisher.published[key].ics)  # assembled by the process that writes it

    def _write_calendar(self, path: str, name: str, listing: Listing) -> None:
        self.output.parts(path, self.publisher.calendar(name, listing.events))

    def feeds(self) -> Iterator[Job]:
        everything = self.site.schedule.events
        for name, title, events, news in (("kegiatan", self.text("Upcoming visits"), everything, False),
                                          ("pengumuman", self.text("Announcements"), (), True),
                                          ("semua", self.options.site_name, everything, True)):
            paths = tuple(self.site.feed(name, f) for f in FEED_FORMATS)
            yield self._feed(title, "", paths, events, self.articles if news else (), "feed_all")
        for listing, title in self.subscribable():
            if listing.kind != "upcoming":
                subscription = self.site.subscription(listing)
                yield self._feed(title, listing.url, (subscription.atom, subscription.rss), listing.events,
                                 None, "feed")

    def _feed(self, title: str, page_url: str, paths: tuple[str, str], events, articles, setting: str) -> Job:
        return Job(paths, self._setting(setting), partial(self._write_feed, title, page_url, paths, events, articles))

    def _articles_about(self, events) -> list:
        seen = {}
        for event in events:
            for article in self.articles_by_event.get(event.key, ()):
                seen[article.source_path] = article
        return [seen[k] for k in sorted(seen)]

    def _write_feed(self, title: str, page_url: str, paths: tuple[str, str], events, articles) -> bytes:
        """A feed's two documents; ``articles`` None: the announcements about its events."""
        if articles is None:
            articles = self._articles_about(events)
        publisher = self.publisher
        items = [publisher.event_item(e) for e in publisher.newest_events(events)]
        items += [publisher.article_item(a) for a in articles]
        return self._publish_feed(title, page_url, paths, items)

    def _publish_feed(self, title: str, page_url: str, paths: tuple[str, str], items) -> bytes:
        atom, rss, cache_key = self.publisher.feed(title, page_url, paths, items)
        self.output.bytes(paths[0], atom)
        self.output.bytes(paths[1], rss)
        return cache_key

    def changes_data(self) -> Job:
        paths = (self.options.urls["changes_json"], self.options.urls["changes_csv"])
        return Job(paths, self._setting("changes_json"), partial(self._write_changes_data, *paths))

    def _write_changes_data(self, json_path: str, csv_path: str) -> None:
        events = sorted(self.site.schedule.events, key=lambda e: (e.entry.start, e.key))
        published, pages, absolute = self.publisher.published, self.site.pages, self.site.absolute
        with self.output.text(json_path) as stream:
            changes.write_changes_json(changes.change_records(published, pages, events, absolute),
                                       self.options.today, stream)
        with self.output.text(csv_path) as stream:
            changes.write_changes_csv(changes.change_records(published, pages, events, absolute), stream)

    def change_feeds(self) -> Iterator[Job]:
        """The schedule changes of the whole site and of each office."""
        title = self.text("Schedule changes")
        everything = self.site.listings["upcoming"][0]
        for listing in (everything, *self.site.listings["office"]):
            paths = self.site.subscription(listing).changes
            events = self.site.schedule.events if listing is everything else listing.events
            name = title if listing is everything else f"{title}: {listing.name}"
            yield Job(paths, self._setting("changes_feed"),
                      partial(self._write_change_feed, name, listing.url, paths, events))

    def _write_change_feed(self, title: str, page_url: str, paths: tuple[str, str], events) -> bytes:
        publisher = self.publisher
        items = [changes.change_item(event, change, self.site.pages[event.key], publisher.published[event.key],
                                     self.words, self.site.absolute)
                 for event, change in changes.newest_changes(publisher.published, events,
                                                             self.options.feed_max_items)]
        return self._publish_feed(title, page_url, paths, items)
