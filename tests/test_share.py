"""Link previews: every page tells WhatsApp, Facebook and Telegram what to show, with absolute
addresses and an image that exists at the size it states."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO

import pytest
from helpers import check, make_schedules, text_of
from PIL import Image

from jemput.publish import images

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


def shared_pages(output):
    """Every page but the embed pages, which live in other sites' frames, and the staff editor: neither
    is shared nor indexed."""
    return sorted(p for p in output.rglob("*.html") if "sematkan" not in p.parts and "admin" not in p.parts)


def test_every_page_has_a_preview_with_absolute_addresses(sample):
    pages = shared_pages(sample)
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
    for page in shared_pages(sample):
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


def event_pages(output):
    return sorted(p for p in (output / "kegiatan").glob("*/*/index.html"))


def test_every_visit_in_the_window_has_both_images_and_the_others_the_site_image(sample):
    drawn = past = 0
    for page in event_pages(sample):
        folder, html = page.parent, page.read_text(encoding="utf-8")
        image = meta(page)["og:image"]
        if (folder / "poster").is_dir():  # in the calendars' window
            drawn += 1
            assert image == SITE + folder.relative_to(sample).as_posix() + "/gambar-1200x630.png"
            for name, size in (("gambar-1200x630.png", (1200, 630)), ("gambar-1080x1350.png", (1080, 1350))):
                with Image.open(folder / name) as opened:
                    assert (opened.format, opened.size) == ("PNG", size)
                assert f'href="{name}" type="image/png" download' in html.replace("../", "").replace(
                    folder.relative_to(sample).as_posix() + "/", "")
            assert "Unduh gambar" in html
        else:
            past += 1
            assert image == SITE + "gambar/jemput.png" and not list(folder.glob("*.png"))
            assert "Unduh gambar" not in html
    assert drawn >= 8 and past >= 2


def test_without_share_images_every_page_shows_the_site_image(site):
    assert site.build(OUTREACH_SHARE_IMAGES=False)[0] == 0
    assert not list(site.output.rglob("kegiatan/**/*.png"))
    page = site.output / "kegiatan/serang/sekolah-2026/index.html"
    assert meta(page)["og:image"] == "https://uji.example.go.id/gambar/jemput.png"
    assert (site.output / "gambar/jemput.png").is_file()
    assert "Unduh gambar" not in page.read_text(encoding="utf-8")


def test_a_visit_beyond_the_horizon_gets_its_pictures_and_poster_when_it_comes_near(site):
    far = "kegiatan/serang/desa-2026"  # starts 2026-12-10: 9 days after the test site's today
    assert site.build(OUTREACH_SHARE_HORIZON_DAYS=5)[0] == 0
    page = site.output / far / "index.html"
    assert meta(page)["og:image"] == "https://uji.example.go.id/gambar/jemput.png"
    assert not list((site.output / far).glob("*.png")) and not (site.output / far / "poster").exists()
    assert "Cetak poster" not in text_of(page.read_text(encoding="utf-8"))

    assert site.build(OUTREACH_SHARE_HORIZON_DAYS=5, OUTREACH_TODAY="2026-12-05")[0] == 0
    assert meta(page)["og:image"] == f"https://uji.example.go.id/{far}/gambar-1200x630.png"
    assert (site.output / far / "gambar-1080x1350.png").is_file() and (site.output / far / "poster").is_dir()
    assert "Cetak poster" in text_of(page.read_text(encoding="utf-8"))


def alert_pixels(path) -> int:
    """Pixels in the status bar's red: the palette's third ramp starts at index 170."""
    with Image.open(path) as opened:
        return sum(count for count, index in opened.getcolors(256) if index >= 170)


def test_the_status_is_drawn_in_and_a_visit_on_schedule_has_none(sample):
    cancelled = sample / "kegiatan/makassar/majelis-taklim-2026"
    on_schedule = sample / "kegiatan/makassar/desa-contoh-maros-2026"
    for name in ("gambar-1200x630.png", "gambar-1080x1350.png"):
        assert alert_pixels(cancelled / name) > 50_000  # a bar across the picture
        assert alert_pixels(on_schedule / name) == 0


TITLES = {
    "long": "Pelayanan paspor keliling dan sosialisasi pencegahan perdagangan orang " * 12,
    "one long word": "Paspor" * 60,
    "arabic": "Layanan paspor di Masjid Al-Ikhlas مسجد الإخلاص untuk jemaah",
    "arabic only": "مسجد الإخلاص " * 20,
    "markup": '<script>alert("x")</script> &amp; <b>tebal</b> ]]> <svg onload=x>',
    "chinese and javanese": "Klenteng 中文 ꦗꦮ dan sekitarnya",
    "short": "Paspor",
}


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
@pytest.mark.parametrize("size", [images.PREVIEW_SIZE, images.STORY_SIZE])
def test_any_title_makes_a_picture_whose_text_stays_inside(title, size):
    card = images.Card(title=title, dates="Senin, 14 Desember 2026 – Jumat, 18 Desember 2026",
                       hours="setiap hari 08.00–14.00 WIB", place=title, office=title, status="KUOTA PENUH",
                       address="jemput.example.go.id/kegiatan/serang/" + "x" * 200 + "/")
    made = images.share_image(card, size)
    with Image.open(BytesIO(made)) as opened:
        assert (opened.format, opened.size) == ("PNG", size)
        pixels = opened.load()
        width, height = size
        for y in range(height):  # the margins hold nothing but the background of their row
            row = {pixels[x, y] for x in (*range(0, 40), *range(width - 40, width))}
            assert len(row) == 1, (y, row)
        footer_line = height - (72 if height > width else 64)
        gap = {pixels[x, y] for x in range(width) for y in range(footer_line - 10, footer_line - 2)}
        assert gap == {images.PAPER_SHADE}  # no line of text runs into the footer
    assert images.share_image(card, size) == made  # the same card, the same bytes


def test_letters_the_font_lacks_are_named_and_arabic_is_not_among_them():
    assert images.missing_glyphs("Majelis Taklim Contoh (مجلس التعليم) Ελλάδα Москва ไทย") == []
    assert images.missing_glyphs("Klenteng 中文 ꦗꦮ") == ["中", "文", "ꦗ", "ꦮ"]


def test_a_venue_name_in_a_script_the_font_lacks_is_a_located_warning(tmp_path):
    text = ("events:\n  - id: klenteng-2026\n    type: village\n    title: Layanan paspor\n"
            "    start: 2026-08-04\n    venue:\n      name: Klenteng Contoh 福德祠\n      regency: Kota Serang\n")
    _, problems = check(make_schedules(tmp_path, {"serang/e.yaml": text}))
    assert problems.errors == []
    [warning] = problems.warnings
    assert (warning.code, warning.path, warning.line, warning.column) == (
        "warn.glyphs_missing", "schedules/serang/e.yaml", 7, 13)
    assert "福 德 祠" in warning.text("id") and "kotak kosong" in warning.text("id")


def _shared_text(page_html: str) -> tuple[str, dict]:
    """(the WhatsApp message, the Google Calendar fields) of an event page's buttons."""
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    links = [unescape(link) for link in re.findall(r'href="([^"]+)"', page_html)]
    whatsapp = next(link for link in links if link.startswith("https://wa.me/?"))
    google = next(link for link in links if link.startswith("https://calendar.google.com/calendar/render?"))
    return parse_qs(urlsplit(whatsapp).query)["text"][0], parse_qs(urlsplit(google).query)


