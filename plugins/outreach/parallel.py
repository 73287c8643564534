"""Independent work spread over the machine's cores, in forked worker processes.

Workers are forked, so they start with everything the parent has built
(schedule, pages, templates) and only small arguments (indices, keys) and
results (bytes, counts) cross between processes. The output does not depend
on the number of workers: results come back in the order of the input.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

MIN_ITEMS_TO_SPLIT = 200
CHUNKS_PER_WORKER = 8

_task = None  # in a worker process: the function it runs on its chunks


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def _start_worker(task) -> None:
    global _task
    _task = task


def _run_chunk(chunk):
    return _task(chunk)


def map_chunks(task, items: list, workers: int) -> list:
    """``task(chunk) -> list`` over contiguous chunks of ``items``; one flat list, in order."""
    if workers <= 1 or len(items) < MIN_ITEMS_TO_SPLIT or "fork" not in multiprocessing.get_all_start_methods():
        return task(items)
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(task,)) as pool:
        return [result for chunk in pool.map(_run_chunk, chunks) for result in chunk]
