"""The garbage collector is kept off what a build and a check hold, and given back after them."""

from __future__ import annotations

import gc
import io
import subprocess
import sys

import pytest
from helpers import PROJECT

from jemput.generator import OutreachGenerator
from jemput.runtime import memory


@pytest.fixture(autouse=True)
def collector_as_found():
    yield
    memory.unfreeze()
    gc.enable()


def test_collection_paused_inside_and_restored_after():
    with memory.collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with memory.collection_paused():
        pass
    assert not gc.isenabled()  # left as it was found


def test_an_inner_freeze_keeps_the_outer_one():
    with memory.frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    memory.freeze()
    with memory.frozen():
        pass
    assert gc.get_freeze_count() > 0
    memory.unfreeze()
    assert gc.get_freeze_count() == 0


def test_while_frozen_only_young_objects_are_collected():
    before = gc.get_threshold()
    assert _full_collections_while_the_heap_grows() > 0  # what freezing prevents
    memory.freeze()
    try:
        assert gc.get_threshold()[:2] == before[:2]
        assert _full_collections_while_the_heap_grows() == 0
    finally:
        memory.unfreeze()
    assert gc.get_threshold() == before


def _full_collections_while_the_heap_grows() -> int:
    """Full collections while containers that outlive young collections grow the heap by half."""
    gc.collect()
    started = gc.get_stats()[2]["collections"]
    kept = [[] for _ in range(len(gc.get_objects()) // 2 + 100_000)]
    done = gc.get_stats()[2]["collections"] - started
    del kept
    return done


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_leaves_nothing_frozen_and_collection_on(site, workers):
    thresholds = gc.get_threshold()
    code, err = site.build(OUTREACH_WORKERS=workers)
    assert code == 0, err
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert gc.get_threshold() == thresholds


def test_a_build_failing_while_reading_leaves_collection_on(site):
    site.edit("schedules/serang/events.yaml", "type: majelis", "type: pasar")
    code, err = site.build()
    assert code == 1 and "pasar" in err
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_build_failing_while_writing_leaves_nothing_frozen(site, monkeypatch):
    from jemput.write.output import Output

    def disk_full(self, relative, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Output, "bytes", disk_full)
    code, err = site.build(OUTREACH_WORKERS=1)
    assert code == 1 and "No space left on device" in err
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_what_is_read_is_built_unwatched_and_frozen_while_files_are_written(site, monkeypatch):
    from jemput import generator
    from jemput.write.output import Output

    seen = {}
    read_schedules, write_bytes = generator.read_schedules, Output.bytes

    def reading(*args, **kwargs):
        seen["collecting while reading"] = gc.isenabled()
        return read_schedules(*args, **kwargs)

    def writing(self, relative, data):
        seen["frozen while writing"] = gc.get_freeze_count()
        return write_bytes(self, relative, data)

    monkeypatch.setattr(generator, "read_schedules", reading)
    monkeypatch.setattr(Output, "bytes", writing)
    code, err = site.build(OUTREACH_WORKERS=1)
    assert code == 0, err
    assert seen["collecting while reading"] is False and seen["frozen while writing"] > 1000


def test_a_build_that_fails_while_writing_leaves_nothing_frozen(site, monkeypatch):
    thresholds = gc.get_threshold()

    def failing(self, writer):
        raise RuntimeError("a failure while writing")

    monkeypatch.setattr(OutreachGenerator, "generate_output", failing)
    code, err = site.build(OUTREACH_WORKERS=1)
    assert code != 0 and "a failure while writing" in err
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == thresholds


def test_a_check_reads_without_collections_and_gives_the_collector_back(tmp_path, monkeypatch):
    from helpers import make_schedules

    from jemput.commands import check

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    make_schedules(site, {"serang/e.yaml": "events: []\n"})
    settings = site / "pelicanconf.py"
    settings.write_text('PATH = "content"\nOUTPUT_PATH = "output"\nOUTREACH_TODAY = "2026-01-01"\n')
    seen = {}
    read_schedules = check.read_schedules

    def reading(*args, **kwargs):
        seen["collecting while reading"] = gc.isenabled()
        return read_schedules(*args, **kwargs)

    monkeypatch.setattr(check, "read_schedules", reading)
    assert check.check_schedules(settings, stdout=io.StringIO()) == 0
    assert seen["collecting while reading"] is False
    assert gc.isenabled()


def test_importing_the_package_leaves_pelican_to_the_commands():
    """``tasks.py`` imports the commands with the collector paused; that only helps if importing
    ``jemput`` itself (which every module does first) does not import Pelican before it."""
    found = subprocess.run(
        [sys.executable, "-c", "import sys, gc, jemput.runtime.memory; print('pelican' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
    found = subprocess.run(
        [sys.executable, "-c", "import sys, gc; sys.path.insert(0, sys.argv[1]); import tasks; "
         "print('pelican' in sys.modules, gc.isenabled(), gc.get_freeze_count() > 10_000)", str(PROJECT)],
        capture_output=True, text=True, check=True, cwd=PROJECT)
    # imported, the collector given back, and what importing made left out of its collections
    assert found.stdout.split() == ["True", "True", "True"]
