"""SEQUENCE, LAST-MODIFIED and the history of what the public saw change, build after build.

Each build reads the ledger of the site it replaces (``ledger.py``), compares
every event's fingerprint (a hash of what subscribers see) with the recorded
one, and raises SEQUENCE and LAST-MODIFIED only for events that changed. When
a field the public reads changed too (``PUBLIC_FIELDS``: the days, hours,
place, status, quota, registration) the change is recorded, field by field,
for the event page, the changes feed and the open data. Wording and typo fixes
(title, description, contact) raise SEQUENCE, so calendars update, but are not
changes people need to hear about.

Time comes from the build's fixed "now" (``SOURCE_DATE_EPOCH`` or the day being
built), and a changed event's LAST-MODIFIED is always later than its previous
one: the same input gives the same bytes, and every change rises.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timedelta

from jemput.publish.ledger import MAX_CHANGES, Change, Record, Revision
from jemput.schedule.model import Event
from jemput.schedule.problems import problem

PUBLIC_FIELDS = ("dates", "hours", "closed", "timezone", "venue", "status", "quota", "registration", "services")
"""The fields whose changes an event's history shows, in the order it shows them."""


def public_fields(event: Event) -> dict:
    """What the public reads of an event, as plain JSON values (dates as YYYY-MM-DD)."""
    entry, venue = event.entry, event.entry.venue
    place = (venue.name, venue.address, venue.village, venue.district, venue.regency, event.province)
    return {
        "dates": [entry.start.isoformat(), event.last_day.isoformat()],
        "hours": str(entry.hours) if entry.hours else None,
        "closed": sorted(day.isoformat() for day in entry.closed),
        "timezone": event.timezone,
        "venue": ", ".join(p for p in place if p),
        "status": [entry.status, entry.status_note],
        "quota": [entry.quota, entry.quota_per_day],
        "registration": registration_values(entry.registration),
        "services": [*(service.id for service in event.services), *event.service_texts],
    }


def registration_values(registration) -> dict | None:
    """The ways to register and their dates, as JSON values: ``whatsapp:0812-...``, ``form:https://...``."""
    if registration is None:
        return None
    ways = [way.kind + (f":{way.phone or way.url or way.group or ''}" if way.kind in ("whatsapp", "form", "letter")
                        else "") for way in registration.ways]
    return {"ways": ways, "opens": _day(registration.opens), "closes": _day(registration.closes)}


def _day(value) -> str | None:
    return value.isoformat() if value else None


def next_revision(previous: tuple[str, Revision] | None, fingerprint: str, now: datetime) -> Revision:
    if previous is None:
        return Revision(0, now, now)
    old_fingerprint, old = previous
    if old_fingerprint == fingerprint:
        return old
    return Revision(old.sequence + 1, max(now, old.modified + timedelta(seconds=1)), old.first_published)


RESULTS = "results"
"""The field a change of a visit's results is recorded under: in its history, never a schedule change."""


def results_values(event: Event) -> dict | None:
    """A visit's results as the ledger and its history keep them: people served and attendees."""
    results = event.entry.results
    if results is None:
        return None
    return {"served_total": results.served_total if results.served else None, "attendees": results.attendees}


def results_digest(event: Event) -> str | None:
    results = event.entry.results
    return hashlib.sha256(results.model_dump_json().encode("utf-8")).hexdigest() if results else None


def next_record(previous: Record | None, event: Event, fingerprint: str, now: datetime) -> Record:
    """The event's record after this build: its revision, where it is, and any public change."""
    record = _next_schedule_record(previous, event, fingerprint, now)
    results = results_digest(event)
    if results == (previous.results if previous else None):
        return record
    # Results raise no SEQUENCE (calendars show none of them) but the visit's history tells of them.
    before = previous.public.get(RESULTS) if previous and previous.public else None
    after = results_values(event)
    public = {**(record.public or {}), RESULTS: after}
    changes = record.changes
    first = previous.results_at if previous and previous.results_at else None
    at = max(now, _last_results_change(previous) + timedelta(seconds=1)) if first else now
    if previous is not None and before != after:
        changes = (Change(at, record.revision.sequence, ((RESULTS, before, after),)), *changes)[:MAX_CHANGES]
    # A correction is told in the history, at its time; the results stay dated when first published.
    return replace(record, public=public, changes=changes, results=results,
                   results_at=(first or at) if results else None)


def _last_results_change(record: Record) -> datetime:
    """When the visit's results last changed: their first publication or the latest correction."""
    return max((change.at for change in record.changes if any(f[0] == RESULTS for f in change.fields)),
               default=record.results_at)


def results_updated(record: Record) -> datetime | None:
    """When the results a visit shows were published or last corrected (a feed entry's update)."""
    return _last_results_change(record) if record.results_at else None


def _next_schedule_record(previous: Record | None, event: Event, fingerprint: str, now: datetime) -> Record:
    source = f"{event.source}:{event.line}"
    if previous and previous.fingerprint == fingerprint and previous.public is not None:
        # The fingerprint covers the whole entry but its results, so what the public reads is as recorded.
        return previous if previous.source == source else replace(previous, source=source)
    revision = next_revision((previous.fingerprint, previous.revision) if previous else None, fingerprint, now)
    public = public_fields(event)
    if previous and previous.public and RESULTS in previous.public:
        public[RESULTS] = previous.public[RESULTS]
    changes = previous.changes if previous else ()
    if previous and previous.public is not None and revision is not previous.revision:
        changed = changes_between(previous.public, public)
        if changed:
            changes = (Change(revision.modified, revision.sequence, changed), *changes)[:MAX_CHANGES]
    return Record(fingerprint, revision, source, public, changes, previous.results if previous else None,
                  previous.results_at if previous else None)


def changes_between(before: dict, after: dict) -> tuple[tuple[str, object, object], ...]:
    # A field the ledger has no value for was added after that build: no change to report.
    return tuple((name, before[name], after[name]) for name in PUBLIC_FIELDS
                 if name in before and before[name] != after[name])


def missing_events(sources: dict[str, str | None], schedule, schedules_shown: str) -> list:
    """Events the live site published that no schedule file holds any more: never gone without a word.

    ``sources`` says where the ledger last saw each event. Each is reported there; events of
    offices a preview left out are not looked for, an event still written but with errors
    has its own, and so has a file that could not be read (its syntax error, not its events).
    """
    found = []
    for key in sorted(sources):
        office = key.partition("/")[0]
        if key in schedule.declared_keys or office in schedule.left_out:
            continue
        path, line = _last_seen(sources[key], f"{schedules_shown}/{office}")
        if path in schedule.unread:
            continue
        found.append(problem(path, line, 1, "", "event.deleted", value=key))
    return found


def _last_seen(source: str | None, folder: str) -> tuple[str, int]:
    if not source:  # recorded by a version 1 ledger
        return folder, 1
    path, _, line = source.rpartition(":")
    return path, int(line) if line.isdigit() else 1
