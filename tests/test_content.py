"""Announcements and pages as strict as schedules: every hostile header, output collision and
link out of the repository is refused at its file and line, and the previous site stays."""

from __future__ import annotations

import hashlib
import io
import os
import shutil

import feedparser
import pytest
from helpers import PROJECT, files_of

from jemput.commands.check import check_schedules
from jemput.schedule.content import read_header

ANNOUNCEMENT = "Title: {title}\nDate: 2026-11-21 08:00\n{extra}\nIsi pengumuman.\n"


def announcement(title="Pengumuman baru", extra=""):
    return ANNOUNCEMENT.format(title=title, extra=extra)


def digests(folder):
    return {name: hashlib.sha256(data).hexdigest() for name, data in files_of(folder).items()}


@pytest.fixture
def built(site):
    """The test site built once: a failed build must leave exactly this."""
    code, err = site.build()
    assert code == 0, err
    site.before = digests(site.output)
    return site


def fails_at(site, *expected: str) -> str:
    """The build fails, reports each expected text, and leaves the previous site as it was."""
    code, err = site.build()
    assert code == 1, err
    for text in expected:
        assert text in err, err
    assert "Traceback" not in err
    assert digests(site.output) == site.before
    return err


def checked(site) -> tuple[int, str]:
    out = io.StringIO()
    return check_schedules(site.settings, stdout=out), out.getvalue()


@pytest.mark.parametrize("header, value", [
    ("Save_as", "kegiatan/serang/sekolah-2026/index.html"), ("Url", "https://elsewhere.example/"),
    ("Template", "event"), ("Category", "serang"), ("Tags", "paspor"), ("Author", "Kanim"), ("Lang", "en"),
    ("Translation", "true"), ("Save_As", "index.html"), ("Page_url", "x"),
])
def test_a_header_that_could_steer_the_build_is_refused_at_its_line(built, header, value):
    built.write("content/pengumuman/jahat.md", announcement(extra=f"{header}: {value}\n"))
    fails_at(built, f"content/pengumuman/jahat.md:3:1: {header}: header '{header}' tidak diizinkan",
             "header yang boleh: Title, Date, Modified, Slug, Summary, Events, Status")


def test_a_misspelt_header_gets_a_did_you_mean(built):
    built.write("content/pengumuman/salah.md", "Titel: Salah ketik\nDate: 2026-11-21\n\nIsi.\n")
    err = fails_at(built, "content/pengumuman/salah.md:1:1: Titel: header 'Titel' tidak diizinkan (maksud Anda "
                          "'Title'?")
    assert "belum ada" not in err  # the misspelling says it all


@pytest.mark.parametrize("extra, expected", [
    ("Slug: ../../index\n", "content/pengumuman/baru.md:3:7: Slug: id '../../index' tidak valid"),
    ("Events: serang/sekolah-2026, ../x\n", "content/pengumuman/baru.md:3:9: Events: '../x' bukan kunci kegiatan"),
    ("Status: publik\n", "content/pengumuman/baru.md:3:9: Status: 'publik' bukan pilihan yang tersedia"),
    ("Modified: kemarin\n", "content/pengumuman/baru.md:3:11: Modified: tanggal 'kemarin' tidak dalam format"),
    ("Slug: satu\nSlug: dua\n", "content/pengumuman/baru.md:4:1: Slug: header 'Slug' ditulis dua kali"),
])
def test_every_allowed_header_is_checked_like_a_schedule_field(built, extra, expected):
    built.write("content/pengumuman/baru.md", announcement(extra=extra))
    fails_at(built, expected)


def test_an_announcement_needs_a_date_and_a_page_names_no_events(built):
    built.write("content/pengumuman/tanpa-tanggal.md", "Title: Tanpa tanggal\n\nIsi.\n")
    built.write("content/pages/halaman.md", "Title: Halaman\nEvents: serang/sekolah-2026\n\nIsi.\n")
    fails_at(built, "content/pengumuman/tanpa-tanggal.md:1:1: Date: header 'Date:' belum ada",
             "content/pages/halaman.md:2:9: Events: halaman tidak menyebut kegiatan")


def test_announcements_are_markdown_only(built):
    built.write("content/pengumuman/lain.rst", "Lain\n####\n\n:date: 2026-11-21\n:save_as: index.html\n")
    fails_at(built, "content/pengumuman/lain.rst:1:1: pengumuman dan halaman harus berkas Markdown (.md)")


def test_a_control_character_is_refused_by_the_check_and_the_build_at_its_line(built):
    """Pasted from a word processor, U+000B passed the check and then broke the feeds' XML."""
    built.write("content/pengumuman/tempel.md", announcement(extra="Summary: Baris\x0bbaru\n"))
    code, out = checked(built)
    assert code == 1
    assert "content/pengumuman/tempel.md:3:15: karakter kendali U+000B tidak boleh ada" in out
    fails_at(built, "content/pengumuman/tempel.md:3:15: karakter kendali U+000B tidak boleh ada")


