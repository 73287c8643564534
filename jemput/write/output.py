"""The one place a build writes files: pages through Pelican's writer, the rest as bytes.

Pages go through ``Writer.write_file``, so ``RELATIVE_URLS``, pagination and
``content_written`` listeners keep working; calendars, feeds and data files are
written as bytes. Either way a path is joined with ``sanitised_join``, which
refuses any path outside the output folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from pelican.utils import sanitised_join


class Job(NamedTuple):
    """One independent piece of writing, naming every file it writes (tens of thousands: a tuple)."""

    paths: tuple[str, ...]
    """The files it writes, relative to the output folder."""
    made_by: object
    """What its paths come from: the event it shows, or the setting that names them
    (``OUTREACH_URLS['past']``); messages about its paths name it."""
    write: Callable[[], bytes | None]
    """Writes the files; returns the build-cache key it used, if any."""
    key: bytes = b""
    """The digest of everything its files are made of: the same key, the same bytes."""
    description: str | None = None
    """Staff Markdown the page shows: converted together with the rest of its chunk, before writing."""
    reads_site: bool = False
    """It reads what other jobs wrote: it runs after them, and its files are those in its first path's folder."""
    kind: str = ""
    """The name of its kind of output (``kinds.py``)."""


class Output:
    """Writes into the output folder, and nowhere else."""

    def __init__(self, writer, folder: str, context: dict, relative_urls: bool, site: Path | None = None) -> None:
        self.writer = writer
        self.folder = folder
        self.context = context
        self.relative_urls = relative_urls
        self.site = site
        """The site this build updates, when it writes only what changed into ``folder``."""
        self._folders: set[str] = set()
        self.digests: dict[str, bytes] = {}
        """SHA-256 of the files written as bytes, by path: no need to read them back to mark them."""

    @property
    def root(self) -> Path:
        return Path(self.folder)

    def current(self, relative: str) -> Path:
        """Where a file of the site is now: written by this build, else kept from the site it updates."""
        written = Path(self.folder) / relative
        if self.site is None or written.exists():
            return written
        return self.site / relative

    def page(self, save_as: str, template, **variables) -> None:
        self.writer.write_file(save_as, template, self.context, relative_urls=self.relative_urls, **variables)

    def bytes(self, relative: str, data: bytes) -> None:
        self.path(relative).write_bytes(data)
        self.digests[relative] = hashlib.sha256(data).digest()

    def parts(self, relative: str, parts: Iterable[bytes]) -> None:
        """A large file written part by part as it is assembled, never whole in memory."""
        with self.path(relative).open("wb") as stream:
            stream.writelines(parts)

    def text(self, relative: str):
        """A text file to write into (UTF-8, line ends as given)."""
        return self.path(relative).open("w", encoding="utf-8", newline="")

    def path(self, relative: str) -> Path:
        path = sanitised_join(self.folder, relative)
        folder = os.path.dirname(path)
        if folder not in self._folders:  # tens of thousands of files: ask the file system once a folder
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return Path(path)
