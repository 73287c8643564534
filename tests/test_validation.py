"""Each validation rule, on a small broken file named after the case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA, OFFICE, check, make_schedules
from pydantic import ValidationError


def check_case(tmp_path: Path, case: str):
    root = make_schedules(tmp_path, {})
    shutil.copy(DATA / "broken" / f"{case}.yaml", root / "serang" / f"{case}.yaml")
    schedule, problems = check(root)
    return schedule, problems.errors


def test_every_error_names_file_line_column_field_problem_and_fix(tmp_path):
    _, errors = check_case(tmp_path, "hours_unquoted_time")
    assert str(errors[0]) == (
        "schedules/serang/hours_unquoted_time.yaml:6:12: events[0].hours: jam '10:30' tidak dalam "
        "format JJ:MM-JJ:MM (tulis jam buka dan jam tutup di antara tanda kutip, misalnya hours: \"08:00-15:00\")"
    )
    assert errors[0].text("en").endswith("(write the opening and closing time in quotes, e.g. hours: \"08:00-15:00\")")


def test_misspelt_field_and_choice_get_a_did_you_mean(tmp_path):
    _, errors = check_case(tmp_path, "field_misspelt")
    assert "maksud Anda 'venue'?" in str(errors[0])
    _, errors = check_case(tmp_path / "b", "type_unknown")
    assert "maksud Anda 'school'?" in str(errors[0])
    _, errors = check_case(tmp_path / "c", "program_unknown")
    assert "maksud Anda 'paspor-masuk-desa'?" in str(errors[0])


def test_all_problems_of_all_files_are_reported_in_one_run(tmp_path):
    root = make_schedules(tmp_path, {})
    for case in ("date_not_real", "status_no", "field_misspelt"):
        shutil.copy(DATA / "broken" / f"{case}.yaml", root / "serang" / f"{case}.yaml")
    _, problems = check(root)
    assert {e.path.rsplit("/", 1)[1] for e in problems.errors} == {
        "date_not_real.yaml", "status_no.yaml", "field_misspelt.yaml"}


def test_office_id_must_match_its_folder(tmp_path):
    root = make_schedules(tmp_path, {"serang/office.yaml": OFFICE.replace("id: serang", "id: blitar")})
    _, problems = check(root)
    assert [(e.code, e.line, e.column) for e in problems.errors] == [("office.id_mismatch", 1, 5)]


def test_office_folder_without_office_file_is_an_error(tmp_path):
    root = make_schedules(tmp_path, {"blitar/2026.yaml": "events: []\n"})
    _, problems = check(root)
    assert [e.code for e in problems.errors] == ["office.missing_file"]


def test_an_office_folder_named_unlike_an_id_is_told_to_be_renamed(tmp_path):
    """Its advice was "tulis id: Cilegon Kota", which no id can be."""
    from helpers import OFFICE

    root = make_schedules(tmp_path, {"Cilegon Kota/office.yaml": OFFICE.replace("id: serang", "id: cilegon-kota")})
    _, problems = check(root)
    [error] = problems.errors
    assert error.code == "office.folder_invalid" and "misalnya cilegon-kota" in str(error)


def test_event_file_outside_an_office_folder_is_an_error(tmp_path):
    root = make_schedules(tmp_path, {"2026.yaml": "events: []\n"})
    _, problems = check(root)
    assert [e.code for e in problems.errors] == ["file.misplaced"]


@pytest.mark.parametrize("name, meant", [("2027-01.YAML", "2027-01.yaml"),
                                         ("2027-01.yaml.txt", "2027-01.yaml"), ("2027-01.Yml", "2027-01.yml")])
def test_a_schedule_saved_under_a_name_that_is_not_read_is_an_error_naming_the_right_one(tmp_path, name, meant):
    """Notepad saves "2027-01.yaml.txt": its visits were left out without a word."""
    root = make_schedules(tmp_path, {f"serang/{name}": "events: []\n"})
    _, problems = check(root)
    assert [e.code for e in problems.errors] == ["file.not_read_name"]
    assert problems.errors[0].path.endswith(f"serang/{name}")
    assert f"ganti namanya menjadi {meant}" in str(problems.errors[0])


def test_anything_else_in_an_office_folder_is_a_warning_that_it_is_not_read(tmp_path):
    root = make_schedules(tmp_path, {"serang/arsip/2020.yaml": "events: []\n", "serang/catatan.md": "x\n",
                                     "serang/2020.yaml.bak": "events: []\n"})
    _, problems = check(root)
    assert problems.errors == []
    assert sorted(w.path.rsplit("/", 2)[-1] for w in problems.warnings if w.code == "file.not_read") == [
        "2020.yaml.bak", "arsip", "catatan.md"]


@pytest.mark.parametrize("written, suggestion", [("Banten Raya", "maksud Anda 'Banten'?"), ("banten", "'Banten'")])
def test_an_office_province_that_is_not_official_is_a_warning_at_its_line(tmp_path, written, suggestion):
    """Its visits without a province of their own made a region page of their own beside Banten's."""
    from helpers import OFFICE

    root = make_schedules(tmp_path, {"serang/office.yaml": OFFICE.replace("province: Banten", f"province: {written}")})
    _, problems = check(root)
    [warning] = [w for w in problems.warnings if w.code == "region.unofficial"]
    line = OFFICE.split("\n").index("province: Banten") + 1
    assert (warning.path, warning.line, warning.column) == (f"{root.name}/serang/office.yaml", line, 11)
    assert suggestion in str(warning)


VISIT = "events:\n  - id: a\n    type: village\n    title: T\n    start: 2026-08-04\n    venue: {name: X}\n"


