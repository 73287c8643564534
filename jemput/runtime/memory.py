"""Python's cyclic garbage collector, kept off what a build holds until it ends.

A build reads every schedule into objects that live until its last file is
written. A full collection walks all of them, and one runs each time the heap
has grown by a quarter: at 100,000 events, 19 full collections while reading
took 2.1 s, and the collections after it walked the schedule again each time.
In a forked worker a collection also writes to every object it walks, copying
the parent's memory. So what is read is built with collection paused, then
frozen (left out of every later collection) until the build has written its
files.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collection_paused():
    """No collection inside: for steps that build long-lived objects and little garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze() -> None:
    """Leave every object alive now out of later collections, until ``unfreeze``."""
    gc.freeze()


def unfreeze() -> None:
    gc.unfreeze()


@contextmanager
def frozen():
    """``freeze`` inside; an outer freeze (the build's) stays in force after it."""
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()
