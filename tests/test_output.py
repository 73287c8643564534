"""Pages written by ``write.output.Output`` are the pages Pelican's own writer writes."""

from __future__ import annotations

import hashlib

import pytest
from jinja2 import Environment
from pelican import signals
from pelican.writers import Writer

from jemput.write.output import Output

TEMPLATE = Environment(autoescape=True).from_string(
    '<a href="{{ SITEURL }}/biaya/">{{ title }}</a> {{ output_file }} {{ localsiteurl }} ü\n')
SAVE_AS = "kegiatan/serang/al-faruq-2022/index.html"


@pytest.mark.parametrize("relative", [True, False])
def test_a_page_has_the_bytes_pelicans_writer_gives_it(tmp_path, relative):
    context = {"SITEURL": "https://jemput.example.go.id", "title": "ignored"}
    Writer(str(tmp_path / "pelican"), {"RELATIVE_URLS": relative}).write_file(
        SAVE_AS, TEMPLATE, dict(context), relative_urls=relative, title="Masjid & <Majelis>")
    output = Output(str(tmp_path / "jemput"), dict(context), relative)
    output.page(SAVE_AS, TEMPLATE, title="Masjid & <Majelis>")

    expected = (tmp_path / "pelican" / SAVE_AS).read_bytes()
    assert (tmp_path / "jemput" / SAVE_AS).read_bytes() == expected
    assert ("../../.." if relative else "https://jemput.example.go.id").encode() in expected
    assert b"Masjid &amp; &lt;Majelis&gt;" in expected
    # Its digest is kept as written: the build does not read the page back to mark it.
    assert output.digests[SAVE_AS] == hashlib.sha256(expected).digest()


def test_a_written_page_is_announced_to_pelican_plugins(tmp_path):
    heard = []

    def listener(path, context):
        heard.append((path, context["output_file"], context["title"]))

    signals.content_written.connect(listener)
    try:
        Output(str(tmp_path), {"SITEURL": ""}, True).page(SAVE_AS, TEMPLATE, title="Judul")
    finally:
        signals.content_written.disconnect(listener)
    assert heard == [(str(tmp_path / SAVE_AS), SAVE_AS, "Judul")]


def test_a_page_outside_the_output_folder_is_refused(tmp_path):
    output = Output(str(tmp_path / "site"), {"SITEURL": ""}, True)
    with pytest.raises(RuntimeError):
        output.page("../elsewhere/index.html", TEMPLATE, title="x")
    assert not (tmp_path / "elsewhere").exists()


def test_a_file_written_in_parts_keeps_the_digest_of_the_whole(tmp_path):
    output = Output(str(tmp_path), {}, False)
    output.parts("kalender/semua.ics", iter([b"BEGIN:VCALENDAR\r\n", b"END:VCALENDAR\r\n"]))
    whole = (tmp_path / "kalender/semua.ics").read_bytes()
    assert whole == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    assert output.digests["kalender/semua.ics"] == hashlib.sha256(whole).digest()


def test_a_file_the_site_has_with_the_same_bytes_is_left_there_and_any_other_is_written(tmp_path):
    """An update writes only files whose bytes changed: the site says (``in_site``) which it has already."""
    site = tmp_path / "site"
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "pagefind" / "fragment" / "a.pf_fragment").write_bytes(b"same")
    asked = []

    def in_site(path, digest):
        asked.append(path)
        return ("mark", path) if (site / path).is_file() and hashlib.sha256(
            (site / path).read_bytes()).digest() == digest else None

    heard = []

    def listener(path, context):
        heard.append(context["output_file"])

    signals.content_written.connect(listener)
    try:
        output = Output(str(tmp_path / "staging"), {"SITEURL": ""}, True, site, in_site)
        output.bytes("pagefind/fragment/a.pf_fragment", b"same")
        output.bytes("pagefind/fragment/b.pf_fragment", b"new")
        (site / "index.html").write_bytes(TEMPLATE.render(SITEURL=".", title="Beranda", output_file="index.html",
                                                          localsiteurl=".").encode("utf-8"))
        output.page("index.html", TEMPLATE, title="Beranda")
        output.page("baru/index.html", TEMPLATE, title="Baru")
    finally:
        signals.content_written.disconnect(listener)
    assert asked == ["pagefind/fragment/a.pf_fragment", "pagefind/fragment/b.pf_fragment", "index.html",
                     "baru/index.html"]
    assert output.kept == {"pagefind/fragment/a.pf_fragment": ("mark", "pagefind/fragment/a.pf_fragment"),
                           "index.html": ("mark", "index.html")}
    staged = sorted(p.relative_to(tmp_path / "staging").as_posix() for p in (tmp_path / "staging").rglob("*.*"))
    assert staged == ["baru/index.html", "pagefind/fragment/b.pf_fragment"]
    assert heard == ["baru/index.html"]  # the page the site has already is not announced as written
    assert output.current("pagefind/fragment/a.pf_fragment").read_bytes() == b"same"


def test_a_file_written_twice_by_one_job_ends_as_its_last_bytes(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.txt").write_bytes(b"site")
    digest = hashlib.sha256(b"site").digest()
    output = Output(str(tmp_path / "staging"), {}, False, site, lambda path, sha: "mark" if sha == digest else None)
    output.bytes("a.txt", b"first")
    output.bytes("a.txt", b"site")  # the same as the site's after all: nothing staged is left to move in
    assert not (tmp_path / "staging" / "a.txt").exists() and output.kept == {"a.txt": "mark"}
    output.bytes("a.txt", b"last")
    assert (tmp_path / "staging" / "a.txt").read_bytes() == b"last" and output.kept == {}
