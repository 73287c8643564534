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

from icalendar import Calendar, vCalAddress, vDuration, vText
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


def fingerprint(components: list[VEvent]) -> str:
    """What subscribers see of an event, hashed: any visible change changes it."""
    digest = hashlib.sha256()
    for component in components:
        digest.update(component.to_ical())
    return digest.hexdigest()


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


def subscription_calendar(name: str, description: str, components, refresh: str) -> bytes:
    """A feed to subscribe to: named, with refresh hints, a VTIMEZONE for every zone used."""
    calendar = _calendar(components)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", vDuration.from_ical(refresh), parameters={"value": "DURATION"})
    calendar.add("x-published-ttl", refresh)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def single_event_calendar(components) -> bytes:
    """A download for one event: no calendar name, so clients add it to an existing calendar."""
    calendar = _calendar(components)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _calendar(components) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for component in components:
        calendar.add_component(component)
    return calendar
