"""Results of visits: written after a visit, refused where they cannot be, counted and shown."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import lxml.html
import pytest
import yaml
from helpers import check, files_of, make_schedules, sample_editor_site, text_of
from icalendar import Calendar
from lxml import etree

from jemput.editor import config as editor_config
from jemput.schedule.json_schema import rendered
from jemput.text import Text

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
    message = str(problems.errors[0])
    assert "2026-01-02" in message and "mulai hari terakhir, begitu layanan hari itu selesai" in message


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
    assert located(problems.errors) == [
        ("results.service_not_offered", 12, 9, "events[0].results.served.penggantian-paspr")]
    assert "paspor-baru" in str(problems.errors[0])


def test_negative_and_fractional_counts_are_refused_at_their_value(tmp_path):
    for bad, words in (("-3", "'-3' kurang dari nol (tulis 0 atau lebih"), ("1.5", "bukan bilangan bulat"),
                       ("banyak", "bukan bilangan bulat")):
        results = RESULTS.replace("attendees: 60", f"attendees: {bad}")
        _, problems = checked(tmp_path / bad.replace(".", "_"), results=results)
        assert [(p.line, p.column, p.field) for p in problems.errors] == [(13, 18, "events[0].results.attendees")]
        assert words in str(problems.errors[0])


def test_a_count_of_results_with_a_leading_zero_is_pointed_out_as_a_quota_is(tmp_path):
    results = RESULTS.replace("paspor-baru: 143", "paspor-baru: 0143").replace("attendees: 60", "attendees: 060")
    schedule, problems = checked(tmp_path, results=results)
    assert problems.errors == [] and schedule.events[0].entry.results.served_total == 143
    assert [(p.code, p.field) for p in problems.warnings] == [
        ("integer.leading_zero", "events[0].results.served.paspor-baru"),
        ("integer.leading_zero", "events[0].results.attendees")]
    assert "'0143' dibaca sebagai angka 143" in " ".join(map(str, problems.warnings))


def test_a_results_link_must_be_https_as_every_other_link(tmp_path):
    results = RESULTS + "      link: http://serang.example.go.id/berita\n"
    _, problems = checked(tmp_path, results=results)
    assert [(p.code, p.field) for p in problems.errors] == [("url.not_https", "events[0].results.link")]


def test_results_under_defaults_are_refused_where_written_in_check_schema_and_form(tmp_path):
    """Results written once for a whole file would count the same people at every visit of it."""
    visit = VISIT.format(start="2025-12-01", end="2025-12-05", status="scheduled", results="")
    root = make_schedules(tmp_path, {"services.yaml": SERVICES,
                                     "serang/2025.yaml": "defaults:\n  results:\n    attendees: 200\n" + visit})
    schedule, problems = check(root)
    assert located(problems.errors) == [("defaults.own_field", 2, 3, "defaults.results")]
    assert "'results' milik satu kegiatan, bukan bagian defaults" in str(problems.errors[0])
    assert "pindahkan results: ke bawah kegiatan" in str(problems.errors[0])
    defaults = json.loads(rendered()["schedule.schema.json"])["properties"]["defaults"]["properties"]
    assert "results" not in defaults and "id" not in defaults and "status" in defaults
    config = yaml.safe_load(editor_config.config_text(sample_editor_site(), Text("id")))
    schedule_form = next(c for c in config["collections"] if c["name"] == "jadwal-serang")["fields"]
    shared = next(f for f in schedule_form if f["name"] == "defaults")["fields"]
    assert {"results", "id"}.isdisjoint(f["name"] for f in shared) and "status" in [f["name"] for f in shared]


def test_results_that_say_nothing_are_refused(tmp_path):
    _, problems = checked(tmp_path, results="    results: {link: \"https://serang.example.go.id/berita\"}\n")
    assert [p.code for p in problems.errors] == ["results.empty"]


def test_results_left_empty_in_the_form_are_no_results(tmp_path):
    schedule, problems = checked(tmp_path, results="    results: {served: {paspor-baru: ''}, note: ''}\n")
    assert problems.errors == []
    assert [e.entry.results for e in schedule.events] == [None]


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


def test_a_tally_made_of_each_visits_share_is_the_tally_of_the_visits(tmp_path):
    """Listing pages sum what each visit adds (``contribution``) rather than count its visits again."""
    from datetime import date

    from jemput.site.results import contribution, tally, tally_of

    visits = "".join(VISIT.format(start=start, end=end, status=status, results=results).removeprefix("events:\n")
                     .replace("desa-2025", f"desa-{number}")
                     for number, (start, end, status, results) in enumerate([
                         ("2025-12-01", "2025-12-05", "scheduled", RESULTS),
                         ("2025-11-01", "2025-11-02", "scheduled", ""), ("2025-10-01", "2025-10-01", "cancelled", ""),
                         ("2025-09-01", "2025-09-01", "postponed", ""), ("2026-03-01", "2026-03-02", "scheduled", ""),
                         ("2025-08-01", "2025-08-01", "full", RESULTS)]))
    root = make_schedules(tmp_path, {"services.yaml": SERVICES, "serang/2025.yaml": "events:\n" + visits})
    schedule, problems = check(root)
    assert problems.errors == [] and len(schedule.events) == 6
    today = date(2026, 1, 10)
    shares = [contribution(event, today) for event in schedule.events]
    assert tally_of(shares) == tally(schedule.events, today)
    assert tally_of(shares).values() == (3, 2, 1, 1, 286, 120)
    assert tally_of([]) == tally([], today)


def test_a_visit_called_off_counts_once_its_day_has_come_so_totals_are_the_sums_of_their_years(tmp_path):
    """A visit of next year postponed today was in the all-time totals but in no year of the table."""
    from datetime import date

    from jemput.site.results import figures, tally

    visits = "".join(VISIT.format(start=start, end=end, status=status, results="").removeprefix("events:\n")
                     .replace("desa-2025", f"desa-{number}")
                     for number, (start, end, status) in enumerate([
                         ("2025-12-01", "2025-12-01", "cancelled"), ("2027-01-20", "2027-01-20", "postponed")]))
    root = make_schedules(tmp_path, {"services.yaml": SERVICES, "serang/2025.yaml": "events:\n" + visits})
    schedule, problems = check(root)
    assert problems.errors == [] and len(schedule.events) == 2
    for today, postponed in ((date(2026, 11, 22), 0), (date(2027, 1, 20), 1)):
        assert (tally(schedule.events, today).cancelled, tally(schedule.events, today).postponed) == (1, postponed)
        found = figures(list(schedule.events), today, str, str)
        assert found.total.values() == tuple(map(sum, zip(*(row.tally.values() for row in found.years), strict=True)))


def test_the_years_run_without_gaps_from_the_first_to_this_one(tmp_path):
    from datetime import date

    from jemput.site.results import figures

    visits = "".join(VISIT.format(start=start, end=start, status="scheduled", results=RESULTS)
                     .removeprefix("events:\n").replace("desa-2025", f"desa-{number}")
                     for number, start in enumerate(["2022-08-04", "2024-08-04"]))
    root = make_schedules(tmp_path, {"services.yaml": SERVICES, "serang/2025.yaml": "events:\n" + visits})
    schedule, problems = check(root)
    assert problems.errors == []
    found = figures(list(schedule.events), date(2026, 11, 22), str, str)
    assert [(row.label, row.tally.held) for row in found.years] == [
        ("2026", 0), ("2025", 0), ("2024", 1), ("2023", 0), ("2022", 1)]


def test_a_kind_or_province_whose_visits_were_all_called_off_is_no_row_of_zeros(tmp_path):
    """The charts by kind and by province show what was held and served; a called-off kind adds only 0."""
    from datetime import date

    from jemput.site.results import figures

    held = VISIT.format(start="2025-08-04", end="2025-08-04", status="scheduled", results=RESULTS)
    called_off = (VISIT.format(start="2025-09-04", end="2025-09-04", status="cancelled", results="")
                  .removeprefix("events:\n").replace("desa-2025", "sekolah-2025").replace("village", "school"))
    root = make_schedules(tmp_path, {"services.yaml": SERVICES, "serang/2025.yaml": held + called_off})
    schedule, problems = check(root)
    assert problems.errors == [] and len(schedule.events) == 2
    found = figures(list(schedule.events), date(2026, 11, 22), str, str)
    assert [(row.key, row.tally.held) for row in found.kinds] == [("village", 1)]
    assert [(row.key, row.tally.held) for row in found.provinces] == [("Banten", 1)]
    assert found.total.cancelled == 1  # still counted, in the totals and in its year
    assert [row.tally.cancelled for row in found.years if row.key == "2025"] == [1]


# On the pages, in the feeds, in open data -----------------------------------------------------

PAMERAN = "kegiatan/serang/pameran-2022/"
PAMERAN_RESULTS = """    results:
      attendees: 1250
      note: Dikunjungi pelajar. <script>alert("z")</script>
      link: https://serang.example.go.id/berita/pameran
