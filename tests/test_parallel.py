"""Building on several cores gives the same bytes as building on one."""

from __future__ import annotations

import sys

from conftest import PROJECT
from outreach.build import build_site
from test_build import files_of


def test_parallel_build_is_byte_identical_to_a_serial_one(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import generate

    site = generate.generate(400, tmp_path / "site")
    settings = site / "pelicanconf.py"
    assert build_site(settings, tmp_path / "one", {"OUTREACH_WORKERS": 1}) == 0
    assert build_site(settings, tmp_path / "two", {"OUTREACH_WORKERS": 2}) == 0
    serial, parallel = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert len(serial) > 1000
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []
