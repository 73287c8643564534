"""Share pictures through the build cache, and drawn ahead while the build plans.

Drawing the two pictures of a visit near today is the costliest single step of a
cold build (about 12 ms a visit: 10 s of a 10,000-event site's 60 processor
seconds). Reading, preparing and planning, before any file is written, keep one
core busy and the other mostly idle for about two seconds; in the build of a new
site, a forked process at the lowest priority uses that core to draw the pictures
the build cache does not hold yet (an update draws a few, and is not worth the
fork: 0.07 s for a 10,000-event build's process, more for a larger). When the
writing starts it is stopped after the picture it is drawing: the jobs that
write the pictures find those drawn in the build cache and draw the rest
themselves. The bytes are the same either way: one function draws them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

from jemput.publish import images
from jemput.runtime import memory
from jemput.runtime.cache import ResultCache, decode_pair, encode_pair
from jemput.site.cards import share_card

KIND = "share-images"


def share_pictures(cache: ResultCache, card: images.Card) -> tuple[bytes, bytes]:
    """(link preview, story): the stored pictures of the very same card, or drawn now."""
    pictures, _ = cache.remember(KIND, _material(card), lambda: _drawn(card), encode_pair, decode_pair)
    return pictures


def _material(card: images.Card) -> str:
    return repr((card, images.can_shape()))  # the same card drawn without Raqm is another picture


def _drawn(card: images.Card) -> tuple[bytes, bytes]:
    return images.share_image(card, images.PREVIEW_SIZE), images.share_image(card, images.STORY_SIZE)


class DrawingAhead:
    """The process drawing pictures ahead, if one was started; ``stop`` before writing."""

    def __init__(self, process=None, stopping=None) -> None:
        self._process, self._stopping = process, stopping

    @classmethod
    def start(cls, pages, text, cache: ResultCache, workers: int) -> DrawingAhead:
        """Fork a process to draw the pictures of ``pages`` missing from ``cache``, when the build has a
        second core and a build cache to leave them in."""
        drawn = [page for page in pages if page.share_images]
        if workers <= 1 or cache.path is None or not drawn or "fork" not in multiprocessing.get_all_start_methods():
            return cls()
        context = multiprocessing.get_context("fork")
        stopping = context.Event()
        with memory.frozen():  # the child's collections leave the parent's objects (and pages) alone
            process = context.Process(target=_draw_missing, args=(drawn, text, cache, stopping), daemon=True)
            process.start()
        return cls(process, stopping)

    def stop(self) -> None:
        """Stop after the picture under way; what was drawn is in the build cache when this returns."""
        if self._process is not None:
            self._stopping.set()
            self._process.join()
            self._process = None


def _draw_missing(pages, text, cache: ResultCache, stopping) -> None:
    # A failure here costs time only: the jobs draw what is missing, and report what fails (a build
    # cache that cannot be written, say, is reported once, by the build, not also from here).
    logging.disable(logging.CRITICAL)
    try:
        os.nice(19)  # only what the build leaves idle: its parallel steps keep both cores
        cards = [share_card(page, text) for page in pages]
        keys = [cache.key(KIND, _material(card)) for card in cards]
        stored = cache.get_many(keys)
        for card, key in zip(cards, keys, strict=True):
            if stopping.is_set():
                break
            if key not in stored:
                share_pictures(cache, card)
                cache.flush()  # each pair at once: a job may look for it the moment this stops
    except Exception:  # noqa: BLE001, S110 - see above
        pass
