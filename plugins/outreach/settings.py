"""Every OUTREACH_* setting: its default, its check, read through one typed object."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from .model import INDONESIAN_ZONES

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
    "OUTREACH_DOMAIN": None,
    "OUTREACH_REVISIONS_FILE": "revisions.json",
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
    domain: str
    site_url: str
    revisions_file: str
    urls: dict

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
        domain=merged["OUTREACH_DOMAIN"] or urlsplit(site_url).hostname or "jemput.invalid",
        site_url=site_url.rstrip("/"),
        revisions_file=merged["OUTREACH_REVISIONS_FILE"],
        urls={**DEFAULTS["OUTREACH_URLS"], **merged["OUTREACH_URLS"]},
    )


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
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return date.today()


def _schedules_path(value, pelican_settings: dict) -> Path:
    path = Path(value)
    if not path.is_absolute():
        # Pelican makes only PATH absolute; schedules sit beside the content folder.
        content = Path(pelican_settings.get("PATH", "content"))
        path = content.resolve().parent / path
    return path
