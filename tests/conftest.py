"""Shared helpers: the plugin on the path, a throw-away copy of the test site, real builds."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from jemput.commands.build import build_site

PROJECT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
os.environ["JEMPUT_PROJECT"] = str(PROJECT)  # the test site's settings find the theme through it


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


@pytest.fixture
def site(tmp_path: Path) -> Site:
    root = tmp_path / "site"
    shutil.copytree(DATA / "site", root)
    return Site(root)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Site:
    """One build of the test site shared by read-only tests."""
    root = tmp_path_factory.mktemp("built") / "site"
    shutil.copytree(DATA / "site", root)
    built = Site(root)
    code, err = built.build()
    assert code == 0, err
    return built
