"""A tour of a built site: one page of each kind, served locally and shown in Chromium.

``invoke screenshots``, the page-weight and Lighthouse benchmarks and the
browser tests all walk the same pages with the same browser, and hold pages to
the same weight budgets: they are stated here once.
"""

from __future__ import annotations

import functools
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SAMPLE_PAGES = {
    "home": "",
    "event": "kegiatan/serang/al-faruq-2022/",
    "event-cancelled": "kegiatan/makassar/majelis-taklim-2026/",
    "upcoming": "kegiatan/",
    "past": "arsip/",
    "office": "kantor/serang/",
    "type": "jenis/majelis/",
    "province": "wilayah/banten/",
    "regency": "wilayah/banten/kabupaten-serang/",
    "program": "program/paspor-masuk-desa/",
    "offices": "kantor/",
    "regions": "wilayah/",
    "programs": "program/",
    "announcement": "pengumuman/jadwal-desember-2026/",
    "announcements": "pengumuman/",
    "howto": "berlangganan/",
    "service": "layanan/paspor-baru/",
    "fees": "biaya/",
    "poster": "kegiatan/serang/balai-desa-kramatwatu-2026/poster/",
    "embed": "kantor/serang/sematkan/",
    "agenda": "agenda/2026-12/",
    "agenda-entry": "agenda/",
    "search": "cari/",
    "statistics": "statistik/",
    "office-statistics": "kantor/serang/statistik/",
    "summary": "statistik/2026/",
    "office-summary": "kantor/serang/statistik/2026/",
}
"""Page kind -> its path in the sample site (``schedules/``, ``content/``)."""

EVENT_PAGE_BUDGET = 14 * 1024
"""gzip bytes of an event page with its CSS: the first round trip on a slow connection."""
LISTING_PAGE_BUDGET = 30 * 1024

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's Chromium: Playwright's own browser download is not used."""
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def budget_of(kind: str) -> int:
    return EVENT_PAGE_BUDGET if kind.startswith("event") else LISTING_PAGE_BUDGET


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar; charset=utf-8", ".xml": "application/xml"}

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(folder: Path):
    """The folder over http on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """Headless Chromium driven by Playwright (a development requirement)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshots(output: Path, target: Path, widths=(360, 1280)) -> int:
    """PNGs of every sample page kind at each width; returns how many were saved."""
    target.mkdir(exist_ok=True)
    with serve(output) as url, chromium() as browser:
        for width in widths:
            page = browser.new_page(viewport={"width": width, "height": 800})
            for kind, path in sorted(SAMPLE_PAGES.items()):
                page.goto(f"{url}/{path}")
                page.screenshot(path=str(target / f"{kind}-{width}.png"), full_page=True)
            page.close()
    return len(widths) * len(SAMPLE_PAGES)
