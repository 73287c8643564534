"""Calendars and feeds for the whole site: which ones it offers, and what goes in each.

The format modules render one document each; this module decides which
documents the site offers and what goes in them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from operator import attrgetter

from jemput.publish import calendars, feeds, revisions
from jemput.publish.ledger import Record, Seen, entries_json, ledger_json, office_groups, parts_of, seen_in
from jemput.runtime import parallel
from jemput.runtime.cache import ResultCache, decode_pair, encode_pair
from jemput.site.listings import Listing
from jemput.site.sanitize import plain_text
from jemput.site.services import cost_range
from jemput.write.inputs import EventDigests, digest

KIND_SEGMENTS = {"office": "kantor", "type": "jenis", "province": "wilayah", "program": "program"}
FEED_FORMATS = ("atom", "rss")


@dataclass(frozen=True)
class Subscription:
    """Where a listing's calendar and feeds are, relative to the site root."""

    calendar: str
    atom: str
    rss: str
    changes: tuple[str, str] | None = None
    """The feed of its schedule changes (Atom, RSS): for the whole site and for an office."""


@dataclass(frozen=True)
class Published:
    """One event as the ledger, calendars and feeds know it; its VEVENTs are made when first needed."""

    uid: str
    record: Record
    """Its revision and what the ledger keeps of it after this build."""

    @property
    def revision(self) -> calendars.Revision:
        return self.record.revision


def subscription_for(listing: Listing, urls: dict) -> Subscription | None:
    if listing.kind == "upcoming":
        return Subscription(urls["calendar_all"], *_formats(urls["feed_all"], name="kegiatan"),
                            changes=_formats(urls["changes_feed_all"]))
    kind, key = listing.kind, listing.key
    if kind == "regency":  # a regency subscribes to its province
        kind, key = "province", key.split("/")[0]
    if kind not in KIND_SEGMENTS:
        return None
    segment = KIND_SEGMENTS[kind]
    changes = _formats(urls["changes_feed"], office=key) if kind == "office" else None
    return Subscription(urls["calendar"].format(kind=segment, key=key),
                        *_formats(urls["feed"], kind=segment, key=key), changes=changes)


CALENDAR_BATCH = 256
"""Events whose VEVENTs a subscription calendar takes from the build cache at once."""


def _nearness(event, today) -> tuple:
    """What a calendar too large keeps first: visits under way and ahead, by their first day; then
    those just ended, the latest first."""
    if event.last_day >= today:
        return 0, event.entry.start, event.key
    return 1, -event.last_day.toordinal(), event.key


def _formats(pattern: str, **values) -> tuple[str, str]:
    """A feed's Atom and RSS paths."""
    return tuple(pattern.format(format=f, **values) for f in FEED_FORMATS)


_KEY = attrgetter("key")


