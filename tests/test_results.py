"""Results of visits: written after a visit, refused where they cannot be, counted and shown."""

from __future__ import annotations

from helpers import check, make_schedules

VISIT = """events:
  - id: desa-2025
    type: village
    title: Paspor Masuk Desa
    start: {start}
    end: {end}
    venue: {{name: Balai Desa}}
    services: [paspor-baru]
    status: {status}
{results}"""

SERVICES = """services:
  - id: paspor-baru
    name: Paspor baru
  - id: penggantian-paspor
    name: Penggantian paspor
"""

RESULTS = """    results:
      served:
        paspor-baru: 143
      attendees: 60
      note: Banyak calon jemaah umrah.
"""


def checked(tmp_path, results=RESULTS, start="2025-12-01", end="2025-12-05", status="scheduled", **settings):
    visit = VISIT.format(start=start, end=end, status=status, results=results)
    root = make_schedules(tmp_path, {"services.yaml": SERVICES, "serang/2025.yaml": visit})
    return check(root, **settings)


def located(problems):
    return [(p.code, p.line, p.column, p.field) for p in problems]


def test_results_of_a_past_visit_are_read(tmp_path):
    schedule, problems = checked(tmp_path)
    assert problems.errors == [] and problems.warnings == []
    results = schedule.events[0].entry.results
    assert (results.served, results.attendees, results.served_total) == ({"paspor-baru": 143}, 60, 143)


def test_results_before_the_visit_ended_are_an_error_at_results(tmp_path):
    _, problems = checked(tmp_path, start="2025-12-30", end="2026-01-02")
    assert located(problems.errors) == [("results.not_ended", 10, 5, "events[0].results")]
    assert "2026-01-02" in str(problems.errors[0]) and "setelah hari terakhir" in str(problems.errors[0])


def test_results_on_the_last_day_are_accepted(tmp_path):
    _, problems = checked(tmp_path, start="2025-12-30", end="2026-01-01")
    assert problems.errors == []


def test_results_of_a_cancelled_or_postponed_visit_are_an_error(tmp_path):
    for status in ("cancelled", "postponed"):
        _, problems = checked(tmp_path / status, status=status)
        assert located(problems.errors) == [("results.not_held", 10, 5, "events[0].results")]
        assert status in str(problems.errors[0])


def test_a_service_the_visit_did_not_offer_is_an_error_at_its_key(tmp_path):
    results = RESULTS.replace("paspor-baru: 143", "penggantian-paspr: 3")
    _, problems = checked(tmp_path, results=results)
    assert located(problems.errors) == [("results.service_not_offered", 12, 9, "events[0].results.served.penggantian-paspr")]
    assert "paspor-baru" in str(problems.errors[0])


def test_negative_and_fractional_counts_are_refused_at_their_value(tmp_path):
    for bad in ("-3", "1.5", "banyak"):
        _, problems = checked(tmp_path / bad.replace(".", "_"), results=RESULTS.replace("attendees: 60", f"attendees: {bad}"))
        assert [(p.line, p.column, p.field) for p in problems.errors] == [(13, 18, "events[0].results.attendees")]
        assert "bukan bilangan bulat" in str(problems.errors[0])


def test_results_that_say_nothing_are_refused(tmp_path):
    _, problems = checked(tmp_path, results="    results: {}\n")
    assert [p.code for p in problems.errors] == ["results.empty"]


def test_a_visit_long_over_without_results_is_a_warning_never_an_error(tmp_path):
    _, problems = checked(tmp_path, results="", start="2025-11-01", end="2025-11-03")
    assert problems.errors == []
    assert located(problems.warnings) == [("warn.results_missing", 6, 10, "events[0].end")]
    assert "14 hari" in str(problems.warnings[0])
    _, problems = checked(tmp_path / "recent", results="", start="2025-12-20", end="2025-12-22")
    assert problems.warnings == []  # within the fourteen days
    _, problems = checked(tmp_path / "old", results="", start="2025-11-01", end="2025-11-03",
                          OUTREACH_RESULTS_SINCE="2025-12-01")
    assert problems.warnings == []  # the archive from before the office reported results
    _, problems = checked(tmp_path / "cancelled", results="", start="2025-11-01", end="2025-11-03", status="cancelled")
    assert problems.warnings == []
