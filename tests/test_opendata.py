"""Open data and schema.org: every field as staff wrote it, typed where it matters (publish/opendata.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import events_of

from jemput.publish import opendata

EVENTS = """events:
  - id: desa
    type: village
    title: Paspor </script><!-- di desa
    start: 2026-08-04
    end: 2026-08-06
    hours: "08:00-15:00"
    closed: [2026-08-05]
    venue: {name: Balai Desa, region_code: "32.01.06.2001", geo: [-6.31, 106.10], village: Sukamaju}
    requirements: [KTP-el, Kartu Keluarga]
    quota: "0300"
    contact: "0812-0000-0000"
  - id: masjid
    type: majelis
    title: Di masjid
    start: 2026-08-11
    status: cancelled
    venue: {name: Masjid Raya}
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    return events_of(tmp_path_factory.mktemp("o"), EVENTS)


def record(event):
    return opendata.event_record(event, "uid", "https://x/e/", "https://x/e.ics")


def test_a_record_has_every_field_in_order_and_keeps_text_as_text(events):
    found = record(events["desa"])
    assert tuple(found) == opendata.FIELDS
    assert found["region_code"] == "32.01.06.2001" and found["contact"] == "0812-0000-0000"
    assert (found["start"], found["end"], found["closed"]) == ("2026-08-04", "2026-08-06", ["2026-08-05"])
    assert (found["hours_open"], found["hours_close"], found["timezone"]) == ("08:00", "15:00", "Asia/Jakarta")
    assert (found["latitude"], found["longitude"], found["quota"]) == ("-6.31", "106.10", 300)
    assert record(events["masjid"])["hours_open"] is None


def test_csv_keeps_codes_and_joins_lists(events):
    stream = io.StringIO()
    opendata.write_events_csv((record(e) for e in events.values()), stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows[0]["region_code"] == "32.01.06.2001" and rows[0]["requirements"] == "KTP-el; Kartu Keluarga"
    assert rows[1]["quota"] == "" and rows[1]["status"] == "cancelled"
    assert stream.getvalue().count("\r\n") == 3


def test_json_names_its_version_fields_and_day(events):
    from datetime import date

    stream = io.StringIO()
    opendata.write_events_json((record(e) for e in events.values()), date(2026, 8, 1), stream)
    data = json.loads(stream.getvalue())
    assert (data["schema_version"], data["today"], tuple(data["fields"])) == (
        opendata.SCHEMA_VERSION, "2026-08-01", opendata.FIELDS)
    assert [e["event_id"] for e in data["events"]] == ["desa", "masjid"]


def test_json_ld_is_a_schema_org_event_that_cannot_end_its_script_element(events):
    text = opendata.json_ld(events["desa"], "https://x/e/", "https://x/kantor/serang/")
    assert "</script" not in text and "<!--" not in text
    data = json.loads(text)
    assert data["@type"] == "Event" and data["name"] == "Paspor </script><!-- di desa"
    assert data["startDate"] == "2026-08-04T08:00+07:00" and data["endDate"] == "2026-08-06T15:00+07:00"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": -6.31, "longitude": 106.1}
    cancelled = json.loads(opendata.json_ld(events["masjid"], "https://x/m/", "https://x/k/"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_no_csv_cell_runs_as_a_spreadsheet_formula_and_numbers_stay_numbers(tmp_path):
    hostile = EVENTS.replace("title: Paspor </script><!-- di desa", """title: '=HYPERLINK("x")'""").replace(
        "venue: {name: Balai Desa,", 'venue: {name: "@SUM(1+1)", address: "+cmd|calc",')
    found = events_of(tmp_path, hostile)
    stream = io.StringIO()
    opendata.write_events_csv((record(e) for e in found.values()), stream)
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["title"] == "'=HYPERLINK(\"x\")" and row["venue_name"] == "'@SUM(1+1)"
    assert row["address"] == "'+cmd\\|calc"
    assert (row["latitude"], row["quota"]) == ("-6.31", "300")  # a negative number is a number
    assert record(found["desa"])["title"] == '=HYPERLINK("x")'  # the JSON has it as written
