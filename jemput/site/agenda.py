"""The month agenda: each service day under its date, a month a page, for the site and each office.

A multi-day visit stands on every day it serves and never on a closed day; a
cancelled one stays on its days, marked. Months run from the calendars' window
(the recent past) to the month of the last service day, at most ``OUTREACH_AGENDA_MONTHS``
ahead (later visits are in the listings), one after another, so
previous and next always lead somewhere, empty months included; today's month is
always there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from babel.dates import format_date

from jemput.schedule.model import Event


@dataclass(frozen=True)
class AgendaDay:
    day: date
    label: str
    """``Senin, 14 Desember 2026``."""
    pages: tuple
    """The event pages of the visits serving that day, earliest opening first."""


@dataclass(frozen=True)
class AgendaMonth:
    month: date
    """The first day of the month."""
    name: str
    """``Desember 2026``."""
    heading: str
    url: str
    days: tuple[AgendaDay, ...]
    previous: tuple[str, str] | None = None
    """(url, name) of the month before, when the agenda has it."""
    next: tuple[str, str] | None = None
    ahead: tuple[str, str] | None = None
    """(url, name) of the nearest later month with visits, for a month without any: "this month" is
    where people land, and an empty page must say where the next visits are."""
    canonical: str | None = None
    """The month's own page, when this is the agenda's entry page (``agenda/``) showing today's month."""

    @property
    def save_as(self) -> str:
        return self.url + "index.html"

    def as_entry(self, url: str) -> AgendaMonth:
        """This month at the agenda's entry address: every page links there, whatever the month."""
        return replace(self, url=url, canonical=self.url)


def month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def agenda_span(today: date, past_days: int, months_ahead: int) -> tuple[date, date]:
    """(first month, first day after the last month): from the calendars' window to so many months
    after today's month."""
    first = (today - timedelta(days=past_days)).replace(day=1)
    end = today.replace(day=1)
    for _ in range(months_ahead + 1):
        end = (end + timedelta(days=32)).replace(day=1)
    return first, end


def agenda(events, pages: dict, months: tuple[date, date], today: date, pattern: str, heading: str, formatter,
           lang: str, **placeholders) -> list[AgendaMonth]:
    """The agenda of ``events`` from the first of ``months`` to the month of their last service day,
    at most to the second of ``months`` and at least to today's month (which pages link to).

    ``pattern`` is the URL pattern (``agenda/{month}/``), ``heading`` the page title with
    ``%(month)s`` in it.
    """
    months_from, horizon = months
    by_day = _service_days(events, months_from)
    last = max([*(day for day in by_day if day < horizon), today])
    months = _months(months_from, last)
    names = [month_name(m, lang) for m in months]
    urls = [pattern.format(month=month_key(m), **placeholders) for m in months]
    days_of = defaultdict(list)
    for day in sorted(by_day):
        days_of[day.replace(day=1)].append(day)
    result, ahead = [], None
    for index in reversed(range(len(months))):  # from the last: each empty month knows the next full one
        month = months[index]
        days = tuple(AgendaDay(day, formatter.day(day), _ordered(by_day[day], pages)) for day in days_of[month])
        result.append(AgendaMonth(
            month, names[index], heading % {"month": names[index]}, urls[index], days,
            previous=(urls[index - 1], names[index - 1]) if index else None,
            next=(urls[index + 1], names[index + 1]) if index + 1 < len(months) else None,
            ahead=None if days else ahead))
        if days:
            ahead = urls[index], names[index]
    return result[::-1]


@lru_cache(maxsize=512)
def month_name(month: date, lang: str) -> str:
    """``Desember 2026``: every office's agenda names the same months."""
    return format_date(month, "LLLL y", locale=lang)


def _service_days(events, since: date) -> dict[date, list[Event]]:
    by_day = defaultdict(list)
    for event in events:
        if event.last_day < since:
            continue
        for day in event.service_days:
            if day >= since:
                by_day[day].append(event)
    return by_day


def _ordered(events: list[Event], pages: dict) -> tuple:
    opening = [(e.entry.hours.opens.isoformat() if e.entry.hours else "", e.key) for e in events]
    return tuple(pages[key] for _, key in sorted(opening))


def _months(first: date, last_day: date) -> list[date]:
    months, month = [], first
    while month <= last_day:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months
