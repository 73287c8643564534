"""Search with Pagefind: a bundle per quarter made by the build; Chromium finds a village, finds visits
of several years in one query, and filters narrow across bundles."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from datetime import date
from types import SimpleNamespace

import pytest
from helpers import PROJECT, serve

from jemput.commands.build import build_site
from jemput.publish.search import PagefindError, PagefindService, bundles, indexed_part, reproducible

RESULT = ".pagefind-ui__result-link"


@pytest.fixture(scope="module")
def search_page(browser, sample_url):
    page = browser.new_page(viewport={"width": 360, "height": 900})
    page.goto(f"{sample_url}/cari/")
    yield page
    page.close()


def results(page, query: str) -> list[str]:
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    page.wait_for_selector(RESULT, timeout=10_000)
    page.wait_for_timeout(500)  # the list settles after the last keystroke
    return [link.get_attribute("href") for link in page.locator(RESULT).all()]


def test_each_quarter_of_visits_is_a_bundle_and_every_event_page_is_in_one(sample):
    bundles = sorted(p.name for p in (sample / "pagefind").iterdir())
    assert bundles == ["2022-q3", "2024-q4", "2026-q3", "2026-q4", "2027-q1"]  # the sample's visits start in these
    assert all((sample / "pagefind" / name / "pagefind-ui.js").is_file() for name in bundles)
    fragments = sum(len(list((sample / "pagefind" / name / "fragment").iterdir())) for name in bundles)
    assert fragments == len(list(sample.glob("kegiatan/*/*/index.html")))


def dated_pages(*days: str) -> list:
    return [SimpleNamespace(entry=SimpleNamespace(start=date.fromisoformat(day)), save_as=f"kegiatan/k/{n}/index.html")
            for n, day in enumerate(days)]


def test_a_quarter_with_too_many_pages_is_split_into_months_halves_and_days_in_the_order_of_time():
    pages = dated_pages("2026-08-01",  # the third quarter: two pages, within the limit
                        "2026-09-30",
                        "2026-10-03", "2026-10-03", "2026-10-03", "2026-10-20",  # October: four, its first half three
                        "2026-11-02", "2026-11-29",  # November: two
                        "2027-01-05")
    found = bundles(pages, window_starts=date(2026, 10, 16), most_pages=2)
    assert [b.name for b in found] == ["2026-q3", "2026-10-03", "2026-10-b", "2026-11", "2027-q1"]
    assert [len(b.pages) for b in found] == [2, 3, 1, 2, 1]  # a day is never split
    # Searched by default: a bundle whose period ends on or after the calendars' window starts.
    assert [b.recent for b in found] == [False, False, True, True, True]
    assert sorted(p for b in found for p in b.pages) == sorted(p.save_as for p in pages)
    assert [b.name for b in bundles(pages, date(2026, 10, 16), most_pages=4)] == ["2026-q3", "2026-10", "2026-11",
                                                                                "2027-q1"]
    assert [b.name for b in bundles(pages, date(2026, 10, 16), most_pages=6)] == ["2026-q3", "2026-q4", "2027-q1"]


def test_bundles_split_below_quarters_are_merged_by_the_search_page(browser, tmp_path):
    output = tmp_path / "output"
    assert build_site(PROJECT / "pelicanconf.py", output, {"OUTREACH_SEARCH_BUNDLE_PAGES": 1}) == 0
    names = sorted(p.name for p in (output / "pagefind").iterdir())
    pages = {name: len(list((output / "pagefind" / name / "fragment").iterdir())) for name in names}
    assert "2027-q1" not in names and "2026-10-a" in names and len(names) > 8, names
    # Only a day holds more than the limit: it is never split.
    assert all(date.fromisoformat(name) for name, count in pages.items() if count > 1), pages
    assert sum(pages.values()) == len(list(output.glob("kegiatan/*/*/index.html")))
    assert all(f'"pagefind/{name}/"' in (output / "cari/index.html").read_text().replace("&#34;", '"')
               for name in names)
    with serve(output) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/cari/?q=Blitar&arsip=1")
        page.wait_for_selector(RESULT, timeout=10_000)
        page.wait_for_timeout(800)
        found = [link.get_attribute("href") for link in page.locator(RESULT).all()]
        page.close()
    assert any(href.endswith("/kegiatan/blitar/desa-binaan-bakung-2024/") for href in found), found
    assert any(href.endswith("/kegiatan/blitar/sma-contoh-2027/") for href in found), found


def indexed_text(sample) -> dict[str, str]:
    """What Pagefind indexed of each page (a fragment is gzip of ``pagefind_dcd`` and JSON), by address."""
    fragments = {}
    for path in sample.glob("pagefind/*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        fragments[fragment["url"]] = fragment["content"]
    return fragments


def test_what_every_visit_of_a_service_shows_is_left_out_of_the_search_index(sample):
    indexed = indexed_text(sample)
    page = (sample / "kegiatan/jayapura/kampung-contoh-2027/index.html").read_text()
    assert "Rp" in page and "Kartu Keluarga" in page and "Simpan ke kalender" in page and "M-Paspor" in page
    text = indexed["/kegiatan/jayapura/kampung-contoh-2027/"]
    assert "Paspor Masuk Kampung di Sentani" in text and "Distrik Sentani" in text and "Paspor Masuk Desa" in text
    assert not any(word in text for word in ("Rp", "Biaya", "Kartu Keluarga", "Syarat", "Simpan ke kalender",
                                             "Cara daftar", "M-Paspor"))
    # "Free of charge" tells visits apart: it stays searchable.
    assert "Gratis" in indexed["/kegiatan/jayapura/sekolah-contoh-2027/"]


def bundle_files(sample, contents) -> dict[str, str]:
    """A bundle of every event page of the sample, as Pagefind answers it, given ``contents(html)``."""
    pages = sorted(p.relative_to(sample).as_posix() for p in sample.glob("kegiatan/*/*/index.html"))
    with PagefindService() as service:
        [index] = service.exchange([{"type": "NewIndex", "config": {"force_language": "id"}}])
        service.exchange({"type": "AddFile", "index_id": index["index_id"], "file_path": path, "url": None,
                          "file_contents": contents((sample / path).read_text())} for path in pages)
        [made] = service.exchange([{"type": "GetFiles", "index_id": index["index_id"]}])
    return {f["path"]: f["content"] for f in made["files"] if reproducible("pagefind/all/" + f["path"])}


def test_pagefind_given_the_article_alone_makes_the_bundle_of_the_whole_page(sample):
    page = (sample / "kegiatan/serang/al-faruq-2022/index.html").read_text()
    assert len(indexed_part(page)) < 0.6 * len(page) and "<head>" not in indexed_part(page)
    whole = bundle_files(sample, lambda html: html)
    assert len(whole) > 10 and bundle_files(sample, indexed_part) == whole


def test_the_archive_view_finds_visits_of_several_years_and_a_filter_narrows_them(browser, sample_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{sample_url}/cari/")
    recent = results(page, "Imigrasi")
    assert not any("desa-binaan-bakung-2024" in href for href in recent)  # 2024: in the archive
    page.get_by_role("button", name="Cari juga di arsip").click()
    page.wait_for_url("**/cari/?q=Imigrasi&arsip=1")
    page.wait_for_selector(RESULT, timeout=10_000)
    page.wait_for_timeout(800)
    found = [link.get_attribute("href") for link in page.locator(RESULT).all()]
    in_2024 = [href for href in found if href.endswith("/kegiatan/blitar/desa-binaan-bakung-2024/")]
    in_2027 = [href for href in found if href.endswith("/kegiatan/blitar/sma-contoh-2027/")]
    assert in_2024 and in_2027 and any("/jayapura/" in href for href in found), found
    page.locator(".pagefind-ui__filter-panel summary, .pagefind-ui__filter-name").filter(
        has_text="Kantor").first.click()
    page.get_by_label("Kanim Blitar", exact=False).first.check()
    page.wait_for_timeout(800)
    narrowed = [link.get_attribute("href") for link in page.locator(RESULT).all()]
    assert in_2024[0] in narrowed and in_2027[0] in narrowed
    assert all("/blitar/" in href for href in narrowed) and len(narrowed) < len(found)
    page.close()


def test_an_edit_indexes_its_quarter_again_and_no_other(tmp_path):
    site = tmp_path / "site"
    for folder in ("schedules", "content"):
        shutil.copytree(PROJECT / folder, site / folder)
    overrides = {"OUTREACH_SCHEDULES_PATH": str(site / "schedules"), "PATH": str(site / "content")}
    output = site / "output"
    assert build_site(PROJECT / "pelicanconf.py", output, overrides) == 0
    before = {p: p.stat().st_mtime_ns for p in (output / "pagefind").rglob("*") if p.is_file()}
    events = site / "schedules" / "jayapura" / "2027.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Sentani (contoh)", "Sentani"), encoding="utf-8")
    assert build_site(PROJECT / "pelicanconf.py", output, overrides) == 0
    after = {p: p.stat().st_mtime_ns for p in (output / "pagefind").rglob("*") if p.is_file()}
    changed = {p.relative_to(output / "pagefind").parts[0] for p in before.keys() | after.keys()
               if before.get(p) != after.get(p)}
    assert changed == {"2027-q1"}


def test_a_bundle_pagefind_cannot_index_fails_the_build_and_leaves_the_site_as_it_was(tmp_path, monkeypatch):
    # Pagefind runs in forked processes: what they log as errors must reach the build, which counts them.
    from jemput.publish import search

    site = tmp_path / "site"
    for folder in ("schedules", "content"):
        shutil.copytree(PROJECT / folder, site / folder)
    overrides = {"OUTREACH_SCHEDULES_PATH": str(site / "schedules"), "PATH": str(site / "content")}
    output, working = site / "output", search.get_executable
    monkeypatch.setattr(search, "get_executable", lambda: "/bin/false")
    told = io.StringIO()
    assert build_site(PROJECT / "pelicanconf.py", output, overrides, stderr=told) == 1  # a new site
    assert "Pagefind could not index pagefind/2027-q1/" in told.getvalue() and not output.exists()
    monkeypatch.setattr(search, "get_executable", working)
    assert build_site(PROJECT / "pelicanconf.py", output, overrides) == 0
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    events = site / "schedules" / "jayapura" / "2027.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("Sentani (contoh)", "Sentani"), encoding="utf-8")
    monkeypatch.setattr(search, "get_executable", lambda: "/bin/false")
    told = io.StringIO()
    assert build_site(PROJECT / "pelicanconf.py", output, overrides, stderr=told) == 1  # an update of one quarter
    assert "Pagefind could not index pagefind/2027-q1/" in told.getvalue()
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before


def test_pagefind_names_a_page_by_its_path_in_the_site_and_says_what_went_wrong():
    # Pages reach Pagefind's service mode under their path in the site: the address of a result is
    # the page's own, as when Pagefind reads a folder.
    page = '<html lang="id"><body><main data-pagefind-body><h1>Balai Desa Sukamaju</h1></main></body></html>'
    with PagefindService() as service:
        [index] = service.exchange([{"type": "NewIndex", "config": {"force_language": "id"}}])
        [indexed] = service.exchange([{"type": "AddFile", "index_id": index["index_id"], "url": None,
                                  "file_path": "kegiatan/serang/desa-sukamaju/index.html", "file_contents": page}])
        assert indexed["page_url"] == "/kegiatan/serang/desa-sukamaju/" and indexed["page_word_count"] == 3
        with pytest.raises(PagefindError, match="Invalid index"):
            service.exchange([{"type": "WriteFiles", "index_id": 7, "output_path": "/nonexistent"}])


def test_searching_a_village_name_finds_its_visit(search_page):
    found = results(search_page, "Kramat")
    assert any(href.endswith("/kegiatan/serang/balai-desa-kramatwatu-2026/") for href in found), found


def test_a_filter_narrows_the_results(search_page):
    everything = results(search_page, "paspor")
    search_page.locator(".pagefind-ui__filter-panel summary, .pagefind-ui__filter-name").filter(
        has_text="Jenis kegiatan").first.click()
    search_page.get_by_label("Masjid dan majelis", exact=False).first.check()
    search_page.wait_for_timeout(800)
    narrowed = [link.get_attribute("href") for link in search_page.locator(RESULT).all()]
    assert 0 < len(narrowed) < len(everything)
    assert all(href in everything for href in narrowed)


def test_without_javascript_the_search_page_lists_regions_and_offices(sample):
    html = (sample / "cari/index.html").read_text(encoding="utf-8")
    assert "Kegiatan menurut wilayah" in html and "Kegiatan menurut kantor" in html
    assert 'href="../wilayah/banten/"' in html and 'href="../kantor/serang/"' in html


def test_two_builds_differ_only_in_pagefinds_filter_indexes(sample, tmp_path):
    again = tmp_path / "output"
    assert build_site(PROJECT / "pelicanconf.py", again) == 0
    first, second = ({p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
                     for site in (sample, again))
    differing = first ^ second
    differing |= {name for name in first & second if (sample / name).read_bytes() != (again / name).read_bytes()}
    assert all(not reproducible(name) for name in differing), sorted(n for n in differing if reproducible(n))
    fragments = {p.name for p in (sample / "pagefind").glob("*/fragment/*")}
    assert fragments == {p.name for p in (again / "pagefind").glob("*/fragment/*")}  # pages: stable
