"""The benchmark scripts run end to end on a small size (a smoke test, not a timing)."""

from __future__ import annotations

import subprocess
import sys

from helpers import PROJECT, generated_site

from jemput.schedule.validation import read_schedules
from jemput.settings import read_settings


def test_synthetic_schedules_are_valid_and_cover_the_cases(tmp_path):
    site = generated_site(300, tmp_path / "site")
    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(site / "schedules"), "OUTREACH_TODAY": "2026-06-01"})
    schedule, problems = read_schedules(options)
    assert problems.errors == []
    assert len(schedule.events) == 300 and len(schedule.offices) == 125
    assert {o.entry.timezone for o in schedule.offices} == {
        "Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"}
    assert {e.entry.type for e in schedule.events} == {"village", "majelis", "school"}
    assert {e.entry.status for e in schedule.events} == {"scheduled", "postponed", "cancelled", "full"}
    assert any(e.entry.closed for e in schedule.events)
    past = [e for e in schedule.events if e.last_day < options.today and e.entry.status in ("scheduled", "full")]
    assert 0.7 < sum(e.entry.results is not None for e in past) / len(past) < 0.95  # most past visits report
    assert not [e for e in schedule.events if e.entry.results and e.last_day >= options.today]
    assert len(list((site / "content" / "pengumuman").glob("*.md"))) == 6


def test_build_benchmark_prints_figures_and_ratios(tmp_path):
    result = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "build.py"), "--sizes", "200",
                             "--changes", "--json", str(tmp_path / "rows.json")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    header = max(i for i, line in enumerate(lines) if line.split()[:1] == ["events"] and "cold/p" in line)
    assert lines[header].split()[:7] == ["events", "cold", "s", "same", "s", "edit", "s"]
    assert lines[header + 1].split()[0] == "200"
    import json

    [figures] = json.loads((tmp_path / "rows.json").read_text())
    assert figures["files"] > 200 and figures["baseline_wall"] > 0 and figures["peak_mib"] > 0
    assert figures["warm_wall"] > 0 and figures["edit_wall"] > 0 and figures["baseline_warm_wall"] > 0
    assert figures["images"] > 0 and figures["search_files"] > 20 and figures["search_bytes"] > 0
    # Nothing changed: nothing written; one title: its visit's files and what lists it, not the site.
    assert figures["warm_written"] == 0 and 0 < figures["edit_written"] < figures["jobs"] / 5
    assert len(figures["cold_ratios"]) == len(figures["edit_ratios"]) == 1  # one pair each, without --repeat
    assert figures["cold_ratios"][0] == figures["cold_ratio"]
    assert len(figures["check_walls"]) == 3 and sorted(figures["check_walls"])[1] == figures["check_wall"]
    assert any(line.startswith("200 events, invoke check after each of 3 edits: ") for line in lines)
    kinds = figures["changes"]
    assert set(kinds) == {"title of a visit", "a visit added", "a visit cancelled", "the next day", "a fee",
                          "results of a visit", "an office's name", "a template"}
    assert all(c["code"] == 0 and c["jobs_written"] > 0 for c in kinds.values())
    assert kinds["title of a visit"]["jobs_written"] < kinds["a template"]["jobs_written"]
    table = max(i for i, line in enumerate(lines) if line.startswith("change "))
    assert lines[table + 1].startswith("title of a visit")


def test_floor_benchmark_times_each_step_and_compares_with_the_same_run(tmp_path):
    result = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "floor.py"), "--size", "200"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    steps = {}
    for line in result.stdout.splitlines():
        words = line.split()
        if len(words) > 2 and words[0] in ("read", "markdown", "icalendar", "pages", "files"):
            steps[words[0]] = float(words[1])
    assert set(steps) == {"read", "markdown", "icalendar", "pages", "files"}
    assert steps["markdown"] > 0 and steps["icalendar"] > 0 and steps["files"] > 0
    assert "Pelican, 200 plain articles (same run)" in result.stdout
    floor = float(result.stdout.split("floor ")[1].split()[0])
    build = float(result.stdout.split("Jemput cold build (same run): ")[1].split()[0])
    assert 0 < floor < build  # every step it times is part of the real build


def test_ledger_benchmark_builds_three_changes_of_every_event():
    result = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "ledger.py"), "--size", "200"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split() for line in result.stdout.splitlines() if line.split()[:1] in (["first"], ["change"])]
    assert [row[-1] for row in rows] == ["0", "200", "400", "600"]  # every event, one change a build
    assert float(rows[-1][-2]) > float(rows[0][-2]) > 0


def test_a_cold_build_starts_beside_the_previous_site_not_after_removing_it(tmp_path, monkeypatch):
    """Removing 57,000 files right before a build slowed it (ext4 passes over inodes freed in the
    last minute): the benchmark moves the old site aside instead, whole, to be removed at its end."""
    monkeypatch.syspath_prepend(str(PROJECT / "benchmarks"))
    import build as benchmark

    for number in range(2):
        (tmp_path / "output" / "kegiatan").mkdir(parents=True)
        (tmp_path / "output" / "kegiatan" / "index.html").write_text(f"site {number}")
        benchmark.set_aside(tmp_path / "output", tmp_path)
        assert not (tmp_path / "output").exists()
    kept = sorted((tmp_path / "set-aside").iterdir())
    assert [p.name for p in kept] == ["output-0", "output-1"]
    assert [(p / "kegiatan" / "index.html").read_text() for p in kept] == ["site 0", "site 1"]
    benchmark.set_aside(tmp_path / "nothing-there", tmp_path)  # a first cold build: nothing to move
    assert len(list((tmp_path / "set-aside").iterdir())) == 2
