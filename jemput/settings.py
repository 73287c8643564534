"""Every OUTREACH_* setting: its default, its check, read through one typed object."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from jemput.runtime.parallel import available_cores
from jemput.schedule.model import INDONESIAN_ZONES

log = logging.getLogger(__name__)

DEFAULTS = {
    "OUTREACH_SCHEDULES_PATH": "schedules",
    "OUTREACH_TODAY": None,
    "OUTREACH_LANG": "id",
    "OUTREACH_VISIT_TYPES": ("village", "majelis", "school"),
    "OUTREACH_TIMEZONES": INDONESIAN_ZONES,
    "OUTREACH_MAX_FILE_BYTES": 1_000_000,
    "OUTREACH_PER_PAGE": 20,
    "OUTREACH_HOME_EVENTS": 6,
    "OUTREACH_HOME_ANNOUNCEMENTS": 3,
    "OUTREACH_CALENDAR_PAST_DAYS": 30,
    "OUTREACH_CALENDAR_REFRESH": "PT6H",
    # Entries per feed, newest change first: readers keep what they have seen, and a
    # national feed of every upcoming visit would be megabytes on a phone.
    "OUTREACH_FEED_MAX_ITEMS": 100,
    "OUTREACH_DOMAIN": None,
    "OUTREACH_REVISIONS_FILE": "revisions.json",
    "OUTREACH_NOW": None,
    "OUTREACH_PREVIOUS_SITE": None,
    # Results kept between builds (see cache.py); None = ".jemput-cache" beside the output
    # folder, False = no cache.
    "OUTREACH_CACHE_PATH": None,
    # A preview of some offices only (folder names), for staff checking an edit quickly;
    # None = every office. Never for publishing: national listings would be incomplete.
    "OUTREACH_OFFICES": None,
    # Processes for the heavy parts of a build; None = every core this process may use.
    "OUTREACH_WORKERS": None,
    # Every listing lives in a folder of its own, so page 2 of one
    # (``.../page/2/``) can never take the name of another listing.
    "OUTREACH_URLS": {
        "event": "kegiatan/{office}/{event}/",
        "upcoming": "kegiatan/",
        "past": "arsip/",
        "office": "kantor/{office}/",
        "offices": "kantor/",
        "type": "jenis/{type}/",
        "province": "wilayah/{province}/",
        "regency": "wilayah/{province}/{regency}/",
        "regions": "wilayah/",
        "program": "program/{program}/",
        "programs": "program/",
        "howto": "berlangganan/",
        "event_ics": "kegiatan/{office}/{event}/{event}.ics",
        "calendar_all": "kalender/semua.ics",
        "calendar": "kalender/{kind}/{key}.ics",
        "feed_all": "feeds/{name}.{format}.xml",
        "feed": "feeds/{kind}/{key}.{format}.xml",
        "events_json": "data/kegiatan.json",
        "events_csv": "data/kegiatan.csv",
    },
}


@dataclass(frozen=True)
class OutreachSettings:
    schedules_path: Path
    today: date
    lang: str
    visit_types: tuple[str, ...]
    timezones: tuple[str, ...] | str
    max_file_bytes: int
    per_page: int
    home_events: int
    home_announcements: int
    calendar_past_days: int
    calendar_refresh: str
    feed_max_items: int
    domain: str
    site_url: str
    site_name: str
    revisions_file: str
    urls: dict
    now: datetime
    """The build's fixed "now" (UTC), stamped on changed events: never the clock."""
    previous_site: Path | None
    """The site this build replaces, whose revision ledger it continues."""
    workers: int
    """Processes that render and serialise in parallel (1: all in this process)."""
    cache_path: Path | None
    """Where results are kept between builds; None: nothing is kept."""
    offices: tuple[str, ...] | None = None
    """Only these office folders (a preview); None: all."""

    @property
    def base_url(self) -> str:
        """Absolute address of the site, for feeds and calendars (which need absolute links)."""
        if self.site_url.startswith(("http://", "https://")):
            return self.site_url
        return f"https://{self.domain}"

    def absolute(self, relative: str) -> str:
        return f"{self.base_url}/{relative}"

    @property
    def ledger_path(self) -> Path | None:
        """The revision ledger of the site this build replaces."""
        return self.previous_site / self.revisions_file if self.previous_site else None

    @property
    def validation_context(self) -> dict:
        return {"visit_types": self.visit_types, "timezones": self.timezones}


