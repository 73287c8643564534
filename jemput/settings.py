"""Every OUTREACH_* setting, declared once: its type, default and meaning, checked when read.

``OutreachSettings`` is the one declaration: each field is a setting (``today`` is
``OUTREACH_TODAY``), and its validator turns what pelicanconf.py says into the
value the build uses (a relative folder made absolute, "today" taken from
``SOURCE_DATE_EPOCH`` when unset). A value that cannot be used stops the build
with one line naming the setting, the value and what is allowed; a setting
nobody reads is warned about once.
"""

from __future__ import annotations

import logging
import os
import re
import string
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import vDuration
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

from jemput.runtime.parallel import available_cores
from jemput.schedule.values import ID_PATTERN, INDONESIAN_ZONES
from jemput.text import DEFAULT_LANGUAGE, LANGUAGES, N_, Text

log = logging.getLogger(__name__)

PREFIX = "OUTREACH_"
_PARSED = "_JEMPUT_SETTINGS"  # where a build keeps its parsed settings: read once, by every generator

URL_PATTERNS = {
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
    "changes_feed_all": "feeds/perubahan.{format}.xml",
    "changes_feed": "feeds/perubahan/{office}.{format}.xml",
    "changes_json": "data/perubahan.json",
    "changes_csv": "data/perubahan.csv",
    "service": "layanan/{service}/",
    "fees": "biaya/",
    "site_image": "gambar/jemput.png",
    "embed": "{listing}sematkan/",
    "json_feed": "{listing}feed.json",
    "json_feed_all": "feeds/kegiatan.json",
    "search": "cari/",
    "agenda": "agenda/{month}/",
    "office_agenda": "kantor/{office}/agenda/{month}/",
    "agenda_now": "agenda/",
    "office_agenda_now": "kantor/{office}/agenda/",
    "statistics": "statistik/",
    "office_statistics": "kantor/{office}/statistik/",
    "summary": "statistik/{year}/",
    "office_summary": "kantor/{office}/statistik/{year}/",
    "results_feed_all": "feeds/hasil.{format}.xml",
    "results_feed": "feeds/hasil/{office}.{format}.xml",
    "editor": "admin/",
}
"""Where each output goes, relative to the site root. Every listing lives in a folder
of its own, so page 2 of one (``.../page/2/``) can never take the name of another."""


