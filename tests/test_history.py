"""Changes in the open: a changed visit says what changed, on its page, in the changes feed, in the
open data and in calendars; a published visit never disappears without a word."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

import feedparser
import pytest
from helpers import axe_violations, files_of, nu_validator_errors, serve, text_of
from icalendar import Calendar

from jemput.commands.check import check_schedules

MASJID = "kegiatan/makassar/masjid-2026/index.html"


def digests(folder):
    return {name: hashlib.sha256(data).hexdigest() for name, data in files_of(folder).items()}


@pytest.fixture
def changed(site):
    """The test site built, then built again with the Makassar visit moved, rehoused and back on."""
    assert site.build()[0] == 0
    site.edit("schedules/makassar/events.yaml", "start: 2026-12-03", "start: 2026-12-04")
    site.edit("schedules/makassar/events.yaml", 'hours: "08:00-12:00"', 'hours: "09:00-14:00"')
    site.edit("schedules/makassar/events.yaml", "name: Masjid Contoh", "name: Masjid Raya Contoh")
    site.edit("schedules/makassar/events.yaml", "status: postponed\n    status_note: Menunggu tanggal baru\n", "")
    code, err = site.build(OUTREACH_NOW="2026-12-02T08:00:00+08:00")
    assert code == 0, err
    return site


def test_the_page_says_what_changed_and_when(changed):
    page = text_of(changed.page(MASJID))
    assert "Diperbarui Rabu, 2 Desember 2026" in page
    assert ("Tanggal diubah dari Kamis, 3 Desember 2026 menjadi Jumat, 4 Desember 2026; "
            "Jam diubah dari 08.00–12.00 WITA menjadi 09.00–14.00 WITA; "
            "Tempat diubah dari Masjid Contoh, Kota Makassar, Sulawesi Selatan menjadi Masjid Raya Contoh, "
            "Kota Makassar, Sulawesi Selatan; Sesuai jadwal") in page
    assert "Diperbarui" not in text_of(changed.page("kegiatan/serang/sekolah-2026/index.html"))


def test_the_changes_feed_has_an_entry_per_change_dated_and_linked(changed):
    for path in ("feeds/perubahan.atom.xml", "feeds/perubahan/makassar.rss.xml"):
        feed = feedparser.parse(changed.page(path))
        assert feed.bozo == 0
        [entry] = feed.entries
        assert entry.title.startswith("Layanan paspor di masjid: Tanggal diubah dari Kamis, 3 Desember 2026")
        assert entry.link == "https://uji.example.go.id/kegiatan/makassar/masjid-2026/"
        assert entry.published_parsed[:5] == (2026, 12, 2, 0, 0)  # 08:00 WITA
    assert feedparser.parse(changed.page("feeds/perubahan/serang.atom.xml")).entries == []


def test_the_calendar_carries_the_same_change(changed):
    calendar = Calendar.from_ical((changed.output / "kegiatan/makassar/masjid-2026/masjid-2026.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert event["SEQUENCE"] == 1 and event["STATUS"] == "CONFIRMED"
    assert event["LAST-MODIFIED"].dt.isoformat() == "2026-12-02T00:00:00+00:00"


def test_the_open_data_lists_each_changed_field(changed):
    data = json.loads(changed.page("data/perubahan.json"))
    fields = {row["field"]: (row["before"], row["after"]) for row in data["changes"]}
    assert fields["dates"] == (["2026-12-03", "2026-12-03"], ["2026-12-04", "2026-12-04"])
    assert fields["status"] == (["postponed", "Menunggu tanggal baru"], ["scheduled", None])
    rows = list(csv.DictReader(io.StringIO(changed.page("data/perubahan.csv"))))
    assert {row["field"] for row in rows} == {"dates", "hours", "venue", "status"}
    assert {row["sequence"] for row in rows} == {"1"} and rows[0]["key"] == "makassar/masjid-2026"


def test_the_same_input_and_ledger_give_the_same_bytes(changed, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(changed.output, again)
    (again / "kegiatan").rename(again / "old-pages")  # only the ledger is carried over
    code, err = changed.build(OUTREACH_NOW="2026-12-02T08:00:00+08:00")
    assert code == 0, err
    first = files_of(changed.output)
    changed.output = again
    assert changed.build(OUTREACH_NOW="2026-12-02T08:00:00+08:00")[0] == 0
    assert files_of(again) == first


def test_deleting_a_published_visit_stops_the_build_where_it_was(site):
    assert site.build()[0] == 0
    before = digests(site.output)
    text = (site.root / "schedules/makassar/events.yaml").read_text()
    site.write("schedules/makassar/events.yaml", text.replace("masjid-2026", "masjid-2027"))
    code, err = site.build()
    assert code == 1
    assert ("schedules/makassar/events.yaml:2:1: kegiatan 'makassar/masjid-2026' sudah diterbitkan tetapi "
            "hilang dari jadwal (terakhir ada di sini) (kembalikan kegiatan itu dengan status: cancelled") in err
    assert digests(site.output) == before
    out = io.StringIO()
    assert check_schedules(site.settings, stdout=out) == 1
    assert "kegiatan 'makassar/masjid-2026' sudah diterbitkan" in out.getvalue()


def test_a_quota_is_written_the_indonesian_way_on_the_page_and_in_its_history(site):
    assert site.build()[0] == 0
    site.edit("schedules/serang/events.yaml", "quota: 300", "quota: 2500")
    assert site.build(OUTREACH_NOW="2026-12-02T08:00:00+08:00")[0] == 0
    page = text_of(site.page("kegiatan/serang/al-faruq-2022/index.html"))
    assert "Kuota: 2.500 pemohon" in page and "Kuota diubah dari 300 menjadi 2.500" in page


def test_a_file_that_cannot_be_read_gives_its_syntax_error_alone(site):
    """Its published visits are not reported deleted, nor the announcement naming one as naming nothing:
    staff would be told to cancel a visit that is still there."""
    assert site.build()[0] == 0
    before = digests(site.output)
    site.edit("schedules/makassar/events.yaml", "name: Masjid Contoh", "name: Masjid Contoh: Makassar")
    code, err = site.build()
    assert code == 1
    assert "schedules/makassar/events.yaml:" in err and "YAML tidak valid" in err
    assert "hilang dari jadwal" not in err and "tidak ditemukan" not in err
    assert "1 kesalahan" in err
    assert digests(site.output) == before
    out = io.StringIO()
    assert check_schedules(site.settings, stdout=out) == 1
    assert "hilang dari jadwal" not in out.getvalue() and "1 kesalahan" in out.getvalue()


def test_a_coming_visit_typed_into_last_year_is_pointed_out_by_the_build_and_the_check(site):
    """The ledger remembers the day the public was told; 2025 typed for 2026 takes the visit off every
    listing of coming visits, so staff are told to check the year, not asked for its results."""
    assert site.build()[0] == 0
    site.edit("schedules/makassar/events.yaml", "start: 2026-12-03", "start: 2025-12-03")
    site.edit("schedules/makassar/events.yaml", "status: postponed\n    status_note: Menunggu tanggal baru\n", "")
    said = ("schedules/makassar/events.yaml:6:12: peringatan: events[0].start: masyarakat sudah diberi tahu "
            "kegiatan ini berlangsung sampai 2026-12-03; kini tertulis selesai 2025-12-03, sebelum hari ini")
    out = io.StringIO()
    assert check_schedules(site.settings, stdout=out) == 0
    for report in (out.getvalue(), _built(site)):
        [line] = [line for line in report.splitlines() if line.startswith("schedules/makassar/")]
        assert line.startswith(said)  # and nothing else about it: not its results


def _built(site) -> str:
    code, err = site.build()
    assert code == 0, err
    return err


def test_a_preview_of_another_office_is_not_a_deletion(site):
    assert site.build()[0] == 0
    assert site.build(OUTREACH_OFFICES=["serang"])[0] == 0
    ledger = json.loads(site.page("revisions.json"))
    assert "makassar/masjid-2026" in ledger["events"]  # kept for the next full build


def test_a_visit_published_by_mistake_is_withdrawn_and_keeps_its_address(site):
    assert site.build()[0] == 0
    site.edit("schedules/makassar/events.yaml", "status: postponed\n    status_note: Menunggu tanggal baru",
              "status: withdrawn\n    status_note: Diterbitkan karena kekeliruan")
    code, err = site.build()
    assert code == 0, err
    page = text_of(site.page(MASJID))
    assert "Ditarik: Diterbitkan karena kekeliruan" in page
    calendar = Calendar.from_ical((site.output / "kalender/kantor/makassar.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED" and str(event["SUMMARY"]).startswith("[DITARIK] ")


def test_a_withdrawal_says_why(site):
    site.edit("schedules/makassar/events.yaml", "status: postponed\n    status_note: Menunggu tanggal baru",
              "status: withdrawn")
    code, err = site.build()
    assert code == 1
    assert "schedules/makassar/events.yaml:11:13: events[0].status: kegiatan yang ditarik perlu status_note" in err


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: "",
    lambda text: text.replace('"sequence": 0', '"sequence": -1', 1),
])
def test_a_damaged_ledger_stops_the_build_and_the_live_site_stays(site, damage):
    assert site.build()[0] == 0
    ledger = site.output / "revisions.json"
    ledger.write_text(damage(ledger.read_text()))
    before = digests(site.output)
    code, err = site.build()
    assert code == 1 and "Traceback" not in err
    assert err.startswith("output/revisions.json:1:") and "git show origin/gh-pages:revisions.json" in err
    assert digests(site.output) == before


def test_a_version_1_ledger_is_continued(site):
    assert site.build()[0] == 0
    ledger = json.loads(site.page("revisions.json"))
    old = {"version": 1, "events": {key: {k: v for k, v in entry.items() if k in ("fingerprint", "sequence",
                                                                                  "modified", "created")}
                                         for key, entry in ledger["events"].items()}}
    (site.output / "revisions.json").write_text(json.dumps(old))
    code, err = site.build()
    assert code == 0, err
    assert json.loads(site.page("revisions.json")) == ledger


def test_a_page_with_its_history_passes_the_validators_on_a_phone_and_a_desktop(changed, browser):
    assert nu_validator_errors(changed.output / "kegiatan" / "makassar") == []
    with serve(changed.output) as url:
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(f"{url}/kegiatan/makassar/masjid-2026/")
            assert axe_violations(page) == []
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.close()