def test_html_in_the_summary_runs_nowhere_and_stays_valid_inline_html(site):
    site.write("content/pengumuman/ringkas.md", announcement(
        extra='Summary: <img src=x onerror="alert(1)"> **Penting**: <a href="javascript:alert(2)">daftar</a>'
              " <script>alert(3)</script><div>blok</div>\n"))
    code, err = site.build()
    assert code == 0, err
    for page in ("index.html", "pengumuman/index.html"):
        html = site.page(page)
        assert "<p><strong>Penting</strong>: daftar blok</p>" in html
        assert "onerror" not in html and "javascript:" not in html and "alert(3)" not in html
    feed = feedparser.parse(site.page("feeds/pengumuman.atom.xml"))
    summaries = {entry.title: entry.summary for entry in feed.entries}
    assert summaries["Pengumuman baru"] == "Penting: daftar blok"


def test_two_announcements_with_one_slug_name_each_other(built):
    built.write("content/pengumuman/kembar.md", announcement(extra="Slug: jadwal-desember\n"))
    fails_at(built, "content/pengumuman/kembar.md:3:1: Slug: berkas 'pengumuman/jadwal-desember/index.html' akan "
                    "ditulis dua kali: oleh content/pengumuman/jadwal.md dan oleh content/pengumuman/kembar.md")


def test_a_page_named_like_a_listing_is_refused_naming_the_listing(site):
    assert site.build(PAGE_SAVE_AS="{slug}/index.html", PAGE_URL="{slug}/")[0] == 0
    site.before = digests(site.output)
    site.write("content/pages/arsip.md", "Title: Arsip lama\nSlug: arsip\n\nIsi.\n")
    code, err = site.build(PAGE_SAVE_AS="{slug}/index.html", PAGE_URL="{slug}/")
    assert code == 1
    assert ("content/pages/arsip.md:2:1: Slug: berkas 'arsip/index.html' akan ditulis dua kali: oleh "
            "content/pages/arsip.md dan oleh OUTREACH_URLS['past']") in err
    assert digests(site.output) == site.before


def test_an_announcement_titled_like_another_collides_without_a_slug(built):
    built.write("content/pengumuman/a.md", announcement(title="Libur"))
    built.write("content/pengumuman/b.md", announcement(title="Libur"))
    fails_at(built, "content/pengumuman/b.md:1:1: Title: berkas 'pengumuman/libur/index.html' akan ditulis dua kali")


def test_a_page_cannot_take_the_place_of_pelicans_own_pages(site):
    site.write("content/pages/indeks.md", "Title: Indeks\nSlug: beranda\n\nIsi.\n")
    code, err = site.build(PAGE_SAVE_AS="index.html")
    assert code == 1
    assert "berkas 'index.html' akan ditulis dua kali: oleh INDEX_SAVE_AS dan oleh content/pages/indeks.md" in err


@pytest.mark.parametrize("where", ["schedules/serang/luar.yaml", "schedules/luar", "content/pengumuman/luar.md",
                                   "content/pengumuman/luar", "theme/templates/luar.html"])
def test_a_symbolic_link_is_refused_where_it_stands(built, tmp_path, where):
    outside = tmp_path / "di-luar"
    outside.mkdir()
    (outside / "rahasia.yaml").write_text("rahasia: ya\n")
    if where.startswith("theme/"):
        shutil.copytree(PROJECT / "theme", built.root / "theme")
        built.edit("pelicanconf.py", 'THEME = str(PROJECT / "theme")', 'THEME = str(HERE / "theme")')
        assert built.build()[0] == 0
        built.before = digests(built.output)
    link = built.root / where
    target = outside if "." not in link.name else outside / "rahasia.yaml"
    os.symlink(target, link)
    fails_at(built, f"{where}:1:1: tautan simbolik (ke {target}) tidak dibaca")


def test_an_office_announces_only_its_own_visits(built):
    built.write("content/pengumuman/serang/kantor.md", announcement(extra="Events: serang/sekolah-2026, "
                                                                          "makassar/masjid-2026\n"))
    built.write("content/pengumuman/bukan-kantor/x.md", announcement(title="Lain"))
    err = fails_at(built, "content/pengumuman/serang/kantor.md:3:30: Events: pengumuman kantor 'serang' menyebut "
                          "kegiatan 'makassar/masjid-2026' milik kantor lain",
                   "content/pengumuman/bukan-kantor/x.md:1:1: folder 'bukan-kantor' bukan folder kantor")
    assert "serang/sekolah-2026" not in err  # its own visit is fine


