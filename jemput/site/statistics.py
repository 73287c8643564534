"""The statistics pages and monthly summaries: what visits achieved, looked at rather than read.

One statistics page for the site and one for each office (charts, each beside a table
of the same figures), and for each year a summary by month, ready to quote: the site's
per office, an office's per visit, each visit linked to its page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from markupsafe import Markup

from jemput.schedule.model import Event
from jemput.site.charts import Bar, bar_chart
from jemput.site.results import Figures, Row, Tally, figures, is_counted, is_held, month_of, number, tally


@dataclass(frozen=True)
class StatisticsItem:
    """A statistics page or a year's summary, as planned: its address and visits, no figure yet."""

    url: str
    heading: str
    office: str | None
    """The office it is about; None: the whole site."""
    events: tuple[Event, ...]
    year: int | None = None
    """A summary's year; None: a statistics page."""
    statistics_url: str | None = None
    """A summary's statistics page."""

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


@dataclass(frozen=True)
class Chart:
    """A chart and the table of its figures: ``columns`` name what each row's ``cells`` hold."""

    id: str
    title: str
    svg: Markup
    label: str
    """The heading of the first column (month, province, ...)."""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class SummaryVisit:
    """A held visit in a month's summary: where, when, how many served, its page."""

    title: str
    url: str
    dates: str
    place: str
    served_total: str
    attendees: str
    reported: bool


@dataclass(frozen=True)
class SummaryMonth:
    month: date
    name: str
    tally: Tally
    offices: tuple[Row, ...] = ()
    """The site's summary: each office's figures of the month."""
    visits: tuple[SummaryVisit, ...] = ()
    """An office's summary: each visit held in the month."""


@dataclass(frozen=True)
class YearSummary:
    year: int
    url: str
    save_as: str
    heading: str
    months: tuple[SummaryMonth, ...]
    tally: Tally
    statistics_url: str
    as_of: date | None = None
    """The day its figures describe: the date to quote them by (``StatisticsMaker.as_of``)."""


@dataclass(frozen=True)
class StatisticsPage:
    """The statistics of the site (``office`` None) or of one office."""

    url: str
    save_as: str
    heading: str
    office: str | None
    figures: Figures
    charts: tuple[Chart, ...]
    offices: tuple[Row, ...]
    """The site's page: this year's figures of every office."""
    years: tuple[tuple[int, str], ...]
    """(year, address of its summary), newest first."""
    as_of: date | None = None
    """The day its figures describe (``StatisticsMaker.as_of``)."""
    called_off_ahead: int = 0
    """Visits already called off (cancelled or postponed) whose day has not come: not counted yet."""


