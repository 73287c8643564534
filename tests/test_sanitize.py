"""Staff Markdown and HTML made safe (site/sanitize.py): nh3 decides what stays."""

from __future__ import annotations

import markdown

from jemput.site.sanitize import MarkdownRenderer, clean_html, inline_html, plain_text


def test_body_html_keeps_safe_markup_and_loses_script():
    html = clean_html('<p onclick="x()">Bawa <b>KTP</b><script>alert(1)</script><img src=a onerror=b()></p>')
    assert html == '<p>Bawa <b>KTP</b><img src="a"></p>'


def test_a_link_that_lost_its_address_becomes_its_text():
    assert clean_html('<a href="javascript:alert(1)" title="t">daftar</a> <a href="https://x.example/">ke</a>') == (
        'daftar <a href="https://x.example/" rel="noopener noreferrer">ke</a>')


def test_inline_html_fits_inside_a_paragraph():
    html = "<p>Satu <em>dua</em></p>\n<ul><li>tiga</li></ul><h2>empat</h2>"
    assert inline_html(html) == "Satu <em>dua</em> tiga empat"


def test_plain_text_has_no_markup_and_no_script_words():
    assert plain_text("<p>A &amp; B</p><script>alert('x')</script>\n<b>C</b>") == "A & B C"


def test_markdown_descriptions_are_sanitised():
    render = MarkdownRenderer()
    assert render("**Bawa** [tautan](javascript:alert(1)) <script>x</script>") == "<p><strong>Bawa</strong> tautan </p>"


def test_an_abbreviation_before_a_link_leaves_the_link_closed():
    """"<a" in "<abbr" was taken for a link without an address: the rest of the page became a link."""
    html = markdown.markdown('Oleh <abbr title="Kantor Imigrasi">Kanim</abbr> Serang. Daftar di '
                             "[formulir](https://serang.example.go.id/daftar) sebelum tanggal 10.\n\nParagraf kedua.")
    cleaned = clean_html(html)
    assert '<abbr title="Kantor Imigrasi">Kanim</abbr>' in cleaned
    assert ('<a href="https://serang.example.go.id/daftar" rel="noopener noreferrer">formulir</a> sebelum'
            in cleaned)
    assert "<p>Paragraf kedua.</p>" in cleaned


def test_an_image_without_a_safe_source_and_impossible_table_spans_are_dropped():
    cleaned = clean_html('<p>a <img alt="grafik" src="data:image/png;base64,AAAA"> b</p>'
                         '<table><tr><td colspan="99999">x</td><td colspan="2" rowspan="0">y</td></tr></table>')
    assert "<img" not in cleaned and "99999" not in cleaned and 'rowspan' not in cleaned
    assert '<td colspan="2">y</td>' in cleaned


def test_pelican_file_links_never_survive_cleaning():
    html = markdown.markdown("[a]({attach}/../.git/config) ![b]({static}/x.png) <a href='|filename|/x.md'>c</a>")
    cleaned = clean_html(html)
    assert "{" not in cleaned and "|filename|" not in cleaned and "href" not in cleaned
