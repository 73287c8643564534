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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parseaddr
from functools import cache

from icalendar import Calendar, Timezone, vCalAddress, vDuration, vText
from icalendar import Event as VEvent

from .model import Event

PRODID = "-//Jemput//Jadwal Layanan Jemput Bola//ID"
SUMMARY_MARKS = {
    "id": {"cancelled": "DIBATALKAN", "postponed": "DITUNDA", "full": "KUOTA PENUH"},
    "en": {"cancelled": "CANCELLED", "postponed": "POSTPONED", "full": "FULLY BOOKED"},
}
ICAL_STATUS = {"scheduled": "CONFIRMED", "full": "CONFIRMED", "postponed": "TENTATIVE",
               "cancelled": "CANCELLED"}


@dataclass(frozen=True)
class Revision:
    """How many times an event changed for subscribers, and when it last did (UTC)."""

    sequence: int
    modified: datetime
    created: datetime | None = None
    """When the event was first published; the first revision's time when unknown."""

    @property
    def first_published(self) -> datetime:
        return self.created or self.modified


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


def event_components(event: Event, text: EventText, domain: str, lang: str) -> list[VEvent]:
    """The VEVENTs of one event, without their revision stamps (see ``stamp``)."""
    if split_by_day(event):
        return [_component(event, text, event_uid(event, domain, day), day, day, lang)
                for day in event.service_days]
    return [_component(event, text, event_uid(event, domain), event.entry.start, event.last_day, lang)]


def fingerprint(event: Event, text: EventText, domain: str, lang: str) -> str:
    """Everything a subscriber's copy is made from, hashed: any change to it changes this.

    Hashing the inputs rather than the serialised VEVENTs keeps each event to one
    serialisation; a change that shows nowhere (say, a quota) only costs an extra update.
    """
    office = event.office.entry.model_dump()
    program = event.program.entry.model_dump() if event.program else None
    material = repr((event.entry.model_dump(), office, program, text, domain, lang))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def stamp(components: list[VEvent], revision: Revision) -> None:
    for component in components:
        component.add("dtstamp", revision.modified)
        component.add("created", revision.first_published)
        component.add("last-modified", revision.modified)
        component.add("sequence", revision.sequence)


def _component(event: Event, text: EventText, uid: str, first: date, last: date, lang: str) -> VEvent:
    entry = event.entry
    component = VEvent()
    component.add("uid", uid)
    component.add("summary", _summary(event, lang))
    if entry.hours:
        component.add("dtstart", event.starts_at(first))
        component.add("dtend", event.ends_at(last))
    else:
        component.add("dtstart", first)
        component.add("dtend", last + timedelta(days=1))  # DATE end is exclusive
    component.add("status", ICAL_STATUS[entry.status])
    component.add("transp", "TRANSPARENT")
    component.add("location", text.location)
    if entry.venue.geo:
        component.add("geo", (float(entry.venue.geo[0]), float(entry.venue.geo[1])))
    component.add("url", text.url)
    component.add("description", text.description)
    component.add("categories", list(text.categories))
    organizer = _organizer(event)
    if organizer is not None:
        component.add("organizer", organizer)
    return component


def _summary(event: Event, lang: str) -> str:
    mark = SUMMARY_MARKS.get(lang, SUMMARY_MARKS["id"]).get(event.entry.status)
    return f"[{mark}] {event.entry.title}" if mark else event.entry.title


def _organizer(event: Event) -> vCalAddress | None:
    office = event.office.entry
    _, email = parseaddr(office.email or "")
    if not email or "@" not in email:
        return None
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(office.name)
    return address


@dataclass(frozen=True)
class SerializedEvent:
    """An event's VEVENTs exactly as icalendar wrote them, and the zones they use.

    Every event appears in several calendars (all, office, type, province, program,
    its own download); serialising it once and reusing the bytes keeps a large
    site's build linear and fast.
    """

    vevents: bytes
    tzids: tuple[str, ...]


def serialize(components: list[VEvent]) -> SerializedEvent:
    tzids = sorted({c["DTSTART"].params["TZID"] for c in components if "TZID" in c["DTSTART"].params})
    return SerializedEvent(b"".join(c.to_ical() for c in components), tuple(tzids))


@cache
def vtimezone(tzid: str) -> bytes:
    """The VTIMEZONE block of a zone, as icalendar builds it (costly: made once per zone)."""
    return Timezone.from_tzid(tzid).to_ical()


def subscription_calendar(name: str, description: str, events, refresh: str) -> bytes:
    """A feed to subscribe to: named, with refresh hints, a VTIMEZONE for every zone used."""
    calendar = _calendar()
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", vDuration.from_ical(refresh), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", refresh)
    return _assemble(calendar, events)


def single_event_calendar(event: SerializedEvent) -> bytes:
    """A download for one event: no calendar name, so clients add it to an existing calendar."""
    return _assemble(_calendar(), [event])


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


_END = b"END:VCALENDAR\r\n"


def _assemble(calendar: Calendar, events) -> bytes:
    """The calendar's own lines (from icalendar), then its components (also from icalendar)."""
    head = calendar.to_ical()
    assert head.endswith(_END)
    zones = sorted({tzid for event in events for tzid in event.tzids})
    parts = [head[: -len(_END)], *(vtimezone(z) for z in zones), *(e.vevents for e in events), _END]
    return b"".join(parts)
