"""The search index: Pagefind, run over the written event pages when Pelican has finished.

Pagefind (pinned; its binary installs from PyPI as ``pagefind-bin``) reads every
event page's ``data-pagefind-body`` (title, days, place at every level, office,
program, services) and its filters (office, kind of visit, province, upcoming or
past) and writes a static index beside the pages: the search page fetches it
from the same site, nothing from anyone else.

Pagefind's filter indexes are the one part of the site that is not byte-identical
from build to build: Pagefind writes them in a hash map's order, which changes
with every run (acknowledged upstream, Pagefind/pagefind#638; since 1.3.0 the
page fragments and word index are stable, and they are here). ``reproducible``
names the files concerned, so that checks of identical output can leave exactly
those out; ``OUTREACH_SEARCH = False`` builds a site without them.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
"""The folder of the index and its scripts, at the site's root."""
PAGES = "kegiatan/*/*/index.html"
"""The pages indexed: events only (listings would repeat them)."""


def reproducible(path: str) -> bool:
    """False for the filter indexes and the two files that name them (``pagefind-entry.json``, the
    language's ``.pf_meta``); ``path`` is relative to the site."""
    unstable = (path.startswith(f"{BUNDLE}/filter/") or path == f"{BUNDLE}/pagefind-entry.json"
                or (path.startswith(f"{BUNDLE}/pagefind.") and path.endswith(".pf_meta")))
    return not unstable


def index_site(output: Path, lang: str) -> None:
    """Write the index into ``output/pagefind``; a failure is a build error (the site is not swapped in)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--glob", PAGES,
               "--output-subdir", BUNDLE, "--force-language", lang, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        log.error("Pagefind could not index %s (exit %s): %s", output, result.returncode,
                  (result.stderr or result.stdout).strip()[-2000:])