class StatisticsMaker:
    """Makes the pages' figures and charts in the site's language; ``t`` is its text catalogue."""

    def __init__(self, today: date, lang: str, t, kind_name) -> None:
        self.today, self.lang, self.t, self.kind_name = today, lang, t, kind_name

    def as_of(self, events) -> date | None:
        """The date to quote the figures by: the build's day, which they describe (a visit ends, a call-off's
        day comes, results are corrected or a visit withdrawn on any day). None: no visit counts yet."""
        return self.today if any(is_counted(event, self.today) for event in events) else None

    def n(self, value: int) -> str:
        return number(value, self.lang)

    def month_name(self, month: date) -> str:
        return format_date(month, "MMM y", locale=self.lang)

    def page(self, events: list[Event], url: str, heading: str, office: str | None, offices: tuple[Row, ...],
             summary_url) -> StatisticsPage:
        found = figures(events, self.today, self.month_name, self.kind_name)
        prefix = f"{office}-" if office else "situs-"
        years = tuple((int(row.key), summary_url(int(row.key))) for row in found.years if row.tally.counted)
        ahead = sum(1 for e in events if e.entry.status in ("cancelled", "postponed") and not is_counted(e, self.today))
        return StatisticsPage(url, url + "index.html", heading, office, found, self.charts(found, prefix), offices,
                              years, self.as_of(events), ahead)

    def charts(self, found: Figures, prefix: str) -> tuple[Chart, ...]:
        t = self.t
        held, served, attendees = t("Visits held"), t("People served"), t("Attendees")
        reported = t("Visits with published results")
        month = t("Month")
        charts = [
            self.chart(prefix + "kunjungan-bulanan", t("Visits held in the last 12 months"), month, found.months,
                       "held", (held, t("Cancelled"), t("Postponed")), ("held", "cancelled", "postponed")),
            self.chart(prefix + "permohonan-bulanan", t("People served, last 12 months"), month, found.months,
                       "served_total", (served, reported), ("served_total", "reported")),
            self.chart(prefix + "peserta-bulanan", t("Attendees of information sessions, last 12 months"), month,
                       found.months, "attendees", (attendees,), ("attendees",)),
        ]
        if found.years:
            charts.append(self.chart(prefix + "tahunan", t("Visits held by year"), t("Year"),
                                     tuple(reversed(found.years)), "held",
                                     (held, t("Cancelled"), t("Postponed"), reported, served, attendees),
                                     ("held", "cancelled", "postponed", "reported", "served_total", "attendees")))
        if found.kinds:
            charts.append(self.chart(prefix + "jenis", t("Visits held by kind, all years"), t("Visit type"),
                                     found.kinds, "held", (held, reported, served, attendees),
                                     ("held", "reported", "served_total", "attendees"),
                                     horizontal=True))
        if found.provinces:
            charts.append(self.chart(prefix + "provinsi", t("People served by province, all years"), t("Province"),
                                     found.provinces, "served_total", (served, held, reported),
                                     ("served_total", "held", "reported"), horizontal=True))
        return tuple(charts)

    def chart(self, chart_id: str, title: str, label: str, rows: tuple[Row, ...], drawn: str,
              columns: tuple[str, ...], fields: tuple[str, ...], horizontal: bool = False) -> Chart:
        values = [(row.label, getattr(row.tally, drawn)) for row in rows]
        description = "; ".join(f"{name}: {self.n(value)}" for name, value in values)
        bars = [Bar(name, value, self.n(value)) for name, value in values]
        table = tuple((row.label, tuple(self.n(getattr(row.tally, name)) for name in fields)) for row in rows)
        return Chart(chart_id, title, bar_chart(chart_id, title, description, bars, horizontal=horizontal), label,
                     columns, table)

    def year_summary(self, events: list[Event], year: int, url: str, heading: str, statistics_url: str,
                     office_rows=None, visit_of=None) -> YearSummary:
        """A year by month, newest first: per office (``office_rows(events)``) or per visit (``visit_of``)."""
        in_year, shown_in = [], defaultdict(list)  # each visit's month found once, not once a month
        for event in events:
            month = month_of(event)
            if month.year == year and is_counted(event, self.today):
                in_year.append(event)
                shown_in[month].append(event)
        months = []
        for month in sorted(shown_in, reverse=True):
            shown = shown_in[month]
            held = [e for e in shown if is_held(e, self.today)]
            months.append(SummaryMonth(month, format_date(month, "MMMM y", locale=self.lang), tally(shown, self.today),
                                       office_rows(shown, year) if office_rows else (),
                                       tuple(visit_of(e) for e in sorted(held, key=_by_day)) if visit_of else ()))
        return YearSummary(year, url, url + "index.html", heading, tuple(months), tally(in_year, self.today),
                           statistics_url, self.as_of(in_year))

    def visit(self, event: Event, url: str, dates: str, place: str) -> SummaryVisit:
        results = event.entry.results
        served = self.n(results.served_total) if results and results.served else "–"
        attendees = self.n(results.attendees) if results and results.attendees is not None else "–"
        return SummaryVisit(event.entry.title, url, dates, place, served, attendees, results is not None)


def _by_day(event: Event) -> tuple:
    return event.entry.start, event.key
