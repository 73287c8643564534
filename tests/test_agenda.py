"""The month agenda: every service day under its date, never a closed day, cancelled visits marked."""

from __future__ import annotations

import re
from datetime import date

import pytest
from helpers import check, make_schedules, text_of

from jemput.site.agenda import agenda, agenda_span
from jemput.site.formatting import Formatter
from jemput.text import Text

EVENTS = """events:
  - id: pekan-paspor-2026
    type: village
    title: Pekan paspor di Desa Contoh
    start: 2026-12-28
    end: 2027-01-02
    closed: [2026-12-31]
    hours: "08:00-14:00"
    venue: {name: Balai Desa Contoh, regency: Kabupaten Serang}
  - id: sekolah-2026
    type: school
    title: Goes to School
    start: 2026-12-29
    hours: "07:30-10:00"
    status: cancelled
    status_note: Sekolah libur.
    venue: {name: SMA Contoh, regency: Kota Serang}
"""


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    schedule, problems = check(make_schedules(tmp_path_factory.mktemp("agenda"), {"serang/e.yaml": EVENTS}))
    assert problems.errors == []
    pages = {e.key: e for e in schedule.events}  # the agenda hands back what ``pages`` holds
    text = Text("id")
    return agenda(schedule.events, pages, (date(2026, 11, 1), date(2027, 11, 1)), date(2026, 11, 20), "agenda/{month}/",
                  "Agenda %(month)s", Formatter("id", text), "id")


def days_of(month) -> dict[date, list[str]]:
    return {day.day: [event.id for event in day.pages] for day in month.days}


def test_a_multi_day_visit_stands_on_every_day_it_serves_and_never_on_a_closed_day(months):
    assert [m.name for m in months] == ["November 2026", "Desember 2026", "Januari 2027"]
    december, january = days_of(months[1]), days_of(months[2])
    assert list(december) == [date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30)]
    assert date(2026, 12, 31) not in december
    assert list(january) == [date(2027, 1, 1), date(2027, 1, 2)]
    assert december[date(2026, 12, 29)] == ["sekolah-2026", "pekan-paspor-2026"]  # opening 07.30 first
    assert months[1].days[0].label == "Senin, 28 Desember 2026"


def test_the_agenda_stops_so_many_months_ahead():
    assert agenda_span(date(2026, 11, 20), 30, 12) == (date(2026, 10, 1), date(2027, 12, 1))
    assert agenda_span(date(2026, 1, 5), 30, 1) == (date(2025, 12, 1), date(2026, 3, 1))


def test_visits_beyond_the_span_are_left_to_the_listings(tmp_path):
    schedule, problems = check(make_schedules(tmp_path, {"serang/e.yaml": EVENTS}))
    pages = {e.key: e for e in schedule.events}
    months = agenda(schedule.events, pages, (date(2026, 11, 1), date(2027, 1, 1)), date(2026, 11, 20),
                    "agenda/{month}/", "Agenda %(month)s", Formatter("id", Text("id")), "id")
    assert [m.name for m in months] == ["November 2026", "Desember 2026"]


def test_months_follow_one_another_and_an_empty_month_is_kept(months):
    november, december, january = months
    assert november.days == () and november.previous is None
    assert (november.next, december.previous) == (("agenda/2026-12/", "Desember 2026"),
                                                   ("agenda/2026-11/", "November 2026"))
    assert january.next is None and january.heading == "Agenda Januari 2027"
    # the empty month (where "this month" lands) points to where the next visits are
    assert november.ahead == ("agenda/2026-12/", "Desember 2026") and december.ahead is None


def test_the_home_page_and_every_page_lead_to_this_month_and_offices_have_their_own(sample):
    home = (sample / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(\./)?agenda/">Agenda bulan ini</a>', home)
    this_month = (sample / "agenda/index.html").read_text(encoding="utf-8")
    assert "<h1>Agenda November 2026</h1>" in this_month
    assert '<link rel="canonical" href="https://jemput.example.go.id/agenda/2026-11/">' in this_month
    month = (sample / "agenda/2026-11/index.html").read_text(encoding="utf-8")
    assert text_of(this_month.split("<main")[1]) == text_of(month.split("<main")[1])
    assert "Tidak ada kegiatan pada bulan ini. Kegiatan berikutnya: Desember 2026" in text_of(this_month)
    office = (sample / "kantor/serang/index.html").read_text(encoding="utf-8")
    assert 'kantor/serang/agenda/">' in office
    office_month = (sample / "kantor/serang/agenda/index.html").read_text(encoding="utf-8")
    assert "Agenda Kantor Imigrasi Kelas I Non TPI Serang, November 2026" in office_month
    for month in ("2026-10", "2026-11", "2026-12"):
        assert (sample / f"kantor/serang/agenda/{month}/index.html").is_file()
    assert (sample / "kantor/blitar/agenda/2026-11/index.html").is_file()  # nothing ahead: still there


def test_the_sample_agenda_marks_a_cancelled_visit_and_repeats_a_three_day_one(sample):
    december = (sample / "agenda/2026-12/index.html").read_text(encoding="utf-8")
    served = re.findall(r'<h2 id="h-(2026-12-\d\d)">', december)
    for day in ("2026-12-07", "2026-12-08", "2026-12-09"):  # Masjid Raya Contoh, 7 to 9 December
        section = december.split(f'id="h-{day}"')[1].split("</section>")[0]
        assert "masjid-raya-2026" in section
    assert served == sorted(served) and len(served) >= 5
    cancelled = december.split('id="h-2026-12-12"')[1].split("</section>")[0]
    assert 'class="cancelled"' in cancelled and "Dibatalkan" in text_of(cancelled)
    assert "<script" not in december
