"""What outputs are made of, as digests: a file is written again only when one of them changed.

Keys are digests of content, never times (as Bazel and Nix key their actions): the
build is deterministic, so the same inputs give the same bytes, and a file whose
key is unchanged can be carried over from the previous site. Four digests cover
what any output can show:

- ``site``: the code and data of the package, the libraries, the theme, and every
  setting (but those that place the build rather than shape it);
- ``event``: one visit's facts: its entry, office, program, services, region and the
  announcements about it;
- ``today``: what "today" decides about a visit: upcoming or past, in the calendars'
  window, near enough to share, registration closed;
- ``record``: what the revision ledger says of it after this build (SEQUENCE,
  LAST-MODIFIED, the changes the page lists).

Each kind of output (``kinds.py``) names which of these, and which site-wide
facts (listings' counts, a program's progress), its files are made of.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import types
import zoneinfo
from datetime import date
from functools import cache
from pathlib import Path

from jemput.runtime.cache import code_salt

READER_CACHE_SETTINGS = ("CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CONTENT_CACHING_LAYER", "CHECK_MODIFIED_METHOD",
                         "CACHE_PATH", "GZIP_CACHE")
"""Pelican's cache of what its readers made of each announcement: set by the build (``reader_cache``)."""
PLACING_SETTINGS = frozenset({
    "OUTPUT_PATH", "OUTREACH_PREVIOUS_SITE", "OUTREACH_CACHE_PATH", "OUTREACH_WORKERS", "OUTREACH_TODAY",
    "OUTREACH_NOW", "DELETE_OUTPUT_DIRECTORY", "_JEMPUT_SETTINGS", "_JEMPUT_BUILD", *READER_CACHE_SETTINGS,
})
"""Settings that say where and how fast a build runs, not what it makes; "today" and "now" reach
outputs through the ``today`` and ``record`` digests of the visits they change."""
ZONES = ("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")


def digest(*parts) -> bytes:
    """SHA-256 of the parts (digests, text, numbers, tuples of them), each told apart from the next."""
    return hashlib.sha256(repr(parts).encode("utf-8")).digest()


def site_digest(pelican_settings: dict) -> bytes:
    """What every output shares: package and libraries (``code_salt``), the time zones' rules, whether
    pictures can shape Arabic, the theme and any template overrides, and the settings."""
    from jemput.publish.images import can_shape  # Pillow: imported when a site digest is first needed

    hashed = hashlib.sha256(code_salt())
    hashed.update(_zone_rules() + repr(can_shape()).encode())
    for folder in (pelican_settings["THEME"], *pelican_settings.get("THEME_TEMPLATES_OVERRIDES", ())):
        _hash_folder(hashed, Path(folder))
    hashed.update(settings_text(pelican_settings).encode("utf-8"))
    return hashed.digest()


@cache
def _zone_rules() -> bytes:
    """The rules of Indonesia's zones as this machine's tz database has them (the system's, or tzdata's)."""
    hashed = hashlib.sha256()
    for zone in ZONES:
        for root in zoneinfo.TZPATH:
            path = Path(root) / zone
            if path.is_file():
                hashed.update(path.read_bytes())
                break
    return hashed.digest()


def reader_cache(pelican_settings: dict, cache_path: Path) -> dict:
    """Settings for Pelican's cache of what its readers made of each announcement (the Markdown as HTML,
    the headers): a file is read again when its SHA-256 changes (never by its time, which a checkout
    sets). The readers' work depends on the settings and the code, so the cache is kept in a folder
    named by the site's digest; the folders of other digests are removed."""
    folders = cache_path / "pelican"
    folder = folders / site_digest(pelican_settings).hex()[:32]
    if folders.is_dir():
        for other in folders.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CONTENT_CACHING_LAYER": "reader",
            "CHECK_MODIFIED_METHOD": "sha256", "CACHE_PATH": str(folder), "GZIP_CACHE": False}


def settings_text(pelican_settings: dict) -> str:
    """The settings as text: plain values as written, anything else by its type (a function's address
    would change every run and make every key new)."""
    lines = []
    for name in sorted(k for k in pelican_settings if k.isupper() or k.startswith("_")):
        if name not in PLACING_SETTINGS:
            lines.append(f"{name}={_plain(pelican_settings[name])}")
    return "\n".join(lines)


def _plain(value) -> str:
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return "[" + ", ".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_plain(k)}: {_plain(v)}" for k, v in sorted(value.items(), key=repr)) + "}"
    if isinstance(value, types.CodeType):
        return f"<code {hashlib.sha256(value.co_code).hexdigest()} {_plain(value.co_consts)}>"
    if isinstance(getattr(value, "__code__", None), types.CodeType):  # a function (a Jinja filter): its code
        return f"<function {value.__module__}.{value.__qualname__} {_plain(value.__code__)}>"
    kind = type(value)
    return f"<{kind.__module__}.{kind.__qualname__} {getattr(value, '__name__', '')}>"


def build_inputs(pelican_settings: dict, options, settings_files: list[Path], output: Path) -> bytes:
    """What a build reads, hashed: the same digest as the previous build's, on an intact site, means
    there is nothing to do (as make, Ninja and Bazel stop when every input of the target is unchanged).

    The site digest (package, libraries, zones, theme, settings), the day, and the files the build
    reads (``files_read``).
    """
    hashed = hashlib.sha256(site_digest(pelican_settings))
    # Pelican hides announcements dated in the future when WITH_FUTURE_DATES is off: then the clock counts.
    clock = None if pelican_settings.get("WITH_FUTURE_DATES", True) else date.today()
    hashed.update(repr((options.today, options.now, options.offices, clock)).encode())
    hashed.update(files_read(pelican_settings, options, settings_files, output))
    return hashed.digest()


