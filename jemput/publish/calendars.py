"""iCalendar feeds with the ``icalendar`` library: pure functions of the model.

Daily hours over several days become one VEVENT per service day (closed days
simply have none): every client, subscribed or imported, then shows the right
hours on the right days, which RRULE with EXDATE does not guarantee in
subscribed feeds. Each day's UID is the event's UID with the day added, so it
is as stable as the event. A one-day event, or an all-day span without closed
days, is a single VEVENT with the event's UID.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parseaddr
from functools import cache, lru_cache
from operator import itemgetter

from icalendar import Calendar, Timezone, vCalAddress, vDuration, vText
from icalendar import Event as VEvent
from icalendar.caselessdict import canonsort_keys

from jemput.publish.ledger import Revision
from jemput.schedule.model import Event
from jemput.text import Text

PRODID = "-//Jemput//Jadwal Layanan Jemput Bola//ID"
ICAL_STATUS = {"scheduled": "CONFIRMED", "full": "CONFIRMED", "postponed": "TENTATIVE",
               "cancelled": "CANCELLED", "withdrawn": "CANCELLED"}


@dataclass(frozen=True)
class EventText:
    """The words a calendar entry carries, prepared by the caller in the site's language."""

    url: str
    location: str
    description: str
    categories: tuple[str, ...]


def event_uid(event: Event, domain: str, day: date | None = None) -> str:
    """``al-faruq-2022.serang@domain``; ids hold no dots, so the parts cannot run together."""
    suffix = f".{day:%Y%m%d}" if day else ""
    return f"{event.id}.{event.office.id}{suffix}@{domain}"


def split_by_day(event: Event) -> bool:
    several_days = event.last_day != event.entry.start
    return several_days and (event.entry.hours is not None or bool(event.entry.closed))


def _occurrences(event: Event, domain: str) -> list[tuple[str, date, date]]:
    """(UID, first day, last day) of each VEVENT the event becomes."""
    if split_by_day(event):
        return [(event_uid(event, domain, day), day, day) for day in event.service_days]
    return [(event_uid(event, domain), event.entry.start, event.last_day)]


def fingerprint(event: Event, text: EventText, domain: str, lang: str) -> str:
    """Everything a subscriber's copy is made from, hashed: any change to it changes this.

    Hashing the inputs rather than the serialised VEVENTs keeps each event to one
    serialisation; a change that shows nowhere (say, a quota) only costs an extra update.
    """
    office = event.office.entry.model_dump()
    program = event.program.entry.model_dump() if event.program else None
    # Results are no part of a calendar entry: adding them must not send subscribers an update.
    material = repr((event.entry.model_dump(exclude={"results"}), office, program, text, domain, lang))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1024)
def _stamp_lines(revision: Revision) -> dict[str, bytes]:
    """When the event was published and changed, as lines: events published together share them."""
    component = VEvent()
    component.add("dtstamp", revision.modified)
    component.add("created", revision.first_published)
    component.add("last-modified", revision.modified)
    component.add("sequence", revision.sequence)
    return _content_lines(component)


def _occurrence_component(event: Event, uid: str, first: date, last: date) -> VEvent:
    """What differs between the days of an event: its UID and times."""
    component = VEvent()
    component.add("uid", uid)
    if event.entry.hours:
        component.add("dtstart", event.starts_at(first))
        component.add("dtend", event.ends_at(last))
    else:
        component.add("dtstart", first)
        component.add("dtend", last + timedelta(days=1))  # DATE end is exclusive
    return component


def _shared_lines(event: Event, text: EventText, lang: str) -> dict[str, bytes]:
    """What every day of an event says alike: title, status, place, links, description."""
    entry, office = event.entry, event.office.entry
    component = VEvent()
    component.add("summary", _summary(event, lang))
    component.add("location", text.location)
    if entry.venue.geo:
        component.add("geo", (float(entry.venue.geo[0]), float(entry.venue.geo[1])))
    component.add("url", text.url)
    component.add("description", text.description)
    return {**_content_lines(component), **_common_lines(entry.status, text.categories),
            **_organizer_lines(office.name, office.email)}


