"""The one place a build writes files: pages rendered as Pelican's writer renders them, the rest as bytes.

A page gets the template context Pelican's ``Writer.write_file`` gives it (the
site's context, ``SITEURL`` relative to the page under ``RELATIVE_URLS``,
``output_file``) and Pelican's ``content_written`` signal once written; it is
written here rather than by the writer, which asks the file system for the
page's folder every time and leaves the bytes to be read back to be marked
(16,600 pages of a 10,000-event site: 1.3 s of ``mkdir`` and 0.9 s of reading).
Every path is joined with ``sanitised_join``, which refuses any path outside the
output folder; the SHA-256 of what is written is kept, so nothing is read back.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from jemput.write.previous import BUILD


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

    def __init__(self, folder: str, context: dict, relative_urls: bool, site: Path | None = None,
                 in_site: Callable[[str, bytes], object] | None = None) -> None:
        self.folder = folder
        self.context = context
        self.relative_urls = relative_urls
        self.site = site
        """The site this build updates, when it writes only what changed into ``folder``."""
        self.in_site = in_site
        """``in_site(path, sha256)``: the site's mark of the file when the site has these bytes there
        already (``SiteUpdate.unchanged``), else None."""
        self._folders: set[str] = set()
        self.digests: dict[str, bytes] = {}
        """SHA-256 of the files written as bytes, by path: no need to read them back to mark them."""
        self.kept: dict[str, object] = {}
        """Files not written because the site has the same bytes: their marks, by path."""

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
        """The page in UTF-8, with the context ``Writer.write_file`` would give it (Pelican 4.12)."""
        local = self.context.copy()
        local["localsiteurl"] = local.get("localsiteurl")
        if self.relative_urls:
            local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(save_as))
        local["output_file"] = save_as
        local.update(variables)
        if local["localsiteurl"]:  # as the writer does: announcements' content links from this page
            self.context["localsiteurl"] = local["localsiteurl"]
        path = self.bytes(save_as, template.render(local).encode("utf-8"))
        if save_as not in self.kept:  # the site's copy is not this build's to change
            signals.content_written.send(str(path), context=local)

    def bytes(self, relative: str, data: bytes) -> Path:
        """Writes the file, unless the site it updates has these bytes there already: a search bundle
        made again for one changed page has 500 others' files the same."""
        digest = hashlib.sha256(data).digest()
        kept = self.in_site(relative, digest) if self.in_site is not None else None
        if kept is not None:
            if self.digests.pop(relative, None) is not None:  # written before by the same job: the last word counts
                os.unlink(self.path(relative))
            self.kept[relative] = kept
            return self.site / relative
        path = self.path(relative)
        path.write_bytes(data)
        self.digests[relative] = digest
        self.kept.pop(relative, None)
        return path

    def parts(self, relative: str, parts: Iterable[bytes]) -> None:
        """A large file written part by part as it is assembled, never whole in memory."""
        hashed = hashlib.sha256()
        with self.path(relative).open("wb") as stream:
            for part in parts:
                stream.write(part)
                hashed.update(part)
        self.digests[relative] = hashed.digest()

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


class CarryingWriter(Writer):
    """Pelican's writer, for the pages Pelican writes itself: an announcement's page whose key
    (``SiteUpdate.page_keys``) is the one the site's copy was written with is carried over, not
    rendered again (2,000 announcements of a national site: 1.6 s of every build)."""

    def write_file(self, name, template, context, *args, **kwargs):
        update = self.settings.get(BUILD)
        key = update.page_keys.get(name) if update is not None and name else None
        if key is not None and update.keeps((name,), key):
            return None
        return super().write_file(name, template, context, *args, **kwargs)
