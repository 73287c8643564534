"""The previous build of an output folder: what it wrote, and what of it the next build keeps.

After each build a manifest is kept in the build cache, one per output folder: for
every job its key (``inputs.py``) and its files, for every file of the site its
size, modification time and SHA-256. The next build writes only the jobs whose key
changed, into a staging folder of its own; then ``commit`` moves what it wrote into
the site, removes what no job writes any more, and keeps the new manifest.

Nothing here is trusted that was not checked: a job is carried over only when its
key is the same and every one of its files is in the site as the manifest
describes it (the same size and time, or else the same SHA-256). A lost, damaged
or foreign manifest or site therefore costs time, never a wrong byte; files in the
site that no job wrote are removed. A build that fails commits nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
import subprocess
import sys
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple

from jemput.runtime import memory

log = logging.getLogger(__name__)

FORMAT_VERSION = 5
RACY_NS = 2_000_000_000
"""A file whose time is this close to the manifest's is checked by its digest too: a change made in
the same tick of the file system's clock as the build's write would keep size and time."""
BUILD = "_JEMPUT_BUILD"
"""The Pelican setting that carries a build's ``SiteUpdate`` from ``commands/build.py`` to the generator."""
_CHUNK = 1 << 20


class Mark(NamedTuple):
    """A file as written: what a later build checks before it keeps the file (a tuple: tens of
    thousands are kept in each manifest)."""

    size: int
    mtime_ns: int
    sha256: bytes


@dataclass
class Manifest:
    """What one build left in its output folder."""

    output: str
    jobs: dict[str, tuple[bytes, tuple[str, ...]]] = field(default_factory=dict)
    """By the job's first path: its key and every file it wrote."""
    files: dict[str, Mark] = field(default_factory=dict)
    """Every file of the site (Pelican's included), by its path in the site."""
    folders: dict[str, int] = field(default_factory=dict)
    """Every folder of the site ("" for the site itself) and its modification time: a folder whose
    time changed had a file added or removed by someone else, and is looked into."""
    inputs: bytes = b""
    """The digest of everything the build read (``inputs.build_inputs``)."""
    warnings: tuple[str, ...] = ()
    """What the build said of the staff files, as it printed it."""
    events: int = 0
    written_ns: int = 0
    """When the build finished writing the site (files as recent as this are checked by digest)."""

    def __getstate__(self) -> dict:
        """The marks kept in columns: pickle writes a named tuple through a reduce call each (0.11 s of
        every build at 10,000 events, 40,000 files); paths, numbers and digests go whole (0.05 s)."""
        state = dict(self.__dict__)
        marks = self.files.values()
        digests = b"".join(mark.sha256 for mark in marks)
        if len(digests) != _DIGEST_SIZE * len(marks):
            raise ValueError("a file's mark without a SHA-256")
        state["files"] = (list(self.files), array("q", (m.size for m in marks)).tobytes(),
                          array("q", (m.mtime_ns for m in marks)).tobytes(), digests)
        return state

    def __setstate__(self, state: dict) -> None:
        if isinstance(state["files"], dict):  # a manifest of an older format: its version turns it away
            self.__dict__.update(state)
            return
        paths, sizes, times, digests = state["files"]
        sizes, times = array("q", sizes), array("q", times)
        chunks = (digests[start:start + _DIGEST_SIZE] for start in range(0, len(digests), _DIGEST_SIZE))
        state["files"] = dict(zip(paths, map(Mark, sizes, times, chunks), strict=True))
        self.__dict__.update(state)


_DIGEST_SIZE = hashlib.sha256().digest_size


def mark_of(path: Path | str, sha256: bytes | None = None) -> Mark:
    """The file's mark; ``sha256``, when the writer knows it, saves reading the file back."""
    stat = os.stat(path)
    return Mark(stat.st_size, stat.st_mtime_ns, sha256 or file_digest(path))


def marks_below(root: str, folder: str, digests: dict[str, bytes]):
    """(path in the site, mark) of every file in a folder of the staged site; ``digests``: the SHA-256
    of files the writer knows, by path (taken out of it), so that only the others are read back."""
    for relative, path in files_under(os.path.join(root, folder), folder.rstrip("/") + "/"):
        yield relative, mark_of(path, digests.pop(relative, None))


