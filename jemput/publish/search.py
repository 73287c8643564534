"""The search index: one Pagefind bundle per quarter of visits, merged by the search page.

Pagefind (pinned; its binary installs from PyPI as ``pagefind-bin``) reads each
event page's ``data-pagefind-body`` (title, days, place at every level, office,
program, services, results) and its filters (office, kind of visit, province,
upcoming or past) and writes a static index that the search page fetches from the
same site. Fees, documents, how to register, services not offered and the page's buttons
are marked ``data-pagefind-ignore``: the same on every visit of a service, they would make
every visit a result of "KTP", "paspor" or "M-Paspor".

Pagefind cannot add to an index, and its memory grows with the pages of a run
(about 280 MB for 2,000 pages; out of memory past some 30,000, Pagefind/pagefind#842).
So the visits are split by the quarter they start in: each quarter is its own
bundle (``pagefind/2026-q4/``), indexed in a run of its own, again only when one of
its pages changed. A quarter with more pages than ``OUTREACH_SEARCH_BUNDLE_PAGES``
is split into its months (``2026-10``), such a month into halves (``2026-10-a``, the
1st to the 15th), such a half into days (``2026-10-07``): however many visits a
period holds, an edit re-indexes a bounded number of pages. The search page merges
the bundles in the browser (Pagefind's ``mergeIndex``): those from the calendars'
window on by default, every one when a person asks for the archive too. Filters
work across merged bundles.

Pagefind's filter indexes are the one part of the site that is not byte-identical
from run to run: Pagefind writes them in a hash map's order (Pagefind/pagefind#638;
the page fragments and word index are stable). ``reproducible`` names the files
concerned, so that checks of identical output leave exactly those out;
``OUTREACH_SEARCH = False`` builds a site without them.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import re
import shutil
import subprocess
import tempfile
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from pagefind_bin import get_executable

log = logging.getLogger(__name__)

BUNDLES = "pagefind"
"""The folder of the bundles, at the site's root."""
ENTRY = "pagefind-entry.json"


@dataclass(frozen=True)
class Bundle:
    """The index of the visits that start in one period: a quarter, or a part of a quarter with many."""

    name: str
    """``2026-q4``; ``2026-10``, ``2026-10-a`` or ``2026-10-07`` for the parts of a quarter too large."""
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


def _quarter_ends(day: date) -> date:
    last_month = (day.month - 1) // 3 * 3 + 3
    return date(day.year, last_month, monthrange(day.year, last_month)[1])


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_ends(day: date) -> date:
    return date(day.year, day.month, monthrange(day.year, day.month)[1])


def _half(day: date) -> str:
    return f"{_month(day)}-{'a' if day.day <= 15 else 'b'}"


def _half_ends(day: date) -> date:
    return day.replace(day=15) if day.day <= 15 else _month_ends(day)


PERIODS = ((quarter, _quarter_ends), (_month, _month_ends), (_half, _half_ends), (date.isoformat, lambda day: day))
"""The periods a bundle covers, each split into the next when it holds too many pages: (its name, its
last day), from any day in it. Names of one level sort as their periods do."""


def bundles(pages, window_starts: date, most_pages: int) -> list[Bundle]:
    """Every bundle, oldest first, from the event pages (their first day decides): a quarter's, or,
    when a quarter has more than ``most_pages`` pages, its months' (and so on down to a day's)."""
    return list(_periods([(page.entry.start, page.save_as) for page in pages], 0, window_starts, most_pages))


def _periods(dated: list[tuple[date, str]], level: int, window_starts: date, most_pages: int) -> Iterator[Bundle]:
    name_of, last_day = PERIODS[level]
    by_period = defaultdict(list)
    for start, path in dated:
        by_period[name_of(start)].append((start, path))
    for name in sorted(by_period):
        period = by_period[name]
        if len(period) > most_pages and level + 1 < len(PERIODS):
            yield from _periods(period, level + 1, window_starts, most_pages)
        else:
            yield Bundle(name, tuple(sorted(path for _, path in period)), last_day(period[0][0]) >= window_starts)


def reproducible(path: str) -> bool:
    """False for the filter indexes and the two files that name them (``pagefind-entry.json``, the
    language's ``.pf_meta``) in any bundle; ``path`` is relative to the site."""
    if not path.startswith(f"{BUNDLES}/"):
        return True
    name = path.rsplit("/", 1)[-1]
    unstable = "/filter/" in path or name == ENTRY or (name.startswith("pagefind.") and name.endswith(".pf_meta"))
    return not unstable


