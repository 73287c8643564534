"""Share pictures drawn ahead, on the core the build leaves idle while it plans: stored in the build
cache exactly as the job that writes them would draw them, and stopped when the writing starts."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from jemput.publish import images
from jemput.runtime.cache import ResultCache, decode_pair
from jemput.site.cards import share_card
from jemput.write import pictures
from jemput.write.pictures import DrawingAhead


class _Options:
    def absolute(self, relative: str) -> str:
        return f"https://imigrasi.example.go.id/{relative}"


class _Text:
    def summary_mark(self, status: str) -> str | None:
        return "DIBATALKAN" if status == "cancelled" else None

    def __call__(self, message: str, **values) -> str:
        return message % values


def _page(number: int, shared: bool = True):
    """What a share card reads of an event page."""
    url = f"kegiatan/kanim-001/kegiatan-{number:03d}/"
    return SimpleNamespace(
        options=_Options(), url=url, share_images=(url + "a.png", url + "b.png") if shared else None,
        entry=SimpleNamespace(title=f"Paspor Masuk Desa Sukamaju {number}",
                              status="cancelled" if number % 2 else "scheduled"),
        dates="Senin, 7 Desember 2026", hours="08.00–15.00 WIB", location=f"Balai Desa Sukamaju {number}, Cibadak",
        closed="Selasa, 8 Desember 2026" if number % 3 == 0 else "",
        office=SimpleNamespace(name="Kantor Imigrasi Kelas I TPI Sukabumi"))


def _stored(cache: ResultCache, page) -> bytes | None:
    return cache.get(cache.key(pictures.KIND, pictures._material(share_card(page, _Text()))))


def test_pictures_drawn_ahead_are_stored_as_the_job_draws_them(tmp_path):
    cache = ResultCache(tmp_path)
    pages = [_page(1), _page(2), _page(3, shared=False)]
    drawing = DrawingAhead.start(pages, _Text(), cache, workers=2)
    drawing._process.join(timeout=120)  # everything drawn before it is told to stop
    drawing.stop()

    for page in pages[:2]:
        card = share_card(page, _Text())
        stored = _stored(cache, page)
        assert stored is not None
        assert decode_pair(stored) == (images.share_image(card, images.PREVIEW_SIZE),
                                       images.share_image(card, images.STORY_SIZE))
        # The job finds them: what it writes comes from the store, drawn once.
        assert pictures.share_pictures(cache, card) == decode_pair(stored)
    assert _stored(cache, pages[2]) is None  # a visit beyond the horizon has no pictures of its own


def test_drawing_ahead_stops_when_told_and_keeps_what_it_drew(tmp_path):
    cache = ResultCache(tmp_path)
    pages = [_page(number) for number in range(300)]  # about four seconds of drawing
    drawing = DrawingAhead.start(pages, _Text(), cache, workers=2)
    drawing.stop()
    assert drawing._process is None
    drawn = [page for page in pages if _stored(cache, page) is not None]
    assert len(drawn) < len(pages)
    assert drawn == pages[:len(drawn)]  # in order, each pair stored whole as soon as it was drawn


def test_nothing_is_drawn_ahead_without_a_second_core_or_a_build_cache(tmp_path):
    assert DrawingAhead.start([_page(1)], _Text(), ResultCache(tmp_path), workers=1)._process is None
    assert DrawingAhead.start([_page(1)], _Text(), ResultCache(None), workers=2)._process is None
    assert DrawingAhead.start([_page(1, shared=False)], _Text(), ResultCache(tmp_path), workers=2)._process is None
    DrawingAhead().stop()  # nothing to stop


def test_a_new_site_draws_ahead_and_an_update_does_not(site, monkeypatch):
    started = []
    start = DrawingAhead.start.__func__

    def recording(cls, pages, text, cache, workers):
        started.append(len([page for page in pages if page.share_images]))
        return start(cls, pages, text, cache, workers)

    monkeypatch.setattr(DrawingAhead, "start", classmethod(recording))
    assert site.build(OUTREACH_WORKERS=2)[0] == 0
    assert len(started) == 1 and started[0] > 0  # the visits near today
    assert site.build(OUTREACH_WORKERS=2)[0] == 0
    assert len(started) == 1  # the site is there: its pictures are carried over


def test_a_build_cache_it_cannot_use_is_not_reported_from_the_drawing(tmp_path):
    """The build reports it, once; the drawing process only loses its time."""
    (tmp_path / "not-a-folder").write_text("")
    cache = ResultCache(tmp_path / "not-a-folder")  # no store can be made under a file
    said = tmp_path / "said.log"
    handler = logging.FileHandler(said)
    logging.getLogger().addHandler(handler)
    try:
        drawing = DrawingAhead.start([_page(1)], _Text(), cache, workers=2)
        drawing._process.join(timeout=120)
        drawing.stop()
        assert said.read_text() == ""
        cache.get(b"a key")  # the build itself says it
        assert "unusable" in said.read_text()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
