"""The revision ledger (``revisions.json``): what the public has seen of every event.

Published with the site and continued by the next build, it records for each
event its fingerprint, SEQUENCE and LAST-MODIFIED, the file it was last seen
in, the fields the public reads (``revisions.public_fields``) and the last
changes to them. It is the memory of the live site: a build that cannot read
it stops, with where it is broken and how to go on, rather than start a new
memory (subscribers' calendars ignore an update whose SEQUENCE went down).

A missing ledger is a site's first build. Version 1 ledgers (no public fields)
are read and written back as version 2.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from jemput.schedule.files import Folder
from jemput.schedule.problems import Problems, ScheduleError, problem
from jemput.schedule.strict_yaml import dotted

FORMAT_VERSION = 2
VISITS = "ledger visits"
"""Build-cache entries of what a check needs of each visit of a ledger (``Seen``), by the ledger's digest."""
PARTS = "ledger parts"
"""Build-cache entries of the key of each office's text in a ledger, by the ledger's digest."""
MAX_CHANGES = 10
"""Changes kept per event, newest: the page and feeds show recent history, and the ledger stays bounded."""


@dataclass(frozen=True)
class Revision:
    """How many times an event changed for subscribers, and when it last did (UTC)."""

    sequence: int
    modified: datetime
    created: datetime | None = None
    """When the event was first published; the first revision's time when unknown."""

    @property
    def first_published(self) -> datetime:
        return self.created or self.modified


@dataclass(frozen=True)
class Change:
    """What the public saw change in one build: (field, before, after) for each field."""

    at: datetime
    sequence: int
    fields: tuple[tuple[str, Any, Any], ...]


@dataclass(frozen=True)
class Record:
    """What the ledger remembers of one event."""

    fingerprint: str
    revision: Revision
    source: str | None = None
    """The file and line it was last seen at: schedules/serang/2022-08.yaml:14."""
    public: dict | None = None
    """The fields the public reads, as last published; None in a version 1 ledger."""
    changes: tuple[Change, ...] = ()
    """Newest first, at most MAX_CHANGES."""
    results: str | None = None
    """A digest of the visit's results as last published; None: no results."""
    results_at: datetime | None = None
    """When those results were first published: what the feed of results tells subscribers."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ChangeEntry(_Strict):
    at: AwareDatetime
    sequence: Annotated[int, Field(ge=0)]
    fields: list[tuple[str, Any, Any]]


class _Entry(_Strict):
    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    sequence: Annotated[int, Field(ge=0)]
    modified: AwareDatetime
    created: AwareDatetime | None = None
    source: str | None = None
    public: dict[str, Any] | None = None
    changes: list[_ChangeEntry] = []
    results: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    results_at: AwareDatetime | None = None


EventKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]


class _Ledger(_Strict):
    version: Literal[1, 2]
    events: dict[EventKey, _Entry]


def read_ledger(path: Path | None, project: Path | None = None, cache=None) -> dict[str, Record]:
    """Every event's record; empty for a first build (no file). Any damage stops the build.

    ``project`` is the folder messages show the ledger's path from. With a build
    ``cache``, a ledger whose very bytes were checked before (or written by a build) is
    read without checking them again: at 10,000 events, a tenth of the time.
    """
    if path is None or not path.is_file():
        return {}
    raw = path.read_bytes()
    known = cache.key("checked ledger", hashlib.sha256(raw).digest()) if cache is not None else None
    if known is not None and cache.get(known) is not None:
        events = json.loads(raw)["events"]
        return {key: _record_of(entry) for key, entry in events.items()}
    shown = Folder(project or path.parent, project or path.parent).shown(path)
    try:
        ledger = _Ledger.model_validate_json(raw)
    except ValidationError as err:
        raise ScheduleError(_problems(err, shown)) from None
    if known is not None:
        cache.put(known, b"1")
    return {key: _record(entry) for key, entry in ledger.events.items()}


class Seen(NamedTuple):
    """What a check needs of a visit in the ledger: where it was last seen, and the last day the public
    was last told (YYYY-MM-DD; None in a version 1 ledger)."""

    source: str | None
    last_day: str | None


def published_visits(path: Path | None, project: Path | None = None, cache=None) -> dict[str, Seen]:
    """Each visit of the ledger, by key, as ``Seen``: all a check needs of it (the whole ledger is read,
    and checked, as ``read_ledger`` does; the records themselves are not made).

    With a build cache, what a ledger seen before holds is kept apart from it: a check after one edit
    reads that back rather than the whole ledger (a tenth of a second at 10,000 events)."""
    if path is None or not path.is_file():
        return {}
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).digest()
    if cache is not None and cache.get(cache.key("checked ledger", digest)) is not None:
        kept = cache.get(cache.key(VISITS, digest))
        if kept is not None:
            return {key: Seen(*seen) for key, seen in json.loads(kept).items()}
        visits = {key: Seen(entry.get("source"), _last_day(entry.get("public")))
                  for key, entry in json.loads(raw)["events"].items()}
    else:
        visits = seen_in(read_ledger(path, project, cache))
    keep_visits(digest, visits, cache)
    return visits


def seen_in(records: dict[str, Record]) -> dict[str, Seen]:
    return {key: Seen(record.source, _last_day(record.public)) for key, record in records.items()}


def _last_day(public: dict | None) -> str | None:
    dates = public.get("dates") if isinstance(public, dict) else None
    return dates[-1] if isinstance(dates, list) and dates and isinstance(dates[-1], str) else None


def keep_visits(digest: bytes, visits: dict[str, Seen], cache) -> None:
    if cache is not None:
        cache.put(cache.key(VISITS, digest), json.dumps(visits, sort_keys=True).encode("utf-8"))


def mark_checked(data: bytes, cache, visits: dict[str, Seen] | None = None,
                 parts: dict[str, bytes] | None = None) -> None:
    """A ledger a build writes is one the next build need not check, nor a check read whole; ``parts``:
    the build-cache key of each office's text in it, by office, for the build that continues it."""
    if cache is not None:
        digest = hashlib.sha256(data).digest()
        cache.put(cache.key("checked ledger", digest), b"1")
        if visits is not None:
            keep_visits(digest, visits, cache)
        if parts is not None:
            cache.put(cache.key(PARTS, digest), json.dumps({office: key.hex() for office, key in parts.items()},
                                                            sort_keys=True).encode())


