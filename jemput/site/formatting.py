"""How dates, times and places read on the page, in the site's language (Babel)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from jemput.schedule.model import Event

# Indonesia's official zone names; other zones show their UTC offset.
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT",
}


class Formatter:
    def __init__(self, lang: str, translations) -> None:
        self.locale = lang
        self.t = translations
        self._days: dict[date, str] = {}
        self._clocks: dict[time, str] = {}

    def day(self, value: date) -> str:
        """``Kamis, 4 Agustus 2022``; remembered, as thousands of events share few days."""
        if value not in self._days:
            self._days[value] = format_date(value, "EEEE, d MMMM y", locale=self.locale)
        return self._days[value]

    def short_day(self, value: date) -> str:
        return format_date(value, "d MMM y", locale=self.locale)

    def clock(self, value: time) -> str:
        """``08.00`` in Indonesian, ``8:00 AM`` in English; remembered, as events share few hours."""
        if value not in self._clocks:
            self._clocks[value] = format_time(value, "short", locale=self.locale)
        return self._clocks[value]

    def dates(self, event: Event) -> str:
        first, last = event.entry.start, event.last_day
        return self.day(first) if first == last else f"{self.day(first)} – {self.day(last)}"

    def hours(self, event: Event) -> str:
        hours = event.entry.hours
        if hours is None:
            return self.t.gettext("all day")
        text = f"{self.clock(hours.opens)}–{self.clock(hours.closes)} {zone_abbreviation(event)}"
        return self.t.gettext("every day") + " " + text if event.last_day != event.entry.start else text

    def closed(self, event: Event) -> str:
        return ", ".join(self.day(d) for d in sorted(event.entry.closed))


def zone_abbreviation(event: Event) -> str:
    name = event.timezone
    if name in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[name]
    offset = datetime.combine(event.entry.start, time(12), event.zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def osm_url(event: Event) -> str | None:
    geo = event.entry.venue.geo
    if geo is None:
        return None
    lat, lon = geo
    query = urlencode({"mlat": str(lat), "mlon": str(lon)})
    return f"https://www.openstreetmap.org/?{query}#map=16/{lat}/{lon}"


def iso_moment(event: Event, day: date, start: bool = True) -> str:
    """Machine-readable start or end of a day's service: a date, or date and time with offset."""
    if event.entry.hours is None:
        return day.isoformat()
    moment = event.starts_at(day) if start else event.ends_at(day)
    return moment.isoformat(timespec="minutes")


def iso_start(event: Event) -> str:
    """For ``<time datetime>``."""
    return iso_moment(event, event.entry.start)


def place_line(event: Event) -> str:
    venue = event.entry.venue
    parts = [venue.address, venue.village, venue.district, event.regency, event.province]
    return ", ".join(p for p in parts if p)


def google_calendar_url(event: Event, title: str, details: str, location: str) -> str:
    """Google Calendar's "add event" template. One day with hours is timed; anything longer
    is an all-day span with the daily hours and closed days in the details (the .ics has each day)."""
    entry = event.entry
    if entry.hours and event.last_day == entry.start:
        utc = ZoneInfo("UTC")
        start = event.starts_at(entry.start).astimezone(utc).strftime("%Y%m%dT%H%M%SZ")
        end = event.ends_at(entry.start).astimezone(utc).strftime("%Y%m%dT%H%M%SZ")
    else:
        start = entry.start.strftime("%Y%m%d")
        end = (event.last_day + timedelta(days=1)).strftime("%Y%m%d")
    query = urlencode({"action": "TEMPLATE", "text": title, "dates": f"{start}/{end}",
                       "details": details, "location": location, "ctz": event.timezone})
    return f"https://calendar.google.com/calendar/render?{query}"


def whatsapp_url(text: str) -> str:
    return "https://wa.me/?" + urlencode({"text": text})


def webcal_url(absolute_https: str) -> str:
    return "webcal://" + absolute_https.split("://", 1)[1]


def google_subscribe_url(absolute_https: str) -> str:
    return "https://calendar.google.com/calendar/r?" + urlencode({"cid": webcal_url(absolute_https)})
