"""iCalendar output read back by icalendar and by Mozilla's ical.js."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from helpers import ical_js
from icalendar import Calendar
from icalendar.parser import Contentline

from jemput.publish.calendars import _folded

EVENT_ICS = "kegiatan/{office}/{event}/{event}.ics"


def ics_files(site):
    return sorted(site.output.rglob("*.ics"))


def calendar(site, relative) -> Calendar:
    return Calendar.from_ical((site.output / relative).read_bytes())


def vevents(cal: Calendar):
    return [c for c in cal.walk("VEVENT")]


def test_every_calendar_reads_back_with_icalendar(built_site):
    files = ics_files(built_site)
    assert len(files) == 14  # 5 events, all, 2 offices, 3 types, 2 provinces, 1 program
    for path in files:
        cal = Calendar.from_ical(path.read_bytes())
        assert cal["PRODID"] == "-//Jemput//Jadwal Layanan Jemput Bola//ID"
        assert cal["METHOD"] == "PUBLISH"
        for event in vevents(cal):
            stamp = event.decoded("DTSTAMP")
            assert stamp.tzinfo is not None and stamp.utcoffset().total_seconds() == 0


def test_lines_end_in_crlf_and_fold_at_75_octets(built_site):
    for path in ics_files(built_site):
        data = path.read_bytes()
        assert data.endswith(b"\r\n")
        assert data.count(b"\n") == data.count(b"\r\n"), path
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # folding never splits a character


def test_every_vevent_is_byte_for_byte_what_icalendar_writes_for_it(built_site):
    # Lines an event's days share are serialised once; the result must not differ
    # from icalendar serialising each whole component itself.
    for path in ics_files(built_site):
        data = path.read_bytes()
        for event in vevents(Calendar.from_ical(data)):
            assert event.to_ical() in data, (path, event["UID"])


@pytest.mark.parametrize("seed", range(3))
def test_folding_a_line_by_slices_is_icalendars_fold(seed):
    # Long description lines are folded a slice at a time; escapes (backslash, caret) must not be
    # split across a fold, nor characters of two to four octets, exactly as icalendar's own
    # character loop decides.
    rng = random.Random(seed)
    for alphabet in ("ab ,;:\\^x0", "ab ,;:\\^x0–éß·مجلس€😀"):
        for length in range(70, 320):
            line = "".join(rng.choice(alphabet) for _ in range(length))
            assert _folded(line.encode("utf-8")) == Contentline(line).to_ical(), line
    for line in ("\\" * 160, "^" * 160, "a" * 73 + "\\n" + "b" * 90, "é" * 80, "a" + "😀" * 40, "–\\" * 50):
        assert _folded(line.encode("utf-8")) == Contentline(line).to_ical(), line


@pytest.mark.parametrize("octets", [73, 74, 75, 76, 150])
def test_summary_lines_around_the_fold_limit_match_icalendar(site, octets):
    # A title with a two-octet letter, making the SUMMARY line just under, at and over the limit.
    prefix = "SUMMARY:"
    title = "é" + "x" * (octets - len(prefix) - 2)
    assert len((prefix + title).encode("utf-8")) == octets
    site.edit("schedules/serang/events.yaml", "Sosialisasi <script>alert(\"x\")</script> di sekolah", title)
    assert site.build()[0] == 0
    data = (site.output / "kalender/semua.ics").read_bytes()
    [event] = [e for e in vevents(Calendar.from_ical(data)) if str(e["SUMMARY"]) == title]
    assert event.to_ical() in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_no_calendar_repeats_a_uid(built_site):
    for path in ics_files(built_site):
        uids = [str(e["UID"]) for e in vevents(Calendar.from_ical(path.read_bytes()))]
        assert len(uids) == len(set(uids)), path


def test_every_tzid_used_has_its_vtimezone(built_site):
    for path in ics_files(built_site):
        cal = Calendar.from_ical(path.read_bytes())
        zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
        used = {e["DTSTART"].params["TZID"] for e in vevents(cal) if "TZID" in e["DTSTART"].params}
        assert used <= zones, path


def test_subscription_feeds_are_named_and_carry_refresh_hints(built_site):
    cal = calendar(built_site, "kalender/semua.ics")
    assert cal["X-WR-CALNAME"] == "Jemput Uji"
    assert cal["NAME"] == "Jemput Uji"
    assert cal["X-PUBLISHED-TTL"] == "PT6H"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in (built_site.output / "kalender/semua.ics").read_text()


def test_single_event_download_has_no_calendar_name(built_site):
    text = (built_site.output / EVENT_ICS.format(office="serang", event="sekolah-2026")).read_text()
    assert "X-WR-CALNAME" not in text and "\r\nNAME:" not in text
    assert "METHOD:PUBLISH" in text


def test_event_carries_location_geo_url_organizer_categories_and_what_to_bring(built_site):
    [event] = vevents(calendar(built_site, EVENT_ICS.format(office="makassar", event="masjid-2026")))
    assert str(event["LOCATION"]) == "Masjid Contoh, Kota Makassar, Sulawesi Selatan"
    assert str(event["URL"]) == "https://uji.example.go.id/kegiatan/makassar/masjid-2026/"
    assert event["CATEGORIES"].cats == ["Masjid dan majelis", "Paspor Masuk Desa"]
    [first] = vevents(calendar(built_site, EVENT_ICS.format(office="serang", event="al-faruq-2022")))[:1]
    assert "Syarat: KTP-el, Kartu Keluarga" in str(first["DESCRIPTION"])
    assert first.decoded("GEO") is not None and float(first["GEO"].latitude) == -6.31


def test_wita_event_at_eight_is_midnight_utc_in_ical_js(built_site):
    read = ical_js(built_site.output / "kalender/kantor/makassar.ics")
    [event] = [e for e in read["events"] if e["uid"] == "masjid-2026.makassar@uji.example.go.id"]
    assert event["start"]["utc"] == "2026-12-03T00:00:00.000Z"
    assert event["start"]["zone"] == "Asia/Makassar"
    assert event["end"]["utc"] == "2026-12-03T04:00:00.000Z"
    assert event["status"] == "TENTATIVE" and event["summary"].startswith("[DITUNDA] ")


def test_all_day_event_4_to_12_august_ends_13_august_exclusive(built_site):
    path = built_site.output / EVENT_ICS.format(office="serang", event="pameran-2022")
    [event] = vevents(Calendar.from_ical(path.read_bytes()))
    assert event.decoded("DTSTART") == date(2022, 8, 4)
    assert event.decoded("DTEND") == date(2022, 8, 13)
    assert "DTSTART;VALUE=DATE:20220804" in path.read_text()
    [read] = ical_js(path)["events"]
    assert read["start"] == {"isDate": True, "local": "2022-08-04", "utc": None, "zone": "floating"} or (
        read["start"]["isDate"] and read["start"]["local"] == "2022-08-04")
    assert read["end"]["isDate"] and read["end"]["local"] == "2022-08-13"


def test_daily_hours_over_several_days_become_one_event_per_open_day(built_site):
    path = built_site.output / EVENT_ICS.format(office="serang", event="al-faruq-2022")
    events = vevents(Calendar.from_ical(path.read_bytes()))
    days = [e.decoded("DTSTART").date() for e in events]
    assert len(days) == 8 and date(2022, 8, 7) not in days
    assert days[0] == date(2022, 8, 4) and days[-1] == date(2022, 8, 12)
    read = ical_js(path)["events"]
    assert {e["start"]["local"][11:] for e in read} == {"08:00:00"}
    assert {e["end"]["local"][11:] for e in read} == {"15:00:00"}
    assert read[0]["start"]["utc"] == "2022-08-04T01:00:00.000Z"
    assert len({e["uid"] for e in read}) == 8
    assert read[0]["uid"] == "al-faruq-2022.serang.20220804@uji.example.go.id"


def test_cancelled_event_stays_in_the_feed_marked(built_site):
    [event] = [e for e in vevents(calendar(built_site, "kalender/kantor/serang.ics"))
               if str(e["UID"]).startswith("desa-2026.")]
    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]) == "[DIBATALKAN] Paspor di balai desa"


def test_subscription_feeds_keep_a_window_but_the_archive_is_whole(built_site):
    uids = {str(e["UID"]) for e in vevents(calendar(built_site, "kalender/semua.ics"))}
    assert not any(u.startswith("al-faruq-2022.") for u in uids)
    assert "sekolah-2026.serang@uji.example.go.id" in uids
    assert (built_site.output / EVENT_ICS.format(office="serang", event="al-faruq-2022")).exists()


def test_the_site_calendar_keeps_the_recent_past_as_the_office_calendars_do(site):
    """A visit of last week stays in every subscribed calendar of the window, the site's included (it
    was made from the upcoming listing, which holds no past visit)."""
    assert site.build(OUTREACH_TODAY="2026-12-20")[0] == 0
    key = "sekolah-2026.serang@uji.example.go.id"
    for path in ("kalender/semua.ics", "kalender/kantor/serang.ics"):
        assert key in {str(e["UID"]) for e in vevents(calendar(site, path))}, path


def test_a_calendar_over_the_size_keeps_the_nearest_visits_and_leaves_smaller_ones_whole(site):
    # Google Calendar stops reading a subscribed calendar past about 1 MB, and apps fetch it whole.
    assert site.build()[0] == 0
    whole = (site.output / "kalender/semua.ics").read_bytes()
    office = (site.output / "kalender/kantor/serang.ics").read_bytes()
    assert len(office) < len(whole) - 1
    assert site.build(OUTREACH_CALENDAR_MAX_BYTES=len(whole) - 1)[0] == 0
    cut = (site.output / "kalender/semua.ics").read_bytes()
    assert len(cut) <= len(whole) - 1
    kept = vevents(Calendar.from_ical(cut))
    uids = {str(e["UID"]).split(".", 1)[0] for e in kept}
    assert uids == {"masjid-2026", "sekolah-2026"}  # 3 and 5 December kept; 10 December, the farthest, left
    for event in kept:
        assert event.to_ical() in whole
    assert (site.output / "kalender/kantor/serang.ics").read_bytes() == office
    assert (site.output / EVENT_ICS.format(office="serang", event="desa-2026")).exists()
    read = ical_js(site.output / "kalender/semua.ics")
    assert {e["uid"].split(".", 1)[0] for e in read["events"]} == uids


def one_event(site, office, event_id):
    path = site.output / EVENT_ICS.format(office=office, event=event_id)
    [event] = vevents(Calendar.from_ical(path.read_bytes()))
    return event


def test_editing_title_and_time_keeps_the_uid_and_raises_sequence(site):
    assert site.build()[0] == 0
    before = one_event(site, "serang", "sekolah-2026")
    assert before["SEQUENCE"] == 0
    site.edit("schedules/serang/events.yaml", 'hours: "09:00-11:00"', 'hours: "10:00-12:00"')
    site.edit("schedules/serang/events.yaml", "di sekolah", "di SMA")
    assert site.build()[0] == 0
    after = one_event(site, "serang", "sekolah-2026")
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] == 1
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART").hour == 10
    untouched = one_event(site, "makassar", "masjid-2026")
    assert untouched["SEQUENCE"] == 0


def test_rebuilding_unchanged_input_keeps_every_revision(site):
    assert site.build()[0] == 0
    first = (site.output / "kalender/semua.ics").read_bytes()
    assert site.build()[0] == 0
    assert (site.output / "kalender/semua.ics").read_bytes() == first


def test_cancelling_keeps_the_event_with_status_cancelled(site):
    assert site.build()[0] == 0
    site.edit("schedules/makassar/events.yaml", "status: postponed", "status: cancelled")
    assert site.build()[0] == 0
    [event] = vevents(calendar(site, "kalender/kantor/makassar.ics"))
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert str(event["SUMMARY"]).startswith("[DIBATALKAN] ")


def test_last_modified_comes_from_source_date_epoch(site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01T00:00:00Z
    assert site.build()[0] == 0
    event = one_event(site, "makassar", "masjid-2026")
    assert event.decoded("DTSTAMP") == datetime(2025, 12, 1, tzinfo=UTC)


def test_serialised_events_are_kept_compressed_and_come_back_whole():
    from jemput.publish.calendars import SerializedEvent

    vevents = b"BEGIN:VEVENT\r\nSUMMARY:Layanan paspor di Balai Desa\r\nEND:VEVENT\r\n" * 4
    kept = SerializedEvent.of(vevents, ("Asia/Jakarta",))
    assert len(kept.packed) < len(vevents) / 2
    assert kept.vevents == vevents
    stored = SerializedEvent.from_bytes(kept.to_bytes())  # through the build cache
    assert stored == kept and stored.vevents == vevents and stored.tzids == ("Asia/Jakarta",)
    assert SerializedEvent.from_bytes(SerializedEvent.of(vevents, ()).to_bytes()).tzids == ()


def test_a_calendar_without_visits_still_holds_a_component_and_readers_take_it(site):
    """A program announced before its first visit is subscribed to: RFC 5545 wants one component at
    least, so its calendar carries the site's time zone until visits come."""
    site.write("schedules/programs.yaml", (site.root / "schedules/programs.yaml").read_text()
               + "  - id: desa-binaan\n    name: Desa Binaan\n")
    assert site.build()[0] == 0
    path = site.output / "kalender/program/desa-binaan.ics"
    calendar = Calendar.from_ical(path.read_bytes())
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert calendar.subcomponents[0]["TZID"] == "Asia/Jakarta"
    assert ical_js(path)["events"] == []