class Publisher:
    """Every event's revision first (for the keys of what to write), then the documents it is asked for.

    An event's revision needs its fingerprint, a hash of the words of its calendar
    entries: kept in the build cache under what those words are made of (the
    event's facts, what today decides of it, the site), so a build makes words only
    for events that changed. VEVENTs are made, or taken from the build cache, by the
    job that writes a calendar or feed with them.
    """

    def __init__(self, options, t, pages: dict, ledger: dict, cache: ResultCache, digests=None,
                 site_key: bytes = b"") -> None:
        self.options = options
        self.cache = cache
        self.t = t
        self.pages = pages
        self.ledger = ledger
        self.digests = digests or EventDigests(pages, {})
        self.ledger_source: bytes | None = None
        """SHA-256 of the ledger file the records were read from; None: every record is made here."""
        self.site_key = site_key
        self.published: dict[str, Published] = {}
        self._items: dict[str, feeds.FeedItem] = {}
        self._serialized: dict[str, calendars.SerializedEvent] = {}
        self._orders: dict[str, tuple] = {}
        self._ranks: tuple[dict[str, int], list] | None = None

    def prepare_all(self, events) -> None:
        """Every event's fingerprint and revision; words are made (on every core) only for new facts."""
        events = list(events)
        materials = [self._fingerprint_material(event) for event in events]

        def make_missing(indices):
            return parallel.map_chunks(lambda chunk: [self._fingerprint(events[i]) for i in chunk], indices,
                                       self.options.workers)

        found = self.cache.remember_many("fingerprint", materials, make_missing, str.encode, bytes.decode)
        domain, now = self.options.domain, self.options.now
        for event, (fingerprint, _) in zip(events, found, strict=True):
            record = revisions.next_record(self.ledger.get(event.key), event, fingerprint, now)
            self.published[event.key] = Published(calendars.event_uid(event, domain), record)
            self.digests.records[event.key] = record_digest(record)

    def _fingerprint_material(self, event) -> bytes:
        return digest(self.site_key, self.digests.of(event.key))

    def _fingerprint(self, event) -> str:
        text = self.event_text(event, self.pages[event.key])
        return calendars.fingerprint(event, text, self.options.domain, self.options.lang)

    def serialized(self, key: str) -> calendars.SerializedEvent:
        """An event's VEVENTs: made once per process, or taken from the build cache."""
        found = self._serialized.get(key)
        if found is None:
            found = self.serialized_many([key])[0]
        return found

    def serialized_many(self, keys: list[str]) -> list[calendars.SerializedEvent]:
        """The VEVENTs of many events, with one look into the build cache for those not made yet."""
        missing = [key for key in dict.fromkeys(keys) if key not in self._serialized]
        if missing:
            events = [self.pages[key].event for key in missing]
            materials = [f"{key}\n{self.published[key].record.fingerprint}\n{self.published[key].revision!r}"
                         for key in missing]

            def serialize(indices):
                return [self._serialize(events[i]) for i in indices]

            made = self.cache.remember_many("vevents", materials, serialize, calendars.SerializedEvent.to_bytes,
                                            calendars.SerializedEvent.from_bytes)
            self._serialized.update((key, value) for key, (value, _) in zip(missing, made, strict=True))
        return [self._serialized[key] for key in keys]

    def _serialize(self, event) -> calendars.SerializedEvent:
        text = self.event_text(event, self.pages[event.key])
        return calendars.serialize_event(event, text, self.options.domain, self.options.lang,
                                         self.published[event.key].revision)

    def ics(self, key: str) -> bytes:
        """The single-event download."""
        return calendars.single_event_calendar(self.serialized(key))

    def event_text(self, event, page) -> calendars.EventText:
        """The words of an event's calendar entries, in the site's language."""
        return calendars.EventText(
            url=self.options.absolute(page.url), location=page.location, description=self._description(page),
            categories=tuple(c for c in (self.t.label("type", event.entry.type),
                                         event.program.entry.name if event.program else None) if c))

    def _description(self, page) -> str:
        entry, t = page.entry, self.t
        lines = [f"{page.dates}, {page.hours}"]
        if page.closed:
            lines.append(t("No service on") + f": {page.closed}")
        if entry.status != "scheduled":
            note = f": {entry.status_note}" if entry.status_note else ""
            lines.append(t("Status") + f": {t.label('status', entry.status)}{note}")
        lines += taking_part(page.facts, t)
        if entry.contact:
            lines.append(t("Contact") + f": {entry.contact}")
        lines.append(self.options.absolute(page.url))
        return "\n".join(lines)

    def in_window(self, events) -> list:
        """Subscription feeds keep the recent past and everything ahead; open data keeps all."""
        since = self.options.today - timedelta(days=self.options.calendar_past_days)
        return [e for e in events if e.last_day >= since]

    def _ledger_records(self) -> dict:
        """The ledger for the next build: this build's events, and those a preview left out."""
        records = dict(self.ledger)
        records.update((key, published.record) for key, published in self.published.items())
        return records

    def ledger_file(self) -> tuple[bytes, dict[str, bytes]]:
        """The ledger file, and the build-cache key of each office's text in it (``ledger.mark_checked``
        keeps them for the build that continues it).

        The file is made office by office: an office's text is kept in the build cache under what its
        records were read from, its visits and the records this build made anew, so that one changed
        visit does not write 100,000 records out again (2 s at 100,000 visits). What an office's records
        were read from: its text in the ledger this build continues, by the key it was kept under when
        this cache saw that ledger written; otherwise the whole ledger's digest (the ledger of another
        machine, say), which changes with any office's records."""
        records = self._ledger_records()
        groups = office_groups(records)
        read_from = parts_of(self.ledger_source, self.cache)
        materials = [self._ledger_part_material(keys, records, read_from.get(_office_of(keys))) for keys in groups]
        parts = self.cache.remember_many("ledger part", materials,
                                         lambda indices: [entries_json(records, groups[i]) for i in indices],
                                         str.encode, bytes.decode)
        data = ledger_json(records, [text for text, _ in parts]).encode("utf-8")
        return data, {_office_of(keys): material for keys, material in zip(groups, materials, strict=True)}

    def _ledger_part_material(self, keys: list[str], records: dict, read_from: bytes | None) -> bytes:
        """What an office's text is made of. An office none of whose records this build made anew has
        the very text it had in the ledger read (the same visits, each record as read back): the key
        it was kept under."""
        made = [(key, _ledger_material(records[key])) for key in keys if self.ledger.get(key) is not records[key]]
        if read_from is not None and not made:
            return read_from
        return digest(read_from or self.ledger_source, "\n".join(keys), *made)

    def ledger_visits(self) -> dict[str, Seen]:
        """What a check asks of each visit of the ledger file: where it was last seen, and its last day."""
        return seen_in(self._ledger_records())

    def ledger_digest(self) -> bytes:
        """What the ledger file is made of: the ledger it continues (the file's digest) and the records
        this build made anew; a record kept as it was read is in the file already."""
        records = self._ledger_records()
        made = sorted((key, _ledger_material(record)) for key, record in records.items()
                      if self.ledger.get(key) is not record)
        return digest(self.ledger_source, len(records), *made)

    def calendar(self, name: str, events) -> Iterator[bytes]:
        """A subscription calendar's bytes, in parts (see ``calendars.subscription_calendar``): the events
        of the window, as many as fit in ``OUTREACH_CALENDAR_MAX_BYTES``, the nearest first."""
        window = self.in_window(events)
        today = self.options.today
        nearest = sorted(range(len(window)), key=lambda place: _nearness(window[place], today))
        description = self.t.gettext("Public outreach schedule")
        return calendars.subscription_calendar(name, description, self.options.calendar_refresh,
                                               self._serialized_in_turn(window, nearest),
                                               self.options.calendar_max_bytes, self.options.site_timezone)

    def _serialized_in_turn(self, events: list, order: list[int]) -> Iterator[tuple[int, calendars.SerializedEvent]]:
        """(place, VEVENTs) of the events in ``order``, taken from the build cache a batch at a time: a
        calendar that fills up after 800 of 50,000 events asks for the first batches only."""
        for start in range(0, len(order), CALENDAR_BATCH):
            places = order[start:start + CALENDAR_BATCH]
            yield from zip(places, self.serialized_many([events[place].key for place in places]), strict=True)

    def newest_events(self, events) -> list:
        """The events a feed can carry: in the window, the most recently changed first.

        Chosen by the same order as the feed's entries (time, then id) before any
        entry is made, so a national feed costs its 100 entries, not every event. Every
        event in the window is ranked in that order once; a feed takes its events' smallest
        ranks (150 feeds, each of up to every event: 2.4 s at 100,000 events by comparing
        their orders feed by feed).
        """
        ranks, ranked = self._feed_ranks()
        found = filter(None, map(ranks.get, map(_KEY, events)))  # ranks start at 1: outside the window, None
        return [ranked[rank] for rank in sorted(found)[:self.options.feed_max_items]]

    def _feed_ranks(self) -> tuple[dict[str, int], list]:
        """(rank of each event in the window by key, from 1 for the most recently changed; the events
        by rank), made once per process."""
        if self._ranks is None:
            window = sorted(self.in_window(page.event for page in self.pages.values()), key=self._feed_order,
                            reverse=True)
            self._ranks = ({event.key: rank for rank, event in enumerate(window, 1)}, [None, *window])
        return self._ranks

    def _feed_order(self, event) -> tuple:
        """(LAST-MODIFIED, entry id) of an event's feed entry: made once, asked by every feed it is in."""
        found = self._orders.get(event.key)
        if found is None:
            published = self.published[event.key]
            found = self._orders[event.key] = (published.revision.modified, _urn(published.uid))
        return found

    def event_item(self, event) -> feeds.FeedItem:
        """An event as a feed entry (made once: an event is in five or six feeds)."""
        if event.key not in self._items:
            self._items[event.key] = self._event_item(event)
        return self._items[event.key]

    def _event_item(self, event) -> feeds.FeedItem:
        page, published = self.pages[event.key], self.published[event.key]
        mark = self.t.summary_mark(event.entry.status)
        status = f"[{mark}] " if mark else ""
        return feeds.FeedItem(
            id=_urn(published.uid),
            title=f"{status}{event.entry.title} ({page.dates}, {event.entry.venue.name})",
            summary=_summary(page, self.t),
            updated=published.revision.modified,
            published=published.revision.first_published,
            links=(feeds.Link(self.options.absolute(page.url), type="text/html"),
                   feeds.Link(self.options.absolute(page.ics_url), rel="enclosure", type="text/calendar",
                              length=len(self.ics(event.key)))),
            categories=tuple(c for c in (event.entry.type, event.program.id if event.program else None,
                                         event.office.id) if c),
        )

    def article_item(self, article) -> feeds.FeedItem:
        url = self.options.absolute(article.url)
        moment = _aware(getattr(article, "modified", None) or article.date)
        summary = article.metadata.get("summary") or article.title
        return feeds.FeedItem(
            id=_urn(url), title=article.title, summary=plain_text(str(summary)), updated=moment,
            published=_aware(article.date), links=(feeds.Link(url, type="text/html"),),
            content_html=article.get_content(self.options.base_url),
        )

    def feed(self, title: str, page_url: str, urls: tuple[str, str], items) -> tuple[bytes, bytes]:
        """(Atom, RSS): feedgen's documents, or the stored ones for the very same feed."""
        items = sorted(items, key=lambda i: (i.updated, i.id), reverse=True)[: self.options.feed_max_items]
        updated = items[0].updated if items else self.options.now
        absolute = self.options.absolute
        meta = feeds.FeedMeta(
            id=_urn(absolute(urls[0])), title=title, subtitle=self.t.gettext("Public outreach schedule"),
            page_url=absolute(page_url), atom_url=absolute(urls[0]), rss_url=absolute(urls[1]),
            language=self.options.lang, updated=updated, author=self.options.site_name, items=tuple(items))
        (atom, rss), _ = self.cache.remember("feeds", repr(meta), lambda: feeds.render_feeds(meta),
                                             encode_pair, decode_pair)
        return atom, rss