def files_under(folder: str, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(``prefix`` + path below ``folder`` with ``/``, path on disk) of every file under ``folder``, in
    ``os.walk``'s order and, like it, not into linked folders. A cold build's commit lists 40,000 files:
    ``os.walk`` with a ``relpath`` per folder took 0.33-0.41 s, this 0.17 s."""
    stack = [(prefix, folder)]
    while stack:
        here, current = stack.pop()
        below = []
        try:
            entries = list(os.scandir(current))
        except OSError:  # gone, or not a folder: os.walk passes over it too
            continue
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():
                    below.append((here + entry.name + "/", entry.path))
            else:
                yield here + entry.name, entry.path
        stack.extend(reversed(below))


def file_digest(path: Path | str) -> bytes:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").digest()


class SiteUpdate:
    """One build of one output folder: the previous build's manifest, and this build's changes to the site.

    ``store`` is the build cache's folder (None: no manifest is kept, every build writes everything).
    """

    def __init__(self, output: Path, staging: Path, store: Path | None) -> None:
        self.output, self.staging = output, staging
        self._site = str(output) + os.sep
        self.manifest_path = store / "sites" / f"{_name_of(output)}.pickle" if store else None
        self.previous = self._load()
        self.jobs: dict[str, tuple[bytes, tuple[str, ...]]] = {}
        self._folder_jobs: set[str] = set()
        self.carried: set[str] = set()
        """First paths of the jobs kept from the previous site."""
        self.refreshed: dict[str, Mark] = {}
        """Files found intact by their digest though their time changed (a restored copy of the site)."""
        self.inputs = b""
        """Everything this build reads, hashed; set before it starts."""
        self.marks: dict[str, Mark] = {}
        """Marks of staged files, made by the jobs that wrote them."""
        self.kept: dict[str, Mark] = {}
        """Files a job made with the bytes the site has already (``unchanged``): left where they are."""
        self.warnings: tuple[str, ...] = ()
        self.events = 0
        self.page_keys: dict[str, bytes] = {}
        """Keys of pages Pelican writes (announcements), by path: set by the plugin, used by its writer."""

    def _load(self) -> Manifest | None:
        if self.manifest_path is None or not self.manifest_path.is_file() or not self.output.is_dir():
            return None
        try:
            with memory.collection_paused():  # 362,000 marks at 100,000 visits: 0.9 s paused, 1.6 s not
                version, manifest = pickle.loads(self.manifest_path.read_bytes())
        except Exception as err:  # any damage: the site is rebuilt, which costs only time
            log.warning("Build manifest %s unreadable (%s); building every file", self.manifest_path, err)
            return None
        if version != FORMAT_VERSION or not isinstance(manifest, Manifest) or manifest.output != str(self.output):
            return None
        return manifest

    def up_to_date(self) -> bool:
        """Whether the previous build read exactly what this one would, and its site is as it left it:
        every file of the same size and time, no folder's contents changed."""
        previous = self.previous
        if previous is None or not self.inputs or previous.inputs != self.inputs:
            return False
        site = self._site
        try:
            if not all(os.stat(site + folder).st_mtime_ns == mtime for folder, mtime in previous.folders.items()):
                return False
        except OSError:
            return False
        return all(self._intact(path) for path in previous.files)

    def keeps(self, paths: tuple[str, ...], key: bytes, checked: tuple | None = None) -> bool:
        """Whether the job of these files and key can be carried over; either way it is in the new site.
        ``checked``: what ``check`` answered for these files, if it was asked."""
        first = paths[0]
        self.jobs[first] = (key, paths)
        if self.previous is None:
            return False
        found = self.previous.jobs.get(first)
        if found is None or found[0] != key or found[1] != paths:
            return False
        if checked is None:
            checked = self.check(paths)
        intact, refreshed = checked
        self.refreshed.update(refreshed)
        if not intact:
            return False
        self.carried.add(first)
        return True

    def check(self, paths: tuple[str, ...]) -> tuple[bool, tuple]:
        """Whether the files are in the site as the manifest marks them, and the marks of those found
        intact by their digest though their time changed; asked in any of the build's processes."""
        if self.previous is None:
            return False, ()
        intact = all(map(self._intact, paths))
        return intact, tuple((p, self.refreshed[p]) for p in paths if p in self.refreshed) if self.refreshed else ()

    def keeps_folder(self, first: str, key: bytes) -> bool:
        """``keeps`` for a job whose files are named by the tool that writes them (a search bundle)."""
        self.jobs[first] = (key, ())
        self._folder_jobs.add(first)
        if self.previous is None:
            return False
        found = self.previous.jobs.get(first)
        if found is None or found[0] != key or not all(map(self._intact, found[1])):
            return False
        self.jobs[first] = found
        self.carried.add(first)
        return True

    def unchanged(self, path: str, sha256: bytes) -> Mark | None:
        """The site's mark of the file when it has these bytes already (by the manifest, and intact);
        asked by the jobs' writer in every process, so it returns what ``_intact`` found out."""
        mark = self.previous.files.get(path) if self.previous is not None else None
        if mark is None or mark.sha256 != sha256 or not self._intact(path):
            return None
        return self.refreshed.get(path, mark)

    def _intact(self, path: str) -> bool:
        """The file is as the manifest marks it: the same size and time (and, when that time is too
        recent to tell, the same digest), or else the same digest (a restored copy of the site)."""
        mark = self.previous.files.get(path)
        stat = _regular_file(self._site + path)
        if mark is None or stat is None or stat.st_size != mark.size:
            return False
        if stat.st_mtime_ns == mark.mtime_ns and not self._racy(mark):
            return True
        if file_digest(self.output / path) != mark.sha256:
            return False
        if stat.st_mtime_ns != mark.mtime_ns:
            self.refreshed[path] = Mark(stat.st_size, stat.st_mtime_ns, mark.sha256)
        return True

    def _racy(self, mark: Mark) -> bool:
        return mark.mtime_ns >= self.previous.written_ns - RACY_NS

    def commit(self) -> Manifest:
        """Make the output folder this build's site: by moving files in when the previous site was
        kept, else by swapping the staging folder in whole. Returns the manifest kept for the next build."""
        self._forget_manifest()  # an interrupted commit leaves no manifest, and the next build checks all
        with memory.collection_paused():  # its tables of every file live until it returns
            manifest = self._swap_in() if self.previous is None else self._move_in()
        self._keep_manifest(manifest)
        return manifest

    def _staged_files(self) -> dict[str, str]:
        """Every staged file: its path in the site, and where it is now (strings: tens of thousands)."""
        return dict(files_under(str(self.staging)))

    def _job_files(self, staged: dict[str, Path]) -> dict[str, tuple[bytes, tuple[str, ...]]]:
        """Every job with its files; a folder job's files are what the tool wrote into its folder."""
        jobs = dict(self.jobs)
        written = self._folder_jobs - self.carried
        paths = sorted({*staged, *self.kept}) if written else []
        for first in written:  # the paths that start with "folder/": they sort before "folder0"
            folder = first.rsplit("/", 1)[0] + "/"
            start, end = bisect_left(paths, folder), bisect_left(paths, folder[:-1] + "0")
            jobs[first] = (jobs[first][0], tuple(paths[start:end]))
        return jobs

    def _swap_in(self) -> Manifest:
        staged = self._staged_files()
        jobs = self._job_files(staged)
        files = self._marks(staged)
        retired = self.output.parent / f".{self.output.name}.previous-{os.getpid()}-{time.time_ns()}"
        if self.output.exists():
            self.output.rename(retired)
        try:
            self.staging.rename(self.output)
        except OSError:
            if retired.exists():
                retired.rename(self.output)  # the previous site, as it was
            raise
        if retired.exists():
            _remove_in_background(retired)
        return Manifest(str(self.output), jobs, files, self._folder_times(_folders_of(files)), *self._report())

    def _move_in(self) -> Manifest:
        """Move the staged files into the site and take away what it no longer has; every step is
        journalled, and a failure halfway undoes them all before it is reported."""
        journal = _Journal(self.output, self.output.parent / f".{self.output.name}.replaced-{os.getpid()}")
        try:
            manifest = self._move_in_with(journal)
        except BaseException:
            journal.undo()
            raise
        journal.forget()
        return manifest

    def _move_in_with(self, journal: _Journal) -> Manifest:
        touched = self._remove_strangers(journal)
        staged = self._staged_files()
        jobs = self._job_files(staged)
        carried = list(chain.from_iterable(jobs[first][1] for first in self.carried))
        files = dict(zip(carried, map(self.previous.files.__getitem__, carried), strict=True))
        files.update((path, mark) for path, mark in self.refreshed.items() if path in files)
        files.update(self.kept)
        marks = self._marks(staged)
        for path, file in staged.items():
            mark = marks[path]
            kept = self.previous.files.get(path)
            if kept is not None and kept.sha256 == mark.sha256 and self._unchanged(path, kept):
                files[path] = kept  # the same bytes: the site's copy stays as it is
                continue
            journal.put(file, path)
            files[path] = mark
            touched.update(_parents(path))
        touched |= self._remove_stale(files, journal)
        shutil.rmtree(self.staging, ignore_errors=True)
        folders = _folders_of(files)
        times = {folder: self.previous.folders[folder] for folder in folders
                 if folder in self.previous.folders and folder not in touched}
        times.update(self._folder_times(folder for folder in folders if folder not in times))
        return Manifest(str(self.output), jobs, files, times, *self._report())

    def _report(self) -> tuple:
        return self.inputs, tuple(self.warnings), self.events, time.time_ns()

    def _marks(self, staged: dict[str, Path]) -> dict[str, Mark]:
        """Every staged file's mark: those its job made, and the others (Pelican's)
        read and hashed by a few threads (hashing and reading leave the interpreter free)."""
        missing = [path for path in staged if path not in self.marks]
        with ThreadPoolExecutor(max_workers=4) as pool:
            made = dict(zip(missing, pool.map(mark_of, (staged[path] for path in missing), chunksize=64),
                            strict=True))
        return {path: self.marks.get(path) or made[path] for path in staged}

    def _unchanged(self, path: str, kept: Mark) -> bool:
        stat = _regular_file(self._site + path)
        return stat is not None and _same_stat(stat, kept)

    def _remove_strangers(self, journal: _Journal) -> set[str]:
        """Files and folders that someone else put into the site: only folders whose time changed
        since the previous build can hold them, so only those are looked into."""
        touched = set()
        known_files, known_folders = self.previous.files, self.previous.folders
        for folder, mtime in known_folders.items():
            try:
                if os.stat(self._site + folder).st_mtime_ns == mtime:
                    continue
                entries = list(os.scandir(self._site + folder))
            except OSError:
                continue
            touched.add(folder)  # looked into: its time is read again for the next build
            prefix = folder + "/" if folder else ""
            for entry in entries:
                path = prefix + entry.name
                is_folder = entry.is_dir(follow_symlinks=False)
                if path not in (known_folders if is_folder else known_files):
                    journal.remove(path)
        return touched

    def _remove_stale(self, files: dict[str, Mark], journal: _Journal) -> set[str]:
        """The previous site's files that this build's site does not have, then the folders left empty;
        returns the folders whose contents changed."""
        touched = set()
        for path in self.previous.files.keys() - files.keys():
            if os.path.lexists(self._site + path):
                journal.remove(path)
                touched.update(_parents(path))
        for folder in sorted(touched, key=lambda f: f.count("/"), reverse=True):
            if folder:
                with contextlib.suppress(OSError):  # only an empty folder goes
                    os.rmdir(self._site + folder)
        return touched

    def _folder_times(self, folders) -> dict[str, int]:
        times = {}
        for folder in folders:
            try:
                times[folder] = os.stat(self._site + folder).st_mtime_ns
            except OSError:
                continue
        return times

    def _forget_manifest(self) -> None:
        if self.manifest_path is not None:
            self.manifest_path.unlink(missing_ok=True)

    def _keep_manifest(self, manifest: Manifest) -> None:
        if self.manifest_path is None:
            return
        try:
            self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.manifest_path.with_name(self.manifest_path.name + f".{os.getpid()}")
            temporary.write_bytes(pickle.dumps((FORMAT_VERSION, manifest), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, self.manifest_path)
        except OSError as err:
            log.warning("Build manifest %s not kept (%s); the next build writes every file", self.manifest_path, err)


class _Journal:
    """What a commit did to the site, so that a commit failing halfway can put it back as it was.

    Files and folders the site loses are moved aside (a rename: no copying), files it gains or
    that replace others are moved in; ``undo`` reverses each step, newest first.
    """

    def __init__(self, site: Path, aside: Path) -> None:
        self.site, self.aside = site, aside
        self.steps: list[tuple[str, str]] = []

    def put(self, staged: str, path: str) -> None:
        target = self.site / path
        if os.path.lexists(target):
            self.remove(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        self.steps.append(("put", path))

    def remove(self, path: str) -> None:
        kept = self.aside / path
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.site / path, kept)
        self.steps.append(("aside", path))

    def undo(self) -> None:
        for step, path in reversed(self.steps):
            if step == "put":
                (self.site / path).unlink(missing_ok=True)
            else:
                (self.site / path).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.aside / path, self.site / path)
        shutil.rmtree(self.aside, ignore_errors=True)

    def forget(self) -> None:
        if self.aside.exists():
            _remove_in_background(self.aside)


def _same_stat(stat, mark: Mark) -> bool:
    return stat.st_mtime_ns == mark.mtime_ns and stat.st_size == mark.size


def _regular_file(path: str):
    """The file's own stat when it is a regular file (not a link put in its place), else None."""
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return stat if S_ISREG(stat.st_mode) else None


def _parents(path: str) -> list[str]:
    """The folders a file is in, from its own up to the site's ("")."""
    found = []
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        found.append(path)
    found.append("")
    return found


def _folders_of(files) -> set[str]:
    """Every folder the files are in, the site's ("") included: a file's folders are looked at from its
    own up to the first one known already, whose parents are known with it (362,000 files: 0.25 s,
    where listing each file's parents whole took 1.1 s)."""
    folders = set()
    for path in files:
        folder = path.rpartition("/")[0]
        while folder not in folders:
            folders.add(folder)
            if not folder:
                break
            folder = folder.rpartition("/")[0]
    return folders


def _name_of(output: Path) -> str:
    return hashlib.sha256(str(output).encode("utf-8")).hexdigest()[:24]


def _remove_in_background(folder: Path) -> None:
    """Removing tens of thousands of files takes seconds that nobody needs to wait for."""
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(folder)],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