def parts_of(digest: bytes | None, cache) -> dict[str, bytes]:
    """The build-cache key of each office's text in the ledger of ``digest``, by office: none when this
    cache did not see that ledger written."""
    kept = cache.get(cache.key(PARTS, digest)) if cache is not None and digest else None
    return {office: bytes.fromhex(key) for office, key in json.loads(kept).items()} if kept else {}


def _problems(err: ValidationError, shown: str) -> list:
    found = Problems()
    for item in err.errors(include_url=False)[:5]:
        if item["type"] == "json_invalid":
            line, column = _position(item)
            found.add(problem(shown, line, column, "", "ledger.broken", detail=item["ctx"]["error"]))
        else:
            found.add(problem(shown, 1, 1, dotted(item["loc"]), "ledger.invalid", detail=item["msg"]))
    return found.errors


def _position(item) -> tuple[int, int]:
    """Where JSON stopped making sense: pydantic reports the line and column in its message."""
    words = item["ctx"]["error"].split()
    numbers = [int(w.strip(",")) for w, before in zip(words[1:], words, strict=False)
               if before in ("line", "column") and w.strip(",").isdigit()]
    return (numbers[0], numbers[1]) if len(numbers) == 2 else (1, 1)


def _record(entry: _Entry) -> Record:
    revision = Revision(entry.sequence, entry.modified.astimezone(UTC),
                        (entry.created or entry.modified).astimezone(UTC))
    changes = tuple(Change(c.at.astimezone(UTC), c.sequence, tuple(tuple(f) for f in c.fields))
                    for c in entry.changes)
    return Record(entry.fingerprint, revision, entry.source, entry.public, changes, entry.results,
                  entry.results_at.astimezone(UTC) if entry.results_at else None)


def _record_of(entry: dict) -> Record:
    """A record as a checked ledger file gives it: the same as ``_record`` of the checked entry."""
    modified = _moment(entry["modified"])
    revision = Revision(entry["sequence"], modified, _moment(entry["created"]) if entry.get("created") else modified)
    changes = tuple(Change(_moment(c["at"]), c["sequence"], tuple(tuple(f) for f in c["fields"]))
                    for c in entry.get("changes", ()))
    return Record(entry["fingerprint"], revision, entry.get("source"), entry.get("public"), changes,
                  entry.get("results"), _moment(entry["results_at"]) if entry.get("results_at") else None)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def ledger_json(records: dict[str, Record], parts: list[str] | None = None) -> str:
    """The ledger file: ``{"events": {...}, "version": ...}`` with every key sorted, compact (the C
    encoder: at 100,000 events an indented ledger costs seconds and megabytes). ``parts``: the text of
    each office's records (``office_groups``, ``entries_json``), when the caller has them already."""
    if parts is None:
        parts = [entries_json(records, keys) for keys in office_groups(records)]
    return '{"events": {' + ", ".join(parts) + '}, "version": ' + json.dumps(FORMAT_VERSION) + "}\n"


def office_groups(records: dict[str, Record]) -> list[list[str]]:
    """The records' keys in the file's order, one list per office. The keys of an office share the
    prefix ``office/``, and strings that share a prefix are next to each other once sorted."""
    return [list(keys) for _, keys in groupby(sorted(records), key=lambda key: key.partition("/")[0])]


def entries_json(records: dict[str, Record], keys: list[str]) -> str:
    """The records of ``keys`` as the ledger file has them, between its ``events`` braces."""
    return json.dumps({key: _entry(records[key]) for key in keys}, sort_keys=True, ensure_ascii=False)[1:-1]


def _entry(record: Record) -> dict:
    revision = record.revision
    entry = {"fingerprint": record.fingerprint, "sequence": revision.sequence,
             "modified": revision.modified.astimezone(UTC).isoformat(),
             "created": revision.first_published.astimezone(UTC).isoformat()}
    if record.source:
        entry["source"] = record.source
    if record.public is not None:
        entry["public"] = record.public
    if record.changes:
        entry["changes"] = [{"at": c.at.astimezone(UTC).isoformat(), "sequence": c.sequence,
                             "fields": [list(f) for f in c.fields]} for c in record.changes]
    if record.results:
        entry["results"] = record.results
        entry["results_at"] = record.results_at.astimezone(UTC).isoformat()
    return entry