"""


@pytest.fixture
def reported(site):
    """The test site built, then built again a day later with the results of a past visit."""
    assert site.build()[0] == 0
    site.edit("schedules/serang/events.yaml", '      region_code: "36.04.05.2001"\n',
              '      region_code: "36.04.05.2001"\n' + PAMERAN_RESULTS)
    code, err = site.build(OUTREACH_NOW="2026-12-02T08:00:00+07:00")
    assert code == 0, err
    return site


def test_a_visits_results_show_on_its_page_the_indonesian_way_and_escaped(reported):
    page = reported.page(PAMERAN + "index.html")
    text = text_of(page)
    assert "Hasil kegiatan" in text and "1.250 orang" in text and "Dikunjungi pelajar." in text
    assert "<script>" not in page and 'href="https://serang.example.go.id/berita/pameran"' in page
    assert "Hasil kegiatan diterbitkan: 1.250 peserta" in text  # its history tells of them


def test_results_change_no_calendar_entry_and_no_schedule_change(reported):
    calendar = Calendar.from_ical((reported.output / PAMERAN / "pameran-2022.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert int(event["SEQUENCE"]) == 0
    changes = feedparser.parse((reported.output / "feeds/perubahan.atom.xml").read_bytes())
    assert not [e for e in changes.entries if "pameran" in e.link]
    rows = list(csv.DictReader(io.StringIO((reported.output / "data/perubahan.csv").read_text(encoding="utf-8"))))
    assert not [row for row in rows if row["field"] == "results"]


def test_the_results_feed_says_when_an_office_published_them(reported):
    for name in ("feeds/hasil.atom.xml", "feeds/hasil/serang.atom.xml", "feeds/hasil.rss.xml"):
        parsed = feedparser.parse((reported.output / name).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        [entry] = parsed.entries
        assert entry.link.endswith(PAMERAN + "#hasil") and "1.250" in entry.summary
        assert "<script" not in entry.summary
    atom = feedparser.parse((reported.output / "feeds/hasil.atom.xml").read_bytes())
    assert atom.entries[0].updated == "2026-12-02T01:00:00+00:00"
    assert feedparser.parse((reported.output / "feeds/hasil/makassar.atom.xml").read_bytes()).entries == []


def test_open_data_gains_the_results_at_the_end(reported):
    data = json.loads((reported.output / "data/kegiatan.json").read_text(encoding="utf-8"))
    assert data["fields"][-7:] == ["people_served", "attendees", "served", "results_note", "results_link",
                                   "results_published", "results_updated"]
    [record] = [r for r in data["events"] if r["key"] == "serang/pameran-2022"]
    assert (record["attendees"], record["people_served"], record["results_published"]) == (
        1250, None, "2026-12-02T01:00:00+00:00")
    rows = list(csv.DictReader(io.StringIO((reported.output / "data/kegiatan.csv").read_text(encoding="utf-8"))))
    [row] = [r for r in rows if r["key"] == "serang/pameran-2022"]
    assert list(row)[-7:] == data["fields"][-7:] and row["attendees"] == "1250"
    assert row["results_published"] == row["results_updated"] == "2026-12-02T01:00:00+00:00"  # not corrected


def test_a_correction_keeps_the_date_to_cite_and_updates_the_feed_entry(reported):
    """Journalists cite when results were first published: a correction a week later is told in the
    visit's history and updates its feed entry, and moves neither that date nor the entry's own."""
    page = text_of(reported.page(PAMERAN + "index.html"))
    assert "Hasil diterbitkan Rabu, 2 Desember 2026" in page
    reported.edit("schedules/serang/events.yaml", "attendees: 1250", "attendees: 1320")
    code, err = reported.build(OUTREACH_NOW="2026-12-09T08:00:00+07:00")
    assert code == 0, err
    page = text_of(reported.page(PAMERAN + "index.html"))
    assert "Hasil diterbitkan Rabu, 2 Desember 2026" in page
    assert "Hasil kegiatan dikoreksi dari 1.250 peserta menjadi 1.320 peserta" in page
    [entry] = feedparser.parse((reported.output / "feeds/hasil.atom.xml").read_bytes()).entries
    assert (entry.published, entry.updated) == ("2026-12-02T01:00:00+00:00", "2026-12-09T01:00:00+00:00")
    assert "1.320 peserta." in entry.summary
    [record] = [r for r in json.loads((reported.output / "data/kegiatan.json").read_text(encoding="utf-8"))["events"]
                if r["key"] == "serang/pameran-2022"]
    assert (record["attendees"], record["results_published"], record["results_updated"]) == (
        1320, "2026-12-02T01:00:00+00:00", "2026-12-09T01:00:00+00:00")


# The sample's statistics, read back --------------------------------------------------------------

def sample_records(sample):
    return json.loads((sample / "data/kegiatan.json").read_text(encoding="utf-8"))


def held(record, today):
    return record["status"] in ("scheduled", "full") and (record["end"] < today or record["results_published"])


def table_rows(table) -> dict[str, list[int]]:
    """A table of figures as {row heading: [numbers]}, the Indonesian thousands dot read back."""
    return {row.find("th").text_content().strip(): [int(td.text_content().replace(".", "")) for td in row.findall("td")]
            for row in table.find("tbody").findall("tr")}


def test_the_sample_statistics_page_gives_the_open_data_totals_per_office(sample):
    data = sample_records(sample)
    today, year = data["today"], data["today"][:4]
    expected = {}
    for record in data["events"]:
        if held(record, today) and record["end"][:4] == year:
            figures = expected.setdefault(record["office_id"], [0, 0, 0, 0])
            figures[0] += 1
            figures[1] += record["results_published"] is not None
            figures[2] += record["people_served"] or 0
            figures[3] += record["attendees"] or 0
    page = lxml.html.fromstring((sample / "statistik/index.html").read_bytes())
    [table] = page.xpath("//section[@aria-labelledby='per-kantor']//table")
    offices = [link.get("href").split("/")[-3] for link in table.xpath(".//tbody//th/a")]  # ../kantor/<id>/statistik/
    shown = {office: figures for office, figures in zip(offices, table_rows(table).values(), strict=True)
             if figures != [0, 0, 0, 0]}
    assert shown == expected and sum(f[2] for f in expected.values()) > 0
    rows = list(csv.DictReader(io.StringIO((sample / "data/kegiatan.csv").read_text(encoding="utf-8"))))
    assert sum(int(r["people_served"] or 0) for r in rows) == sum(r["people_served"] or 0 for r in data["events"])


def test_visits_called_off_ahead_are_said_to_be_not_counted_yet(sample):
    """A public call-off counts from its day: until then the page says so, rather than a bare 0."""
    data = sample_records(sample)
    ahead = sum(1 for r in data["events"] if r["status"] in ("cancelled", "postponed") and r["start"] > data["today"])
    text = text_of((sample / "statistik/index.html").read_text(encoding="utf-8"))
    assert ahead > 0 and f"Belum dihitung: {ahead} kegiatan mendatang yang sudah dibatalkan atau ditunda" in text


def test_each_chart_has_its_title_and_one_mark_per_figure_of_its_table(sample):
    for name in ("statistik/index.html", "kantor/serang/statistik/index.html"):
        page = lxml.html.fromstring((sample / name).read_bytes())
        sections = page.xpath("//section[contains(@class, 'chart-block')]")
        assert len(sections) >= 4
        for section in sections:
            svg = etree.fromstring(etree.tostring(section.xpath(".//svg")[0]))
            [title] = svg.xpath("./*[local-name()='title']")
            assert title.text == section.find("h2").text_content()
            marks = svg.xpath(".//*[local-name()='rect'][@class='bar']")
            rows = table_rows(section.find(".//table"))
            assert len(marks) == len(rows) > 0


def test_the_year_summary_links_each_visit_and_dates_the_figures(sample):
    text = text_of((sample / "kantor/serang/statistik/2026/index.html").read_text(encoding="utf-8"))
    assert "Angka per Minggu, 22 November 2026" in text
    assert "Oktober 2026" in text and "Paspor Masuk Desa di Balai Desa Cikande (contoh)" in text
    assert "Orang dilayani: 155" in text and "Peserta: 200" in text
    page = (sample / "kantor/serang/statistik/2026/index.html").read_text(encoding="utf-8")
    assert 'href="../../../../kegiatan/serang/balai-desa-cikande-2026/"' in page
    assert "setiap kegiatan. Grafik dan tabel" in text  # two sentences, not "kegiatan.Grafik"


def test_a_program_counts_places_with_published_results_and_says_its_target_day_is_past(sample):
    text = text_of((sample / "program/paspor-masuk-desa/index.html").read_text(encoding="utf-8"))
    assert re.search(r"Hasil sudah terbit untuk \d+ tempat di antaranya", text)
    assert "Batas target Sabtu, 31 Desember 2022 sudah lewat" in text  # today is 22 November 2026
    office = text_of((sample / "kantor/serang/index.html").read_text(encoding="utf-8"))
    assert ("Hasil sejak 2022: 3 kegiatan terlaksana, 3 di antaranya sudah terbit hasilnya: 406 orang "
            "dilayani, 200 peserta.") in office


def test_figures_are_dated_by_the_day_they_describe_and_say_how_many_visits_reported(reported):
    """A journalist quotes figures by their date: the build's day, which they describe (a visit ends, a
    call-off's day comes, results are corrected or a visit withdrawn on any day), not the newest results'."""
    statistics = "kantor/serang/statistik/index.html"
    assert "Angka per Selasa, 1 Desember 2026" in text_of(reported.page(statistics))  # today of the test site
    # By 20 December the school visit of the 5th counts as held (without results) and the village visit
    # called off for the 10th as cancelled: the figures of the 20th are not those of any earlier day.
    assert reported.build(OUTREACH_TODAY="2026-12-20")[0] == 0
    text = text_of(reported.page(statistics))
    assert "Angka per Minggu, 20 Desember 2026" in text
    page = lxml.html.fromstring(reported.page(statistics))
    [held, with_results] = [int(dd.text_content()) for dd in page.xpath("//dl[@class='totals']/div/dd")[:2]]
    assert (held, with_results) == (1, 0)  # this year's one visit held has no results
    office = text_of(reported.page("kantor/serang/index.html"))
    assert "Hasil sejak 2022: 3 kegiatan terlaksana, 1 di antaranya sudah terbit hasilnya: 0 orang " \
           "dilayani, 1.250 peserta." in office


def test_a_build_refuses_results_before_the_visit_and_leaves_the_site_as_it_was(site):
    assert site.build()[0] == 0
    before = files_of(site.output)
    site.edit("schedules/serang/events.yaml", '    contact: "WhatsApp 0812-0000-0000"\n',
              '    contact: "WhatsApp 0812-0000-0000"\n    results:\n      attendees: 40\n')
    code, err = site.build()
    assert code != 0
    assert "schedules/serang/events.yaml:35:5: events[2].results: kegiatan ini belum selesai (hari terakhirnya" in err
    assert files_of(site.output) == before
