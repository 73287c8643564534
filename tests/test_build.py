"""End to end: the real Pelican builds the test site with the plugin and theme."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from helpers import files_of, text_of

EXPECTED_FILES = {
    "index.html", "arsip/index.html", "theme/css/site.css",
    "kegiatan/index.html", "kegiatan/page/2/index.html",
    "kegiatan/serang/al-faruq-2022/index.html", "kegiatan/serang/sekolah-2026/index.html",
    "kegiatan/serang/desa-2026/index.html", "kegiatan/makassar/masjid-2026/index.html",
    "kantor/index.html", "kantor/serang/index.html", "kantor/serang/page/2/index.html",
    "kantor/makassar/index.html",
    "jenis/majelis/index.html", "jenis/school/index.html", "jenis/village/index.html",
    "wilayah/index.html", "wilayah/banten/index.html", "wilayah/banten/page/2/index.html",
    "wilayah/banten/kabupaten-pandeglang/index.html", "wilayah/banten/kabupaten-serang/index.html",
    "wilayah/sulawesi-selatan/index.html", "wilayah/sulawesi-selatan/kota-makassar/index.html",
    "program/index.html", "program/paspor-masuk-desa/index.html",
    "program/paspor-masuk-desa/page/2/index.html",
    "pengumuman/index.html", "pengumuman/jadwal-desember/index.html",
}


def test_build_writes_every_page_kind(built_site):
    assert set(files_of(built_site.output)) >= EXPECTED_FILES


def test_event_page_says_when_in_local_time_with_zone_name(built_site):
    page = text_of(built_site.page("kegiatan/serang/al-faruq-2022/index.html"))
    assert "Kamis, 4 Agustus 2022 – Jumat, 12 Agustus 2022" in page
    assert "setiap hari 08.00–15.00 WIB" in page
    assert "Tidak ada layanan pada: Minggu, 7 Agustus 2022" in page
    assert "300 pemohon" in page
    assert "KTP-el" in page and "Kartu Keluarga" in page
    makassar = text_of(built_site.page("kegiatan/makassar/masjid-2026/index.html"))
    assert "Kamis, 3 Desember 2026" in makassar and "08.00–12.00 WITA" in makassar


def test_event_page_links_openstreetmap_when_geo_is_given(built_site):
    page = built_site.page("kegiatan/serang/al-faruq-2022/index.html")
    assert 'href="https://www.openstreetmap.org/?mlat=-6.31&amp;mlon=106.10#map=16/-6.31/106.10"' in page
    assert "openstreetmap" not in built_site.page("kegiatan/serang/desa-2026/index.html")


def test_status_is_shown_plainly_with_its_note(built_site):
    cancelled = text_of(built_site.page("kegiatan/serang/desa-2026/index.html"))
    assert re.search(r"Dibatalkan\s*: Banjir", cancelled)
    postponed = text_of(built_site.page("kegiatan/makassar/masjid-2026/index.html"))
    assert re.search(r"Ditunda\s*: Menunggu tanggal baru", postponed)
    listing = text_of(built_site.page("kantor/serang/index.html"))
    assert "Dibatalkan" in listing


def test_upcoming_and_past_are_split_by_the_today_setting(built_site):
    upcoming = built_site.page("kegiatan/index.html") + built_site.page("kegiatan/page/2/index.html")
    assert "masjid-2026" in upcoming and "sekolah-2026" in upcoming and "desa-2026" in upcoming
    assert "al-faruq-2022" not in upcoming
    assert "al-faruq-2022" in built_site.page("arsip/index.html")


def test_listing_pages_are_paginated_into_their_own_folders(built_site):
    first = built_site.page("kegiatan/index.html")
    assert 'href="../kegiatan/page/2/"' in first
    second = built_site.page("kegiatan/page/2/index.html")
    assert 'rel="prev" href="../../../kegiatan/"' in second
    assert "Halaman 2 dari 2" in text_of(second)


def test_program_page_shows_progress_towards_its_target(built_site):
    page = text_of(built_site.page("program/paspor-masuk-desa/index.html"))
    assert "2 dari 77 tempat" in page


def test_announcement_and_event_link_each_other(built_site):
    article = built_site.page("pengumuman/jadwal-desember/index.html")
    assert 'href="../../kegiatan/serang/sekolah-2026/"' in article
    assert 'href="../../kegiatan/makassar/masjid-2026/"' in article
    event = built_site.page("kegiatan/makassar/masjid-2026/index.html")
    assert 'href="../../../pengumuman/jadwal-desember/"' in event


def test_staff_text_with_script_comes_out_escaped(built_site):
    page = built_site.page("kegiatan/serang/sekolah-2026/index.html")
    assert "Sosialisasi &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; di sekolah" in page
    assert "SMA &lt;b&gt;Contoh&lt;/b&gt;" in page
    assert "<strong>buku tulis</strong>" in page  # Markdown still works
    for name, data in files_of(built_site.output).items():
        if not name.endswith((".html", ".xml")) or name.startswith("pagefind/"):
            continue  # open data and calendars carry staff text as data, not markup; Pagefind's own files
        html = data.decode("utf-8").lower().replace('<script type="application/ld+json">', "")
        if name == "cari/index.html":  # the search page runs Pagefind's interface, and nothing else
            html = re.sub(r'<script src="\.\./pagefind/[0-9]{4}-q[1-4]/pagefind-ui\.js"></script>', "", html, count=1)
            html = html.replace("<script>\n(function () {\n  var box = document.getelementbyid(\"cari\")", "", 1)
        if name == "admin/index.html":  # the staff editor runs the shipped Decap CMS and Jemput's additions
            for script in ('<script>window.cms_manual_init = true;</script>',
                           '<script src="decap-cms-3.16.3/decap-cms.js"></script>',
                           '<script src="jemput-editor.js"></script>'):
                html = html.replace(script, "", 1)
        assert "<script" not in html, name
        assert "javascript:" not in html, name
        assert "onerror" not in html, name


def test_two_builds_of_the_same_input_are_byte_identical(site, tmp_path):
    assert site.build()[0] == 0
    first = files_of(site.output)
    site.output = tmp_path / "second"
    assert site.build()[0] == 0
    assert files_of(site.output) == first


def test_failed_build_reports_every_problem_and_leaves_the_old_output_intact(site):
    assert site.build()[0] == 0
    before = {k: hashlib.sha256(v).hexdigest() for k, v in files_of(site.output).items()}
    site.edit("schedules/serang/events.yaml", 'hours: "09:00-11:00"', "hours: 09:00")
    site.edit("schedules/makassar/events.yaml", "status: postponed", "status: ditunda")
    code, err = site.build()
    assert code == 1
    assert "schedules/serang/events.yaml:30:12: events[2].hours:" in err
    assert "schedules/makassar/events.yaml:11:13: events[0].status: 'ditunda'" in err
    assert "maksud Anda 'postponed'?" in err
    after = {k: hashlib.sha256(v).hexdigest() for k, v in files_of(site.output).items()}
    assert after == before
    assert not (site.root / ".output.building").exists()


def test_announcement_naming_an_unknown_event_fails_at_its_line(site):
    site.edit("content/pengumuman/jadwal.md", "makassar/masjid-2026", "makassar/masjid-2062")
    code, err = site.build()
    assert code == 1
    assert "content/pengumuman/jadwal.md:4:30: Events: kegiatan 'makassar/masjid-2062' tidak ditemukan" in err
    assert "maksud Anda 'makassar/masjid-2026'?" in err
    assert not site.output.exists()


def test_today_can_come_from_source_date_epoch(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1659571200")  # 2022-08-04
    code, _ = site.build(OUTREACH_TODAY=None)
    assert code == 0
    upcoming = site.page("kegiatan/index.html")
    assert "al-faruq-2022" in upcoming


def test_an_english_edition_needs_only_a_setting(site):
    code, err = site.build(OUTREACH_LANG="en")
    assert code == 0, err
    page = site.page("kegiatan/serang/al-faruq-2022/index.html")
    assert '<html lang="en">' in page
    text = text_of(page)
    assert "Thursday, 4 August 2022 – Friday, 12 August 2022" in text
    assert "every day 8:00 AM–3:00 PM WIB" in text
    assert "What to bring" in text and "Syarat" not in text
    cancelled = text_of(site.page("kegiatan/serang/desa-2026/index.html"))
    assert "Cancelled" in cancelled and "Dibatalkan" not in cancelled
    assert "[CANCELLED] " in (site.output / "kalender/kantor/serang.ics").read_text()


def test_a_preview_of_one_office_builds_only_that_office(site):
    code, err = site.build(OUTREACH_OFFICES=["serang"])
    assert code == 0, err
    built = files_of(site.output)
    assert "kegiatan/serang/sekolah-2026/index.html" in built
    assert not any(name.startswith(("kegiatan/makassar/", "kantor/makassar/")) for name in built)
    # The announcement names a Makassar event too: left out, not an error.
    page = site.page("pengumuman/jadwal-desember/index.html")
    assert "kegiatan/serang/sekolah-2026/" in page and "kegiatan/makassar/" not in page


def test_a_preview_of_an_unknown_office_fails_and_suggests_the_folder(site):
    (site.output / "index.html").parent.mkdir(parents=True)
    (site.output / "index.html").write_text("previous site")
    code, err = site.build(OUTREACH_OFFICES=["serng"])
    assert code == 1
    assert "schedules:1:1: OUTREACH_OFFICES: tidak ada folder kantor 'serng' untuk pratinjau" in err
    assert "maksud Anda 'serang'?" in err
    assert site.page("index.html") == "previous site"


def test_builds_in_one_process_do_not_wait_for_the_removal_of_the_site_they_replaced(site, monkeypatch):
    """``invoke serve`` rebuilds in one process while the replaced site may still be being removed."""
    from jemput.write import previous

    removals, real_popen = [], previous.subprocess.Popen

    def popen(args, **kwargs):  # the removal of a replaced site is recorded, not run; Pagefind runs
        if "shutil.rmtree" in " ".join(map(str, args)):
            return removals.append(Path(args[-1]))
        return real_popen(args, **kwargs)

    monkeypatch.setattr(previous.subprocess, "Popen", popen)
    for _ in range(3):
        code, err = site.build(OUTREACH_CACHE_PATH=False)  # no manifest: each build swaps a whole site in
        assert code == 0, err
    assert len(removals) == 2 and removals[0] != removals[1]
    assert all(folder.is_dir() and any(folder.iterdir()) for folder in removals)  # not removed meanwhile
    assert (site.output / "index.html").is_file()


def test_interface_text_follows_each_build_language_in_one_process(site):
    # Templates translate constant text once, when Jinja compiles them: a later build
    # in another language (invoke serve, a second site) must not show the first one's.
    assert site.build()[0] == 0
    assert "Syarat" in text_of(site.page("kegiatan/serang/al-faruq-2022/index.html"))
    assert site.build(OUTREACH_LANG="en")[0] == 0
    page = site.page("kegiatan/serang/al-faruq-2022/index.html")
    english = text_of(page)
    assert "What to bring" in english and "Syarat" not in english
    assert "Skip to content" in page and "Langsung ke isi" not in page  # base.html
    assert "Already held" in english and "Sudah berlangsung" not in english  # a label of a constant


WARNED = """  - id: natal-2030
    type: village
    title: Kunjungan di hari Natal
    start: 2030-12-25
    venue:
      name: Balai Desa Natal
      regency: Kab Pandeglang
      province: Banten
