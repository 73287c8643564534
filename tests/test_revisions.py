"""The revision ledger: SEQUENCE, LAST-MODIFIED and what the public saw change, build after build
(publish/revisions.py, publish/ledger.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers import events_of

from jemput.publish import ledger, publisher
from jemput.publish.calendars import Revision
from jemput.publish.ledger import MAX_CHANGES, Change, Record, ledger_json, read_ledger
from jemput.publish.revisions import next_record, next_revision, public_fields
from jemput.runtime.cache import ResultCache
from jemput.schedule.problems import ScheduleError

NOW = datetime(2026, 8, 1, tzinfo=UTC)
F1, F2, F3 = "1" * 64, "2" * 64, "3" * 64
EVENT = """events:
  - id: desa
    type: village
    title: Paspor di desa
    start: {start}
    hours: "{hours}"
    venue: {{name: Balai Desa, regency: Kabupaten Serang}}
    description: {description}
"""


def event(tmp_path, start="2026-08-04", hours="08:00-12:00", description="Datang pagi."):
    return events_of(tmp_path, EVENT.format(start=start, hours=hours, description=description))["desa"]


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


def test_public_fields_are_plain_values(tmp_path):
    fields = public_fields(event(tmp_path))
    assert fields["dates"] == ["2026-08-04", "2026-08-04"] and fields["hours"] == "08:00-12:00"
    assert fields["venue"] == "Balai Desa, Kabupaten Serang, Banten" and fields["status"] == ["scheduled", None]
    json.dumps(fields)  # the ledger keeps them as JSON


def test_a_public_change_is_recorded_field_by_field_with_its_sequence(tmp_path):
    first = next_record(None, event(tmp_path / "a"), F1, NOW)
    assert first.changes == () and first.source == "schedules/serang/e.yaml:2"
    later = NOW + timedelta(days=2)
    moved = next_record(first, event(tmp_path / "b", start="2026-08-05", hours="09:00-14:00"), F2, later)
    [change] = moved.changes
    assert (change.at, change.sequence) == (later, 1)
    assert change.fields == (("dates", ["2026-08-04", "2026-08-04"], ["2026-08-05", "2026-08-05"]),
                             ("hours", "08:00-12:00", "09:00-14:00"))


def test_a_wording_fix_updates_calendars_but_is_no_change_for_the_public(tmp_path):
    first = next_record(None, event(tmp_path / "a"), F1, NOW)
    reworded = next_record(first, event(tmp_path / "b", description="Datang lebih pagi."), F2, NOW)
    assert reworded.revision.sequence == 1 and reworded.changes == ()


def test_history_keeps_the_newest_changes_only(tmp_path):
    record = next_record(None, event(tmp_path / "0"), "0" * 64, NOW)
    for number in range(1, MAX_CHANGES + 3):
        moved = event(tmp_path / str(number), start=f"2026-09-{number:02d}")
        record = next_record(record, moved, f"{number:064d}", NOW + timedelta(days=number))
    assert len(record.changes) == MAX_CHANGES and record.changes[0].sequence == MAX_CHANGES + 2


def test_the_ledger_reads_back_what_it_wrote(tmp_path):
    change = Change(NOW, 1, (("hours", "08:00-12:00", "09:00-14:00"),))
    records = {"serang/b": Record(F2, Revision(1, NOW, NOW - timedelta(days=1)), "schedules/serang/e.yaml:9",
                                  {"hours": "09:00-14:00"}, (change,)),
               "serang/a": Record(F1, Revision(0, NOW, NOW))}
    path = tmp_path / "revisions.json"
    path.write_text(ledger_json(records))
    assert read_ledger(path) == {"serang/a": Record(F1, Revision(0, NOW, NOW)), "serang/b": records["serang/b"]}
    assert json.loads(path.read_text())["version"] == 2


def test_the_ledger_made_office_by_office_is_the_document_json_writes_whole():
    """Offices whose names start alike ("a", "a-b", "a.c", "ab") still each take one run of the sorted
    keys: the parts joined are the file ``json.dumps`` makes of every record at once."""
    change = Change(NOW, 1, (("title", "Paspor", "Paspor di Masjid Al-Ikhlas — “baru”"),))
    records = {key: Record(F1 if number % 2 else F2, Revision(number, NOW, NOW), f"schedules/{key}.yaml:{number}",
                           {"title": "Paspor é"}, (change,) if number % 3 == 0 else ())
               for number, key in enumerate(["ab/3", "a/1", "a-b/1", "a.c/2", "a/0", "a-b/0", "b/x"])}
    whole = json.dumps({"version": 2, "events": {k: ledger._entry(r) for k, r in records.items()}},
                       sort_keys=True, ensure_ascii=False) + "\n"
    groups = ledger.office_groups(records)
    assert ledger_json(records) == whole
    assert [{key.partition("/")[0] for key in keys} for keys in groups] == [{"a-b"}, {"a.c"}, {"a"}, {"ab"}, {"b"}]
    assert ledger_json({}, []) == '{"events": {}, "version": 2}\n' == json.dumps(
        {"version": 2, "events": {}}, sort_keys=True) + "\n"


def test_a_ledger_checked_before_is_read_as_checked_and_a_changed_one_is_checked_again(tmp_path, monkeypatch):
    change = Change(NOW, 1, (("dates", ["2026-08-04", "2026-08-05"], ["2026-08-06", "2026-08-06"]),))
    records = {"serang/b": Record(F2, Revision(1, NOW, NOW - timedelta(days=1)), "schedules/serang/e.yaml:9",
                                  {"registration": {"ways": ["walk-in"], "opens": None}}, (change,)),
               "serang/a": Record(F1, Revision(0, NOW, NOW))}
    path = tmp_path / "revisions.json"
    path.write_text(ledger_json(records))
    cache = ResultCache(tmp_path / "cache")
    checked = read_ledger(path, cache=cache)  # checked, and remembered as checked
    checks, real = [], ledger._Ledger.model_validate_json
    monkeypatch.setattr(ledger._Ledger, "model_validate_json", lambda raw: checks.append(1) or real(raw))
    assert read_ledger(path, cache=cache) == checked == records and checks == []
    assert read_ledger(path) == records and checks == [1]
    path.write_text(path.read_text().replace('"sequence": 1', '"sequence": -1'))
    with pytest.raises(ScheduleError):
        read_ledger(path, cache=cache)


def test_an_edit_writes_out_again_the_ledger_records_of_its_office_only(site, monkeypatch):
    encoded, real = [], publisher.entries_json
    monkeypatch.setattr(publisher, "entries_json",
                        lambda records, keys: encoded.append(keys[0].partition("/")[0]) or real(records, keys))
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    assert sorted(encoded) == ["makassar", "serang"]
    for office, old, new in (("serang", "Pameran layanan keimigrasian", "Pameran layanan imigrasi"),
                             ("makassar", "Layanan paspor di masjid", "Layanan paspor di Masjid Raya"),
                             ("makassar", "Layanan paspor di Masjid Raya", "Layanan paspor di masjid")):
        encoded.clear()
        site.edit(f"schedules/{office}/events.yaml", old, new)
        assert site.build(OUTREACH_WORKERS=1)[0] == 0
        assert encoded == [office]
    written = json.loads((site.output / "revisions.json").read_text())
    assert written["events"] == json.loads(ledger_json(read_ledger(site.output / "revisions.json")))["events"]


def test_a_version_1_ledger_is_read_and_has_no_history_yet(tmp_path):
    path = tmp_path / "revisions.json"
    path.write_text(json.dumps({"version": 1, "events": {"serang/a": {
        "fingerprint": F1, "sequence": 3, "modified": NOW.isoformat(), "created": NOW.isoformat()}}}))
    assert read_ledger(path) == {"serang/a": Record(F1, Revision(3, NOW, NOW))}


def test_no_ledger_is_a_first_build():
    assert read_ledger(None) == {}


@pytest.mark.parametrize("text, where, words", [
    ('{"version": 2, "events": {"serang/a": {"fingerprint"', "revisions.json:1:", "catatan revisi rusak"),
    ("<html>Not Found</html>", "revisions.json:1:1", "catatan revisi rusak"),
    ('{"version": 2, "events": {"serang/a": {"fingerprint": "' + F1 + '", "sequence": "tiga", '
     '"modified": "2026-08-01T00:00:00+00:00"}}}', "revisions.json:1:1: events.serang/a.sequence",
     "catatan revisi berisi nilai yang tidak dapat dipakai"),
    ('{"version": 9, "events": {}}', "revisions.json:1:1: version", "tidak dapat dipakai"),
    ('{"version": 2, "events": {"../etc": {"fingerprint": "' + F1 + '", "sequence": 0, '
     '"modified": "2026-08-01T00:00:00+00:00"}}}', "revisions.json:1:1: events.../etc", "tidak dapat dipakai"),
])
def test_a_damaged_ledger_stops_the_build_saying_where_and_how_to_go_on(tmp_path, text, where, words):
    path = tmp_path / "revisions.json"
    path.write_text(text)
    with pytest.raises(ScheduleError) as raised:
        read_ledger(path)
    message = str(raised.value)
    assert message.startswith(where) and words in message
    assert "git show origin/gh-pages:revisions.json" in message