@lru_cache(maxsize=256)
def _common_lines(status: str, categories: tuple[str, ...]) -> dict[str, bytes]:
    """Lines many events share, made once for all of them: status and categories."""
    component = VEvent()
    component.add("status", ICAL_STATUS[status])
    component.add("transp", "TRANSPARENT")
    component.add("categories", list(categories))
    return _content_lines(component)


@lru_cache(maxsize=1024)
def _organizer_lines(name: str, email: str | None) -> dict[str, bytes]:
    """The office as ORGANIZER, made once per office; none without a usable address."""
    organizer = _organizer(name, email)
    if organizer is None:
        return {}
    component = VEvent()
    component.add("organizer", organizer)
    return _content_lines(component)


def _summary(event: Event, lang: str) -> str:
    mark = Text(lang).summary_mark(event.entry.status)
    return f"[{mark}] {event.entry.title}" if mark else event.entry.title


def _organizer(name: str, email: str | None) -> vCalAddress | None:
    _, email = parseaddr(email or "")
    if not email or "@" not in email:
        return None
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    return address


@dataclass(frozen=True)
class SerializedEvent:
    """An event's VEVENTs exactly as icalendar wrote them, and the zones they use.

    Every event appears in several calendars (all, office, type, province, program,
    its own download); serialising it once and reusing the bytes keeps a large
    site's build linear and fast. They are kept compressed (a quarter of the size:
    about 160 MiB less at 100,000 events, in the build and in each worker) and
    expanded only while a calendar is written.
    """

    packed: bytes
    """The VEVENTs, zlib-compressed."""
    tzids: tuple[str, ...]
    size: int
    """The VEVENTs' length expanded: what they add to a calendar (``fitting``)."""

    @classmethod
    def of(cls, vevents: bytes, tzids: tuple[str, ...]) -> SerializedEvent:
        return cls(zlib.compress(vevents), tzids, len(vevents))

    @property
    def vevents(self) -> bytes:
        return zlib.decompress(self.packed)

    def to_bytes(self) -> bytes:
        """One blob for the build cache: the expanded length and the zone ids on the first line, then
        the compressed VEVENTs."""
        return f"{self.size} {','.join(self.tzids)}".encode("ascii") + b"\n" + self.packed

    @classmethod
    def from_bytes(cls, data: bytes) -> SerializedEvent:
        first, packed = data.split(b"\n", 1)
        size, zones = first.decode("ascii").split(" ", 1)
        return cls(packed, tuple(zones.split(",")) if zones else (), int(size))


def serialize_event(event: Event, text: EventText, domain: str, lang: str,
                    revision: Revision) -> SerializedEvent:
    """The event's VEVENTs, each line exactly as icalendar writes it for the whole component.

    An event over several days repeats its title, place and description in every
    day's VEVENT; those lines are serialised once and shared, which makes the
    costliest step of a large build (icalendar folds lines character by character)
    proportional to events rather than to days.
    """
    shared_lines = {**_shared_lines(event, text, lang), **_stamp_lines(revision)}
    blocks, tzids = [], set()
    for uid, first, last in _occurrences(event, domain):
        own = _occurrence_component(event, uid, first, last)
        if "TZID" in own["DTSTART"].params:
            tzids.add(own["DTSTART"].params["TZID"])
        lines = {**_content_lines(own), **shared_lines}
        names = canonsort_keys(lines, VEvent.canonical_order)
        blocks += [_BEGIN, *(lines[name] for name in names), _END_VEVENT]
    return SerializedEvent.of(b"".join(blocks), tuple(sorted(tzids)))


_BEGIN, _END_VEVENT = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"
_FOLD_AT = 75