"""


def test_a_build_says_every_warning_at_its_line_and_the_counts_like_invoke_check(site):
    site.edit("schedules/serang/events.yaml", "events:\n", "events:\n" + WARNED)
    for _ in range(2):  # built, then nothing to do: the same words both times
        code, err = site.build()
        assert code == 0, err
        lines = err.splitlines()
        warned = [line for line in lines if line.startswith("schedules/serang/events.yaml:")]
        assert any("hari libur" in line and "Natal" in line for line in warned), warned
        assert any("maksud Anda 'Kabupaten Pandeglang'?" in line for line in warned), warned
        assert any("lebih dari setahun lagi" in line for line in warned), warned
        assert all(re.match(r"schedules/serang/events\.yaml:\d+:\d+: peringatan: ", line) for line in warned)
        assert lines[-1] == f"0 kesalahan, {len(warned)} peringatan, 6 kegiatan"


def test_holidays_come_from_the_build_cache_once_known(site, monkeypatch):
    # Loading the holidays package's calendar for Indonesia takes a quarter of a second; after one
    # build, checking an edited file finds the year's holidays in the build cache.
    from jemput.schedule import advice

    site.edit("schedules/serang/events.yaml", "events:\n", "events:\n" + WARNED)
    assert site.build()[0] == 0

    def unavailable(year):
        raise AssertionError(f"holidays of {year} computed again")

    monkeypatch.setattr(advice, "_holidays", unavailable)
    site.edit("schedules/serang/events.yaml", "title: Kunjungan di hari Natal", "title: Kunjungan Natal")
    code, err = site.build()
    assert code == 0, err
    assert any("hari libur" in line and "Natal" in line for line in err.splitlines())
