"""Schedule changes as published: a feed entry per change, and a row per changed field.

Journalists and office staff follow one feed (``feeds/perubahan.atom.xml``, or
an office's) to learn that a visit moved, was cancelled or filled up; the same
changes are open data (``data/perubahan.json``, ``.csv``) with the values before
and after, as the ledger keeps them.
"""

from __future__ import annotations

import heapq
import json
import uuid

from jemput.publish import feeds
from jemput.publish.ledger import Change
from jemput.publish.opendata import write_records_csv, write_records_json
from jemput.publish.revisions import RESULTS

CHANGES_VERSION = 1
FIELDS = ("key", "uid", "sequence", "changed_at", "field", "before", "after", "url")


def schedule_changes(record) -> tuple[Change, ...]:
    """Its changes but those of its results: results are no change to the schedule."""
    return tuple(change for change in record.changes if any(field != RESULTS for field, _, _ in change.fields))


def newest_changes(published: dict, events, limit: int) -> list[tuple[object, Change]]:
    """(event, change) pairs of these events, the newest first, at most ``limit``."""
    pairs = ((event, change) for event in events for change in schedule_changes(published[event.key].record))
    return heapq.nlargest(limit, pairs, key=lambda pair: (pair[1].at, pair[0].key, pair[1].sequence))


def change_item(event, change: Change, page, published, words, absolute) -> feeds.FeedItem:
    """One change as a feed entry: what changed, when, linking to the event's page."""
    sentences = words.sentences(change, page.zone)
    return feeds.FeedItem(
        id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{published.uid}#{change.sequence}')}",
        title=f"{event.entry.title}: {sentences[0]}",
        summary=f"{'; '.join(sentences)}. {page.dates}, {page.hours}. {page.location}.",
        updated=change.at, published=change.at,
        links=(feeds.Link(absolute(page.url), type="text/html"),),
        categories=(event.office.id,),
    )


def change_records(published: dict, pages: dict, events, absolute):
    """One record per changed field, oldest event first, newest change first within it."""
    for event in events:
        record = published[event.key].record
        for change in schedule_changes(record):
            for field, before, after in change.fields:
                yield {"key": event.key, "uid": published[event.key].uid, "sequence": change.sequence,
                       "changed_at": change.at.isoformat(), "field": field, "before": before, "after": after,
                       "url": absolute(pages[event.key].url)}


def write_changes_json(records, today, stream) -> None:
    head = {"schema_version": CHANGES_VERSION, "today": today.isoformat(), "fields": list(FIELDS)}
    write_records_json(records, head, "changes", stream)


def write_changes_csv(records, stream) -> None:
    """Values that are lists or pairs (dates, status and note) are written as JSON text."""
    write_records_csv(records, FIELDS, _cell, stream)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