def test_a_shared_cancelled_visit_says_so_first_in_whatsapp_and_in_google_calendar(sample):
    page = (sample / "kegiatan/makassar/majelis-taklim-2026/index.html").read_text(encoding="utf-8")
    message, google = _shared_text(page)
    first, second = message.splitlines()[:2]
    assert first == "[DIBATALKAN] Paspor untuk jemaah Majelis Taklim Contoh"
    assert second.startswith("Dibatalkan: Dibatalkan karena banjir di lokasi")
    assert google["text"] == ["[DIBATALKAN] Paspor untuk jemaah Majelis Taklim Contoh"]
    assert google["details"][0].startswith("Dibatalkan: ")
    message, _ = _shared_text((sample / "kegiatan/serang/balai-desa-kramatwatu-2026/index.html").read_text())
    assert message.startswith("[KUOTA PENUH] ")


def test_a_closed_day_in_a_range_is_said_wherever_the_days_are(built_site):
    """Kamis to Jumat "setiap hari" without the closed Sunday sends people to a shut venue."""
    closed = "tidak ada layanan pada Minggu, 7 Agustus 2022"
    page = built_site.page("kegiatan/serang/al-faruq-2022/index.html")
    message, google = _shared_text(page)
    assert closed in message and closed in google["details"][0]
    assert closed in meta(built_site.output / "kegiatan/serang/al-faruq-2022/index.html")["og:description"]
    assert closed in text_of(built_site.page("arsip/index.html"))  # the visit's entry in lists
