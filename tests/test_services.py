"""The citizen's next questions: the service catalogue, fees, documents and registration, checked
strictly and shown on every visit."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from helpers import PROJECT, check, make_schedules, nu_validator_errors, text_of
from icalendar import Calendar

SERVICES = (PROJECT / "schedules" / "services.yaml").read_text()
EVENT = """events:
  - id: desa
    type: village
    title: Paspor di balai desa
    start: {start}
    hours: "08:00-12:00"
    venue: {{name: Balai Desa}}
{extra}"""


def event(extra: str, start: str = "2026-08-04") -> str:
    return EVENT.format(extra=extra, start=start)


def problems_of(tmp_path, extra: str, services: str = SERVICES, files: dict | None = None):
    root = make_schedules(tmp_path, {"services.yaml": services, "serang/e.yaml": event(extra), **(files or {})})
    schedule, problems = check(root)
    return schedule, [(p.code, p.line, p.column, p.text()) for p in problems.errors], \
        [(p.code, p.line, p.column, p.text()) for p in problems.warnings]


@pytest.mark.parametrize("extra, code, line, column, words", [
    ("    services: [paspor-bar]\n", "service.unknown", 8, 16, "maksud Anda 'paspor-baru'?"),
    ("    services: [xyz]\n", "service.unknown", 8, 16, "(periksa ejaannya; tulis id dari schedules/services.yaml"),
    ("    registration: {ways: [whatsapp: '12345']}\n", "phone.invalid", 8, 27, "bukan nomor ponsel Indonesia"),
    ("    registration: {ways: [form: 'http://x.example/daftar']}\n", "url.not_https", 8, 27, "bukan https"),
    ("    registration: {ways: [whatsapp]}\n", "registration.way_detail", 8, 27,
     "'whatsapp' perlu keterangannya (tulis seperti whatsapp: \"0812-3456-7890\")"),
    ("    registration: {ways: [telepon]}\n", "registration.way", 8, 27,
     "pilih salah satu: walk-in, m-paspor, whatsapp, form, letter"),
    ("    registration: {ways: [letter: {group: 1}]}\n", "letter.group", 8, 27, "kelompok 1 orang terlalu kecil"),
    ("    registration: {ways: [walk-in], opens: 2026-08-01, closes: 2026-07-01}\n", "registration.dates", 8, 19,
     "pendaftaran ditutup (2026-07-01) sebelum dibuka (2026-08-01)"),
    ("    services: [paspor-baru]\n    documents: {drop: [Akte lahir]}\n", "document.unknown", 9, 24,
     "maksud Anda 'Akta kelahiran'?"),
])
def test_a_bad_value_in_an_event_is_located_with_a_hint(tmp_path, extra, code, line, column, words):
    _, errors, _ = problems_of(tmp_path, extra)
    [(found, at_line, at_column, text)] = errors
    assert (found, at_line, at_column) == (code, line, column)
    assert words in text and text.endswith(")")


def catalogue(fee: str = "350000", documents: str = "[{name: KTP-el}]", extra: str = "") -> str:
    return (f"services:\n  - id: paspor-baru\n    name: Paspor baru\n    documents: {documents}\n"
            f"    fees:\n      - {{for: Paspor 5 tahun, amount: {fee}, regulation: PP 45/2024}}\n{extra}")


@pytest.mark.parametrize("services, code, line, words", [
    (catalogue(fee="350.000"), "fee.amount", 6, "'350.000' bukan jumlah rupiah (tulis angka saja"),
    (catalogue(fee="-350000"), "fee.amount", 6, "'-350000' bukan jumlah rupiah"),
    (catalogue(documents="[{one_of: [Ijazah]}]"), "document.one_of_single", 4, "one_of perlu dua dokumen"),
    (catalogue(documents="[{name: KTP-el, one_of: [Ijazah, Akta]}]"), "document.shape", 4,
     "dokumen ditulis dengan name: atau one_of:"),
    (catalogue(extra="  - id: paspor-baru\n    name: Lagi\n"), "id.duplicate", 7, "sudah dipakai"),
])
def test_a_bad_catalogue_entry_is_located_with_a_hint(tmp_path, services, code, line, words):
    _, errors, _ = problems_of(tmp_path, "", services=services)
    [(found, at_line, _, text)] = errors
    assert (found, at_line) == (code, line) and words in text
    assert text.startswith("schedules/services.yaml:")


def test_a_broken_catalogue_entry_is_its_only_error_not_every_visit_naming_it(tmp_path):
    """A typo in one fee made every visit offering the service "unknown", with advice to rename it."""
    _, errors, _ = problems_of(tmp_path, "    services: [paspor-baru]\n", services=catalogue(fee="Rp350.000"))
    assert [(code, text.split(":")[0]) for code, _, _, text in errors] == [("fee.amount", "schedules/services.yaml")]
    programs = "programs:\n  - id: paspor-masuk-desa\n    name: Paspor Masuk Desa\n    by: 31-12-2022\n"
    _, errors, _ = problems_of(tmp_path / "program", "    program: paspor-masuk-desa\n",
                               files={"programs.yaml": programs})
    assert [text.split(":")[0] for *_, text in errors] == ["schedules/programs.yaml"]


@pytest.mark.parametrize("extra, code, words", [
    ("", "warn.holiday", "2026-08-17 adalah hari libur: Hari Kemerdekaan Republik Indonesia"),
    ("    registration: {ways: [walk-in], closes: 2026-08-10}\n", "warn.registration_after_start",
     "pendaftaran ditutup 2026-08-10, sesudah kegiatan dimulai 2026-08-04"),
    ("    quota: 40\n", "warn.quota_no_registration", "ada kuota, tetapi tidak ada cara mendaftar"),
    ("    services: [Paspor baru]\n", "service.free_text", "maksud Anda 'paspor-baru'?"),
    ("    requirements: [KTP-el]\n", "requirements.free_text", "documents: add"),
    ("    description: 'Datang <img src=\"x.png\"> pagi'\n", "warn.description_html", "Markdown saja"),
])
def test_what_is_probably_a_mistake_is_a_warning(tmp_path, extra, code, words):
    text = event(extra, start="2026-08-17" if code == "warn.holiday" else "2026-08-04")
    root = make_schedules(tmp_path, {"services.yaml": SERVICES, "serang/e.yaml": text})
    _, problems = check(root)
    assert problems.errors == []
    assert [w.code for w in problems.warnings] == [code]
    assert words in problems.warnings[0].text()


def test_a_fee_without_its_regulation_is_pointed_out(tmp_path):
    services = catalogue().replace(", regulation: PP 45/2024", "")
    _, errors, warnings = problems_of(tmp_path, "", services=services)
    assert errors == [] and [w[0] for w in warnings] == ["warn.fee_no_regulation"]


def test_an_office_adds_services_of_its_own_but_cannot_redefine_national_ones(tmp_path):
    own = "services:\n  - id: konsultasi-umrah\n    name: Konsultasi umrah\n"
    schedule, errors, _ = problems_of(tmp_path, "    services: [konsultasi-umrah, paspor-baru]\n",
                                      files={"serang/services.yaml": own})
    assert errors == []
    [visit] = schedule.events
    assert [s.key for s in visit.services] == ["serang/konsultasi-umrah", "paspor-baru"]
    clash = "services:\n  - id: paspor-baru\n    name: Paspor kantor\n"
    _, errors, _ = problems_of(tmp_path / "b", "", files={"serang/services.yaml": clash})
    assert [e[0] for e in errors] == ["id.duplicate"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from jemput.commands.build import build_site

    output = tmp_path_factory.mktemp("sample") / "output"
    assert build_site(PROJECT / "pelicanconf.py", output) == 0
    return output


def page(sample, path: str) -> str:
    return (sample / path / "index.html").read_text()


def test_the_event_page_answers_cost_documents_registration_and_what_is_not_served(sample):
    html = page(sample, "kegiatan/serang/balai-desa-kramatwatu-2026")
    text = text_of(html)
    for words in ("Biaya Paspor biasa non-elektronik, berlaku 5 tahun: Rp350.000",
                  "Paspor elektronik, berlaku 10 tahun: Rp950.000",
                  "Syarat KTP-el (asli dan fotokopi A4)",
                  "Salah satu dari: Akta kelahiran, Buku nikah, Ijazah, Surat baptis",
                  "Cara daftar Pendaftaran dibuka Senin, 16 November 2026 sampai Jumat, 11 Desember 2026",
                  "Kuota: 150 pemohon, 30 per hari",
                  "Tidak dilayani di sini Layanan percepatan (paspor selesai di hari yang sama)"):
        assert words in text, words
    assert text.index("Biaya") < text.index("Syarat") < text.index("Cara daftar") < text.index("Penyelenggara")
    assert 'href="../../../biaya/"' in html and 'href="../../../layanan/paspor-baru/"' in html
    # full: no way to ask for a place is offered any more, so nobody is sent to register for nothing
    assert "M-Paspor" not in text and "wa.me/62812" not in html and "serang.example.go.id/daftar" not in html


def test_registration_is_offered_while_people_can_register_and_walk_ins_after_it_closes(site):
    site.edit("schedules/serang/events.yaml", "    status: cancelled\n    status_note: Banjir\n",
              "    registration:\n      ways: [m-paspor, walk-in]\n      closes: 2026-12-05\n")
    assert site.build()[0] == 0  # on 1 December
    shown = text_of(site.page("kegiatan/serang/desa-2026/index.html"))
    assert "Pesan jadwal di aplikasi M-Paspor Datang langsung" in shown and "sudah ditutup" not in shown
    assert site.build(OUTREACH_TODAY="2026-12-07")[0] == 0
    shown = text_of(site.page("kegiatan/serang/desa-2026/index.html"))
    assert "Pendaftaran sudah ditutup; warga tetap bisa datang langsung pada hari layanan" in shown
    assert "M-Paspor" not in shown and "Datang langsung pada hari layanan, tanpa pendaftaran" in shown
    listed = text_of(site.page("kegiatan/index.html"))  # walk-ins are welcome: lists do not say "closed"
    assert "Paspor di balai desa" in listed and "Pendaftaran sudah ditutup" not in listed
    ics = Calendar.from_ical((site.output / "kegiatan/serang/desa-2026/desa-2026.ics").read_bytes())
    assert "(Pendaftaran sudah ditutup; warga tetap bisa datang langsung pada hari layanan)" in str(
        ics.walk("VEVENT")[0]["DESCRIPTION"])
    assert site.build(OUTREACH_TODAY="2026-12-14")[0] == 0  # over: no way to take part is offered
    shown = text_of(site.page("kegiatan/serang/desa-2026/index.html"))
    assert "Cara daftar" not in shown and "Datang langsung" not in shown


def test_whatsapp_registration_opens_a_message_naming_the_visit(sample):
    html = page(sample, "kegiatan/serang/ponpes-cikeusal-2026")
    link = next(part.split('"')[0] for part in html.split('href="') if part.startswith("https://wa.me/62812"))
    url = urlsplit(link.replace("&amp;", "&"))
    assert url.path == "/6281200000002"
    assert parse_qs(url.query)["text"] == [
        "Pendaftaran: Sosialisasi keimigrasian di Pondok Pesantren (contoh), "
        "https://jemput.example.go.id/kegiatan/serang/ponpes-cikeusal-2026/"]


def test_a_collective_letter_and_a_closed_registration_are_shown(sample):
    text = text_of(page(sample, "kegiatan/blitar/goes-to-campus-2026"))
    assert ("Kelompok paling sedikit 30 orang mengirim surat kolektif berisi nama, tanggal lahir dan NIK setiap "
            "mahasiswa") in text
    assert "Pendaftaran paling lambat Rabu, 2 Desember 2026" in text
    assert "Pendaftaran sudah ditutup" not in text  # the sample's today is 22 November


def test_an_information_visit_is_free(sample):
    text = text_of(page(sample, "kegiatan/serang/ponpes-cikeusal-2026"))
    assert "Biaya Gratis, tanpa biaya" in text and "Rp" not in text


def test_the_service_page_lists_fees_with_their_regulation_and_the_visits_offering_it(sample):
    text = text_of(page(sample, "layanan/paspor-baru"))
    assert "Paspor biasa non-elektronik, berlaku 5 tahun: Rp350.000 (PP 45/2024, Jumat, 18 Oktober 2024)" in text
    assert "Siapa yang dapat mengajukan" in text and "Paspor Masuk Desa di Balai Desa (contoh)" in text


def test_the_fee_page_covers_the_catalogue(sample):
    text = text_of(page(sample, "biaya"))
    assert "Biaya layanan" in text and "tidak dipungut biaya tambahan" in text
    assert text.count("Rp950.000") == 2 and "Informasi keimigrasian Gratis, tanpa biaya" in text


def test_calendar_share_text_and_open_data_carry_the_same_facts(sample):
    ics = Calendar.from_ical((sample / "kegiatan/serang/balai-desa-kramatwatu-2026/balai-desa-kramatwatu-2026.ics")
                             .read_bytes())
    description = str(ics.walk("VEVENT")[0]["DESCRIPTION"])
    assert "Biaya: Rp350.000–Rp950.000" in description
    assert "Cara daftar: Pesan jadwal di aplikasi M-Paspor" in description
    html = page(sample, "kegiatan/serang/balai-desa-kramatwatu-2026")
    share = next(part.split('"')[0] for part in html.split('href="') if part.startswith("https://wa.me/?"))
    assert "Biaya: Rp350.000–Rp950.000" in unquote(share.replace("+", " "))
    data = json.loads((sample / "data/kegiatan.json").read_text())
    record = next(e for e in data["events"] if e["event_id"] == "balai-desa-kramatwatu-2026")
    assert (record["fee_min"], record["fee_max"], record["service_ids"]) == (350000, 950000, ["paspor-baru"])
    assert record["registration"] == "https://serang.example.go.id/daftar"
    assert record["registration_ways"] == ["m-paspor", "form", "whatsapp"]
    fields = data["fields"]  # the fields of results were added after these, at the end
    assert record["quota_per_day"] == 30 and fields[fields.index("people_served") - 3:fields.index("people_served")] \
        == ["not_served", "province_code", "regency_code"]


def test_open_data_and_schema_org_say_what_a_visit_of_free_and_paid_services_costs(sample):
    """A free consultation beside a paid passport: the visit costs from 0, is not "free" to search
    engines, and asks for each document once, as its page does."""
    data = json.loads((sample / "data/kegiatan.json").read_text())
    records = {e["key"]: e for e in data["events"]}
    campus, desa = records["blitar/goes-to-campus-2026"], records["serang/ponpes-cikeusal-2026"]
    assert (campus["fee_min"], campus["fee_max"]) == (0, 950000) and (desa["fee_min"], desa["fee_max"]) == (0, 0)
    for record in records.values():
        assert len(record["documents"]) == len(set(record["documents"])), record["key"]
    assert campus["documents"].count("KTP-el") == 1
    for key, free in (("blitar/goes-to-campus-2026", False), ("serang/ponpes-cikeusal-2026", True)):
        html = page(sample, "kegiatan/" + key)
        ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
        assert ld["isAccessibleForFree"] is free, key


def test_a_description_full_of_pasted_html_still_gives_a_valid_page(site):
    site.edit("schedules/serang/events.yaml", """      Bawa **buku tulis**. <script>alert("y")</script>""",
              """      <div style="color:red"><h1>Judul</h1><img src="flyer.jpg"><table><tr><td></td></tr></table>
      <p><a>tanpa alamat</a></p><ul><li></li></ul><h2></h2><span>teks</span><figure></figure>""")
    code, err = site.build()
    assert code == 0, err
    html = site.page("kegiatan/serang/sekolah-2026/index.html")
    assert "<img" not in html and "<h2></h2>" not in html and "<li></li>" not in html
    assert nu_validator_errors(site.output / "kegiatan" / "serang") == []


def test_a_closed_registration_shows_everywhere(site):
    site.edit("schedules/serang/events.yaml", '    contact: "WhatsApp 0812-0000-0000"',
              '    contact: "WhatsApp 0812-0000-0000"\n    registration: {ways: [m-paspor], closes: 2026-11-30}')
    code, err = site.build()  # the test site's today is 1 December 2026
    assert code == 0, err
    assert "Pendaftaran sudah ditutup" in text_of(site.page("kegiatan/serang/sekolah-2026/index.html"))
    assert "Pendaftaran sudah ditutup" in text_of(site.page("kantor/serang/index.html"))
    ics = Calendar.from_ical((site.output / "kegiatan/serang/sekolah-2026/sekolah-2026.ics").read_bytes())
    assert "(Pendaftaran sudah ditutup)" in str(ics.walk("VEVENT")[0]["DESCRIPTION"])


def test_what_every_applicant_brings_is_headed_so_and_calendars_group_documents_by_service(sample):
    """An untitled last group read as part of the service above it: the village letter, asked of all."""
    shown = text_of(page(sample, "kegiatan/jayapura/kampung-contoh-2027"))
    assert "Paspor lama (asli dan fotokopi halaman data) Untuk semua pemohon Surat keterangan dari kepala kampung" \
        in shown
    ics = Calendar.from_ical((sample / "kegiatan/jayapura/kampung-contoh-2027/kampung-contoh-2027.ics").read_bytes())
    description = str(ics.walk("VEVENT")[0]["DESCRIPTION"])
    assert "Syarat: Paspor baru: KTP-el, Kartu Keluarga, " in description
    assert "; Penggantian paspor: KTP-el, Paspor lama; Untuk semua pemohon: Surat keterangan dari kepala kampung" \
        in description


def test_calendars_and_feeds_write_out_the_address_of_a_registration_form(sample):
    ics = (sample / "kegiatan/serang/balai-desa-kramatwatu-2026/balai-desa-kramatwatu-2026.ics").read_bytes()
    description = str(Calendar.from_ical(ics).walk("VEVENT")[0]["DESCRIPTION"])
    assert "Daftar lewat formulir daring: https://serang.example.go.id/daftar" in description


def test_telephone_numbers_can_be_tapped_and_nothing_else_becomes_a_link():
    from jemput.site.telephone import phone_links

    assert str(phone_links("WhatsApp 0812-0000-0004 (Bapak <b>Ahmad</b>)")) == (
        'WhatsApp <a href="tel:+6281200000004">0812-0000-0004</a> (Bapak &lt;b&gt;Ahmad&lt;/b&gt;)')
    assert str(phone_links("(0254) 000 000")) == '<a href="tel:+62254000000">(0254) 000 000</a>'
    for text in ("NIK 3604050101010001", "jam 08.00-12.00, kuota 150", "2026-12-14"):
        assert "<a" not in str(phone_links(text))


def test_office_and_contact_numbers_on_the_pages_are_links_to_call(sample):
    assert '<a href="tel:+62254000000">(0254) 000 000</a>' in page(sample, "kantor/serang")
    assert '<a href="tel:+6281200000004">0812-0000-0004</a>' in page(sample, "kegiatan/pontianak/masjid-raya-2026")


def test_a_place_with_only_past_visits_says_none_is_coming_before_the_past_ones(sample):
    shown = text_of(page(sample, "wilayah/banten/kabupaten-pandeglang"))
    assert "Jadwal layanan mendatang Belum ada kegiatan mendatang." in shown
    assert shown.index("Belum ada kegiatan mendatang") < shown.index("Layanan yang sudah berlangsung")


def test_a_regency_page_says_its_calendar_is_its_provinces(sample):
    shown = text_of(page(sample, "wilayah/papua/kota-jayapura"))
    assert "Masukkan jadwal seluruh Papua ke aplikasi kalender" in shown
    assert "kalender/wilayah/papua.ics" in page(sample, "wilayah/papua/kota-jayapura")
