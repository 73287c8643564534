"""RSS and Atom read by feedparser; open data and JSON-LD read back."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser


def feed_files(site):
    return sorted((site.output / "feeds").rglob("*.xml"))


def parse(site, relative):
    return feedparser.parse((site.output / relative).read_bytes())


def test_every_feed_parses_without_error(built_site):
    files = feed_files(built_site)
    # all three, offices, types, provinces, program; schedule changes and results of the site and each office
    assert len(files) == 2 * (3 + 2 + 3 + 2 + 1) + 2 * (1 + 2) + 2 * (1 + 2)
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version in ("atom10", "rss20")


def test_event_items_carry_date_and_place_in_the_title(built_site):
    for name in ("feeds/kegiatan.atom.xml", "feeds/kegiatan.rss.xml"):
        titles = [e.title for e in parse(built_site, name).entries]
        assert "Layanan paspor di masjid (Kamis, 3 Desember 2026, Masjid Contoh)" in [
            t.replace("[DITUNDA] ", "") for t in titles]
        assert any(t.startswith("[DIBATALKAN] Paspor di balai desa") for t in titles)


def test_event_enclosure_to_its_ics_survives_in_atom_and_rss(built_site):
    for name in ("feeds/kegiatan.atom.xml", "feeds/kegiatan.rss.xml"):
        entry = next(e for e in parse(built_site, name).entries if "masjid" in e.link)
        [enclosure] = entry.enclosures
        assert enclosure.href == "https://uji.example.go.id/kegiatan/makassar/masjid-2026/masjid-2026.ics"
        assert enclosure.type == "text/calendar"
        ics = built_site.output / "kegiatan/makassar/masjid-2026/masjid-2026.ics"
        assert int(enclosure.length) == ics.stat().st_size
        assert entry.link == "https://uji.example.go.id/kegiatan/makassar/masjid-2026/"


def test_item_ids_are_the_same_in_both_formats_and_across_builds(built_site, site):
    atom = {e.link: e.id for e in parse(built_site, "feeds/kegiatan.atom.xml").entries}
    rss = {e.link: e.id for e in parse(built_site, "feeds/kegiatan.rss.xml").entries}
    assert atom == rss and all(i.startswith("urn:uuid:") for i in atom.values())
    site.edit("schedules/serang/events.yaml", "di sekolah", "di SMA")
    assert site.build()[0] == 0
    again = {e.link: e.id for e in parse(site, "feeds/kegiatan.atom.xml").entries}
    assert again == atom


def test_announcements_and_both_together(built_site):
    news = parse(built_site, "feeds/pengumuman.atom.xml")
    assert [e.title for e in news.entries] == ["Jadwal Desember"]
    assert "<script" not in news.entries[0].content[0].value
    both = parse(built_site, "feeds/semua.rss.xml")
    assert len(both.entries) == len(parse(built_site, "feeds/kegiatan.rss.xml").entries) + 1


def test_office_feed_holds_its_events_and_the_announcements_about_them(built_site):
    feed = parse(built_site, "feeds/kantor/makassar.atom.xml")
    assert sorted(e.title for e in feed.entries) == [
        "Jadwal Desember", "[DITUNDA] Layanan paspor di masjid (Kamis, 3 Desember 2026, Masjid Contoh)"]
    assert feed.feed.link == "https://uji.example.go.id/kantor/makassar/"


def test_feeds_keep_the_most_recently_changed_entries(site):
    assert site.build()[0] == 0
    site.edit("schedules/serang/events.yaml", "di sekolah", "di SMA")
    assert site.build(OUTREACH_FEED_MAX_ITEMS=1)[0] == 0
    for name in ("kegiatan", "semua"):
        [entry] = parse(site, f"feeds/{name}.atom.xml").entries
        assert "di SMA" in entry.title
        [item] = parse(site, f"feeds/{name}.rss.xml").entries
        assert item.id == entry.id
    # Calendars and open data keep every event.
    assert len(json.loads(site.page("data/kegiatan.json"))["events"]) == 5


def test_feed_updated_is_the_newest_item_not_the_clock(built_site):
    feed = parse(built_site, "feeds/kegiatan.atom.xml")
    newest = max(e.updated_parsed for e in feed.entries)
    assert feed.feed.updated_parsed == newest
    rss = (built_site.output / "feeds/kegiatan.rss.xml").read_text()
    assert "<lastBuildDate>Tue, 01 Dec 2026 00:00:00 +0000</lastBuildDate>" in rss


def test_open_data_holds_every_event_past_and_future(built_site):
    data = json.loads((built_site.output / "data/kegiatan.json").read_text())
    assert data["schema_version"] == 1
    keys = [e["key"] for e in data["events"]]
    assert keys == ["serang/al-faruq-2022", "serang/pameran-2022", "makassar/masjid-2026",
                    "serang/sekolah-2026", "serang/desa-2026"]
    faruq = data["events"][0]
    assert faruq["closed"] == ["2022-08-07"] and faruq["hours_open"] == "08:00"
    assert faruq["latitude"] == "-6.31"
    rows = list(csv.DictReader(io.StringIO((built_site.output / "data/kegiatan.csv").read_text())))
    assert [r["key"] for r in rows] == keys
    assert rows[1]["region_code"] == "36.04.05.2001"
    assert rows[0]["requirements"] == "KTP-el; Kartu Keluarga"
    assert list(rows[0]) == data["fields"]


def json_ld(site, relative):
    html = site.page(relative)
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_event_pages_carry_schema_org_event(built_site):
    data = json_ld(built_site, "kegiatan/serang/al-faruq-2022/index.html")
    assert data["@type"] == "Event"
    assert data["startDate"] == "2022-08-04T08:00+07:00"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": -6.31, "longitude": 106.1}
    assert data["organizer"]["name"] == "Kantor Imigrasi Kelas I Non TPI Serang"
    assert json_ld(built_site, "kegiatan/serang/desa-2026/index.html")["eventStatus"] == \
        "https://schema.org/EventCancelled"
    assert json_ld(built_site, "kegiatan/makassar/masjid-2026/index.html")["eventStatus"] == \
        "https://schema.org/EventPostponed"
    tricky = json_ld(built_site, "kegiatan/serang/sekolah-2026/index.html")
    assert tricky["name"] == 'Sosialisasi <script>alert("x")</script> di sekolah'


def test_pages_offer_subscribe_add_to_calendar_and_share(built_site):
    listing = built_site.page("kantor/serang/index.html")
    assert 'href="webcal://uji.example.go.id/kalender/kantor/serang.ics"' in listing
    google = "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fuji.example.go.id%2Fkalender%2Fkantor%2Fserang.ics"
    assert google in listing
    assert 'value="https://uji.example.go.id/kalender/kantor/serang.ics"' in listing
    assert '<link rel="alternate" type="application/atom+xml"' in listing
    event = built_site.page("kegiatan/makassar/masjid-2026/index.html")
    assert 'href="../../../kegiatan/makassar/masjid-2026/masjid-2026.ics"' in event
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in event
    assert "dates=20261203T000000Z%2F20261203T040000Z" in event
    assert "https://wa.me/?text=" in event


def test_a_status_note_ending_in_a_full_stop_is_not_given_a_second(site):
    site.edit("schedules/makassar/events.yaml", "status_note: Menunggu tanggal baru",
              "status_note: Menunggu tanggal baru.")
    assert site.build()[0] == 0
    [entry] = [e for e in parse(site, "feeds/kegiatan.rss.xml").entries if "Layanan paspor di masjid" in e.title]
    assert entry.summary.endswith("Ditunda: Menunggu tanggal baru.") and ".." not in entry.summary


def test_markup_in_staff_text_reaches_feed_readers_as_text_not_as_html(site):
    """RSS readers read a description as HTML: an <img> or <a> staff wrote must show as characters."""
    site.edit("schedules/makassar/events.yaml", "status_note: Menunggu tanggal baru",
              """status_note: 'Pindah <img src="https://evil.example/p.png"> <a href="https://phish.example/">daftar</a>'""")
    assert site.build()[0] == 0
    for name in ("feeds/kegiatan.rss.xml", "feeds/kegiatan.atom.xml"):
        [entry] = [e for e in parse(site, name).entries if "Layanan paspor di masjid" in e.title]
        assert "<img" not in entry.summary and "<a " not in entry.summary, name
        assert '&lt;img src="https://evil.example/p.png"&gt;' in entry.summary, name
