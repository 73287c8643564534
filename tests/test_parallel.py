"""Building on several cores gives the same bytes as building on one."""

from __future__ import annotations

import os
import time

import pytest
from helpers import files_of, generated_site

from jemput.commands.build import build_site
from jemput.publish import calendars, feeds


def test_parallel_build_is_byte_identical_to_a_serial_one(tmp_path, monkeypatch):
    site = generated_site(400, tmp_path / "site")
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
    # Every process stored what it made: a third build makes nothing again.
    made = []
    monkeypatch.setattr(calendars, "serialize_event", lambda *args: made.append(args))
    monkeypatch.setattr(feeds, "render_feeds", lambda *args: made.append(args))
    assert build_site(settings, tmp_path / "third", {"OUTREACH_WORKERS": 1}) == 0
    assert made == []


def _pids_of(chunk):
    time.sleep(0.01)  # long enough that no one process takes every chunk
    return [(item, os.getpid()) for item in chunk]


def test_this_process_and_a_forked_one_share_the_work_in_order():
    from jemput.runtime import parallel

    items = list(range(parallel.MIN_ITEMS_TO_SPLIT * 2))
    results = parallel.map_chunks(_pids_of, items, 2)
    assert [item for item, _ in results] == items
    processes = {pid for _, pid in results}
    assert len(processes) == 2 and os.getpid() in processes


def _costly_at_the_end(chunk):
    """Items 0-399 are quick; the last 32 take 20 ms each, as share images do after pages."""
    started = time.perf_counter()
    for item in chunk:
        if item >= 400:
            time.sleep(0.02)
    return [(item, os.getpid(), chunk[0], time.perf_counter() - started) for item in chunk]


def test_interleaved_chunks_keep_the_order_and_share_out_the_costly_items():
    from jemput.runtime import parallel

    items = list(range(432))
    results = parallel.map_chunks(_costly_at_the_end, items, 2, interleaved=True)
    assert [item for item, *_ in results] == items
    seconds = {first: took for _, _, first, took in results}
    assert len(seconds) >= 2 * parallel.CHUNKS_PER_WORKER
    # Contiguous chunks of 14 items would put every costly one into the last three chunks
    # (280 ms each); interleaved, no chunk holds more than one.
    assert all(took < 0.04 for took in seconds.values())
    assert sum(took > 0.015 for took in seconds.values()) == 432 - 400
    assert len({pid for _, pid, *_ in results}) == 2


@pytest.mark.parametrize("interleaved", [True, False])
def test_chunks_cover_every_item_once_and_get_smaller_at_the_end(interleaved):
    from jemput.runtime import parallel

    chunks = parallel._chunks_of(28_093, 2, interleaved)
    assert sorted(index for chunk in chunks for index in chunk) == list(range(28_093))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == -(-28_093 // (2 * parallel.CHUNKS_PER_WORKER))
    assert sizes[-2] == sizes[0] // 4  # the process left alone at the end has a quarter chunk to do
    if interleaved:  # every n-th item: even the small chunks at the end reach across a sixth of the list
        assert all(max(chunk) - min(chunk) > 28_093 // 6 for chunk in chunks)
        assert all(max(chunk) - min(chunk) > 28_000 for chunk in chunks[:len(chunks) // 2])
    else:
        assert all(chunk == list(range(chunk[0], chunk[-1] + 1)) for chunk in chunks)


@pytest.mark.parametrize("failing_in_parent", [True, False])
def test_a_failing_chunk_fails_the_whole_map(failing_in_parent):
    from jemput.runtime import parallel

    parent = os.getpid()

    def fails(chunk):
        if (os.getpid() == parent) == failing_in_parent:
            raise ValueError(f"failed in {os.getpid()}")
        return _pids_of(chunk)

    with pytest.raises(ValueError, match="failed in") as raised:
        parallel.map_chunks(fails, list(range(parallel.MIN_ITEMS_TO_SPLIT * 2)), 2)
    assert (str(parent) in str(raised.value)) == failing_in_parent


def test_work_stays_in_one_process_when_memory_is_short(monkeypatch, caplog):
    from jemput.runtime import parallel

    items = list(range(parallel.MIN_ITEMS_TO_SPLIT * 2))
    monkeypatch.setattr(parallel, "_available_bytes", lambda: parallel._resident_bytes())
    assert {pid for _, pid in parallel.map_chunks(_pids_of, items, 2)} == {os.getpid()}
    assert "Using 1 worker process(es) instead of 2" in caplog.text
