"""Fixtures: a throw-away copy of the test site, and one shared build of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import PROJECT, Site, copy_test_site

os.environ["JEMPUT_PROJECT"] = str(PROJECT)  # the test site's settings find the theme through it


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return copy_test_site(tmp_path / "site")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Site:
    """One build of the test site shared by read-only tests."""
    built = copy_test_site(tmp_path_factory.mktemp("built") / "site")
    code, err = built.build()
    assert code == 0, err
    return built
