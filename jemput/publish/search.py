"""The search index: one Pagefind bundle per quarter of visits, merged by the search page.

Pagefind (pinned; its binary installs from PyPI as ``pagefind-bin``) reads each
event page's ``data-pagefind-body`` (title, days, place at every level, office,
program, services) and its filters (office, kind of visit, province, upcoming or
past) and writes a static index that the search page fetches from the same site.

Pagefind cannot add to an index, and its memory grows with the pages of a run
(about 280 MB for 2,000 pages; out of memory past some 30,000, Pagefind/pagefind#842).
So the visits are split by the quarter they start in: each quarter is its own
bundle (``pagefind/2026-q4/``), indexed in a run of its own, again only when one of
its pages changed. The search page merges the bundles in the browser (Pagefind's
``mergeIndex``): those from the calendars' window on by default, every one when a
person asks for the archive too. Filters work across merged bundles.

Pagefind's filter indexes are the one part of the site that is not byte-identical
from run to run: Pagefind writes them in a hash map's order (Pagefind/pagefind#638;
the page fragments and word index are stable). ``reproducible`` names the files
concerned, so that checks of identical output leave exactly those out;
``OUTREACH_SEARCH = False`` builds a site without them.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pagefind_bin import get_executable

log = logging.getLogger(__name__)

BUNDLES = "pagefind"
"""The folder of the bundles, at the site's root."""
PAGES = "kegiatan/*/*/index.html"
"""The pages indexed: events only (listings would repeat them)."""
ENTRY = "pagefind-entry.json"


@dataclass(frozen=True)
class Bundle:
    """The index of the visits that start in one quarter."""

    name: str
    """``2026-q4``."""
    pages: tuple[str, ...]
    """The event pages it indexes (``kegiatan/serang/x/index.html``), sorted."""
    recent: bool
    """Searched by default: its quarter ends on or after the calendars' window starts."""

    @property
    def url(self) -> str:
        return f"{BUNDLES}/{self.name}/"

    @property
    def entry(self) -> str:
        """The file Pagefind always writes into a bundle: the job's name for the whole folder."""
        return self.url + ENTRY


def quarter(day: date) -> str:
    return f"{day.year:04d}-q{(day.month - 1) // 3 + 1}"


def bundles(pages, window_starts: date) -> list[Bundle]:
    """Every quarter's bundle, oldest first, from the event pages (their first day decides)."""
    by_quarter = defaultdict(list)
    for page in pages:
        by_quarter[quarter(page.entry.start)].append(page.save_as)
    recent_from = quarter(window_starts)
    return [Bundle(name, tuple(sorted(by_quarter[name])), name >= recent_from) for name in sorted(by_quarter)]


def reproducible(path: str) -> bool:
    """False for the filter indexes and the two files that name them (``pagefind-entry.json``, the
    language's ``.pf_meta``) in any bundle; ``path`` is relative to the site."""
    if not path.startswith(f"{BUNDLES}/"):
        return True
    name = path.rsplit("/", 1)[-1]
    unstable = "/filter/" in path or name == ENTRY or (name.startswith("pagefind.") and name.endswith(".pf_meta"))
    return not unstable


def index_bundle(bundle: Bundle, source, output: Path, lang: str) -> bool:
    """Index the bundle's pages (``source(path)`` says where each is now) into ``output/pagefind/<name>/``.

    Pagefind reads a folder, so the pages are linked into a folder of their own
    beside the site (hard links: no copying). A failure is logged as an error,
    which stops the build before anything is published.
    """
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as temporary:
        site = Path(temporary)
        for path in bundle.pages:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            _link(source(path), target)
        destination = output / bundle.url
        shutil.rmtree(destination, ignore_errors=True)
        command = [str(get_executable()), "--site", str(site), "--glob", PAGES,
                   "--output-path", str(destination), "--force-language", lang, "--silent"]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        log.error("Pagefind could not index %s (exit %s): %s", bundle.url, result.returncode,
                  (result.stderr or result.stdout).strip()[-2000:])
        return False
    return True


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy reads the same
        shutil.copyfile(source, target)