def read_settings(pelican_settings: dict) -> OutreachSettings:
    """Merge defaults with the site's settings; warn of OUTREACH_* keys nobody reads."""
    merged = {**DEFAULTS, **{k: v for k, v in pelican_settings.items() if k in DEFAULTS}}
    for key in sorted(k for k in pelican_settings if k.startswith("OUTREACH_") and k not in DEFAULTS):
        log.warning("Unknown setting %s is ignored (known: %s)", key, ", ".join(sorted(DEFAULTS)))
    site_url = pelican_settings.get("SITEURL", "") or ""
    return OutreachSettings(
        schedules_path=_schedules_path(merged["OUTREACH_SCHEDULES_PATH"], pelican_settings),
        today=resolve_today(merged["OUTREACH_TODAY"]),
        lang=merged["OUTREACH_LANG"],
        visit_types=tuple(merged["OUTREACH_VISIT_TYPES"]),
        timezones=merged["OUTREACH_TIMEZONES"] if merged["OUTREACH_TIMEZONES"] == "any"
        else tuple(merged["OUTREACH_TIMEZONES"]),
        max_file_bytes=int(merged["OUTREACH_MAX_FILE_BYTES"]),
        per_page=int(merged["OUTREACH_PER_PAGE"]),
        home_events=int(merged["OUTREACH_HOME_EVENTS"]),
        home_announcements=int(merged["OUTREACH_HOME_ANNOUNCEMENTS"]),
        calendar_past_days=int(merged["OUTREACH_CALENDAR_PAST_DAYS"]),
        calendar_refresh=merged["OUTREACH_CALENDAR_REFRESH"],
        feed_max_items=int(merged["OUTREACH_FEED_MAX_ITEMS"]),
        domain=merged["OUTREACH_DOMAIN"] or urlsplit(site_url).hostname or "jemput.invalid",
        site_url=site_url.rstrip("/"),
        site_name=pelican_settings.get("SITENAME", "Jemput"),
        revisions_file=merged["OUTREACH_REVISIONS_FILE"],
        urls={**DEFAULTS["OUTREACH_URLS"], **merged["OUTREACH_URLS"]},
        now=resolve_now(merged["OUTREACH_NOW"], merged["OUTREACH_TODAY"]),
        previous_site=_previous_site(merged["OUTREACH_PREVIOUS_SITE"], pelican_settings),
        workers=int(merged["OUTREACH_WORKERS"] or available_cores()),
        cache_path=_cache_path(merged["OUTREACH_CACHE_PATH"], merged["OUTREACH_PREVIOUS_SITE"], pelican_settings),
        offices=tuple(merged["OUTREACH_OFFICES"]) if merged["OUTREACH_OFFICES"] else None,
    )


def resolve_now(value, today_value) -> datetime:
    """The setting, else SOURCE_DATE_EPOCH, else midnight UTC of "today"."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if value:
        return datetime.fromisoformat(str(value)).astimezone(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(resolve_today(today_value), datetime.min.time(), UTC)


def _previous_site(value, pelican_settings: dict) -> Path | None:
    path = value or pelican_settings.get("OUTPUT_PATH")
    return Path(path) if path else None


def _cache_path(value, previous_site, pelican_settings: dict) -> Path | None:
    if value is False:
        return None
    if value:
        return Path(value)
    site = _previous_site(previous_site, pelican_settings)
    return site.resolve().parent / ".jemput-cache" if site else None


def resolve_today(value) -> date:
    """The day that splits upcoming from past: the setting, else SOURCE_DATE_EPOCH, else the clock."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value:
        return date.fromisoformat(str(value))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def _schedules_path(value, pelican_settings: dict) -> Path:
    path = Path(value)
    if not path.is_absolute():
        # Pelican makes only PATH absolute; schedules sit beside the content folder.
        content = Path(pelican_settings.get("PATH", "content"))
        path = content.resolve().parent / path
    return path
