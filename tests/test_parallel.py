"""Building on several cores gives the same bytes as building on one."""

from __future__ import annotations

import os
import sys

from conftest import PROJECT
from outreach.build import build_site
from test_build import files_of


def test_parallel_build_is_byte_identical_to_a_serial_one(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import generate

    site = generate.generate(400, tmp_path / "site")
    settings = site / "pelicanconf.py"
    assert build_site(settings, tmp_path / "one", {"OUTREACH_WORKERS": 1, "OUTREACH_CACHE_PATH": False}) == 0
    serial = files_of(tmp_path / "one")
    assert len(serial) > 1000
    # Two workers with an empty build cache, then with the cache those workers filled.
    for name in ("cold", "warm"):
        assert build_site(settings, tmp_path / name, {"OUTREACH_WORKERS": 2}) == 0
        parallel = files_of(tmp_path / name)
        assert serial.keys() == parallel.keys()
        assert [name for name in serial if serial[name] != parallel[name]] == []


def test_work_stays_in_one_process_when_memory_is_short(monkeypatch, caplog):
    from outreach import parallel

    items = list(range(parallel.MIN_ITEMS_TO_SPLIT * 2))
    processes = set(parallel.map_chunks(lambda chunk: [os.getpid() for _ in chunk], items, 2))
    assert processes and os.getpid() not in processes  # forked workers did the work
    monkeypatch.setattr(parallel, "_available_bytes", lambda: parallel._resident_bytes())
    assert set(parallel.map_chunks(lambda chunk: [os.getpid() for _ in chunk], items, 2)) == {os.getpid()}
    assert "Using 1 worker process(es) instead of 2" in caplog.text
