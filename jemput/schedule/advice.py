"""Warnings: what is allowed but probably a mistake. They never stop a build."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from jemput.schedule.model import Event, Outline
from jemput.schedule.problems import ERROR, WARNING, problem
from jemput.schedule.strict_yaml import dotted
from jemput.schedule.values import HELD_STATUSES, OFF_STATUSES

# A generous box around Indonesia's territory (Sabang to Merauke, Rote to Miangas).
LATITUDES = (-11.5, 6.5)
LONGITUDES = (94.5, 141.5)
FAR_AHEAD = timedelta(days=366)
_LEADING_ZERO = re.compile(r"^0\d+$")
_HTML = re.compile(r"<[a-zA-Z/!]|!\[")  # a tag, a comment, or a Markdown image


def event_warnings(event: Event, raw: dict, doc, location):
    """Warnings about one event that hold whatever the day, placed on the field they concern.

    Kept in the build cache with the file they come from; ``today_warnings`` adds those
    that depend on the day of the build.
    """

    def warn(field_path, code, **params):
        line, column = doc.position(location + field_path)
        return problem(doc.path, line, column, dotted(location + field_path), code, WARNING, **params)

    entry = event.entry
    if entry.quota == 0:
        yield warn(("quota",), "warn.quota_zero")
    for field_path, written in _counts_written(raw):
        if isinstance(written, str) and _LEADING_ZERO.match(written):
            yield warn(field_path, "integer.leading_zero", value=written, number=int(written))
    if entry.venue.geo and not _inside(*entry.venue.geo):
        yield warn(("venue", "geo"), "warn.geo_outside", lat=entry.venue.geo[0], lon=entry.venue.geo[1])
    yield from _registration_warnings(event, warn)
    if entry.description and _HTML.search(entry.description):
        yield warn(("description",), "warn.description_html")
    from jemput.publish.images import missing_glyphs  # Pillow: only when a file is checked, not read back

    for field_path, text in ((("title",), entry.title), (("venue", "name"), entry.venue.name)):
        if missing := missing_glyphs(text):
            yield warn(field_path, "warn.glyphs_missing", letters=" ".join(missing))


@dataclass(frozen=True)
class DaysWritten:
    """Where an event's days are written, and which of them are holidays: what today's warnings need."""

    path: str
    start: tuple[int, int, str]
    """Line, column and field of its first day."""
    last: tuple[int, int, str]
    """Line, column and field of its last day (its first, for a one-day event)."""
    holidays: tuple[tuple[date, str], ...]
    results: tuple[int, int, str] | None = None
    """Line, column and field of its results; None when it has none."""

    def warning(self, at: tuple[int, int, str], code: str, **params):
        return problem(self.path, *at, code, WARNING, **params)

    def error(self, at: tuple[int, int, str], code: str, **params):
        return problem(self.path, *at, code, ERROR, **params)


def days_written(event: Event, doc, location, book: HolidayBook) -> DaysWritten:
    def at(name, at_key=False):
        line, column = doc.position(location + (name,), at_key=at_key)
        return line, column, dotted(location + (name,))

    start = at("start")
    holidays = tuple(holidays_in(event, book))
    return DaysWritten(doc.path, start, at("end") if event.entry.end else start, holidays,
                       at("results", at_key=True) if event.entry.results else None)


@dataclass(frozen=True)
class ResultsDue:
    """When results are expected: ``days`` after a visit's last day, for visits that ended from ``since`` on."""

    days: int
    since: date | None = None


def today_warnings(event: Outline, days: DaysWritten, today: date, published, due: ResultsDue | None = None):
    """Problems that depend on the day of the build: a new visit already over, a published one moved into
    the past, one far ahead, a holiday; results written before the visit is over (an error), results
    long overdue. ``published``: the last day the public was told of each visit of the ledger, by key
    (YYYY-MM-DD, or None when the ledger does not say); None before a site's first build."""
    moved = _moved_into_the_past(event, today, published)
    if moved:
        yield days.warning(days.last, "warn.moved_past", before=moved, end=event.last_day)
    yield from _results_of_the_day(event, days, today, None if moved else due)
    if published is not None and event.key not in published and event.last_day < today:
        yield days.warning(days.last, "warn.past_new", end=event.last_day)
    if event.start > today + FAR_AHEAD:
        yield days.warning(days.start, "warn.far_future", start=event.start)
    if event.last_day >= today and event.status not in OFF_STATUSES:  # the archive is as it was
        # A holiday on the last day is put on ``end``, which is the day to change; any other on ``start``.
        yield from (days.warning(days.last if day == event.last_day else days.start, "warn.holiday", day=day,
                                 name=name) for day, name in days.holidays)