def index_bundle(bundle: Bundle, output, lang: str) -> bool:
    """Index the bundle's pages (``output.current(path)`` says where each is now) into
    ``pagefind/<name>/`` of ``output`` (a ``write.output.Output``).

    The pages are handed to Pagefind's service mode one by one, under their paths in
    the site (Pagefind makes each result's address from it, as when it reads a folder):
    the pages of a bundle lie in two folders during an update (the site and the
    staging folder), and a folder of links to them would cost a folder per visit. A
    failure is logged as an error, which stops the build before anything is published.
    """
    shutil.rmtree(output.root / bundle.url, ignore_errors=True)
    try:
        with PagefindService() as service:
            [index] = service.exchange([{"type": "NewIndex", "config": {"force_language": lang}}])
            service.exchange({"type": "AddFile", "index_id": index["index_id"], "file_path": path, "url": None,
                              "file_contents": indexed_part(output.current(path).read_text("utf-8"))}
                             for path in bundle.pages)
            [made] = service.exchange([{"type": "GetFiles", "index_id": index["index_id"]}])
        _write_bundle(made["files"], bundle, output)
    except PagefindError as err:
        log.error("Pagefind could not index %s: %s", bundle.url, str(err)[-2000:])
        return False
    return True


def indexed_part(html: str) -> str:
    """What Pagefind is given of an event page: its language and the article it indexes. Pagefind
    leaves the rest (head, navigation, footer) out of the index anyway, but reading it was a seventh
    of its time; the bundle's files are the same (tested)."""
    start, end, root = html.find("<article"), html.rfind("</article>"), _HTML_TAG.search(html)
    if start < 0 or end < start or root is None:
        return html
    return f"<!doctype html>\n{root.group(0)}<body>{html[start:end + len('</article>')]}</body></html>"


_HTML_TAG = re.compile(r"<html[^>]*>")


def _write_bundle(files: list[dict], bundle: Bundle, output) -> None:
    """The bundle's files as Pagefind answered them, written here: Pagefind's own writing to disk
    may still be under way when it answers, and it ends as soon as it is told to."""
    for made in files:
        relative = PurePosixPath(made["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise PagefindError(f"a file outside the bundle: {made['path']}")
        output.bytes(bundle.url + relative.as_posix(), base64.b64decode(made["content"]))


class PagefindError(Exception):
    """Pagefind answered with an error, or stopped."""


class PagefindService:
    """``pagefind --service``: the interface Pagefind's own Node and Python wrappers drive.

    Each request and each answer is JSON in base64, followed by a comma; Pagefind
    handles the requests in the order they come, and buffers its answers, so a batch
    is written whole and then read back. (The Python wrapper waits a tenth of a second
    before reading each answer: 50 seconds for a bundle of 500 pages.) The bundle's
    files come back in the answer (``GetFiles``): Pagefind's own writing to disk can
    still be under way when it answers, and it stops the moment its input ends.
    """

    def __init__(self) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the service, in __exit__
        self._process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._errors)
        self._sent = 0
        self._unread = b""

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(BrokenPipeError):  # Pagefind stopped: its exit status says why
            self._process.stdin.close()
        try:
            self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()
        self._errors.close()

    def exchange(self, payloads) -> list[dict]:
        """Send the requests, then read their answers (in the same order)."""
        first = self._sent + 1
        try:
            for payload in payloads:
                self._sent += 1
                message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
                self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise PagefindError(self._stopped()) from None
        return [self._answer(message_id) for message_id in range(first, self._sent + 1)]

    def _answer(self, message_id: int) -> dict:
        # The bundle's files come in one answer of megabytes: only what arrived last is looked into for
        # the comma that ends it, and the pieces are joined once (not the whole answer at each read).
        pieces = [self._unread]
        while b"," not in pieces[-1]:
            data = self._process.stdout.read1(1 << 16)
            if not data:
                raise PagefindError(self._stopped())
            pieces.append(data)
        message, self._unread = b"".join(pieces).split(b",", 1)
        answer = json.loads(base64.b64decode(message))
        payload = answer["payload"]
        if payload.get("type") == "Error":
            raise PagefindError(f"{payload.get('message')} ({payload.get('original_message') or ''})")
        if answer.get("message_id") != message_id:
            raise PagefindError(f"answer {answer.get('message_id')} where {message_id} was expected")
        return payload

    def _stopped(self) -> str:
        code = self._process.wait()
        self._errors.seek(0)
        return f"exit {code}: {self._errors.read().decode('utf-8', 'replace').strip()}"
