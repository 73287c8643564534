"""Schedules read incrementally: an unchanged file is not parsed and checked again, and says the same."""

from __future__ import annotations

import shutil

import pytest
from helpers import PROJECT

from jemput.runtime.cache import ResultCache
from jemput.schedule import validation
from jemput.schedule.validation import read_schedules
from jemput.settings import read_settings

WARNED = """events:
  - id: kuota-nol-2026
    type: village
    title: Kunjungan dengan kuota nol
    start: 2026-12-25
    venue:
      name: Balai Desa Uji
      regency: Kabupaten Serang
    quota: 0
"""
"""A warning that holds on any day (quota 0), and one of the day (Christmas, while it is ahead)."""


@pytest.fixture
def schedules(tmp_path):
    root = tmp_path / "schedules"
    shutil.copytree(PROJECT / "schedules", root)
    (root / "serang" / "peringatan.yaml").write_text(WARNED, encoding="utf-8")
    return root


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The files parsed by the strict YAML reader, in order."""
    seen = []
    real = validation.load_bytes

    def counting(raw, shown, limit):
        seen.append(shown)
        return real(raw, shown, limit)

    monkeypatch.setattr(validation, "load_bytes", counting)
    return seen


def read(root, cache_folder, today="2026-11-22", published=None):
    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(root), "OUTREACH_TODAY": today,
                             "OUTREACH_WORKERS": 1})  # files parsed in this process, where they are counted
    cache = ResultCache(cache_folder)
    try:
        return read_schedules(options, published, cache)
    finally:
        cache.finish((), prune=False)


def said(problems) -> list[str]:
    return [p.text() for p in problems.errors + problems.warnings]


def test_a_second_read_parses_no_event_file_and_says_the_same(schedules, tmp_path, parsed):
    first, first_problems = read(schedules, tmp_path / "cache")
    event_files = list(parsed)  # the strict reader of event files (the others are small and read each time)
    assert len(event_files) == 8
    parsed.clear()
    second, second_problems = read(schedules, tmp_path / "cache")
    assert not [name for name in parsed if name in event_files]
    assert said(second_problems) == said(first_problems)
    assert {p.code for p in first_problems.warnings} >= {"warn.quota_zero", "warn.holiday"}
    def facts(schedule):
        return [(e.key, e.entry, e.region, [s.key for s in e.services], e.line) for e in schedule.events]

    assert facts(second) == facts(first)
    # Read back, an event links to this read's own office, program and services.
    services = {id(s) for s in second.services}
    assert all(id(s) in services for e in second.events for s in e.services)
    offices = {id(o) for o in second.offices}
    assert all(id(e.office) in offices for e in second.events)


def test_an_edited_file_and_the_files_of_an_edited_office_are_read_again(schedules, tmp_path, parsed):
    read(schedules, tmp_path / "cache")
    events = schedules / "serang" / "2026-12.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("(contoh)\n", "(contoh, diubah)\n", 1))
    office = schedules / "blitar" / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("short_name: Kanim Blitar", "short_name: Blitar"))
    parsed.clear()
    schedule, _ = read(schedules, tmp_path / "cache")
    assert sorted(parsed) == ["schedules/blitar/2024-desa-binaan.yaml", "schedules/serang/2026-12.yaml"]
    assert any(e.entry.title.endswith("(contoh, diubah)") for e in schedule.events)
    assert {e.office.entry.short_name for e in schedule.events if e.office.id == "blitar"} == {"Blitar"}


def test_files_checked_on_every_core_say_what_one_process_says(schedules, tmp_path):
    one, one_problems = read(schedules, tmp_path / "one")
    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(schedules), "OUTREACH_TODAY": "2026-11-22",
                             "OUTREACH_WORKERS": 2})
    two, two_problems = read_schedules(options, None, None)
    assert said(two_problems) == said(one_problems)
    assert [(e.key, e.entry, e.line) for e in two.events] == [(e.key, e.entry, e.line) for e in one.events]
    services = {id(s) for s in two.services}
    assert all(id(s) in services for e in two.events for s in e.services)


def test_the_warnings_of_the_day_follow_the_day_for_files_read_back(schedules, tmp_path):
    read(schedules, tmp_path / "cache", today="2026-11-22")
    _, later = read(schedules, tmp_path / "cache", today="2025-06-01")  # a visit more than a year ahead
    _, fresh = read(schedules, tmp_path / "fresh", today="2025-06-01")
    assert said(later) == said(fresh)
    assert any("lebih dari setahun lagi" in text for text in said(later)), said(later)


def test_a_check_after_a_build_reads_where_visits_were_from_the_cache_not_the_ledger(tmp_path, monkeypatch):
    """The build keeps the ledger's places apart; a check reads them back, and a damaged entry is
    never trusted over the ledger itself."""
    from jemput.publish import ledger

    cache_folder, path = tmp_path / "cache", tmp_path / "revisions.json"
    public = {"dates": ["2026-12-01", "2026-12-05"]}
    records = {"serang/a": ledger.Record("0" * 64, ledger.Revision(0, _moment()), "schedules/serang/x.yaml:3",
                                         public)}
    data = ledger.ledger_json(records).encode()
    path.write_bytes(data)
    cache = ResultCache(cache_folder)
    ledger.mark_checked(data, cache, ledger.seen_in(records))
    cache.finish((), prune=False)
    loaded = []
    monkeypatch.setattr(ledger.json, "loads", lambda raw, *a, **k: loaded.append(len(raw)) or _loads(raw))
    cache = ResultCache(cache_folder)
    assert ledger.published_visits(path, tmp_path, cache) == {"serang/a": ("schedules/serang/x.yaml:3", "2026-12-05")}
    assert loaded == [len(cache.get(cache.key(ledger.VISITS, ledger.hashlib.sha256(data).digest())))]
    path.write_bytes(data.replace(b"x.yaml:3", b"y.yaml:9"))  # another ledger: read and checked whole
    assert ledger.published_visits(path, tmp_path, cache) == {"serang/a": ("schedules/serang/y.yaml:9", "2026-12-05")}


def _moment():
    from datetime import UTC, datetime

    return datetime(2026, 11, 22, tzinfo=UTC)


def _loads(raw):
    import json

    return json.JSONDecoder().decode(raw if isinstance(raw, str) else raw.decode())
