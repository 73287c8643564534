"""The built sample site as people and machines read it: Chromium, axe-core, the Nu
validator, every link followed, JavaScript off, and a budget for page weight."""

from __future__ import annotations

import gzip
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from helpers import axe_violations, nu_validator_errors, serve

from jemput.commands.tour import EVENT_PAGE_BUDGET as EVENT_BUDGET
from jemput.commands.tour import LISTING_PAGE_BUDGET as LISTING_BUDGET
from jemput.commands.tour import SAMPLE_PAGES

PAGE_KINDS = SAMPLE_PAGES


def test_every_page_passes_the_nu_validator(sample):
    errors = nu_validator_errors(sample)
    assert errors == [], errors[:5]
    assert len(list(sample.rglob("*.html"))) >= 40


def test_the_nu_validator_catches_a_broken_page(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="id"><head><title>x</title></head>'
        '<body><img src="a.png"><p id="a"></p><p id="a"></p></body></html>')
    messages = [m["message"] for m in nu_validator_errors(tmp_path)]
    assert any("alt" in m for m in messages) and any("Duplicate ID" in m for m in messages)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_page_kind_has_no_accessibility_violation(browser, sample_url, kind, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{sample_url}/{PAGE_KINDS[kind]}")
    assert axe_violations(page) == []
    # Nothing wider than the screen: no sideways scrolling on a 360 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_axe_catches_a_missing_alt_and_an_unlabeled_link(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="id"><head><title>x</title></head>'
        '<body><main><img src="a.png"><a href="/x"></a></main></body></html>')
    with serve(tmp_path) as url:
        page = browser.new_page()
        page.goto(url + "/")
        found = {v["id"] for v in axe_violations(page)}
        page.close()
    assert {"image-alt", "link-name"} <= found


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def internal_targets(output: Path):
    for page in sorted(output.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "http://site/" + page.relative_to(output).as_posix()
        for target in parser.targets:
            absolute = urljoin(base, target)
            parts = urlsplit(absolute)
            if parts.scheme == "http" and parts.netloc == "site":
                yield page, target, unquote(parts.path)


def test_no_broken_internal_link_or_asset(sample):
    checked, broken = 0, []
    for page, target, path in internal_targets(sample):
        file = sample / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        checked += 1
        if not file.is_file():
            broken.append(f"{page.relative_to(sample)} -> {target}")
    assert broken == []
    assert checked > 500


def test_every_feed_and_calendar_link_resolves(sample):
    linked = {path for _, _, path in internal_targets(sample) if path.endswith((".ics", ".xml", ".json", ".csv"))}
    assert {"/kalender/semua.ics", "/feeds/kegiatan.atom.xml", "/data/kegiatan.json"} <= linked
    for path in linked:
        assert (sample / path.lstrip("/")).is_file(), path
    calendars = set((sample / "kalender").rglob("*.ics"))
    linked_calendars = {sample / p.lstrip("/") for p in linked if p.startswith("/kalender/")}
    assert calendars == linked_calendars, "every calendar is offered on some page"


@pytest.mark.parametrize("kind", ["home", "event", "event-cancelled", "upcoming", "office", "program",
                                  "announcement"])
def test_pages_show_dates_places_and_statuses_without_javascript(browser, sample_url, kind):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_url}/{PAGE_KINDS[kind]}")
    text = page.inner_text("main")
    context.close()
    assert re.search(r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ 20\d\d", text), text[:300]
    if kind in ("event", "event-cancelled", "upcoming", "office", "home"):
        assert re.search(r"\d\d\.\d\d–\d\d\.\d\d (WIB|WITA|WIT)", text)
    if kind == "event":
        assert "Majelis Dzikir Al-Faruq" in text and "Kabupaten Pandeglang" in text
    if kind in ("event-cancelled", "upcoming", "announcement"):
        assert "Dibatalkan" in text


def test_staff_text_runs_no_script(browser, built_site):
    events = []
    with serve(built_site.output) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (events.append(dialog.message), dialog.dismiss()))
        # The sample's <img src=x> 404s: a failed load is not a script running.
        page.on("console", lambda message: None if message.text.startswith("Failed to load resource")
                else events.append(message.text))
        page.on("pageerror", lambda error: events.append(str(error)))
        # Staff text in schedules and in announcements (body and Summary: header), on every page showing it.
        for path in ("kegiatan/serang/sekolah-2026/", "pengumuman/jadwal-desember/", "pengumuman/", "kantor/serang/",
                     ""):
            page.goto(f"{url}/{path}")
            for link in page.locator("main a").all():
                href = link.get_attribute("href") or ""
                assert not href.lower().startswith("javascript:")
            page.wait_for_timeout(50)
        page.close()
    assert events == []


def test_pages_showing_staff_headers_pass_the_nu_validator(built_site, tmp_path):
    shown = tmp_path / "shown"
    for page in ("index.html", "pengumuman/index.html", "pengumuman/jadwal-desember/index.html"):
        (shown / page).parent.mkdir(parents=True, exist_ok=True)
        (shown / page).write_bytes((built_site.output / page).read_bytes())
    assert "Desember" in (shown / "index.html").read_text()
    assert nu_validator_errors(shown) == []


def test_the_script_listener_would_catch_an_injected_script(browser, tmp_path):
    (tmp_path / "index.html").write_text('<!doctype html><title>x</title><img src=x onerror="alert(1)">'
                                         "<script>console.log('ran')</script>")
    events = []
    with serve(tmp_path) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (events.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: events.append(message.text))
        page.goto(url + "/")
        page.wait_for_timeout(200)
        page.close()
    assert "ran" in events and "1" in events


def test_pages_make_no_third_party_request_and_load_no_web_font(browser, sample_url):
    requested = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append((request.url, request.resource_type)))
    for path in PAGE_KINDS.values():
        page.goto(f"{sample_url}/{path}")
    page.close()
    assert all(url.startswith(sample_url) for url, _ in requested), requested
    assert not [url for url, kind in requested if kind == "font"]


def gzipped(*files: Path) -> int:
    return sum(len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in files)


def test_event_page_with_its_css_fits_the_first_round_trip(sample):
    css = sample / "theme" / "css" / "site.css"
    pages = list((sample / "kegiatan").glob("*/*/index.html"))
    assert pages
    heaviest = max(gzipped(page, css) for page in pages)
    assert heaviest <= EVENT_BUDGET, heaviest


def test_listing_pages_stay_within_their_budget(sample):
    css = sample / "theme" / "css" / "site.css"
    listings = [sample / PAGE_KINDS[k] / "index.html" for k in
                ("home", "upcoming", "past", "office", "type", "province", "regency", "program", "offices",
                 "regions", "programs", "announcements")]
    heaviest = max(gzipped(page, css) for page in listings)
    assert heaviest <= LISTING_BUDGET, heaviest


def test_the_budget_check_would_catch_a_heavy_page(tmp_path):
    heavy = tmp_path / "index.html"
    heavy.write_bytes(random.Random(1).randbytes(50_000))  # incompressible
    assert gzipped(heavy) > EVENT_BUDGET
