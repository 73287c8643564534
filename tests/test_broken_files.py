"""The corpus of broken files: each gives its message at its line and column, and a
build with it fails and leaves the previous site exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
import time
import tracemalloc

import pytest
from helpers import DATA, check, copy_test_site, files_of, make_schedules

from jemput.schedule.strict_yaml import load_bytes

BROKEN = DATA / "broken"
# file, expected code, line, column, field
CASES = [
    ("alias", "yaml.anchor", 6, 12, "events[0].venue"),
    ("all_days_closed", "date.all_closed", 7, 13, "events[0].closed"),
    ("bidi_override", "file.control_character", 4, 20, ""),
    ("billion_laughs", "yaml.anchor", 1, 4, "a"),
    ("bracket_not_closed", "yaml.syntax", 5, 15, ""),
    ("closed_outside_range", "date.closed_outside", 7, 14, "events[0].closed[0]"),
    ("colon_missing", "yaml.syntax", 4, 5, ""),
    ("control_character", "file.control_character", 6, 29, ""),
    ("control_escape", "file.control_character", 4, 12, "events[0].title"),
    ("date_not_real", "date.not_real", 5, 12, "events[0].start"),
    ("date_wrong_format", "date.format", 5, 12, "events[0].start"),
    ("defaults_unknown_field", "field.unknown", 2, 3, "defaults.programme"),
    ("duplicate_key", "yaml.duplicate_key", 6, 5, "events[0].start"),
    ("empty", "file.empty", 1, 1, ""),
    ("end_before_start", "date.end_before_start", 6, 10, "events[0].end"),
    ("events_missing", "field.unknown", 1, 1, "event"),
    ("field_missing", "field.missing", 2, 5, "events[0]"),
    ("field_misspelt", "field.unknown", 6, 5, "events[0].venu"),
    ("geo_one_number", "geo.format", 8, 12, "events[0].venue.geo"),
    ("geo_out_of_range", "geo.range", 8, 12, "events[0].venue.geo"),
    ("hours_close_before_open", "hours.order", 6, 12, "events[0].hours"),
    ("hours_not_real", "hours.not_real", 6, 12, "events[0].hours"),
    ("hours_unquoted_time", "hours.format", 6, 12, "events[0].hours"),
    ("id_duplicate", "id.duplicate", 7, 9, "events[1].id"),
    ("id_uppercase", "id.invalid", 2, 9, "events[0].id"),
    ("id_with_slash", "id.invalid", 2, 9, "events[0].id"),
    ("not_utf8", "file.not_utf8", 4, 15, ""),
    ("office_field_in_event", "field.unknown", 3, 5, "events[0].office"),
    ("program_unknown", "program.unknown", 4, 14, "events[0].program"),
    ("quota_not_number", "integer.invalid", 6, 12, "events[0].quota"),
    ("region_code_wrong_shape", "region_code.invalid", 8, 20, "events[0].venue.region_code"),
    ("registration_javascript_url", "url.invalid", 6, 19, "events[0].registration"),
    ("requirements_not_a_list", "list.expected", 6, 19, "events[0].requirements"),
    ("status_no", "yaml.boolean_word", 7, 13, "events[0].status"),
    ("status_on", "yaml.boolean_word", 7, 13, "events[0].status"),
    ("syntax_error", "yaml.syntax", 4, 12, ""),
    ("tab_indent", "yaml.tab", 2, 1, ""),
    ("timezone_not_indonesian", "timezone.not_allowed", 6, 15, "events[0].timezone"),
    ("title_as_list", "value.not_text", 4, 12, "events[0].title"),
    ("title_empty", "text.empty", 4, 12, "events[0].title"),
    ("two_documents", "yaml.many_documents", 2, 1, ""),
    ("type_unknown", "choice.invalid", 3, 11, "events[0].type"),
    ("url_without_scheme", "url.invalid", 6, 19, "events[0].registration"),
    ("venue_as_text", "mapping.expected", 6, 12, "events[0].venue"),
]
IDS = [c[0] for c in CASES]


def test_the_corpus_is_complete():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(IDS)
    assert len(CASES) >= 30


@pytest.mark.parametrize("case, code, line, column, field", CASES, ids=IDS)
def test_broken_file_gives_its_error_at_the_right_place(tmp_path, case, code, line, column, field):
    root = make_schedules(tmp_path, {})
    shutil.copy(BROKEN / f"{case}.yaml", root / "serang" / f"{case}.yaml")
    _, problems = check(root)
    found = [(e.code, e.line, e.column, e.field) for e in problems.errors]
    assert found == [(code, line, column, field)], [str(e) for e in problems.errors]
    assert problems.errors[0].path == f"schedules/serang/{case}.yaml"
    message = str(problems.errors[0])
    assert message.startswith(f"schedules/serang/{case}.yaml:{line}:{column}: ")
    assert message.endswith(")"), "every message ends with how to fix it"


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    site = copy_test_site(tmp_path_factory.mktemp("corpus") / "site")
    assert site.build()[0] == 0
    return site


@pytest.mark.parametrize("case, code, line, column, field", CASES, ids=IDS)
def test_build_with_a_broken_file_fails_and_keeps_the_previous_site(good_site, case, code, line, column,
                                                                  field):
    before = {k: hashlib.sha256(v).hexdigest() for k, v in files_of(good_site.output).items()}
    added = good_site.root / "schedules" / "serang" / f"{case}.yaml"
    shutil.copy(BROKEN / f"{case}.yaml", added)
    try:
        exit_code, err = good_site.build()
    finally:
        added.unlink()
    assert exit_code == 1
    assert f"schedules/serang/{case}.yaml:{line}:{column}: " in err
    assert "situs sebelumnya tidak diubah" in err
    after = {k: hashlib.sha256(v).hexdigest() for k, v in files_of(good_site.output).items()}
    assert after == before


def test_billion_laughs_is_refused_fast_with_bounded_memory():
    raw = (BROKEN / "billion_laughs.yaml").read_bytes()
    tracemalloc.start()
    started = time.perf_counter()
    doc, problems = load_bytes(raw, "billion_laughs.yaml", 1_000_000)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc.data is None and [p.code for p in problems] == ["yaml.anchor"]
    assert elapsed < 1.0
    assert peak < 1_000_000  # bytes: nothing was expanded


def test_a_file_of_several_megabytes_is_refused_before_parsing(tmp_path):
    root = make_schedules(tmp_path, {})
    big = "events:\n" + "".join(
        f"  - id: e{i}\n    type: village\n    title: Kegiatan {i}\n    start: 2026-08-04\n"
        f"    venue: {{name: Balai Desa {i}}}\n" for i in range(40_000))
    (root / "serang" / "besar.yaml").write_text(big)
    assert len(big) > 3_000_000
    started = time.perf_counter()
    _, problems = check(root)
    assert [(e.code, e.line) for e in problems.errors] == [("file.too_large", 1)]
    assert time.perf_counter() - started < 1.0
