"""The checked schedule: offices, programs and events with their links resolved.

``validation`` builds these from the entries staff wrote (``entries.py``); the
site, calendars, feeds and open data read them. ``Event`` answers the questions
every output asks: its key, zone, days of service and moments.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from jemput.schedule.entries import EventEntry, OfficeEntry, ProgramEntry, ServiceEntry
from jemput.schedule.regions import Region


@dataclass(frozen=True)
class Office:
    entry: OfficeEntry
    source: str

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.entry.timezone)


@dataclass(frozen=True, eq=False)
class Service:
    """A service of the national catalogue, or of one office (``office`` is then its id).

    Each is one object, compared and hashed by identity: a visit's facts are worked
    out once per combination of services, not once per visit.
    """

    entry: ServiceEntry
    office: str | None = None

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def key(self) -> str:
        """Unique in the site: the id, or ``office/id`` for an office's own service."""
        return f"{self.office}/{self.id}" if self.office else self.id


@dataclass(frozen=True)
class Program:
    entry: ProgramEntry

    @property
    def id(self) -> str:
        return self.entry.id


class Outline(NamedTuple):
    """What checks across files ask of an event (ids, places and times, the warnings of the day),
    kept apart from the whole event: ``invoke check`` reads files back from the build cache as
    outlines, a fraction of the cost of whole events."""

    key: str
    id: str
    office: str
    source: str
    line: int
    id_column: int
    path_in_file: str
    start: date
    last_day: date
    status: str
    venue: str
    hours: object
    """``values.Hours``, or None for all day."""


@dataclass(frozen=True)
class Event:
    """A validated visit with its office and program resolved."""

    entry: EventEntry
    office: Office
    program: Program | None
    source: str
    """File the event was read from, as shown in messages."""
    line: int
    """Line of the event in that file."""
    id_column: int = 1
    """Column of the event's id value, for messages about the id."""
    path_in_file: str = "events"
    """Where the event stands in its file: ``events[2]``."""
    services: tuple[Service, ...] = ()
    """The catalogue services it offers, in the order written."""
    service_texts: tuple[str, ...] = ()
    """Services written as free text (the old form), shown as written."""
    region: Region | None = None
    """The venue's official province and regency (Kemendagri names and codes), where known."""
    key: str = field(init=False)
    """``office/event``: unique in the site; announcements name events by it."""
    last_day: date = field(init=False)
    """The last day of service (the first, for a one-day event): every listing and feed asks it."""
    digest: bytes = field(init=False, repr=False, compare=False)
    """SHA-256 of the event as checked (entry, region, services): what the keys of the files made
    of it start from. Made once, when the event is checked, and kept with its file."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.office.id}/{self.entry.id}")
        object.__setattr__(self, "last_day", self.entry.end or self.entry.start)
        written = (self.entry.model_dump_json(), repr(self.region), [s.key for s in self.services],
                   self.service_texts, self.program.id if self.program else None)
        object.__setattr__(self, "digest", hashlib.sha256(repr(written).encode("utf-8")).digest())

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def outline(self) -> Outline:
        entry = self.entry
        return Outline(self.key, entry.id, self.office.id, self.source, self.line, self.id_column, self.path_in_file,
                       entry.start, self.last_day, entry.status, entry.venue.name, entry.hours)

    @property
    def timezone(self) -> str:
        return self.entry.timezone or self.office.entry.timezone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def province(self) -> str:
        """The official name where it is known (listings group by it), else as written."""
        if self.region:
            return self.region.province
        return self.entry.venue.province or self.office.entry.province

    @property
    def regency(self) -> str | None:
        if self.region and self.region.regency:
            return self.region.regency
        return self.entry.venue.regency

    @property
    def service_days(self) -> tuple[date, ...]:
        """Every day from start to end on which service is held (closed days left out)."""
        closed = set(self.entry.closed)
        days, day = [], self.entry.start
        while day <= self.last_day:
            if day not in closed:
                days.append(day)
            day += timedelta(days=1)
        return tuple(days)

    def starts_at(self, day: date) -> datetime:
        opens = self.entry.hours.opens if self.entry.hours else time(0)
        return datetime.combine(day, opens, self.zone)

    def ends_at(self, day: date) -> datetime:
        if self.entry.hours:
            return datetime.combine(day, self.entry.hours.closes, self.zone)
        return datetime.combine(day + timedelta(days=1), time(0), self.zone)