def test_an_office_announcement_is_published_and_linked_both_ways(site):
    site.write("content/pengumuman/serang/kantor.md", announcement(title="Dari Serang",
                                                                   extra="Events: serang/sekolah-2026\n"))
    code, err = site.build()
    assert code == 0, err
    assert "pengumuman/dari-serang/" in site.page("kegiatan/serang/sekolah-2026/index.html")


def test_check_gives_the_build_messages_before_any_build(built):
    built.write("content/pengumuman/serang/kantor.md", announcement(extra="Events: makassar/masjid-2026\n"))
    built.write("content/pengumuman/jahat.md", announcement(title="Jahat", extra="Url: x\n"))
    code, out = checked(built)
    assert code == 1
    err = fails_at(built)
    problems = [line for line in out.splitlines() if line.startswith("content/")]
    assert len(problems) == 2 and all(line in err for line in problems)


def test_check_finds_output_collisions_too(built):
    built.write("content/pengumuman/kembar.md", announcement(extra="Slug: jadwal-desember\n"))
    code, out = checked(built)
    assert code == 1 and "content/pengumuman/kembar.md:3:1: Slug: berkas 'pengumuman/jadwal-desember/index.html'" in out


def test_check_annotates_the_line_in_a_pull_request(built):
    built.write("content/pengumuman/serang/kantor.md", announcement(extra="Events: makassar/masjid-2026\n"))
    out = io.StringIO()
    assert check_schedules(built.settings, stdout=out, annotate=True) == 1
    assert "::error file=content/pengumuman/serang/kantor.md,line=3,col=9,title=Events::" in out.getvalue()


def test_headers_are_read_as_python_markdown_reads_them():
    headers = read_header("---\nTitle: A\nEvents: a/b,\n    c/d\nsummary: x\n\nTitle: not a header\n")
    assert sorted(headers) == ["events", "summary", "title"]
    [events] = headers["events"]
    assert [(v, line, column) for v, line, column in events.values] == [("a/b,", 3, 9), ("c/d", 4, 5)]


def test_every_office_announcement_folder_has_its_owners():
    owners = (PROJECT / ".github" / "CODEOWNERS").read_text()
    for office in sorted(p.name for p in (PROJECT / "schedules").iterdir() if p.is_dir()):
        assert f"/content/pengumuman/{office}/" in owners and f"/schedules/{office}/" in owners, office


def test_check_plans_the_plugin_files_when_a_page_lies_among_them(site):
    site.write("pelicanconf.py", site.settings.read_text() + 'PAGE_SAVE_AS = "{slug}/index.html"\n')
    site.write("content/pages/kantor.md", "Title: Kantor kami\nSlug: kantor\n\nIsi.\n")
    code, out = checked(site)
    assert code == 1
    assert ("content/pages/kantor.md:2:1: Slug: berkas 'kantor/index.html' akan ditulis dua kali: oleh "
            "content/pages/kantor.md dan oleh OUTREACH_URLS['offices']") in out


@pytest.mark.parametrize("body, column", [
    ("Unduh [lampiran]({attach}/../.git/config).", 18),
    ("![foto]({static}/../../pelicanconf.py)", 9),
    ('Lihat <a href="{filename}/../../../proc/self/environ">ini</a>.', 16),
    ("[catatan]: |filename|/../../etc/hostname", 12),
])
def test_a_pelican_file_link_that_would_publish_any_file_is_refused_at_its_place(built, body, column):
    """Pelican copies the file an {attach} link names into the site: the build's settings, the
    repository's credentials, the build's environment."""
    built.write("content/pengumuman/serang/lampiran.md", announcement() + "\n" + body + "\n")
    line = announcement().count("\n") + 2
    code, out = checked(built)
    assert code == 1 and f"content/pengumuman/serang/lampiran.md:{line}:{column}: tautan '" in out
    fails_at(built, f"content/pengumuman/serang/lampiran.md:{line}:{column}: tautan '",
             "menyalin berkas yang disebutnya ke situs publik")
    assert not list(built.output.rglob("config")) and not list(built.output.rglob("environ"))


def test_an_announcement_larger_than_a_schedule_may_be_is_refused(built):
    built.write("content/pengumuman/besar.md", announcement() + "Isi yang sangat panjang. " * 50_000)
    fails_at(built, "content/pengumuman/besar.md:1:1: berkas terlalu besar")


def test_a_draft_announcement_is_not_published_and_the_build_goes_on(site):
    site.write("content/pengumuman/rancangan.md", announcement(title="Rancangan rahasia", extra="Status: draft\n"))
    code, err = site.build()
    assert code == 0, err
    assert not [p for p in site.output.rglob("*") if p.is_file() and b"Rancangan rahasia" in p.read_bytes()]
