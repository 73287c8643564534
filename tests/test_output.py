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
