"""Listings on other websites: embed pages for an iframe and JSON Feeds of upcoming visits."""

from __future__ import annotations

import gzip
import json

import pytest
from helpers import axe_violations, json_feed_reader

SITE = "https://jemput.example.go.id/"


def embed_pages(output) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("sematkan/index.html"))


def test_every_office_region_and_program_has_a_small_embed_page_without_script(sample):
    pages = embed_pages(sample)
    for expected in ("kantor/serang/", "wilayah/banten/", "wilayah/banten/kabupaten-serang/",
                     "program/paspor-masuk-desa/"):
        assert expected + "sematkan/index.html" in pages
    assert not any(p.startswith(("jenis/", "layanan/", "kegiatan/")) for p in pages)
    for page in pages:
        html = (sample / page).read_bytes()
        assert len(gzip.compress(html, 9)) < 10_000, page
        assert b"<script" not in html and b"<base target=\"_blank\">" in html
        assert b'src="' not in html  # nothing loaded: no image, no script, no frame
        for link in html.decode().split('href="')[1:]:
            assert link.startswith((SITE, "data:")), (page, link[:60])


def test_an_embed_page_lists_upcoming_visits_only_soonest_first(sample):
    html = (sample / "kantor/serang/sematkan/index.html").read_text(encoding="utf-8")
    assert "al-faruq-2022" not in html  # past
    assert html.index("ponpes-cikeusal-2026") < html.index("balai-desa-kramatwatu-2026")
    assert "Kuota penuh" in html


@pytest.mark.parametrize("width", [320, 1280])
def test_the_embed_page_reads_in_a_narrow_frame_and_asks_nothing_of_other_sites(browser, sample_url, width):
    page = browser.new_page(viewport={"width": width, "height": 480}, java_script_enabled=True)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{sample_url}/kantor/serang/sematkan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert requested == [f"{sample_url}/kantor/serang/sematkan/"]
    targets = page.evaluate("[...document.links].map(a => a.target || document.querySelector('base').target)")
    assert targets and set(targets) == {"_blank"}
    assert axe_violations(page) == []
    page.close()


def test_the_office_page_shows_the_iframe_to_copy_as_text(sample):
    html = (sample / "kantor/serang/index.html").read_text(encoding="utf-8")
    assert '<code>&lt;iframe src=&#34;https://jemput.example.go.id/kantor/serang/sematkan/&#34; ' in html
    assert "<iframe" not in html
    assert 'type="application/feed+json"' in html


def test_json_feeds_read_in_a_feed_reader_with_upcoming_visits_soonest_first(sample):
    parsed = json_feed_reader(sample / "kantor/serang/feed.json")
    assert parsed["title"].startswith("Jadwal Kantor Imigrasi") and parsed["link"] == SITE + "kantor/serang/"
    links = [entry["link"] for entry in parsed["entries"]]
    assert links[:2] == [SITE + "kegiatan/serang/ponpes-cikeusal-2026/",
                         SITE + "kegiatan/serang/balai-desa-kramatwatu-2026/"]
    assert not any("2022" in link for link in links)
    raw = json.loads((sample / "kantor/serang/feed.json").read_text(encoding="utf-8"))
    first = raw["items"][0]
    assert raw["version"] == "https://jsonfeed.org/version/1.1" and raw["feed_url"].endswith("kantor/serang/feed.json")
    assert first["_jemput"]["start"] == "2026-12-03" and first["_jemput"]["timezone"] == "Asia/Jakarta"
    assert first["image"].endswith("gambar-1200x630.png")
    everything = json_feed_reader(sample / "feeds/kegiatan.json")
    assert len(everything["entries"]) >= 8
