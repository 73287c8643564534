"""Link previews: every page tells WhatsApp, Facebook and Telegram what to show, with absolute
addresses and an image that exists at the size it states."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from helpers import PROJECT
from PIL import Image

from jemput.commands.build import build_site

SITE = "https://jemput.example.go.id/"


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key and (key.startswith("og:") or key.startswith("twitter:")):
            self.tags[key] = attrs.get("content", "")


def meta(path) -> dict[str, str]:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    output = tmp_path_factory.mktemp("share") / "output"
    assert build_site(PROJECT / "pelicanconf.py", output) == 0
    return output


def test_every_page_has_a_preview_with_absolute_addresses(sample):
    pages = sorted(sample.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        tags = meta(page)
        own = SITE + page.relative_to(sample).as_posix().removesuffix("index.html")
        assert tags["og:url"] == own, page
        assert tags["og:image"].startswith(SITE) and tags["og:image"].endswith((".png", ".jpg")), page
        assert tags["og:title"] and tags["og:description"] and tags["og:image:alt"], page
        assert (tags["og:locale"], tags["twitter:card"]) == ("id_ID", "summary_large_image")


def test_every_preview_image_exists_at_the_size_it_states(sample):
    seen = {}
    for page in sorted(sample.rglob("*.html")):
        tags = meta(page)
        image = sample / tags["og:image"].removeprefix(SITE)
        if image not in seen:
            with Image.open(image) as opened:
                seen[image] = (opened.format, opened.size)
        size = (int(tags["og:image:width"]), int(tags["og:image:height"]))
        assert seen[image] == ("PNG", size), page
    assert all(size in ((1200, 630),) for _, size in seen.values())


def test_an_event_preview_says_when_where_and_its_status(sample):
    tags = meta(sample / "kegiatan/serang/balai-desa-kramatwatu-2026/index.html")
    assert tags["og:description"] == (
        "Senin, 14 Desember 2026 – Jumat, 18 Desember 2026, setiap hari 08.00–14.00 WIB · Balai Desa Contoh, "
        "Desa Contoh Kramat, Kecamatan Kramatwatu, Kabupaten Serang, Banten · Kuota penuh")
    assert meta(sample / "pengumuman/jadwal-desember-2026/index.html")["og:type"] == "article"


def test_staff_text_in_preview_tags_stays_text(built_site):
    html = built_site.page("kegiatan/serang/sekolah-2026/index.html")
    [title] = re.findall(r'<meta property="og:title" content="([^"]*)">', html)
    assert "&lt;script&gt;" in title and "<script" not in title