def _moved_into_the_past(event: Outline, today: date, published) -> str | None:
    """The last day the public was told, when it is still to come but the visit now ended before today:
    most often a year typed wrong (2025 for 2026), which would take a coming visit off every listing."""
    told = published.get(event.key) if published else None
    if told is None or event.last_day >= today or told < today.isoformat():
        return None
    return told


def _results_of_the_day(event: Outline, days: DaysWritten, today: date, due: ResultsDue | None):
    if days.results and event.last_day > today:
        yield days.error(days.results, "results.not_ended", end=event.last_day)
    if due is None or days.results or event.status not in HELD_STATUSES:
        return
    overdue = event.last_day + timedelta(days=due.days) < today
    if overdue and (due.since is None or event.last_day >= due.since):
        yield days.warning(days.last, "warn.results_missing", end=event.last_day, days=due.days)


def holidays_in(event: Event, book: HolidayBook):
    """(day, name) of each service day that is a national holiday or collective leave day."""
    for day in event.service_days:
        name = book.year(day.year).get(day)
        if name:
            yield day, name


class HolidayBook:
    """Indonesia's national holidays and collective leave days, a year at a time, from the ``holidays``
    package; kept in the build cache (``cache``, when given) under the package's version.

    Loading the package's calendar for Indonesia (Islamic, Chinese, Hindu and Buddhist dates)
    takes a quarter of a second: checking one edited file after a build needs none of it.
    """

    def __init__(self, cache=None) -> None:
        self.cache = cache
        self._years: dict[int, dict[date, str]] = {}

    def year(self, year: int) -> dict[date, str]:
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = self._stored(year) if self.cache is not None else _holidays(year)
        return found

    def _stored(self, year: int) -> dict[date, str]:
        days, _ = self.cache.remember("holidays", f"ID {year}", lambda: _holidays(year), _encoded, _decoded)
        return days


def _holidays(year: int) -> dict[date, str]:
    import holidays  # only when a year is not in the build cache (see HolidayBook)

    # Collective leave (cuti bersama) is the "government" category of the holidays package.
    return dict(holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id"))


def _encoded(days: dict[date, str]) -> bytes:
    return json.dumps(sorted((day.isoformat(), name) for day, name in days.items()), ensure_ascii=False).encode()


def _decoded(data: bytes) -> dict[date, str]:
    return {date.fromisoformat(day): name for day, name in json.loads(data)}


def _counts_written(raw) -> list[tuple[tuple, object]]:
    """(where, as written) of a visit's counts: its quota, and the numbers of its results."""
    if not isinstance(raw, dict):
        return []
    found = [(("quota",), raw.get("quota"))]
    results = raw.get("results")
    if isinstance(results, dict):
        found.append((("results", "attendees"), results.get("attendees")))
        served = results.get("served")
        if isinstance(served, dict):
            found += [(("results", "served", service), count) for service, count in served.items()]
    return found


def _registration_warnings(event: Event, warn):
    entry = event.entry
    registration = entry.registration
    if (entry.quota or entry.quota_per_day) and registration is None:
        yield warn(("quota" if entry.quota else "quota_per_day",), "warn.quota_no_registration")
    if registration and registration.closes and registration.closes > entry.start:
        yield warn(("registration", "closes"), "warn.registration_after_start", closes=registration.closes,
                   start=entry.start)


def _inside(lat, lon) -> bool:
    return LATITUDES[0] <= lat <= LATITUDES[1] and LONGITUDES[0] <= lon <= LONGITUDES[1]


def same_place_and_time(outlines: list[Outline]):
    """Two events of one office at the same venue whose days and hours overlap."""
    groups = defaultdict(list)
    for event in outlines:
        if event.status not in OFF_STATUSES:
            venue = " ".join(event.venue.lower().split())
            groups[(event.office, venue)].append(event)
    for group in groups.values():
        group.sort(key=lambda e: (e.start, e.source, e.line))
        for earlier, later in pairwise(group):
            if _overlap(earlier, later):
                yield problem(later.source, later.line, later.id_column, f"{later.path_in_file}.id",
                              "warn.same_place_time", WARNING,
                              other=f"{earlier.key} ({earlier.source}:{earlier.line})")


def _overlap(a: Outline, b: Outline) -> bool:
    if b.start > a.last_day:
        return False
    if a.hours is None or b.hours is None:
        return True
    return a.hours.opens < b.hours.closes and b.hours.opens < a.hours.closes
