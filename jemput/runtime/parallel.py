"""Independent work spread over the machine's cores: this process and forked workers.

Workers are forked, so they start with everything the parent has built
(schedule, pages, templates) and only small arguments (indices, keys) and
results (bytes, counts) cross between processes. The output does not depend
on the number of workers: results come back in the order of the input.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from jemput.runtime import memory

log = logging.getLogger(__name__)

MIN_ITEMS_TO_SPLIT = 200
CHUNKS_PER_WORKER = 16

# In a worker process: the function it runs, what runs after each chunk, the chunks
# and the count of chunks taken, shared with every process of the map.
_task = _after_chunk = _chunks = _counter = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def affordable_workers(requested: int) -> int:
    """No more workers than memory allows, so a big site on a small machine builds, slower.

    A forked worker can come to hold a private copy of much of what this process holds
    (reading an inherited object writes its reference count), so each is
    budgeted at this process's current size against the memory available now.
    """
    available, own = _available_bytes(), _resident_bytes()
    if requested <= 1 or available is None or not own:
        return requested
    affordable = max(1, min(requested, 1 + int(0.8 * available) // own))  # this process works too
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


def _start_worker(task, after_chunk, chunks, counter) -> None:
    global _task, _after_chunk, _chunks, _counter
    _task, _after_chunk, _chunks, _counter = task, after_chunk, chunks, counter


def _take(counter) -> int:
    """The index of the next chunk nobody has taken yet (shared by all processes)."""
    with counter.get_lock():
        index = counter.value
        counter.value += 1
    return index


def _run_all(task, after_chunk, chunks, counter) -> dict[int, list]:
    """Chunks nobody has taken, until none are left: their results by chunk index."""
    done = {}
    while (index := _take(counter)) < len(chunks):
        done[index] = task(chunks[index])
        if after_chunk is not None:
            after_chunk()
    return done


def _drain() -> tuple[dict[int, list], list]:
    with _errors_kept() as errors:
        return _run_all(_task, _after_chunk, _chunks, _counter), errors


@contextmanager
def _errors_kept():
    """The errors logged in a forked process, as (logger, level, message): they reach only that
    process's handlers, and the build counts errors in its own, so they are logged again there."""
    kept: list[tuple[str, int, str]] = []
    handler = _Keeper(kept)
    logging.getLogger().addHandler(handler)
    try:
        yield kept
    finally:
        logging.getLogger().removeHandler(handler)


class _Keeper(logging.Handler):
    def __init__(self, kept: list) -> None:
        super().__init__(level=logging.ERROR)
        self.kept = kept

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.name, record.levelno, record.getMessage()))


def _log_again(errors) -> None:
    for name, level, message in errors:
        logging.getLogger(name).log(level, "%s", message)


def map_chunks(task, items: list, workers: int, after_chunk=None, min_items: int = MIN_ITEMS_TO_SPLIT,
               interleaved: bool = False) -> list:
    """``task(chunk) -> list`` over chunks of ``items``; one flat list, in order.

    This process works too, alongside ``workers - 1`` forked ones: every process
    takes the next chunk nobody has taken until none are left, so all finish
    together. ``after_chunk()``, if given, runs after each chunk in the process
    that ran it, such as storing new build-cache entries. Fewer than ``min_items`` items
    are not worth a fork: this process does them alone.

    Chunks are contiguous runs of ``items``, or, ``interleaved``, every n-th item: items
    whose costs differ by kind (a share image takes twenty times a page) then give
    chunks of about the same cost, and no process is left with the costly ones at the end.
    The last chunks are smaller (``_chunks_of``), so the processes finish close together.
    """
    if len(items) >= min_items:
        workers = affordable_workers(workers)
    if workers <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        results = task(items)
        if after_chunk is not None:
            after_chunk()
        return results
    indices = _chunks_of(len(items), workers, interleaved)
    chunks = [[items[index] for index in chunk] for chunk in indices]
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    by_index = {}
    # Objects that exist before the fork are left out of the workers' garbage collection,
    # which would otherwise write to every one of them and so copy the parent's memory.
    with memory.frozen(), ProcessPoolExecutor(workers - 1, mp_context=context, initializer=_start_worker,
                                              initargs=(task, after_chunk, chunks, counter)) as pool:
        helpers = [pool.submit(_drain) for _ in range(workers - 1)]
        try:
            by_index.update(_run_all(task, after_chunk, chunks, counter))
        except BaseException:
            with counter.get_lock():  # the worker stops after its current chunk
                counter.value = len(chunks)
            raise
        for helper in helpers:
            done, errors = helper.result()
            by_index.update(done)
            _log_again(errors)
    results = [None] * len(items)
    for index, chunk_results in by_index.items():  # each result back in its item's place
        for item, result in zip(indices[index], chunk_results, strict=True):
            results[item] = result
    return results


def _chunks_of(count: int, workers: int, interleaved: bool) -> list[list[int]]:
    """The indices of ``count`` items in chunks: ``CHUNKS_PER_WORKER`` a worker of one size, and
    towards the end smaller ones, down to a quarter of it ("guided" scheduling). With equal
    chunks, the process that takes the last one works on alone for half a chunk on average
    (half a second of a cold build of 10,000 events); with these, for an eighth."""
    chunks_wanted = workers * CHUNKS_PER_WORKER
    order = [index for start in range(chunks_wanted) for index in range(start, count, chunks_wanted)] \
        if interleaved else list(range(count))  # interleaved: 0, n, 2n..., 1, n + 1...
    size = max(1, -(-count // chunks_wanted))
    smallest = max(1, size // 4)
    chunks, start = [], 0
    while start < count:
        step = min(size, max(smallest, -(-(count - start) // (2 * workers))))
        chunks.append(order[start:start + step])
        start += step
    return chunks
