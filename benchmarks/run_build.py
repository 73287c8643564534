#!/usr/bin/env python3
"""One measured build in a fresh process: prints JSON with wall time and peak memory.

    run_build.py jemput SETTINGS OUTPUT     the product's safe build (build_site)
    run_build.py pelican SETTINGS OUTPUT    plain Pelican (the baseline)

A build of Jemput also reports how many jobs it had and wrote, and the files those wrote
(a search bundle's files are known once Pagefind has run: counted as one). Memory is
reported three ways: peak RSS of the build process, peak RSS of its
largest worker, and (on Linux) the peak of the proportional set size summed
over the build process and all its workers, sampled every 250 ms. Forked
workers share most of their pages with the parent; PSS counts each shared page
once in total, so the sum is the memory the build really occupies.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


SAMPLE_EVERY = 0.25
"""Seconds between two samples of memory. Reading a process's PSS makes the kernel walk its page
tables: at 100,000 events, sampling three processes of up to 2 GB every 50 ms took a share of the
two cores from the build it measured (one edit: 55.5 and 61.0 s sampled, 49.9 and 51.7 s not)."""


class TreeMemory(threading.Thread):
    """Largest total PSS of this process and its descendants seen while running."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.available = Path(f"/proc/{os.getpid()}/smaps_rollup").exists()
        self._finished = threading.Event()

    def run(self) -> None:
        while not self._finished.wait(SAMPLE_EVERY):
            total = sum(_pss_kib(pid) for pid in _descendants(os.getpid()))
            self.peak_kib = max(self.peak_kib, total)

    def stop(self) -> int | None:
        self._finished.set()
        self.join()
        return self.peak_kib if self.available else None


def main(kind: str, settings: str, output: str) -> int:
    logging.disable(logging.WARNING)
    memory = TreeMemory()
    memory.start()
    started = time.perf_counter()
    if kind == "jemput":
        from jemput.commands.build import build_site
        from jemput.write.previous import SiteUpdate

        counted = {}
        commit = SiteUpdate.commit

        def counting_commit(update):  # what the build wrote, for the figures of each kind of change
            counted.update(jobs=len(update.jobs), jobs_written=len(set(update.jobs) - update.carried),
                           files_written=sum(max(1, len(paths)) for first, (_, paths) in update.jobs.items()
                                             if first not in update.carried))
            return commit(update)

        SiteUpdate.commit = counting_commit
        code = build_site(Path(settings), Path(output))
        if not counted:  # nothing to do: the build wrote nothing
            counted.update(jobs_written=0, files_written=0)
    else:
        from pelican import Pelican
        from pelican.settings import read_settings

        Pelican(read_settings(settings, override={"OUTPUT_PATH": output})).run()
        code = 0
    wall = time.perf_counter() - started
    tree_kib = memory.stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": code, "wall": wall, "peak_mib": own / 1024, "worker_peak_mib": workers / 1024,
                      "tree_pss_mib": tree_kib / 1024 if tree_kib is not None else None,
                      **(counted if kind == "jemput" else {})}))
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
