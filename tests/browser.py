"""Serving a built site on 127.0.0.1 and driving Debian's Chromium with Playwright.

Playwright's own browser download is not used: the tests launch the system
Chromium. Missing tools skip outside CI and fail in CI (see ``clients.require``).
"""

from __future__ import annotations

import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from clients import JS, require

from jemput.commands import tour
from jemput.commands.tour import serve  # noqa: F401 - the tests' server is the tour's

AXE = JS / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextmanager
def chromium():
    require(Path(tour.CHROMIUM).exists(), "Chromium", "apt-get install chromium")
    with tour.chromium() as browser:
        yield browser


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
