"""Staff Markdown and HTML made safe (site/sanitize.py): nh3 decides what stays."""

from __future__ import annotations

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
