"""The build cache: rebuilds reuse earlier results and never show stale ones."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from helpers import files_of

from jemput.publish import calendars, feeds, images
from jemput.runtime import cache
from jemput.site import sanitize


def same_tree(left, right) -> bool:
    return files_of(left) == files_of(right)


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """How often the costly steps actually ran (in this process: one worker)."""
    counted = Counter()

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(calendars, "serialize_event", counting("vevents", calendars.serialize_event))
    monkeypatch.setattr(feeds, "render_feeds", counting("feeds", feeds.render_feeds))
    monkeypatch.setattr(sanitize, "clean_html", counting("markdown", sanitize.clean_html))
    monkeypatch.setattr(images, "share_image", counting("share images", images.share_image))
    return counted


def test_a_rebuild_reuses_every_result_and_gives_the_same_bytes(site, tmp_path, calls):
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    first = tmp_path / "first"
    site.output.rename(first)
    cold = Counter(calls)
    assert cold["vevents"] == 5 and cold["feeds"] > 10
    assert cold["share images"] == 2 * len(list(first.glob("kegiatan/*/*/gambar-1080x1350.png"))) > 0
    assert (site.root / ".jemput-cache" / cache.FILE_NAME).is_file()

    calls.clear()
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    assert calls["vevents"] == calls["feeds"] == calls["share images"] == 0
    # One event has a description; the announcement is Pelican's and sanitised every build.
    assert calls["markdown"] == cold["markdown"] - 1
    assert same_tree(first, site.output)


def test_a_build_without_cache_gives_the_same_bytes(site, tmp_path):
    assert site.build()[0] == 0
    assert site.build()[0] == 0  # warm
    site.output.rename(tmp_path / "warm")
    assert site.build(OUTREACH_CACHE_PATH=False)[0] == 0
    assert same_tree(tmp_path / "warm", site.output)


def test_an_edit_redoes_only_that_event_and_shows_everywhere(site, calls):
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    calls.clear()
    site.edit("schedules/serang/events.yaml", "Bawa **buku tulis**.", "Bawa **pulpen**.")
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    assert calls["vevents"] == 1  # its fingerprint covers the whole entry
    assert calls["share images"] == 0  # the description is not on the picture
    assert calls["markdown"] == 2  # the new description, and the announcement Pelican reads every build
    assert "<strong>pulpen</strong>" in site.page("kegiatan/serang/sekolah-2026/index.html")
    assert b"pulpen" not in (site.output / "kalender/semua.ics").read_bytes()  # DESCRIPTION is a summary
    assert "buku tulis" not in site.page("kegiatan/serang/sekolah-2026/index.html")


def test_a_new_title_redraws_that_event_s_pictures_only(site, calls):
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    before = (site.output / "kegiatan/serang/sekolah-2026/gambar-1200x630.png").read_bytes()
    calls.clear()
    site.edit("schedules/serang/events.yaml", "di sekolah\n", "di sekolah (diperbarui)\n")
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    assert calls["share images"] == 2
    assert (site.output / "kegiatan/serang/sekolah-2026/gambar-1200x630.png").read_bytes() != before


def test_a_preview_keeps_the_other_offices_results(site, calls):
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    calls.clear()
    # Previews may run many times between full builds; with one office of two, pruning
    # (results unused > used) would have dropped everything else.
    for _ in range(2):
        assert site.build(OUTREACH_WORKERS=1, OUTREACH_OFFICES=["makassar"])[0] == 0
    calls.clear()
    assert site.build(OUTREACH_WORKERS=1)[0] == 0
    assert calls["vevents"] == 0


def test_an_unreadable_cache_is_set_aside_with_a_warning(site, caplog):
    folder = site.root / ".jemput-cache"
    folder.mkdir()
    (folder / cache.FILE_NAME).write_bytes(b"this is not a database" * 100)
    code, err = site.build()
    assert code == 0, err
    assert "Build cache" in caplog.text and "unreadable" in caplog.text
    assert "Sosialisasi" in site.page("index.html")
    assert site.build()[0] == 0  # the unreadable file was replaced by a working one
    assert any(p.name.endswith(".unreadable") for p in folder.iterdir())


def test_a_cache_of_the_older_layout_is_started_afresh_in_the_new_one(tmp_path):
    older = sqlite3.connect(tmp_path / cache.FILE_NAME)
    older.execute("CREATE TABLE results (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
    older.execute("INSERT INTO results VALUES (?, ?)", (b"old", b"result of older code"))
    older.commit()
    older.close()
    store = cache.ResultCache(tmp_path)
    key = store.key("markdown", "teks")
    store.put(key, b"<p>teks</p>")
    store.flush()
    assert store.get(key) == b"<p>teks</p>" and store.get(b"old") is None
    store.close()
    reopened = sqlite3.connect(tmp_path / cache.FILE_NAME)
    (layout,) = reopened.execute("SELECT sql FROM sqlite_master WHERE name = 'results'").fetchone()
    assert "WITHOUT ROWID" not in layout.upper()
    assert reopened.execute("PRAGMA page_size").fetchone() == (16384,)


@pytest.fixture
def new_process():
    """The salt is worked out once per process: a test of another library or package is another process."""
    cache.code_salt.cache_clear()
    yield cache.code_salt.cache_clear
    cache.code_salt.cache_clear()


def test_results_are_keyed_by_library_versions_and_code(monkeypatch, tmp_path, new_process):
    store = cache.ResultCache(tmp_path)
    key = store.key("markdown", "**teks**")
    monkeypatch.setattr(cache.metadata, "version", lambda name: "0-other")
    new_process()
    assert cache.ResultCache(tmp_path).key("markdown", "**teks**") != key
    assert store.key("feeds", "**teks**") != key


def test_results_are_keyed_by_every_file_of_the_package(monkeypatch, tmp_path, new_process):
    package = tmp_path / "jemput"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", package)
    key = cache.ResultCache(tmp_path / "store").key("vevents", "serang/a")
    new_process()
    assert cache.ResultCache(tmp_path / "store").key("vevents", "serang/a") == key
    for changed in (package / "site" / "listings.py", package / "locale" / "id" / "LC_MESSAGES" / "jemput.po"):
        changed.write_text(changed.read_text() + "\n# changed\n")  # a module no cached step calls; words
        new_process()
        assert cache.ResultCache(tmp_path / "store").key("vevents", "serang/a") != key
        key = cache.ResultCache(tmp_path / "store").key("vevents", "serang/a")


def test_prune_forgets_results_no_build_uses_any_more(tmp_path):
    store = cache.ResultCache(tmp_path)
    old = [store.key("markdown", f"lama {n}") for n in range(10)]
    for key in old:
        store.put(key, b"x")
    store.flush()
    fresh = cache.ResultCache(tmp_path)
    kept = fresh.key("markdown", "baru")
    fresh.put(kept, b"y")
    fresh.get(kept)
    fresh.flush()
    fresh.prune()
    rows = sqlite3.connect(tmp_path / cache.FILE_NAME).execute("SELECT key FROM results").fetchall()
    assert rows == [(kept,)]


def test_remember_many_looks_up_in_batches_and_makes_only_what_is_missing(tmp_path):
    store = cache.ResultCache(tmp_path)
    texts = [f"teks {n}" for n in range(1203)]  # more than one query's worth of keys
    for text in texts[::2]:
        store.put(store.key("markdown", text), f"lama {text}".encode())
    store.flush()

    later = cache.ResultCache(tmp_path)
    asked = []

    def make_missing(indices):
        asked.append(list(indices))
        return [f"baru {texts[i]}" for i in indices]

    results = later.remember_many("markdown", texts, make_missing, str.encode, bytes.decode)
    assert asked == [list(range(1, 1203, 2))]  # one call, for the odd ones only
    assert [value for value, _ in results] == [
        f"{'lama' if n % 2 == 0 else 'baru'} teks {n}" for n in range(1203)]
    assert [key for _, key in results] == [later.key("markdown", t) for t in texts]
    assert later.used == {key for _, key in results}
    later.flush()
    again = cache.ResultCache(tmp_path).remember_many("markdown", texts, make_missing, str.encode, bytes.decode)
    assert len(asked) == 1 and again == results  # everything stored now, nothing made again


def test_remember_many_without_a_store_makes_everything(tmp_path):
    results = cache.ResultCache(None).remember_many("markdown", ["a", "b"], lambda idx: [i * 10 for i in idx],
                                                     str, str)
    assert [value for value, _ in results] == [0, 10]


def test_prepared_descriptions_are_converted_once_in_one_batch(tmp_path, calls):
    renderer = sanitize.MarkdownRenderer(cache.ResultCache(tmp_path))
    texts = ["**satu**", "dua <script>x</script>", "**satu**", None, ""]
    renderer.prepare(texts)
    assert calls["markdown"] == 2  # each distinct text once
    assert renderer("**satu**") == "<p><strong>satu</strong></p>"
    assert "<script>" not in renderer("dua <script>x</script>") and renderer(None) == renderer("") == ""
    assert calls["markdown"] == 2  # served from the batch
    renderer.prepare(["tiga"])
    # The batch was replaced; the result is still in the build cache, not yet stored: not made again.
    assert renderer("**satu**") == "<p><strong>satu</strong></p>" and calls["markdown"] == 3


def test_announcements_are_read_again_only_when_their_bytes_or_the_settings_change(site, monkeypatch):
    from pelican.readers import MarkdownReader

    read = Counter()
    real_read = MarkdownReader.read

    def counted(self, source_path):
        read[Path(source_path).name] += 1
        return real_read(self, source_path)

    monkeypatch.setattr(MarkdownReader, "read", counted)
    site.write("content/pengumuman/lain.md", "Title: Lain\nDate: 2026-11-21 08:00\nSlug: lain\n\nTeks lain.\n")
    assert site.build()[0] == 0
    assert read == {"jadwal.md": 1, "lain.md": 1}
    folders = list((site.root / ".jemput-cache" / "pelican").iterdir())
    assert len(folders) == 1

    # Same time, other bytes: a checkout sets times, so only the bytes count.
    source = site.root / "content/pengumuman/lain.md"
    stat = source.stat()
    site.edit("content/pengumuman/lain.md", "Teks lain.", "Teks baru.")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert site.build()[0] == 0
    assert read == {"jadwal.md": 1, "lain.md": 2}
    shown = "".join(path.read_text() for path in site.output.rglob("*.html") if "lain" in path.as_posix())
    assert "Teks baru." in shown and "Teks lain." not in shown

    assert site.build(OUTREACH_LANG="en")[0] == 0  # other settings: read again, in a folder of their own
    assert read == {"jadwal.md": 2, "lain.md": 3}
    now = list((site.root / ".jemput-cache" / "pelican").iterdir())
    assert len(now) == 1 and now != folders


def test_every_result_a_build_used_is_kept_when_it_prunes_the_others(site, monkeypatch):
    """A clean build forgets results it did not use. What its jobs looked up or stored in other
    processes (open data's quarters and lines, the checked ledger) counts as used: the next build
    finds them."""
    finished = []
    original = cache.ResultCache.finish

    def finish(self, used, prune=True):
        finished.append(({key for key in used if key} | self.used, prune))
        return original(self, used, prune)

    monkeypatch.setattr(cache.ResultCache, "finish", finish)
    assert site.build(OUTREACH_WORKERS=2)[0] == 0
    [(used, pruned)] = finished
    assert pruned  # a new site: this build wrote every file
    with sqlite3.connect(site.root / ".jemput-cache" / cache.FILE_NAME) as stored:
        keys = {key for (key,) in stored.execute("SELECT key FROM results")}
    assert len(keys) > 20
    assert keys - used == set()
