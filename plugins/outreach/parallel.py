"""Independent work spread over the machine's cores, in forked worker processes.

Workers are forked, so they start with everything the parent has built
(schedule, pages, templates) and only small arguments (indices, keys) and
results (bytes, counts) cross between processes. The output does not depend
on the number of workers: results come back in the order of the input.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger(__name__)

MIN_ITEMS_TO_SPLIT = 200
CHUNKS_PER_WORKER = 8

_task = None  # in a worker process: the function it runs on its chunks
_after_chunk = None  # and what it sends back besides the results


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def affordable_workers(requested: int) -> int:
    """No more workers than memory allows, so a big site on a small machine builds, slower.

    A worker can come to hold a private copy of much of what this process holds
    (reading an inherited object writes its reference count), so each is
    budgeted at this process's current size against the memory available now.
    """
    available, own = _available_bytes(), _resident_bytes()
    if requested <= 1 or available is None or not own:
        return requested
    affordable = max(1, min(requested, int(0.8 * available) // own))
    if affordable < requested:
        log.warning("Using %d worker process(es) instead of %d: %d MiB of memory available, "
                    "%d MiB per worker", affordable, requested, available >> 20, own >> 20)
    return affordable


def _available_bytes() -> int | None:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _start_worker(task, after_chunk) -> None:
    global _task, _after_chunk
    _task, _after_chunk = task, after_chunk


def _run_chunk(chunk):
    results = _task(chunk)
    return results, _after_chunk() if _after_chunk else None


def map_chunks(task, items: list, workers: int, after_chunk=None, receive=None) -> list:
    """``task(chunk) -> list`` over contiguous chunks of ``items``; one flat list, in order.

    ``after_chunk()``, if given, runs where the chunk ran (a worker or this process)
    and ``receive`` gets what it returned, in this process: how workers hand back
    side results such as new build-cache entries.
    """
    def passed_back(payload) -> None:
        if receive is not None and payload is not None:
            receive(payload)

    if len(items) >= MIN_ITEMS_TO_SPLIT:
        workers = affordable_workers(workers)
    if workers <= 1 or len(items) < MIN_ITEMS_TO_SPLIT or "fork" not in multiprocessing.get_all_start_methods():
        results = task(items)
        passed_back(after_chunk() if after_chunk else None)
        return results
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    flat = []
    # Objects that exist before the fork are left out of the workers' garbage collection,
    # which would otherwise write to every one of them and so copy the parent's memory.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 initargs=(task, after_chunk)) as pool:
            for results, payload in pool.map(_run_chunk, chunks):
                flat += results
                passed_back(payload)
    finally:
        gc.unfreeze()
    return flat
