"""Serving a built site on 127.0.0.1 and driving Debian's Chromium with Playwright.

Playwright's own browser download is not used: the tests launch the system
Chromium. Missing tools skip outside CI and fail in CI (see ``clients.require``).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from clients import JS, require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
AXE = JS / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


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
    require(Path(CHROMIUM).exists(), "Chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page) -> list[dict]:
    require(AXE.is_file(), "axe-core", "npm ci --prefix tests/js")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


def nu_validator_errors(folder: Path) -> list[dict]:
    import json

    java = shutil.which("java")
    require(java is not None and VNU.is_file(), "Java and the Nu validator (vnu-jar)",
            "apt-get install default-jre-headless; npm ci --prefix tests/js")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(folder)], capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
