"""What the tests share: the project's folders, real builds of a throw-away site, small
schedules to check, and the real clients that read the output (ical.js, Chromium,
axe-core, the Nu validator).

Outside CI a missing client skips its tests with the command that installs it;
in CI (CI=true) it is a failure, so no skip stands in for a check.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from jemput.commands import tour
from jemput.commands.build import build_site
from jemput.commands.tour import serve  # noqa: F401 - the tests serve sites as the tour does
from jemput.editor import config as editor_config
from jemput.publish.search import reproducible
from jemput.schedule.validation import read_schedules
from jemput.settings import read_settings

PROJECT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
JS = Path(__file__).resolve().parent / "js"
AXE = JS / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

OFFICE = """id: serang
name: Kantor Imigrasi Kelas I Non TPI Serang
province: Banten
timezone: Asia/Jakarta
"""
PROGRAMS = """programs:
  - id: paspor-masuk-desa
    name: Paspor Masuk Desa
"""


class Site:
    """A copy of tests/data/site in a temporary folder, built with the real Pelican."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.output = root / "output"

    @property
    def settings(self) -> Path:
        return self.root / "pelicanconf.py"

    def build(self, **overrides) -> tuple[int, str]:
        err = io.StringIO()
        code = build_site(self.settings, self.output, overrides or None, stderr=err)
        return code, err.getvalue()

    def page(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")


def copy_test_site(root: Path) -> Site:
    """A fresh copy of tests/data/site at ``root``."""
    shutil.copytree(DATA / "site", root)
    return Site(root)


def generated_site(size: int, folder: Path) -> Path:
    """A synthetic national schedule of ``size`` events (benchmarks/generate.py)."""
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "generate.py"), str(size), str(folder)], check=True)
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file, but Pagefind's filter indexes, which differ between runs (jemput/publish/search.py)."""
    files = (p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file())
    return {name: (folder / name).read_bytes() for name in files if reproducible(name)}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def make_schedules(tmp_path: Path, files: dict[str, str]) -> Path:
    """A schedules folder with programs.yaml, the Serang office and these files."""
    root = tmp_path / "schedules"
    for name, text in {"programs.yaml": PROGRAMS, "serang/office.yaml": OFFICE, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def check(root: Path, **settings):
    """(schedule, problems) of a schedules folder, on 2026-01-01."""
    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(root), "OUTREACH_TODAY": "2026-01-01", **settings})
    return read_schedules(options)


def require(available: bool, what: str, install: str) -> None:
    if available:
        return
    message = f"{what} is not installed ({install})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def ical_js(path: Path) -> dict:
    """A calendar as Mozilla's ical.js (Thunderbird's parser) reads it, through Node."""
    node = shutil.which("node")
    require(node is not None and (JS / "node_modules" / "ical.js").is_dir(), "Node with ical.js",
            "npm ci --prefix tests/js")
    result = subprocess.run([node, str(JS / "read_ics.mjs"), str(path)], capture_output=True,
                            text=True, check=True, timeout=60)
    return json.loads(result.stdout)


def json_feed_reader(path: Path) -> dict:
    """A JSON Feed as a feed reader's parser (@extractus/feed-extractor) reads it, through Node."""
    node = shutil.which("node")
    require(node is not None and (JS / "node_modules" / "@extractus" / "feed-extractor").is_dir(),
            "Node with @extractus/feed-extractor", "npm ci --prefix tests/js")
    result = subprocess.run([node, str(JS / "read_jsonfeed.mjs"), str(path)], capture_output=True,
                            text=True, check=True, timeout=60)
    return json.loads(result.stdout)


@contextmanager
def chromium():
    """Debian's Chromium through Playwright (its own browser download is not used)."""
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
    java = shutil.which("java")
    require(java is not None and VNU.is_file(), "Java and the Nu validator (vnu-jar)",
            "apt-get install default-jre-headless; npm ci --prefix tests/js")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(folder)], capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def events_of(tmp_path: Path, text: str, **settings) -> dict:
    """The checked events of one event file of the Serang office (it must have no error)."""
    schedule, problems = check(make_schedules(tmp_path, {"serang/e.yaml": text}), **settings)
    assert problems.errors == [], [str(p) for p in problems.errors]
    return {event.id: event for event in schedule.events}


def sample_editor_site(**changes) -> editor_config.EditorSite:
    """The editor's view of a small site of two offices, as its form is made from."""
    site = editor_config.EditorSite(
        offices=(("serang", "Kanim Serang"), ("blitar", "Kanim Blitar")),
        services={None: (("paspor-baru", "Paspor baru"), ("penggantian-paspor", "Penggantian paspor")),
                  "blitar": (("konsultasi-tppo", "Konsultasi TPPO"),)},
        programs=(("paspor-masuk-desa", "Paspor Masuk Desa"),), visit_types=("village", "majelis", "school"),
        timezones=("Asia/Jakarta",), site_url="https://jemput.example.go.id")
    return editor_config.EditorSite(**{**site.__dict__, **changes})