@pytest.mark.parametrize("written", ["    closed:\n", "    services:\n", "    results:\n", "    end:\n"])
def test_an_optional_field_written_with_nothing_after_it_is_not_filled_in(tmp_path, written):
    root = make_schedules(tmp_path, {"serang/e.yaml": VISIT + written})
    schedule, problems = check(root)
    assert problems.errors == [] and len(schedule.events) == 1


@pytest.mark.parametrize("field, line, column", [("start", 5, 11), ("title", 4, 11), ("type", 3, 10)])
def test_a_required_field_written_with_nothing_after_it_is_said_to_be_empty(tmp_path, field, line, column):
    """It read "tanggal 'None' tidak dalam format" or "harus berupa teks, bukan daftar"."""
    text = "\n".join(f"    {field}:" if row.startswith(f"    {field}:") else row for row in VISIT.split("\n"))
    root = make_schedules(tmp_path, {"serang/e.yaml": text})
    _, problems = check(root)
    [error] = problems.errors
    assert (error.code, error.line, error.column) == ("field.empty", line, column)
    assert f"'{field}' belum diisi (tulis nilainya sesudah titik dua" in str(error)


def test_event_ids_may_repeat_across_offices_but_keys_do_not(tmp_path):
    event = "events:\n  - id: a\n    type: village\n    title: A\n    start: 2026-08-04\n    venue: {name: X}\n"
    root = make_schedules(tmp_path, {
        "blitar/office.yaml": OFFICE.replace("serang", "blitar"), "blitar/e.yaml": event, "serang/e.yaml": event})
    schedule, problems = check(root)
    assert problems.errors == []
    assert [e.key for e in schedule.events] == ["blitar/a", "serang/a"]


def test_valid_file_becomes_typed_immutable_events(tmp_path):
    root = make_schedules(tmp_path, {"serang/e.yaml": """defaults:
  program: paspor-masuk-desa
events:
  - id: al-faruq-2022
    type: majelis
    title: Paspor Masuk Desa
    start: 2022-08-04
    end: 2022-08-12
    hours: "08.00-15.00"
    closed: [2022-08-07]
    venue: {name: Majelis, region_code: "32.01.06.2001", geo: [-6.31, 106.10]}
    quota: 0300
"""})
    schedule, problems = check(root)
    assert problems.errors == []
    event = schedule.events[0]
    assert event.program.entry.name == "Paspor Masuk Desa"
    assert str(event.entry.hours) == "08:00-15:00"
    assert event.entry.venue.region_code == "32.01.06.2001"
    assert event.entry.quota == 300
    assert len(event.service_days) == 8
    assert event.timezone == "Asia/Jakarta"
    with pytest.raises(ValidationError):
        event.entry.title = "changed"


def test_any_iana_zone_is_accepted_when_configured(tmp_path):
    root = make_schedules(tmp_path, {"serang/office.yaml": OFFICE.replace("Asia/Jakarta", "Asia/Tokyo")})
    _, problems = check(root, OUTREACH_TIMEZONES="any")
    assert problems.errors == []
    root2 = make_schedules(tmp_path / "b", {"serang/office.yaml": OFFICE.replace("Asia/Jakarta", "Mars/Olympus")})
    _, problems = check(root2, OUTREACH_TIMEZONES="any")
    assert [e.code for e in problems.errors] == ["timezone.unknown"]


def test_configured_visit_types_replace_the_defaults(tmp_path):
    root = make_schedules(tmp_path, {})
    shutil.copy(DATA / "broken" / "type_unknown.yaml", root / "serang" / "e.yaml")
    _, problems = check(root, OUTREACH_VISIT_TYPES=("sekolah", "desa"))
    assert problems.errors == []


def test_entries_with_the_same_fields_share_one_set_of_field_names(tmp_path):
    event = """  - id: {id}
    type: village
    title: Paspor Masuk Desa {id}
    start: 2026-03-0{day}
    venue: {{name: Balai Desa {id}}}
"""
    root = make_schedules(tmp_path, {"serang/e.yaml": "events:\n" + event.format(id="a", day=2)
                                     + event.format(id="b", day=3)
                                     + event.format(id="c", day=4) + "    quota: 50\n"})
    schedule, problems = check(root)
    assert problems.errors == []
    a, b, c = (e.entry for e in schedule.events)
    assert a.model_fields_set == {"id", "type", "title", "start", "venue"}
    assert c.model_fields_set == a.model_fields_set | {"quota"}
    assert a.model_fields_set is b.model_fields_set  # one shared copy: memory for 100,000 events
    assert a.venue.model_fields_set is b.venue.model_fields_set
    assert a.model_dump(exclude_unset=True)["venue"] == {"name": "Balai Desa a"}
    copy = a.model_copy(update={"quota": 10})
    assert copy.model_fields_set == a.model_fields_set | {"quota"} and "quota" not in b.model_fields_set


@pytest.mark.parametrize("written", ["humas@serang.example.go.id?bcc=all@victim.example&subject=hi",
                                     "humas serang@imigrasi.go.id", "humas@localhost",
                                     "humas@imigrasi.go.id, lain@x.id"])
def test_an_office_email_that_a_mailto_link_would_misread_is_refused_at_its_line(tmp_path, written):
    """"?bcc=" in a mailto: address copies every letter from the public to someone else."""
    root = make_schedules(tmp_path, {"serang/office.yaml": OFFICE + f'email: "{written}"\n'})
    _, problems = check(root)
    [error] = problems.errors
    assert (error.code, error.line, error.field) == ("email.invalid", 5, "email")
    assert "bukan alamat surel" in str(error)


def test_an_ordinary_office_email_is_accepted(tmp_path):
    root = make_schedules(tmp_path, {"serang/office.yaml": OFFICE + "email: kanim.serang@imigrasi.go.id\n"})
    _, problems = check(root)
    assert problems.errors == []
