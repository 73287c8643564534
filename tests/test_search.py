"""Search with Pagefind: the index is made by the build; Chromium finds a village and filters narrow."""

from __future__ import annotations

import pytest
from helpers import PROJECT

from jemput.commands.build import build_site
from jemput.publish.search import reproducible

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


def test_the_build_indexes_event_pages_only(sample):
    assert (sample / "pagefind" / "pagefind-ui.js").is_file()
    assert len(list((sample / "pagefind" / "fragment").iterdir())) == len(list(sample.glob("kegiatan/*/*/index.html")))


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
    assert all(not reproducible(name) for name in differing), differing
    fragments = {p.name for p in (sample / "pagefind" / "fragment").iterdir()}
    assert fragments == {p.name for p in (again / "pagefind" / "fragment").iterdir()}  # pages: stable
