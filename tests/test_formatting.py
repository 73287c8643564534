"""How dates, hours, zones and places read, and the links made from them (site/formatting.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import events_of

from jemput.site import formatting
from jemput.site.formatting import Formatter
from jemput.text import Text

EVENTS = """events:
  - id: sepekan
    type: village
    title: Paspor di desa
    start: 2026-08-04
    end: 2026-08-07
    hours: "08:00-15:00"
    closed: [2026-08-06, 2026-08-05]
    venue: {name: Balai Desa, village: Sukamaju, district: Cibeber, regency: Kabupaten Serang, geo: [-6.31, 106.10]}
  - id: sehari
    type: school
    title: Ke sekolah
    start: 2026-08-10
    hours: "09:30-11:00"
    timezone: Asia/Pontianak
    venue: {name: SMA Contoh, address: "Jl. Contoh 1"}
  - id: seharian
    type: majelis
    title: Di masjid
    start: 2026-08-11
    venue: {name: Masjid Raya}
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return events_of(tmp_path_factory.mktemp("f"), EVENTS)


def test_dates_read_in_indonesian_and_english(events):
    assert Formatter("id", Text("id")).dates(events["sepekan"]) == "Selasa, 4 Agustus 2026 – Jumat, 7 Agustus 2026"
    assert Formatter("id", Text("id")).dates(events["sehari"]) == "Senin, 10 Agustus 2026"
    assert Formatter("en", Text("en")).dates(events["sehari"]) == "Monday, 10 August 2026"


def test_hours_carry_the_zone_and_say_every_day_over_several_days(events):
    indonesian = Formatter("id", Text("id"))
    assert indonesian.hours(events["sepekan"]) == "setiap hari 08.00–15.00 WIB"
    assert indonesian.hours(events["sehari"]) == "09.30–11.00 WIB"  # Pontianak is WIB too
    assert indonesian.hours(events["seharian"]) == "sepanjang hari"
    assert Formatter("en", Text("en")).hours(events["sehari"]) == "9:30\u202fAM–11:00\u202fAM WIB"  # CLDR's spaces


def test_closed_days_are_listed_in_order(events):
    assert Formatter("id", Text("id")).closed(events["sepekan"]) == "Rabu, 5 Agustus 2026, Kamis, 6 Agustus 2026"


def test_a_zone_outside_indonesia_shows_its_offset(tmp_path):
    event = events_of(tmp_path, EVENTS.replace("Asia/Pontianak", "Asia/Tokyo"), OUTREACH_TIMEZONES="any")["sehari"]
    assert formatting.zone_abbreviation(event) == "UTC+09:00"


def test_place_line_runs_from_street_to_province(events):
    assert formatting.place_line(events["sepekan"]) == "Sukamaju, Cibeber, Kabupaten Serang, Banten"
    assert formatting.place_line(events["sehari"]) == "Jl. Contoh 1, Banten"


def test_machine_readable_moments_carry_the_offset(events):
    assert formatting.iso_start(events["sehari"]) == "2026-08-10T09:30+07:00"
    assert formatting.iso_start(events["seharian"]) == "2026-08-11"


def test_openstreetmap_link_only_with_coordinates(events):
    assert formatting.osm_url(events["sepekan"]) == (
        "https://www.openstreetmap.org/?mlat=-6.31&mlon=106.10#map=16/-6.31/106.10")
    assert formatting.osm_url(events["sehari"]) is None


def test_google_calendar_link_is_timed_for_one_day_and_all_day_for_a_span(events):
    one = parse_qs(urlsplit(formatting.google_calendar_url(events["sehari"], "t", "d", "l")).query)
    assert one["dates"] == ["20260810T023000Z/20260810T040000Z"] and one["ctz"] == ["Asia/Pontianak"]
    span = parse_qs(urlsplit(formatting.google_calendar_url(events["sepekan"], "t", "d", "l")).query)
    assert span["dates"] == ["20260804/20260808"]  # the end is exclusive


def test_share_and_subscribe_links():
    assert formatting.whatsapp_url("Paspor & desa\nbesok") == "https://wa.me/?text=Paspor+%26+desa%0Abesok"
    assert formatting.webcal_url("https://x.example/kalender/semua.ics") == "webcal://x.example/kalender/semua.ics"
    assert formatting.google_subscribe_url("https://x.example/a.ics") == (
        "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fx.example%2Fa.ics")