def _content_lines(component: VEvent) -> dict[str, bytes]:
    """Each property's folded line(s) with CRLF, by property name, as icalendar renders them."""
    lines: dict[str, list[bytes]] = {}
    for name, value in component.property_items(recursive=False)[1:-1]:  # without BEGIN and END
        line = component.content_line(name, value)
        data = line.encode("utf-8")
        folded = data if len(data) < _FOLD_AT else _folded(data)  # icalendar leaves short lines as they are
        lines.setdefault(name, []).append(folded + b"\r\n")
    return {name: b"".join(parts) for name, parts in lines.items()}


def _folded(data: bytes) -> bytes:
    """icalendar's fold of a UTF-8 line, a slice at a time instead of a character at a time (its loop
    was a tenth of a cold build's calendars): pieces of at most 74 octets that never split a
    character, and a piece that would end on a backslash or caret leaves it to the next, so no
    escape is split (tested against icalendar's own fold)."""
    width, pieces, start = _FOLD_AT - 1, [], 0
    while len(data) - start > width:
        end = start + width
        while data[end] & 0xC0 == 0x80:  # inside a character: it goes to the next piece whole
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


@cache
def vtimezone(tzid: str) -> bytes:
    """The VTIMEZONE block of a zone, as icalendar builds it (costly: made once per zone)."""
    return Timezone.from_tzid(tzid).to_ical()


def subscription_calendar(name: str, description: str, refresh: str, candidates, most_bytes: int,
                          empty_zone: str = "Asia/Jakarta") -> Iterator[bytes]:
    """A feed to subscribe to, in parts to write one after the other: named, with refresh
    hints, a VTIMEZONE for every zone used (of ``empty_zone`` when none is), and the events of
    ``candidates`` that fit in ``most_bytes`` (``fitting``).

    A national calendar holds most of the site's events (over 100 MB at 100,000 without a
    limit), so it is written as it is assembled rather than joined in memory first.
    """
    calendar = _calendar()
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", vDuration.from_ical(refresh), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", refresh)
    head = _head(calendar)
    return _parts(head, fitting(head, candidates, most_bytes), empty_zone)


def fitting(head: bytes, candidates, most_bytes: int) -> list[SerializedEvent]:
    """The events a calendar of at most ``most_bytes`` keeps, in their calendar order.

    ``candidates`` gives (place in the calendar, event), the first to keep first: they are taken
    for as long as the calendar, with their VTIMEZONEs, stays within the size. The first that does
    not fit ends the taking (the calendar has no gaps: all it leaves out comes later among the
    candidates), and the candidates after it are never asked for.
    """
    used, zones, kept = len(head) + len(_END), set(), []
    for place, event in candidates:
        added = {tzid for tzid in event.tzids if tzid not in zones}
        size = event.size + sum(len(vtimezone(tzid)) for tzid in added)
        if used + size > most_bytes:
            break
        used += size
        zones |= added
        kept.append((place, event))
    return [event for _, event in sorted(kept, key=itemgetter(0))]


def single_event_calendar(event: SerializedEvent) -> bytes:
    """A download for one event: no calendar name, so clients add it to an existing calendar."""
    return b"".join(_parts(_single_event_head(), [event]))


@cache
def _single_event_head() -> bytes:
    """The same for every event's download, so made once per build."""
    return _head(_calendar())


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


_END = b"END:VCALENDAR\r\n"


def _head(calendar: Calendar) -> bytes:
    """The calendar's own lines as icalendar writes them, up to where components go."""
    ical = calendar.to_ical()
    assert ical.endswith(_END)
    return ical[: -len(_END)]


def _parts(head: bytes, events, empty_zone: str | None = None) -> Iterator[bytes]:
    """The calendar's own lines, then its components (all written by icalendar). A calendar without
    events holds the VTIMEZONE of ``empty_zone``: RFC 5545 asks for one component at least, and a
    program's calendar before its first visit is subscribed to all the same."""
    zones = sorted({tzid for event in events for tzid in event.tzids}) or ([empty_zone] if empty_zone else [])
    yield head
    yield from (vtimezone(z) for z in zones)
    yield from (e.vevents for e in events)
    yield _END
