"""Groupings of events into listing pages: pure functions of the model and "today"."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from jemput.schedule.model import Event, Office, Program, Service
from jemput.schedule.validation import Schedule
from jemput.schedule.values import HELD_STATUSES, OFF_STATUSES
from jemput.site.results import is_held
from jemput.text import N_, Text


@dataclass(frozen=True)
class Listing:
    """One listing page (paginated): upcoming events first, soonest first, then the past, newest first."""

    kind: str
    """upcoming, past, office, type, province, regency, program or service."""
    key: str
    """Identifies the listing within its kind: office id, type, province slug, program id."""
    name: str
    """What the listing is about, as displayed (office name, province, ...)."""
    heading: str
    """The page's title: "Jadwal Kanim Serang", "Jadwal di Banten"."""
    url: str
    events: tuple[Event, ...]
    upcoming_count: int
    """How many of ``events``, the first, are upcoming (called off or not): where the past ones begin."""
    going_ahead: int
    """Upcoming visits that will take place (not called off, not postponed to a day not yet set): the
    count lists show as "N kegiatan mendatang"."""
    subject: Office | Program | Service | None = None
    parent_url: str | None = None
    code: str | None = None
    """A province's or regency's Kemendagri code, where its visits' venues are official."""

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


@dataclass(frozen=True)
class ProgramProgress:
    places_done: int
    places_planned: int
    target: int | None
    by: date | None
    places_reported: int = 0
    """Places done whose visit has published results: served, not only scheduled."""
    past_due: bool = False
    """The target's day is before today."""


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated: ``Jawa Timur`` -> ``jawa-timur``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "lain"


def is_upcoming(event: Event, today: date) -> bool:
    return event.last_day >= today


def ordered(events, today: date) -> tuple[tuple[Event, ...], int]:
    upcoming = [e for e in events if is_upcoming(e, today)]
    past = [e for e in events if not is_upcoming(e, today)]
    upcoming.sort(key=lambda e: (e.entry.start, e.office.id, e.id))
    past.sort(key=lambda e: (e.entry.start, e.office.id, e.id), reverse=True)
    return tuple(upcoming + past), len(upcoming)


HEADINGS = {
    "upcoming": N_("Upcoming visits"), "past": N_("Past visits"), "office": N_("Visits of %(name)s"),
    "program": N_("Program %(name)s"), "province": N_("Visits in %(name)s"), "regency": N_("Visits in %(name)s"),
}
NAMED_BY_SUBJECT = ("service",)
"""Listings whose heading is their subject's name (a service page is headed "Paspor baru")."""


def build_listings(schedule: Schedule, today: date, urls: dict, text: Text,
                   soonest: int = 20) -> dict[str, list[Listing]]:
    """Every listing of the site, keyed by kind, each list in a stable order.

    Every event is put in order once, and each listing gathers its events from that order: a
    listing's events are then in the order ``ordered`` gives them (its key tells every event
    apart), without sorting each of a visit's seven listings again (2 s at 100,000 events)."""
    events, upcoming_count = ordered(schedule.events, today)
    upcoming, past = events[:upcoming_count], events[upcoming_count:]
    by_office = defaultdict(list)  # one pass, not one per office: 125 offices x 100,000 events
    for event in events:
        by_office[event.office.id].append(event)
    listings = {
        "upcoming": [_listing(text, "upcoming", "", "", urls["upcoming"], upcoming, today)],
        "past": [_listing(text, "past", "", "", urls["past"], past, today)],
        "office": [
            _listing(text, "office", o.id, o.entry.name, urls["office"].format(office=o.id),
                     by_office[o.id], today, subject=o)
            for o in schedule.offices
        ],
        "type": _by_type(events, today, urls, text),
        "program": [
            _listing(text, "program", p.id, p.entry.name, urls["program"].format(program=p.id),
                     [e for e in events if e.program is p], today, subject=p)
            for p in schedule.programs
        ],
    }
    listings["province"], listings["regency"] = _by_region(events, today, urls, text)
    listings["service"] = _by_service(schedule, events, today, urls, text, soonest)
    return listings


def _by_service(schedule: Schedule, events, today, urls, text, soonest: int) -> list[Listing]:
    """A page per service, with the ``soonest`` upcoming visits offering it: people ask where
    they can go next; every visit is in the office, region and program listings."""
    offering = defaultdict(list)
    for event in events:
        if is_upcoming(event, today):
            for service in event.services:
                offering[service.key].append(event)
    return [_listing(text, "service", s.key, s.entry.name, urls["service"].format(service=s.key),
                     offering[s.key][:soonest], today, subject=s)
            for s in schedule.services]


def _listing(text: Text, kind, key, name, url, events, today, **extra) -> Listing:
    """A listing of ``events`` taken in the order ``ordered`` gives: upcoming first, then the past."""
    if kind in NAMED_BY_SUBJECT:
        heading = name
    else:
        heading = text.label("type", name) if kind == "type" else text(HEADINGS[kind], name=name)
    upcoming_count = next((index for index, event in enumerate(events) if not is_upcoming(event, today)),
                          len(events))
    going_ahead = sum(1 for event in events[:upcoming_count] if event.entry.status in HELD_STATUSES)
    return Listing(kind, key, name, heading, url, tuple(events), upcoming_count, going_ahead, **extra)


def _by_type(events, today, urls, text) -> list[Listing]:
    groups = defaultdict(list)
    for event in events:
        groups[event.entry.type].append(event)
    return [_listing(text, "type", kind, kind, urls["type"].format(type=kind), groups[kind], today)
            for kind in sorted(groups)]


def _by_region(events, today, urls, text) -> tuple[list[Listing], list[Listing]]:
    provinces, regencies = defaultdict(list), defaultdict(list)
    for event in events:
        provinces[event.province].append(event)
        if event.entry.venue.regency:
            regencies[(event.province, event.regency)].append(event)
    province_listings = [
        replace(_listing(text, "province", slug(name), name, urls["province"].format(province=slug(name)),
                         provinces[name], today), code=_code(provinces[name], "province_code"))
        for name in sorted(provinces)
    ]
    regency_listings = [
        replace(_listing(text, "regency", f"{slug(province)}/{slug(regency)}", regency,
                         urls["regency"].format(province=slug(province), regency=slug(regency)),
                         regencies[(province, regency)], today,
                         parent_url=urls["province"].format(province=slug(province))),
                code=_code(regencies[(province, regency)], "regency_code"))
        for province, regency in sorted(regencies)
    ]
    return province_listings, regency_listings


def _code(events, level: str) -> str | None:
    """The unit's code, from the first of its events whose venue is official."""
    return next((getattr(e.region, level) for e in events if e.region and getattr(e.region, level)), None)


def program_progress(program: Program, events, today: date) -> ProgramProgress:
    """Distinct places served against the target: where a visit was held (over, or reported, and neither
    called off nor postponed), not only scheduled or under way. The others still going ahead are planned."""
    target = program.entry.target
    done, planned, reported = set(), set(), set()
    for event in events:
        if event.program is not program or event.entry.status in OFF_STATUSES:
            continue
        if target and target.by and event.entry.start > target.by:
            continue
        place = (event.office.id, event.entry.venue.name, event.entry.venue.regency)
        (done if is_held(event, today) else planned).add(place)
        if event.entry.results is not None:
            reported.add(place)
    by = target.by if target else None
    return ProgramProgress(len(done), len(planned - done), target.places if target else None, by, len(reported),
                           by is not None and by < today)
