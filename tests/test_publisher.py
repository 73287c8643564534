"""Which calendars and feeds the site offers, and what each carries (publish/publisher.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from helpers import check, make_schedules

from jemput.publish.calendars import Revision
from jemput.publish.ledger import Record
from jemput.publish.publisher import Publisher, subscription_for
from jemput.runtime.cache import ResultCache
from jemput.settings import URL_PATTERNS, read_settings
from jemput.site.formatting import Formatter
from jemput.site.listings import build_listings
from jemput.site.pages import event_page
from jemput.site.sanitize import MarkdownRenderer
from jemput.text import Text

EVENT = """  - id: {id}
    type: village
    title: Kegiatan {id}
    start: {start}
    venue: {{name: Balai {id}, regency: Kabupaten Serang}}
"""
DAYS = {"lama": "2026-05-01", "baru-lewat": "2026-06-20", "besok": "2026-07-02", "lusa": "2026-07-03"}


def publisher_for(tmp_path, ledger=None, **settings):
    text = "events:\n" + "".join(EVENT.format(id=i, start=d) for i, d in DAYS.items())
    root = make_schedules(tmp_path, {"serang/e.yaml": text})
    options = read_settings({"OUTREACH_SCHEDULES_PATH": str(root), "OUTREACH_TODAY": "2026-07-01",
                             "OUTREACH_WORKERS": 1, "SITEURL": "https://jemput.example.go.id", **settings})
    schedule, problems = check(root)
    assert problems.errors == []
    formatter, markdown = Formatter("id", Text("id")), MarkdownRenderer()
    pages = {e.key: event_page(e, (), options, formatter, markdown) for e in schedule.events}
    publisher = Publisher(options, Text("id"), pages, ledger or {}, ResultCache(None))
    publisher.prepare_all(schedule.events)
    return publisher, schedule, options


@pytest.fixture
def prepared(tmp_path):
    return publisher_for(tmp_path)


def test_a_regency_subscribes_to_its_province_and_the_archive_to_nothing(prepared):
    _, schedule, options = prepared
    listings = build_listings(schedule, options.today, URL_PATTERNS, Text("id"))
    assert subscription_for(listings["regency"][0], URL_PATTERNS).calendar == "kalender/wilayah/banten.ics"
    assert subscription_for(listings["upcoming"][0], URL_PATTERNS).atom == "feeds/kegiatan.atom.xml"
    assert subscription_for(listings["past"][0], URL_PATTERNS) is None
    assert subscription_for(listings["office"][0], URL_PATTERNS).rss == "feeds/kantor/serang.rss.xml"


def test_subscriptions_keep_the_recent_past_and_everything_ahead(prepared):
    publisher, schedule, _ = prepared
    assert [e.id for e in publisher.in_window(schedule.events)] == ["baru-lewat", "besok", "lusa"]


def test_feeds_carry_the_most_recently_changed_events(tmp_path):
    changed = datetime(2026, 6, 30, tzinfo=UTC)
    publisher, schedule, _ = publisher_for(tmp_path, OUTREACH_FEED_MAX_ITEMS=2)
    keys = {e.id: e.key for e in schedule.events}
    # "besok" was published earlier and has not changed since: the other two are newer.
    earlier = publisher.published[keys["besok"]].record
    ledger = {keys["besok"]: Record(earlier.fingerprint, Revision(0, changed, changed), public=earlier.public)}
    publisher, schedule, _ = publisher_for(tmp_path / "again", ledger, OUTREACH_FEED_MAX_ITEMS=2)
    assert sorted(e.id for e in publisher.newest_events(schedule.events)) == ["baru-lewat", "lusa"]


def test_the_ledger_file_lists_every_event_with_its_revision(prepared):
    publisher, schedule, options = prepared
    data = json.loads(publisher.ledger_file()[0])
    assert sorted(data["events"]) == sorted(e.key for e in schedule.events)
    first = data["events"]["serang/besok"]
    assert (first["sequence"], first["modified"]) == (0, options.now.isoformat())


def test_an_event_description_in_calendars_says_when_status_and_link(prepared):
    publisher, schedule, _ = prepared
    event = next(e for e in schedule.events if e.id == "besok")
    text = publisher.event_text(event, publisher.pages[event.key])
    assert text.description.splitlines() == [
        "Kamis, 2 Juli 2026, sepanjang hari", "https://jemput.example.go.id/kegiatan/serang/besok/"]
    assert text.categories == ("Kunjungan desa",)