def _office_of(keys: list[str]) -> str:
    """The office of a group of the ledger's keys (``office/visit``)."""
    return keys[0].partition("/")[0]


def _ledger_material(record: Record) -> str:
    """A record as the ledger file keeps it: its public fields as the file writes them (a record read
    back from the file has their keys sorted)."""
    public = json.dumps(record.public, sort_keys=True, ensure_ascii=False)
    return repr((record.fingerprint, record.revision, record.source, public, record.changes, record.results,
                 record.results_at))


def record_digest(record: Record) -> bytes:
    """What pages and calendars show of a record: its revision and the changes it lists."""
    return digest(repr(record.revision), repr(record.changes), repr(record.results_at))


def taking_part(facts, t) -> list[str]:
    """Cost, documents and how to register, one line each, as calendars and feeds say them."""
    lines = []  # the services are in the title; their names would only lengthen every entry
    cost = cost_range(facts, t)
    if cost:
        lines.append(t("Cost") + ": " + cost)
    if facts.documents:
        lines.append(t("What to bring") + ": " + "; ".join(_documents_line(facts, t)))
    if facts.ways:
        closed = "" if not facts.registration_closed else \
            f" ({t('Registration closed; you can still come on the day' if facts.walk_in else 'Registration closed')})"
        lines.append(t("How to register") + ": " + "; ".join(way.written_out for way in facts.ways) + closed)
    return lines


def _documents_line(facts, t) -> list[str]:
    """Each group of documents, headed as ``Facts.documents`` names it when there are several: "Paspor
    lama" is for a replacement only, and what every applicant brings is said to be for everyone."""
    several = len(facts.documents) > 1
    parts = []
    for name, documents in facts.documents:
        listed = ", ".join(d.name or t("One of") + " " + " / ".join(d.one_of) for d in documents)
        parts.append(f"{name}: {listed}" if name and several else listed)
    return parts


def _summary(page, t) -> str:
    entry = page.entry
    parts = [f"{page.when}.", f"{entry.venue.name}, {page.place}." if page.place else f"{entry.venue.name}."]
    if page.status_line:
        parts.append(_sentence(page.status_line))
    parts += [_sentence(line) for line in taking_part(page.facts, t)]
    return " ".join(parts)


def _sentence(text: str) -> str:
    """The text ending with a full stop, once: staff's notes often end with one already."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _urn(text: str) -> str:
    """A stable id for feed entries: the same text always gives the same UUID."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, text)}"


def _aware(moment) -> datetime:
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.combine(moment, time(0), UTC)
