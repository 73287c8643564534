"""Listings: which events each page lists, in what order, under what heading (site/listings.py)."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
from helpers import PROGRAMS, check, make_schedules

from jemput.settings import URL_PATTERNS
from jemput.site.listings import build_listings, program_progress, slug
from jemput.text import Text

EVENT = """  - id: {id}
    type: {type}
    title: Kegiatan {id}
    program: paspor-masuk-desa
    start: {start}
    status: {status}
    venue: {{name: {venue}, regency: {regency}{province}}}
"""


def event(id, start, type="village", status="scheduled", venue="Balai Desa", regency="Kabupaten Serang",
          province=""):
    return EVENT.format(id=id, type=type, start=start, status=status, venue=venue, regency=regency,
                        province=f", province: {province}" if province else "")


@pytest.fixture(scope="module")
def schedule(tmp_path_factory):
    text = "events:\n" + "".join([
        event("lama", "2026-05-01"), event("baru-lewat", "2026-06-20", venue="Masjid A"),
        event("besok", "2026-07-02", type="school", venue="SMA"),
        event("lusa", "2026-07-03", regency="Kota Bandung", province="Jawa Barat", venue="Aula"),
        event("batal", "2026-06-25", status="cancelled", venue="Pasar"),
    ])
    programs = PROGRAMS + "    target: {places: 5, by: 2026-12-31}\n"
    root = make_schedules(tmp_path_factory.mktemp("l"), {"serang/e.yaml": text, "programs.yaml": programs})
    schedule, problems = check(root)
    assert problems.errors == []
    return schedule


TODAY = date(2026, 7, 1)


def listings(schedule, lang="id"):
    return build_listings(schedule, TODAY, URL_PATTERNS, Text(lang))


def ids(listing):
    return [e.id for e in listing.events]


def test_upcoming_soonest_first_then_past_newest_first(schedule):
    [office] = listings(schedule)["office"]
    assert ids(office) == ["besok", "lusa", "batal", "baru-lewat", "lama"]
    assert office.upcoming_count == 2
    assert ids(listings(schedule)["upcoming"][0]) == ["besok", "lusa"]
    assert ids(listings(schedule)["past"][0]) == ["batal", "baru-lewat", "lama"]


def test_regions_group_by_the_venue_province_else_the_office_province(schedule):
    found = listings(schedule)
    assert [(p.name, p.url) for p in found["province"]] == [
        ("Banten", "wilayah/banten/"), ("Jawa Barat", "wilayah/jawa-barat/")]
    regencies = {r.key: (ids(r), r.parent_url) for r in found["regency"]}
    assert regencies["jawa-barat/kota-bandung"] == (["lusa"], "wilayah/jawa-barat/")
    assert len(regencies["banten/kabupaten-serang"][0]) == 4


def test_each_listing_carries_its_heading_in_the_site_language(schedule):
    indonesian, english = listings(schedule), listings(schedule, "en")
    assert indonesian["office"][0].heading == "Jadwal Kantor Imigrasi Kelas I Non TPI Serang"
    assert indonesian["province"][0].heading == "Jadwal di Banten"
    assert english["province"][0].heading == "Visits in Banten"
    assert [t.heading for t in indonesian["type"]] == ["Sekolah dan kampus", "Kunjungan desa"]
    assert indonesian["upcoming"][0].heading == "Jadwal layanan mendatang"


def test_program_progress_counts_distinct_places_held_and_planned(schedule):
    [program] = schedule.programs
    progress = program_progress(program, schedule.events, TODAY)
    # Held: Balai Desa and Masjid A (the cancelled market does not count); planned: SMA and Aula.
    assert (progress.places_done, progress.places_planned, progress.target) == (2, 2, 5)


def test_program_progress_counts_a_place_once_a_visit_there_was_held_not_when_postponed_or_under_way(tmp_path):
    """A place is served when its visit is over (or reported), not when a postponed or running one began."""
    text = "events:\n" + "".join([
        event("ditunda", "2026-06-10", status="postponed", venue="Balai Ditunda"),
        event("berjalan", "2026-06-30", venue="Masjid Berjalan").replace(
            "    start: 2026-06-30\n", "    start: 2026-06-30\n    end: 2026-07-03\n"),
        event("selesai", "2026-06-20", venue="Aula Selesai"),
    ])
    root = make_schedules(tmp_path, {"serang/e.yaml": text,
                                     "programs.yaml": PROGRAMS + "    target: {places: 77, by: 2026-12-31}\n"})
    schedule, problems = check(root)
    assert problems.errors == []
    [program] = schedule.programs
    progress = program_progress(program, schedule.events, TODAY)
    assert (progress.places_done, progress.places_planned) == (1, 2)
    assert program_progress(program, schedule.events, date(2026, 7, 4)).places_done == 2  # the running one ended


def test_slugs_are_ascii_and_never_empty():
    assert slug("Jawa Timur") == "jawa-timur"
    assert slug("Daerah Istimewa Yogyakarta ") == "daerah-istimewa-yogyakarta"
    assert slug("Bali / Nusa Tenggara") == "bali-nusa-tenggara"
    assert slug("مسجد") == "lain"


def test_a_visit_s_entry_is_made_once_per_heading_and_siteurl_and_shown_everywhere_alike(built_site):
    from jinja2 import Environment

    from jemput.site.theme import remembered_card

    made = []
    env = Environment(autoescape=True)
    env.globals["remembered_card"] = remembered_card
    template = env.from_string("{% macro item(page, heading) %}<{{ heading }}><a href='{{ SITEURL }}/x'>"
                               "{{ made.append(1) or '' }}</a>{% endmacro %}{{ remembered_card(item, page, h) }}")
    page = SimpleNamespace(cards={})
    shown = [template.render(SITEURL=siteurl, page=page, h=heading, made=made)
             for siteurl, heading in [("..", "h3"), ("..", "h3"), ("../..", "h3"), ("..", "h2"), ("..", "h3")]]
    assert len(made) == 3
    assert shown[0] == shown[1] == shown[4] == "<h3><a href='../x'></a>"
    assert shown[2] == "<h3><a href='../../x'></a>" and shown[3] == "<h2><a href='../x'></a>"

    # On the built site, a visit's entry is the same in every listing at the same depth.
    entries = {}
    for listing in ("kantor/serang/index.html", "jenis/village/index.html", "kegiatan/index.html"):
        path = built_site.output / listing
        if path.is_file():
            for entry in re.findall(r'<article class="card[^"]*">.*?</article>', path.read_text(), re.S):
                link = re.search(r'href="([^"]+)"', entry).group(1)
                entries.setdefault((listing.count("/"), link.rsplit("/", 2)[-2]), set()).add(
                    re.sub(r"<(/?)h[23]>", r"<\1h>", entry))
    assert entries and all(len(found) == 1 for found in entries.values()), entries


def test_a_count_of_coming_visits_leaves_out_those_called_off_or_postponed(tmp_path):
    """"1 kegiatan mendatang" for a regency whose only visit is cancelled sends people to nothing."""
    text = "events:\n" + "".join([
        event("besok", "2026-07-02"),
        event("batal", "2026-07-05", status="cancelled", regency="Kota Bandung", province="Jawa Barat"),
        event("tunda", "2026-07-06", status="postponed", regency="Kota Bandung", province="Jawa Barat"),
        event("penuh", "2026-07-07", status="full", regency="Kota Bandung", province="Jawa Barat", venue="Aula"),
    ])
    root = make_schedules(tmp_path, {"serang/e.yaml": text})
    schedule, problems = check(root)
    assert problems.errors == []
    regencies = {listing.name: listing for listing in listings(schedule)["regency"]}
    bandung, serang = regencies["Kota Bandung"], regencies["Kabupaten Serang"]
    assert (bandung.upcoming_count, bandung.going_ahead) == (3, 1)  # the full one still takes place
    assert (serang.upcoming_count, serang.going_ahead) == (1, 1)
