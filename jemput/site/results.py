"""What visits achieved: a past visit's results as its page shows them, and the figures of many visits.

Offices report, after a visit, the people each service took in (applications, consultations) and those who
attended an information session (``results:`` in the schedule). Those are the only
figures counted here: an office's yearly figures (all passports it issued, refusals at
its counter) are not results of visits and are never added in.

A visit is *held* once its last day is past (or it has results) and its status is one
of a visit that took place; cancelled and postponed visits are counted apart, by the
month they were to start in; a withdrawn visit was never meant to be, and counts nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from babel.numbers import format_decimal

from jemput.schedule.model import Event
from jemput.schedule.values import HELD_STATUSES


@lru_cache(maxsize=8192)
def number(value: int, lang: str) -> str:
    """A count the way the site's language writes it: 31.871 in Indonesian. Remembered: a national
    site's statistics print tens of thousands of counts, most of them small and the same."""
    return format_decimal(value, locale=lang)


def figures_text(served: int | None, attendees: int | None, t, lang: str) -> str:
    """"143 orang dilayani, 60 peserta": a visit's results in a line (its history, its feed entry)."""
    parts = [t("%(count)s served", count=number(served, lang))] if served is not None else []
    if attendees is not None:
        parts.append(t("%(count)s attendees", count=number(attendees, lang)))
    return ", ".join(parts)


@dataclass(frozen=True)
class ResultsShown:
    """A visit's results as its page shows them, every number already written out."""

    served: tuple[tuple[str, str], ...]
    """(service name, people it served) in the order the visit lists its services."""
    served_total: str | None
    """All the people served, when more than one service served some."""
    attendees: str | None
    note: str | None
    """Markdown, rendered when the page is written."""
    link: str | None


def results_shown(event: Event, lang: str) -> ResultsShown | None:
    results = event.entry.results
    if results is None:
        return None
    names = {service.id: service.entry.name for service in event.services}
    order = {service_id: index for index, service_id in enumerate(event.entry.services)}
    served = tuple((names.get(service_id, service_id), number(count, lang))
                   for service_id, count in sorted(results.served.items(), key=lambda item: order.get(item[0], 0)))
    total = number(results.served_total, lang) if len(results.served) > 1 else None
    attendees = number(results.attendees, lang) if results.attendees is not None else None
    return ResultsShown(served, total, attendees, results.note, results.link)


def is_held(event: Event, today: date) -> bool:
    """Whether the visit took place: it is over (or reported) and was neither called off nor moved."""
    return event.entry.status in HELD_STATUSES and (event.last_day < today or event.entry.results is not None)


@dataclass
class Tally:
    """The figures of some visits."""

    held: int = 0
    reported: int = 0
    """Held visits whose results the office published."""
    cancelled: int = 0
    postponed: int = 0
    served_total: int = 0
    attendees: int = 0

    def count(self, event: Event, today: date) -> None:
        status, results = event.entry.status, event.entry.results
        if status in ("cancelled", "postponed"):
            if is_counted(event, today):  # once the day it was to start has come
                self.cancelled += status == "cancelled"
                self.postponed += status == "postponed"
        elif is_held(event, today):
            self.held += 1
            if results is not None:
                self.reported += 1
                self.served_total += results.served_total
                self.attendees += results.attendees or 0

    @property
    def counted(self) -> int:
        """Visits held, cancelled or postponed: a year without any has no summary."""
        return self.held + self.cancelled + self.postponed

    def values(self) -> tuple[int, ...]:
        """Every figure, in a fixed order: what a page showing the tally is made of."""
        return self.held, self.reported, self.cancelled, self.postponed, self.served_total, self.attendees


def tally(events: Iterable[Event], today: date) -> Tally:
    found = Tally()
    for event in events:
        found.count(event, today)
    return found


def contribution(event: Event, today: date) -> tuple[int, ...]:
    """What one visit adds to a tally, in the order of ``Tally.values``."""
    return tally((event,), today).values()


def tally_of(contributions: Iterable[tuple[int, ...]]) -> Tally:
    """The tally of visits from what each adds (``contribution``): a visit counted on several pages
    (its office's, province's, regency's and program's) is looked at once, not once for each."""
    return Tally(*map(sum, zip(*contributions, strict=True)))  # no visits: zip gives nothing, Tally() its zeros


def month_of(event: Event) -> date:
    """The month a visit counts in: that of its last day when held (when its results come), else
    of its first day (a cancelled or postponed visit never reached its last)."""
    day = event.last_day if event.entry.status in HELD_STATUSES else event.entry.start
    return day.replace(day=1)


def is_counted(event: Event, today: date) -> bool:
    """Held, or cancelled or postponed once the day it was to start has come: a visit still ahead (or
    withdrawn) counts nowhere yet. A call-off of next year's visit would otherwise count in every total
    but in no year of the tables beside them."""
    return is_held(event, today) or (event.entry.status in ("cancelled", "postponed") and event.entry.start <= today)


def grouped(events: Iterable[Event], today: date, key) -> dict:
    """Tallies by ``key(event)`` of the visits that count."""
    found: dict = defaultdict(Tally)
    for event in events:
        if is_counted(event, today):
            found[key(event)].count(event, today)
    return dict(found)


def last_months(today: date, count: int = 12) -> tuple[date, ...]:
    """The first days of the ``count`` months up to and including today's."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(reversed(months))


@dataclass(frozen=True)
class Row:
    """One line of a table of figures: its label, an optional link, and the tally."""

    label: str
    tally: Tally
    url: str | None = None
    key: str = ""


@dataclass(frozen=True)
class Figures:
    """The figures of a set of visits: all time, by year, the last twelve months, by kind and by province."""

    total: Tally
    years: tuple[Row, ...]
    months: tuple[Row, ...]
    kinds: tuple[Row, ...]
    provinces: tuple[Row, ...]
    this_year: Tally = field(default_factory=Tally)


def figures(events: list[Event], today: date, month_name, kind_name) -> Figures:
    """``month_name(date)`` and ``kind_name(type)`` give the words of the labels."""
    total, by_month, by_year, by_kind, by_province = Tally(), *(defaultdict(Tally) for _ in range(4))
    for event in events:  # one pass: the site's page counts every visit of every year
        if is_counted(event, today):
            month = month_of(event)
            for found in (total, by_month[month], by_year[month.year], by_kind[event.entry.type],
                          by_province[event.province]):
                found.count(event, today)
    # Every year from the first counted to this one, a year without visits as zero: a chart of 2022,
    # 2024 and 2026 drawn side by side would hide the gaps.
    shown = [year for year in by_year if year <= today.year]
    years = tuple(Row(str(year), by_year.get(year, Tally()), key=str(year))
                  for year in range(today.year, min(shown) - 1, -1)) if shown else ()
    months = tuple(Row(month_name(month), by_month.get(month, Tally()), key=month.isoformat()[:7])
                   for month in last_months(today))
    # By kind and by province, only where a visit was held: their charts show what was held and served
    # (results come only from held visits), and a province whose visits were all called off is a row of 0.
    kinds = tuple(Row(kind_name(kind), by_kind[kind], key=kind) for kind in sorted(by_kind) if by_kind[kind].held)
    provinces = tuple(Row(name, by_province[name], key=name)
                      for name in sorted(by_province, key=lambda n: (-by_province[n].served_total, n))
                      if by_province[name].held)
    return Figures(total, years, months, kinds, provinces, by_year.get(today.year, Tally()))