def files_read(pelican_settings: dict, options, settings_files: list[Path], output: Path) -> bytes:
    """Every installed package, the settings files named (modules they import are not followed), the
    theme, every file and link of the content and schedules folders, and the revision ledger the build
    continues when it comes from elsewhere than the site being built (that one is the previous build's
    own, checked with the rest of the site). Hashed again after a build: a file changed while it was
    read makes the next build a full one."""
    hashed = hashlib.sha256(_installed().encode())
    for path in settings_files:
        data = path.read_bytes() if path.is_file() else b""
        hashed.update(f"{path}\0{len(data)}\0".encode() + data)
    for folder in (Path(pelican_settings["THEME"]), Path(pelican_settings["PATH"]), options.schedules_path):
        _hash_folder(hashed, folder)
    ledger = options.ledger_path
    if ledger is not None and ledger.resolve().parent != output:
        hashed.update(ledger.read_bytes() if ledger.is_file() else b"-")
    return hashed.digest()


def _installed() -> str:
    """Every installed distribution, as its metadata folder names it (``name-version.dist-info``)."""
    names = []
    for entry in sys.path:
        if os.path.isdir(entry):
            names += [name for name in os.listdir(entry) if name.endswith((".dist-info", ".egg-info"))]
    return ";".join(sorted(names))


def _hash_folder(hashed, folder: Path) -> None:
    """Every file and folder below ``folder``: names, contents, and where a symbolic link points (staff
    files never go through one: a new link must make a build that reports it)."""
    hashed.update(str(folder).encode() + b"\0")
    for base, folders, names in os.walk(folder):
        folders.sort()
        for name in (*folders, *sorted(names)):
            path = os.path.join(base, name)
            hashed.update(f"{os.path.relpath(path, folder)}\0".encode())
            if os.path.islink(path):
                hashed.update(b"link:" + os.readlink(path).encode())
            elif name in names:
                with open(path, "rb") as stream:
                    hashed.update(hashlib.file_digest(stream, "sha256").digest())


class EventDigests:
    """The ``event``, ``today`` and ``record`` digests of every visit, each made once per build."""

    def __init__(self, pages: dict, announcements_by_event: dict, base_url: str = "") -> None:
        self.pages = pages
        self.by_event = announcements_by_event
        self.base_url = base_url
        self._facts: dict[str, bytes] = {}
        self._today: dict[str, tuple[bool, ...]] = {}
        self._cards: dict[str, bytes] = {}
        self._full: dict[str, bytes] = {}
        self._parts: dict[int, bytes] = {}
        self._announcements: dict[str, bytes] = {}
        self.records: dict[str, bytes] = {}
        """Filled in by the publisher once every event's revision is known."""

    def facts(self, key: str) -> bytes:
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = self._event(self.pages[key].event)
        return found

    def _event(self, event) -> bytes:
        articles = self.by_event.get(event.key)
        return digest(event.digest, self.entry(event.office.entry),
                      self.entry(event.program.entry) if event.program else None,
                      tuple(self.entry(s.entry) for s in event.services),
                      tuple(self.announcement(a) for a in articles) if articles else ())

    def announcement(self, article) -> bytes:
        """An announcement as pages and feeds show it, hashed once however many visits it names."""
        found = self._announcements.get(article.source_path)
        if found is None:
            found = self._announcements[article.source_path] = article_digest(article, self.base_url)
        return found

    def entry(self, entry) -> bytes:
        """A shared entry (an office, a program, a service) is hashed once, not once per visit."""
        found = self._parts.get(id(entry))
        if found is None:
            found = self._parts[id(entry)] = hashlib.sha256(entry.model_dump_json().encode("utf-8")).digest()
        return found

    def today(self, key: str) -> tuple[bool, ...]:
        found = self._today.get(key)
        if found is None:
            page = self.pages[key]
            found = self._today[key] = (page.is_past, page.in_window, page.in_horizon, page.registration_closed)
        return found

    def of(self, key: str) -> bytes:
        """Facts and what today decides: what a card in a listing is made of."""
        found = self._cards.get(key)
        if found is None:
            found = self._cards[key] = digest(self.facts(key), self.today(key))
        return found

    def with_record(self, key: str) -> bytes:
        """Facts, today and revision: what an event's page, calendar entry or feed entry is made of."""
        found = self._full.get(key)
        if found is None:
            found = self._full[key] = digest(self.of(key), self.records[key])
        return found

    def joined(self, keys, with_record: bool = False) -> bytes:
        """The digests of many events in order, as one: what a listing or a calendar of them is made of."""
        return b"".join(map(self.with_record if with_record else self.of, keys))


def article_digest(article, base_url: str) -> bytes:
    """An announcement as pages and feeds show it: its content with links to other pages made
    absolute, as feeds carry it (a renamed page it links to changes the feed)."""
    return digest(article.url, article.title, str(article.date), str(getattr(article, "modified", "")),
                  article.slug, str(article.metadata.get("summary", "")), article.get_content(base_url))