class SettingsError(Exception):
    """Settings that cannot be used: one line each, in the site's language."""

    def __init__(self, problems: list[tuple[str, str, str, str]], lang: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(problems)
        self.problems, self.lang = problems, lang

    def __str__(self) -> str:
        text = Text(self.lang)
        return "\n".join(text("%(setting)s = %(value)s: not accepted; allowed: %(allowed)s", setting=setting,
                              value=value, allowed=text(allowed, choices=choices) if choices else text(allowed))
                         for setting, value, allowed, choices in self.problems)


def _refuse(value, allowed: str, choices: str = "") -> PydanticCustomError:
    """``allowed`` is a catalogue message; ``choices``, if any, fills its ``%(choices)s``."""
    return PydanticCustomError("setting", "not accepted", {"value": repr(value), "allowed": allowed,
                                                           "choices": choices})


def _pelican(info: ValidationInfo) -> dict:
    return (info.context or {}).get("pelican", {})


def _schedules_path(value, info: ValidationInfo) -> Path:
    if not isinstance(value, (str, os.PathLike)):
        raise _refuse(value, N_("a folder path"))
    path = Path(value)
    if not path.is_absolute():
        # Pelican makes only PATH absolute; schedules sit beside the content folder.
        path = Path(_pelican(info).get("PATH", "content")).resolve().parent / path
    return path


def _today(value) -> date:
    """The setting, else SOURCE_DATE_EPOCH, else the clock."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise _refuse(value, N_("a date, YYYY-MM-DD")) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def _now(value, info: ValidationInfo) -> datetime:
    """The setting, else SOURCE_DATE_EPOCH, else midnight UTC of "today"."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if value:
        try:
            return datetime.fromisoformat(str(value)).astimezone(UTC)
        except ValueError:
            raise _refuse(value, N_("a moment, such as 2026-08-04T08:00:00+07:00")) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(info.data.get("today") or _today(None), datetime.min.time(), UTC)


def _language(value) -> str:
    if value not in LANGUAGES:
        raise _refuse(value, N_("a language with a catalogue in jemput/locale/: %(choices)s"), ", ".join(LANGUAGES))
    return value


def _identifiers(value) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        raise _refuse(value, N_("a list of short names such as [\"village\", \"school\"]"))
    for item in value:
        if not isinstance(item, str) or not re.match(ID_PATTERN, item):
            raise _refuse(item, N_("lower-case letters, digits and hyphens, such as village"))
    return tuple(value)


def _zones(value):
    if value == "any":
        return value
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        raise _refuse(value, N_("a list of time zones such as [\"Asia/Jakarta\"], or \"any\""))
    for zone in value:
        try:
            ZoneInfo(zone)
        except (ValueError, TypeError, KeyError, OSError):
            raise _refuse(zone, N_("time zones of the IANA database, such as Asia/Makassar")) from None
    return tuple(value)


def _duration(value) -> str:
    try:
        vDuration.from_ical(value)
    except (ValueError, TypeError):
        raise _refuse(value, N_("an ISO 8601 duration, such as PT6H")) from None
    return value


def _domain(value, info: ValidationInfo) -> str:
    if value is None:
        return urlsplit(info.data.get("site_url", "")).hostname or "jemput.invalid"
    if not isinstance(value, str) or not re.match(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", value):
        raise _refuse(value, N_("a domain name, such as jemput.example.go.id"))
    return value


def _file_name(value) -> str:
    if not isinstance(value, str) or not re.match(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$", value):
        raise _refuse(value, N_("a file name in the site's root folder, such as revisions.json"))
    return value


def _branch(value) -> str:
    if not isinstance(value, str) or not re.match(r"^[\w./-]+$", value):
        raise _refuse(value, N_("a branch name, such as main"))
    return value


def _repository(value) -> str | None:
    if value is not None and (not isinstance(value, str) or not re.match(r"^[\w.-]+/[\w.-]+$", value)):
        raise _refuse(value, N_("a GitHub repository, owner/name, such as kanim-serang/jadwal"))
    return value


def _https_address(value) -> str | None:
    if value is not None and (not isinstance(value, str) or not re.match(r"^https://[^\s/]+(/\S*)?$", value)):
        raise _refuse(value, N_("an https:// address, such as https://masuk.example.go.id"))
    return value


def _previous_site(value, info: ValidationInfo) -> Path | None:
    value = value or _pelican(info).get("OUTPUT_PATH")
    return Path(value) if value else None


def _cache_path(value, info: ValidationInfo) -> Path | None:
    if value is False:
        return None
    if value:
        return Path(value)
    site = info.data.get("previous_site")
    return site.resolve().parent / ".jemput-cache" if site else None


def _offices(value) -> tuple[str, ...] | None:
    return _identifiers(value) if value else None


def _workers(value) -> int:
    if value is None:
        return available_cores()
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _refuse(value, N_("a whole number of at least 1, or None for every core"))
    return value


def _url_patterns(value) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _refuse(value, N_("a mapping of output names to paths, such as {\"past\": \"arsip/\"}"))
    for name, pattern in value.items():
        if name not in URL_PATTERNS:
            raise _refuse(name, N_("names of outputs: %(choices)s"), ", ".join(URL_PATTERNS))
        if not _same_shape(pattern, URL_PATTERNS[name]):
            raise _refuse(pattern, N_("a relative path with the same placeholders as %(choices)s"),
                          URL_PATTERNS[name])
    return {**URL_PATTERNS, **value}


def _same_shape(pattern, default: str) -> bool:
    """Relative, inside the site, a folder where the default is one, with the same placeholders."""
    if not isinstance(pattern, str) or pattern.startswith("/") or ".." in pattern.split("/"):
        return False
    if pattern.endswith("/") != default.endswith("/"):
        return False
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        return False
    return fields == {name for _, name, _, _ in string.Formatter().parse(default) if name is not None}


def _site_url(value) -> str:
    return str(value or "").rstrip("/")


Count = Annotated[int, Field(strict=True, ge=0)]
Positive = Annotated[int, Field(strict=True, gt=0)]


class OutreachSettings(BaseModel):
    """The plugin's settings, typed; defaults hold when pelicanconf.py says nothing."""

    model_config = ConfigDict(frozen=True, extra="ignore", validate_default=True, populate_by_name=True,
                              alias_generator=lambda name: PREFIX + name.upper())

    site_url: Annotated[str, BeforeValidator(_site_url)] = Field("", alias="SITEURL")
    """Pelican's SITEURL: absolute links in feeds and calendars when it is absolute."""
    site_name: str = Field("Jemput", alias="SITENAME")
    """Pelican's SITENAME: names the subscription calendars and feeds."""
    site_timezone: str = Field("Asia/Jakarta", alias="TIMEZONE")
    """Pelican's TIMEZONE: the zone an empty subscription calendar holds (RFC 5545 wants a component)."""
    schedules_path: Annotated[Path, BeforeValidator(_schedules_path)] = Path("schedules")
    """The schedules folder; a relative path is taken beside the content folder."""
    today: Annotated[date, BeforeValidator(_today)] = None
    """The day that splits upcoming from past (YYYY-MM-DD); unset: SOURCE_DATE_EPOCH, else the clock."""
    now: Annotated[datetime, BeforeValidator(_now)] = None
    """The build's fixed "now", stamped on changed events; unset: SOURCE_DATE_EPOCH, else midnight of today."""
    lang: Annotated[str, BeforeValidator(_language)] = DEFAULT_LANGUAGE
    """Language of pages, feeds, calendars and messages: a catalogue in jemput/locale/."""
    visit_types: Annotated[tuple[str, ...], BeforeValidator(_identifiers)] = ("village", "majelis", "school")
    """The kinds of visit an event's ``type`` may name."""
    timezones: Annotated[tuple[str, ...] | Literal["any"], BeforeValidator(_zones)] = INDONESIAN_ZONES
    """Time zones offices and events may use: Indonesia's four, or "any" zone of the IANA database."""
    max_file_bytes: Positive = 1_000_000
    """A schedule file larger than this is refused before it is parsed."""
    per_page: Positive = 20
    """Events on each page of a listing."""
    home_events: Count = 6
    """Upcoming events on the home page."""
    home_announcements: Count = 3
    """Latest announcements on the home page."""
    calendar_past_days: Count = 30
    """Subscription calendars and feeds keep events that ended at most this many days ago."""
    calendar_max_bytes: Positive = 1_000_000
    """Largest subscription calendar in bytes (Google Calendar reads about 1 MB); a larger keeps the nearest visits."""
    agenda_months: Positive = 12
    """Months ahead of today's month the month agenda covers; later visits are in the listings."""
    search: StrictBool = True
    """Index the event pages with Pagefind for the search page; False: no index (the page offers the lists)."""
    search_bundle_pages: Positive = 2000
    """Most event pages in one search bundle: a quarter with more is split into months, halves, days."""
    share_images: StrictBool = True
    """Draw two share images (1200×630, 1080×1350) and a poster per visit near today; False: the site image."""
    share_horizon_days: Count = 120
    """Days ahead of today within which a visit gets share images and a poster (later: when it comes near)."""
    results_due_days: Count = 14
    """Days after a visit's last day by which its results are expected; later, a missing result is a warning."""
    results_since: date | None = None
    """Visits that ended before this day (YYYY-MM-DD) need no results (an archive older than the reports)."""
    calendar_refresh: Annotated[str, BeforeValidator(_duration)] = "PT6H"
    """How often calendar apps should fetch a subscription again (ISO 8601 duration)."""
    feed_max_items: Positive = 100
    """Entries in each feed, most recently changed first."""
    domain: Annotated[str, BeforeValidator(_domain)] = None
    """Domain in calendar UIDs, fixed for the life of the site; unset: the host of SITEURL."""
    revisions_file: Annotated[str, BeforeValidator(_file_name)] = "revisions.json"
    """The revision ledger, published at the site's root."""
    previous_site: Annotated[Path | None, BeforeValidator(_previous_site)] = None
    """The site this build replaces, whose revision ledger it continues; unset: OUTPUT_PATH."""
    cache_path: Annotated[Path | None, BeforeValidator(_cache_path)] = None
    """Results kept between builds; unset: .jemput-cache beside the output folder; False: none."""
    offices: Annotated[tuple[str, ...] | None, BeforeValidator(_offices)] = None
    """A preview of these office folders only, never published; unset: every office."""
    workers: Annotated[int, BeforeValidator(_workers)] = None
    """Processes that render and serialise in parallel; unset: every core this process may use."""
    editor: StrictBool = True
    """Publish the staff editor (Decap CMS) at /admin/; False: no editor on the site."""
    editor_repo: Annotated[str | None, BeforeValidator(_repository)] = None
    """The GitHub repository the editor saves to, owner/name; unset: only `invoke editor`'s local backend."""
    editor_branch: Annotated[str, BeforeValidator(_branch)] = "main"
    """The branch the editor's pull requests go to."""
    editor_auth_url: Annotated[str | None, BeforeValidator(_https_address)] = None
    """The OAuth service that signs staff in to GitHub (https://...), see docs/panduan-staf.md."""
    urls: Annotated[dict[str, str], BeforeValidator(_url_patterns)] = {}
    """Output paths that differ from URL_PATTERNS, by name."""

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


DECLARED = frozenset(field.alias for field in OutreachSettings.model_fields.values())


def read_settings(pelican_settings: dict) -> OutreachSettings:
    """The site's settings, parsed and checked once per build (kept in Pelican's settings)."""
    parsed = pelican_settings.get(_PARSED)
    if parsed is None:
        parsed = parse_settings(pelican_settings)
        pelican_settings[_PARSED] = parsed
    return parsed


def parse_settings(pelican_settings: dict) -> OutreachSettings:
    for key in sorted(k for k in pelican_settings if k.startswith(PREFIX) and k not in DECLARED):
        log.warning("Unknown setting %s is ignored (known: %s)", key,
                    ", ".join(sorted(k for k in DECLARED if k.startswith(PREFIX))))
    given = {key: value for key, value in pelican_settings.items() if key in DECLARED}
    try:
        return OutreachSettings.model_validate(given, context={"pelican": pelican_settings})
    except ValidationError as err:
        raise _settings_error(err, given) from None


def _settings_error(err: ValidationError, given: dict) -> SettingsError:
    problems = {}
    for item in err.errors(include_url=False):
        setting = str(item["loc"][0])
        context = item.get("ctx") or {}
        value = context.get("value", repr(given.get(setting)))
        allowed = context.get("allowed") or _ALLOWED.get(item["type"], item["msg"])
        problems.setdefault(setting, (setting, value, allowed, context.get("choices", "")))
    lang = given.get(PREFIX + "LANG", DEFAULT_LANGUAGE)
    return SettingsError(sorted(problems.values()), lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


_ALLOWED = {
    "int_type": N_("a whole number"), "int_parsing": N_("a whole number"),
    "greater_than": N_("a whole number greater than 0"), "greater_than_equal": N_("a whole number, 0 or more"),
    "string_type": N_("text"), "bool_type": N_("True or False"),
}
