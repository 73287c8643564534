"""What staff use around the schedules: warnings, `invoke check`, `invoke new`,
the JSON Schemas for editors, GitHub annotations and safe publishing."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import PROJECT, check, make_schedules

from jemput.commands.check import check_schedules, github_annotation
from jemput.commands.deploy import github_pages_refusal, publish_to_folder
from jemput.commands.new import NewEvent, Refused, write_new_event
from jemput.schedule.json_schema import rendered
from jemput.schedule.problems import problem
from jemput.text import Text

EVENT = """events:
  - id: {id}
    type: village
    title: Paspor di balai desa
    start: {start}
    hours: "{hours}"
    venue:
      name: {venue}
      geo: [{geo}]
    quota: {quota}
    registration:
      ways: [walk-in]
"""


def event_file(id="a", start="2026-08-04", hours="08:00-12:00", venue="Balai Desa", geo="-6.31, 106.10",
               quota="300"):
    return EVENT.format(id=id, start=start, hours=hours, venue=venue, geo=geo, quota=quota)


def warnings_for(tmp_path, text, published_keys=None, today="2026-01-01"):
    root = make_schedules(tmp_path, {"serang/e.yaml": text})
    from jemput.schedule.validation import read_schedules
    from jemput.settings import read_settings

    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(root), "OUTREACH_TODAY": today})
    _, problems = read_schedules(options, published_keys)
    assert problems.errors == []
    return [(w.code, w.line, w.column) for w in problems.warnings]


def test_a_plain_event_gives_no_warning(tmp_path):
    assert warnings_for(tmp_path, event_file()) == []


def test_new_event_already_in_the_past_is_pointed_out(tmp_path):
    text = event_file(start="2025-08-04")
    overdue = ("warn.results_missing", 5, 12)  # and, long over, it has no results
    assert warnings_for(tmp_path, text, published_keys={}) == [("warn.past_new", 5, 12), overdue]
    assert warnings_for(tmp_path / "b", text, published_keys={"serang/a": "2025-08-04"}) == [overdue]


def test_a_published_coming_visit_moved_into_the_past_is_pointed_out_not_asked_for_results(tmp_path):
    """2025 typed for 2026 on a visit the public was told of: the year is what to check, not the results."""
    text = event_file(start="2025-08-04")
    assert warnings_for(tmp_path, text, published_keys={"serang/a": "2026-08-04"}) == [("warn.moved_past", 5, 12)]
    # told of a day that has passed already: an ordinary past visit, whose results are due
    assert warnings_for(tmp_path / "b", text, published_keys={"serang/a": "2025-12-31"}) == [
        ("warn.results_missing", 5, 12)]
    # a ledger that does not say (version 1)
    assert warnings_for(tmp_path / "c", text, published_keys={"serang/a": None}) == [("warn.results_missing", 5, 12)]


def test_the_moved_visit_is_told_in_indonesian_with_both_days(tmp_path):
    root = make_schedules(tmp_path, {"serang/e.yaml": event_file(start="2025-08-04")})
    from jemput.schedule.validation import read_schedules
    from jemput.settings import read_settings

    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(root), "OUTREACH_TODAY": "2026-01-01"})
    _, problems = read_schedules(options, {"serang/a": "2026-08-04"})
    [warning] = problems.warnings
    assert warning.text("id") == (
        "schedules/serang/e.yaml:5:12: peringatan: events[0].start: masyarakat sudah diberi tahu kegiatan ini "
        "berlangsung sampai 2026-08-04; kini tertulis selesai 2025-08-04, sebelum hari ini (periksa tahun pada "
        "start dan end; bila kegiatan batal, tulis status: cancelled)")


def test_a_holiday_on_the_last_day_of_a_range_is_put_on_end(tmp_path):
    text = event_file(start="2026-08-14").replace("    hours:", "    end: 2026-08-17\n    hours:")
    assert warnings_for(tmp_path, text) == [("warn.holiday", 6, 10)]
    inside = event_file(start="2026-08-16").replace("    hours:", "    end: 2026-08-18\n    hours:")
    assert warnings_for(tmp_path / "b", inside) == [("warn.holiday", 5, 12)]


def test_event_more_than_a_year_ahead(tmp_path):
    assert warnings_for(tmp_path, event_file(start="2027-06-02")) == [("warn.far_future", 5, 12)]


def test_two_events_at_one_venue_and_time(tmp_path):
    text = event_file() + event_file(id="b", hours="11:00-14:00").split("events:\n", 1)[1]
    assert warnings_for(tmp_path, text) == [("warn.same_place_time", 13, 9)]
    apart = event_file() + event_file(id="b", hours="13:00-14:00").split("events:\n", 1)[1]
    assert warnings_for(tmp_path / "b", apart) == []


def test_geo_outside_indonesia_is_a_warning_and_swapped_coordinates_an_error(tmp_path):
    assert warnings_for(tmp_path, event_file(geo="48.85, 2.35")) == [("warn.geo_outside", 9, 12)]
    root = make_schedules(tmp_path / "b", {"serang/e.yaml": event_file(geo="106.10, -6.31")})
    _, problems = check(root)
    [error] = problems.errors
    assert (error.code, error.line, error.column) == ("geo.swapped", 9, 12)
    assert "[-6.31, 106.10]" in str(error)


def test_quota_of_zero_and_leading_zeros(tmp_path):
    assert warnings_for(tmp_path, event_file(quota="0")) == [("warn.quota_zero", 10, 12)]
    assert warnings_for(tmp_path / "b", event_file(quota="0300")) == [("integer.leading_zero", 10, 12)]


def test_hash_glued_to_a_word_is_pointed_out(tmp_path):
    assert warnings_for(tmp_path, event_file(venue="Masjid #2")) == [("yaml.comment_in_value", 8, 20)]


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    text = "\ufeff" + event_file().replace("\n", "\r\n")
    assert warnings_for(tmp_path, text) == [("file.bom", 1, 1)]


def test_check_prints_every_problem_in_indonesian_or_english(tmp_path):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    make_schedules(site, {"serang/e.yaml": event_file(hours="10:30")})
    settings = site / "pelicanconf.py"
    settings.write_text('PATH = "content"\nOUTPUT_PATH = "output"\nOUTREACH_TODAY = "2026-01-01"\n')
    out = io.StringIO()
    assert check_schedules(settings, stdout=out) == 1
    assert "schedules/serang/e.yaml:6:12: events[0].hours: jam '10:30' tidak dalam format" in out.getvalue()
    assert out.getvalue().splitlines()[-1] == "1 kesalahan, 0 peringatan, 0 kegiatan"
    out = io.StringIO()
    check_schedules(settings, lang="en", stdout=out)
    assert "events[0].hours: hours '10:30' are not HH:MM-HH:MM" in out.getvalue()
    assert out.getvalue().splitlines()[-1] == "1 errors, 0 warnings, 0 events"


def check_with_announcement(tmp_path, announcement: str) -> tuple[int, str]:
    """``invoke check`` on one event, serang/a, and one announcement (content/jadwal.md)."""
    site = tmp_path / "site"
    make_schedules(site, {"serang/e.yaml": event_file()})
    (site / "content").mkdir()
    (site / "content" / "jadwal.md").write_text(announcement)
    settings = site / "pelicanconf.py"
    settings.write_text('PATH = "content"\nOUTPUT_PATH = "output"\nOUTREACH_TODAY = "2026-01-01"\n')
    out = io.StringIO()
    return check_schedules(settings, stdout=out), out.getvalue()


def test_check_also_finds_an_announcement_naming_an_unknown_event(tmp_path):
    code, out = check_with_announcement(
        tmp_path, "Title: Jadwal\nDate: 2026-01-01\nEvents: serang/a, serang/b\n\nEvents: not a header line\n")
    assert code == 1
    assert "content/jadwal.md:3:19: Events: kegiatan 'serang/b' tidak ditemukan (maksud Anda 'serang/a'?)" in out


def test_check_reads_a_continued_events_header_as_the_build_does(tmp_path):
    code, out = check_with_announcement(
        tmp_path, "Title: Jadwal\nDate: 2026-01-01\nEvents: serang/a,\n    serang/b\n\nIsi pengumuman.\n")
    assert code == 1
    assert "content/jadwal.md:4:5: Events: kegiatan 'serang/b' tidak ditemukan" in out


def test_github_annotation_places_the_problem_on_its_line():
    item = problem("schedules/serang/a,b.yaml", 6, 12, "events[0].hours", "hours.format", value="10:30")
    line = github_annotation(item, "id")
    assert line.startswith("::error file=schedules/serang/a%2Cb.yaml,line=6,col=12,title=events[0].hours::")
    assert "jam '10%3A30'" not in line and "jam '10:30'" in line


def test_new_event_file_passes_check(tmp_path):
    root = make_schedules(tmp_path, {})
    path = write_new_event(root, NewEvent(office="serang", event_id="balai-2026", title='Paspor: "Desa" #1',
                                          type="village", start=date(2026, 8, 4), end=date(2026, 8, 6),
                                          hours="08:00-15:00", program="paspor-masuk-desa"))
    assert path.name == "2026-08-balai-2026.yaml"
    assert path.read_text().startswith("# yaml-language-server: $schema=../../schemas/schedule.schema.json")
    schedule, problems = check(root)
    assert problems.errors == [] and problems.warnings == []
    [event] = schedule.events
    assert event.entry.title == 'Paspor: "Desa" #1' and len(event.service_days) == 3
    with pytest.raises(Refused, match="sudah ada|already exists"):
        write_new_event(root, NewEvent("serang", "balai-2026", "x", "village", date(2026, 8, 4)))
    with pytest.raises(Refused):
        write_new_event(root, NewEvent("../x", "balai-2026", "x", "village", date(2026, 8, 4)))


PROJECT_PARTS = ("tasks.py", "pelicanconf.py", "publishconf.py", "schedules", "theme", "content")


def copy_project(target: Path) -> Path:
    """The parts of the project that `invoke` needs, in a folder a test may change."""
    target.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).write_bytes(source.read_bytes())
    return target


def test_invoke_new_from_arguments_then_invoke_check(tmp_path):
    project = copy_project(tmp_path / "p")
    invoke = [sys.executable, "-m", "invoke"]
    made = subprocess.run(invoke + ["new", "--office", "blitar", "--id", "desa-contoh-2027", "--title",
                                    "Imigrasi Masuk Desa", "--type", "village", "--start", "2027-01-10"],
                          cwd=project, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    checked = subprocess.run(invoke + ["check"], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 kesalahan" in checked.stdout


@pytest.mark.parametrize("change, words", [
    (("--start", "10-01-2027"), "start '10-01-2027' bukan tanggal: tulis TTTT-BB-HH"),
    (("--id", "goes-to-campus-2026"), "goes-to-campus-2026"),
    (("--type", "desa"), "'desa' bukan pilihan yang tersedia"),
    (("--end", "2027-01-05"), "2027-01-05"),
    (("--program", "tidak-ada"), "program 'tidak-ada' tidak ada di programs.yaml"),
])
def test_invoke_new_refuses_what_the_check_would_and_leaves_no_file(tmp_path, change, words):
    """It printed "Dibuat" for a file the next check refused, and a traceback for a day written 10-01-2027."""
    project = copy_project(tmp_path / "p")
    before = sorted((project / "schedules").rglob("*"))
    arguments = dict(zip(("--office", "--id", "--title", "--type", "--start"),
                         ("blitar", "desa-contoh-2027", "Imigrasi Masuk Desa", "village", "2027-01-10"), strict=True))
    arguments[change[0]] = change[1]
    command = [sys.executable, "-m", "invoke", "new", *(part for pair in arguments.items() for part in pair)]
    made = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert made.returncode != 0 and "Traceback" not in made.stderr
    assert "Tidak dibuat" in made.stderr and words in made.stderr, made.stderr
    assert sorted((project / "schedules").rglob("*")) == before


def test_invoke_build_previews_one_office_and_never_publishes_a_preview(tmp_path):
    project = copy_project(tmp_path / "p")
    invoke = [sys.executable, "-m", "invoke"]
    refused = subprocess.run(invoke + ["build", "--office", "serang", "--publish"], cwd=project,
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "pratinjau" in refused.stderr
    built = subprocess.run(invoke + ["build", "--office", "serang"], cwd=project, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "Pratinjau kantor serang" in built.stdout
    assert (project / "output" / "kantor" / "serang" / "index.html").is_file()
    assert not (project / "output" / "kantor" / "blitar").exists()


def test_committed_json_schemas_match_the_model():
    for name, text in rendered().items():
        committed = (PROJECT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `invoke schema`"


def test_schema_describes_every_event_field_with_its_rule():
    schema = json.loads(rendered()["schedule.schema.json"])
    event = schema["$defs"]["EventEntry"]
    assert set(event["required"]) == {"id", "type", "title", "start", "venue"}
    assert event["properties"]["type"]["enum"] == ["village", "majelis", "school"]
    assert event["properties"]["hours"]["anyOf"][0]["pattern"].startswith("^(\\d{2})")
    assert all(p.get("description") for p in event["properties"].values())
    assert event["additionalProperties"] is False


def test_every_sample_file_names_its_schema():
    for path in (PROJECT / "schedules").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), path


def test_publishing_to_a_folder_replaces_it_whole(tmp_path):
    built, live = tmp_path / "built", tmp_path / "live"
    built.mkdir()
    (built / "index.html").write_text("new")
    live.mkdir()
    (live / "old.html").write_text("old")
    publish_to_folder(built, live)
    assert sorted(p.name for p in live.iterdir()) == ["index.html"]
    assert not any(p.name.startswith(".live") for p in tmp_path.iterdir())


def test_a_site_over_github_pages_limit_is_refused_with_its_size_and_the_way_on(tmp_path):
    site = tmp_path / "output"
    (site / "data").mkdir(parents=True)
    (site / "index.html").write_text("<p>situs</p>")
    text = Text("id")
    assert github_pages_refusal(site, text) is None
    for name in ("kegiatan.json", "kegiatan.csv"):  # sparse: 1.2 GB as the host counts it, no disk used
        with (site / "data" / name).open("wb") as big:
            big.truncate(600_000_000)
    refusal = github_pages_refusal(site, text)
    assert refusal.startswith("Situs berukuran 1.200 MB dalam 3 berkas") and "batas GitHub Pages 1 GB" in refusal
    assert "--target" in refusal and "docs/hosting.md" in refusal


def test_publish_refuses_when_check_fails(tmp_path):
    project = copy_project(tmp_path / "p")
    bad = project / "schedules" / "serang" / "2026-12.yaml"
    bad.write_text(bad.read_text().replace('hours: "09:00-12:00"', "hours: 09:00"))
    live = tmp_path / "live"
    result = subprocess.run([sys.executable, "-m", "invoke", "publish", "--target", str(live)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Tidak diterbitkan" in result.stderr + result.stdout
    assert not live.exists()


def test_invoke_build_prints_every_warning_and_ends_with_the_build_exit_code(tmp_path):
    # The build command ends its process at once (end_process): its words, its exit code and the
    # site must come out whole all the same.
    project = copy_project(tmp_path / "p")
    events = project / "schedules" / "serang" / "2026-12.yaml"
    events.write_text(events.read_text().replace("    start: 2026-12-03\n", "    start: 2030-12-25\n", 1))
    invoke = [sys.executable, "-m", "invoke", "build"]
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    built = subprocess.run(invoke, cwd=project, capture_output=True, text=True, env=buffered)
    assert built.returncode == 0, built.stderr
    warned = [line for line in built.stderr.splitlines() if line.startswith("schedules/serang/2026-12.yaml:")]
    assert any("hari libur" in line and "Natal" in line for line in warned), built.stderr
    assert re.search(rf"^0 kesalahan, {len(warned)} peringatan, \d+ kegiatan$", built.stderr, re.M), built.stderr
    assert "Situs dibangun" in built.stdout
    page = project / "output" / "kegiatan" / "serang" / "ponpes-cikeusal-2026" / "index.html"
    before = page.read_bytes()

    events.write_text(events.read_text().replace("    start: 2030-12-25\n", "    start: 2030-12-32\n", 1))
    failed = subprocess.run(invoke, cwd=project, capture_output=True, text=True, env=buffered)
    assert failed.returncode == 1, failed.stderr
    line = events.read_text().splitlines().index("    start: 2030-12-32") + 1
    assert re.search(rf"^schedules/serang/2026-12\.yaml:{line}:\d+: ", failed.stderr, re.M), failed.stderr
    assert re.search(r"^1 kesalahan; situs sebelumnya tidak diubah\.$", failed.stderr, re.M), failed.stderr
    assert "Situs dibangun" not in failed.stdout
    assert page.read_bytes() == before
