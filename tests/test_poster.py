"""The printable notice: one A4 page in Chromium, a QR code a real decoder reads back as the
visit's address, whatever the length or script of the title and place."""

from __future__ import annotations

import io

import zxingcpp
from helpers import serve, text_of
from PIL import Image
from pypdf import PdfReader

A4_POINTS = (595.3, 841.9)


def posters(output):
    return sorted(p.parent.relative_to(output).as_posix() for p in output.glob("kegiatan/*/*/poster/index.html"))


def printed_pages(browser, url: str) -> list:
    page = browser.new_page()
    page.goto(url)
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    return PdfReader(io.BytesIO(pdf)).pages


def decoded_qr(browser, url: str) -> list[str]:
    page = browser.new_page(viewport={"width": 800, "height": 1200})
    page.goto(url)
    shot = page.locator("svg.qr").screenshot()
    page.close()
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]


def test_visits_people_can_still_go_to_have_a_poster_and_past_ones_do_not(sample):
    found = posters(sample)
    assert "kegiatan/serang/balai-desa-kramatwatu-2026/poster" in found
    assert "kegiatan/serang/al-faruq-2022/poster" not in found  # 2022: out of the window
    assert "Cetak poster" in text_of((sample / "kegiatan/serang/balai-desa-kramatwatu-2026/index.html").read_text())
    assert "Cetak poster" not in text_of((sample / "kegiatan/serang/al-faruq-2022/index.html").read_text())


def test_every_sample_poster_prints_as_exactly_one_a4_page(sample, browser):
    with serve(sample) as url:
        for path in posters(sample):
            pages = printed_pages(browser, f"{url}/{path}/")
            assert len(pages) == 1, path
            width, height = (float(v) for v in pages[0].mediabox[2:])
            assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2  # 210 × 297 mm


def test_the_qr_code_reads_back_as_the_visits_address(sample, browser):
    with serve(sample) as url:
        for path in posters(sample):
            event_page = path.removesuffix("poster")
            assert decoded_qr(browser, f"{url}/{path}/") == [f"https://jemput.example.go.id/{event_page}"]


def test_a_very_long_title_and_a_place_in_arabic_script_still_print_on_one_page(site, browser):
    title = "Layanan paspor untuk calon jemaah umrah dan warga sekitar " * 12
    site.edit("schedules/serang/events.yaml", "title: Paspor di balai desa", f"title: {title.strip()}")
    site.edit("schedules/serang/events.yaml", "name: Balai Desa Contoh", 'name: "مسجد النور <b>Contoh</b>"')
    code, err = site.build()
    assert code == 0, err
    html = site.page("kegiatan/serang/desa-2026/poster/index.html")
    assert "مسجد النور &lt;b&gt;Contoh&lt;/b&gt;" in html and "<b>Contoh" not in html
    with serve(site.output) as url:
        pages = printed_pages(browser, f"{url}/kegiatan/serang/desa-2026/poster/")
        assert len(pages) == 1
        assert decoded_qr(browser, f"{url}/kegiatan/serang/desa-2026/poster/") == [
            "https://uji.example.go.id/kegiatan/serang/desa-2026/"]


LONG_VISIT = """    status: postponed
    status_note: {note}
    closed: [2026-12-11]
    requirements: [{documents}]
    registration:
      ways:
        - {{type: form, url: "https://serang.example.go.id/daftar/paspor-masuk-desa-di-balai-desa"}}
        - {{type: whatsapp, phone: "0812-0000-0009"}}
        - {{type: letter, group: 30}}
        - m-paspor
        - walk-in
      opens: 2026-11-20
      closes: 2026-12-08
"""


def test_however_much_staff_write_the_printed_qr_code_address_and_contact_stay_on_the_sheet(site, browser):
    """The notice is cut to one A4 page: what gives way is the list of documents (the page behind the QR
    code has them), never the QR code, the address or whom to ask."""
    note = "Menunggu tanggal baru dari pemerintah desa setelah musim panen; " * 6
    documents = ", ".join(f"Dokumen pendukung nomor {n} dari kelurahan setempat" for n in range(14))
    site.edit("schedules/serang/events.yaml", "    status: cancelled\n    status_note: Banjir\n",
              LONG_VISIT.format(note=note.strip(), documents=documents))
    site.edit("schedules/serang/office.yaml", "short_name: Kanim Serang\n",
              "short_name: Kanim Serang\nphone: (0254) 000 000\n")
    code, err = site.build()
    assert code == 0, err
    address = "https://uji.example.go.id/kegiatan/serang/desa-2026/"
    with serve(site.output) as url:
        pages = printed_pages(browser, f"{url}/kegiatan/serang/desa-2026/poster/")
        assert len(pages) == 1
        printed = " ".join(pages[0].extract_text().split())
        for words in ("Pindai untuk membuka halaman kegiatan", address, "Kanim Serang, telepon (0254) 000 000",
                      "Daftar lewat formulir daring"):
            assert words in printed, words
        sheet = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
        sheet.goto(f"{url}/kegiatan/serang/desa-2026/poster/")
        sheet.emulate_media(media="print")
        bottom = sheet.evaluate("document.querySelector('.sheet').getBoundingClientRect().bottom")
        box = sheet.locator(".qr-box").bounding_box()
        assert box["y"] + box["height"] <= bottom + 1
        shot = sheet.locator("svg.qr").screenshot()
        sheet.close()
    assert [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))] == [address]


def test_a_printed_event_page_is_the_visit_without_buttons_or_navigation(site, browser):
    """Beyond the posters' horizon the page itself is what gets printed: a form's address is written
    out, the buttons and menus are left off."""
    site.edit("schedules/serang/events.yaml", "    status: cancelled\n    status_note: Banjir\n",
              '    registration:\n      ways:\n        - {type: form, url: "https://serang.example.go.id/daftar"}\n')
    assert site.build()[0] == 0
    with serve(site.output) as url:
        pages = printed_pages(browser, f"{url}/kegiatan/serang/desa-2026/")
    printed = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Paspor di balai desa" in printed
    assert "Daftar lewat formulir daring (https://serang.example.go.id/daftar)" in printed
    for left_off in ("Bagikan lewat WhatsApp", "Tambahkan ke Google Kalender", "Langsung ke isi"):
        assert left_off not in printed, left_off
    assert len(pages) == 1
