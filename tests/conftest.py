"""Fixtures: a throw-away copy of the test site, one shared build of it, one shared build of the
real sample site (read-only) with its local server, and one Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import PROJECT, Site, build_site, chromium, copy_test_site, serve

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


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """The real sample site (schedules/, content/), built once with the project's settings."""
    output = tmp_path_factory.mktemp("sample") / "output"
    assert build_site(PROJECT / "pelicanconf.py", output) == 0
    return output


@pytest.fixture(scope="session")
def sample_url(sample):
    with serve(sample) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as launched:
        yield launched
