"""The revision ledger: SEQUENCE and LAST-MODIFIED carried from one build to the next (publish/revisions.py)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from jemput.publish.calendars import Revision
from jemput.publish.revisions import ledger_json, next_revision, read_ledger

NOW = datetime(2026, 8, 1, tzinfo=UTC)


def test_a_new_event_starts_at_sequence_zero_published_now():
    assert next_revision(None, "f1", NOW) == Revision(0, NOW, NOW)


def test_an_unchanged_event_keeps_its_revision():
    old = Revision(2, NOW - timedelta(days=3), NOW - timedelta(days=9))
    assert next_revision(("f1", old), "f1", NOW) is old


def test_a_changed_event_rises_and_its_time_always_moves_forward():
    old = Revision(2, NOW, NOW - timedelta(days=9))
    changed = next_revision(("f1", old), "f2", NOW - timedelta(days=1))  # a build stamped earlier
    assert changed.sequence == 3 and changed.modified == NOW + timedelta(seconds=1)
    assert changed.first_published == NOW - timedelta(days=9)


def test_the_ledger_reads_back_what_it_wrote(tmp_path):
    entries = {"serang/b": ("f2", Revision(1, NOW, NOW - timedelta(days=1))), "serang/a": ("f1", Revision(0, NOW))}
    path = tmp_path / "revisions.json"
    path.write_text(ledger_json(entries))
    assert read_ledger(path) == {"serang/a": ("f1", Revision(0, NOW, NOW)),
                                 "serang/b": ("f2", Revision(1, NOW, NOW - timedelta(days=1)))}
    assert path.read_text().index("serang/a") < path.read_text().index("serang/b")


def test_no_ledger_or_an_unreadable_one_starts_afresh(tmp_path, caplog):
    assert read_ledger(None) == {} and read_ledger(tmp_path / "missing.json") == {}
    broken = tmp_path / "revisions.json"
    broken.write_text('{"version": 1, "events": {"serang/a": {"sequence": "x"}}}')
    with caplog.at_level(logging.WARNING):
        assert read_ledger(broken) == {}
    assert "unreadable revision ledger" in caplog.text
