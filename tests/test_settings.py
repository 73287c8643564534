"""Settings: declared once, read once per build, every value checked with one clear line."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from jemput import settings as settings_module
from jemput.field_docs import description
from jemput.settings import URL_PATTERNS, OutreachSettings, SettingsError, read_settings


def test_every_setting_has_a_type_a_default_and_a_one_line_doc():
    for name, field in OutreachSettings.model_fields.items():
        words = description(OutreachSettings, name)
        assert words and "\n" not in words.strip(), name
        assert field.annotation is not None, name
    assert {f.alias for f in OutreachSettings.model_fields.values()} >= {
        "OUTREACH_TODAY", "OUTREACH_LANG", "OUTREACH_PER_PAGE", "OUTREACH_HOME_ANNOUNCEMENTS", "OUTREACH_URLS"}


def test_defaults_hold_when_nothing_is_said(tmp_path):
    options = read_settings({"PATH": str(tmp_path / "content"), "OUTREACH_TODAY": "2026-01-02"})
    assert options.today == date(2026, 1, 2) and options.lang == "id" and options.per_page == 20
    assert options.schedules_path == tmp_path / "schedules"
    assert options.urls == URL_PATTERNS and options.domain == "jemput.invalid"
    assert options.now.isoformat() == "2026-01-02T00:00:00+00:00"


def test_a_url_pattern_can_be_changed_alone():
    options = read_settings({"OUTREACH_URLS": {"past": "lalu/"}})
    assert options.urls["past"] == "lalu/" and options.urls["event"] == URL_PATTERNS["event"]


@pytest.mark.parametrize("setting, value, line", [
    ("OUTREACH_LANG", "xx", "OUTREACH_LANG = 'xx': tidak diterima; yang diterima: bahasa yang katalognya ada "
                            "di jemput/locale/: en, id"),
    ("OUTREACH_PER_PAGE", "ten", "OUTREACH_PER_PAGE = 'ten': tidak diterima; yang diterima: bilangan bulat"),
    ("OUTREACH_PER_PAGE", 0, "OUTREACH_PER_PAGE = 0: tidak diterima; yang diterima: bilangan bulat lebih dari 0"),
    ("OUTREACH_TIMEZONES", ["Asia/Jakarta", "Asia/Jakata"],
     "OUTREACH_TIMEZONES = 'Asia/Jakata': tidak diterima; yang diterima: zona waktu dari basis data IANA, "
     "misalnya Asia/Makassar"),
    ("OUTREACH_CALENDAR_REFRESH", "6 jam",
     "OUTREACH_CALENDAR_REFRESH = '6 jam': tidak diterima; yang diterima: durasi ISO 8601, misalnya PT6H"),
    ("OUTREACH_URLS", {"event": "../{event}/"},
     "OUTREACH_URLS = '../{event}/': tidak diterima; yang diterima: alamat relatif dengan tempat isian yang sama "
     "seperti kegiatan/{office}/{event}/"),
    ("OUTREACH_TODAY", "besok", "OUTREACH_TODAY = 'besok': tidak diterima; yang diterima: tanggal, TTTT-BB-HH"),
    ("OUTREACH_SHARE_IMAGES", "no", "OUTREACH_SHARE_IMAGES = 'no': tidak diterima; yang diterima: True atau False"),
    ("OUTREACH_REVISIONS_FILE", "../revisions.json",
     "OUTREACH_REVISIONS_FILE = '../revisions.json': tidak diterima; yang diterima: nama berkas di folder utama "
     "situs, misalnya revisions.json"),
])
def test_a_bad_setting_stops_the_build_with_one_line_and_keeps_the_site(site, setting, value, line):
    assert site.build()[0] == 0
    before = site.page("index.html")
    code, err = site.build(**{setting: value})
    assert code == 1
    assert err.splitlines()[0] == line
    assert "Traceback" not in err and "1 kesalahan; situs sebelumnya tidak diubah." in err
    assert site.page("index.html") == before


def test_each_bad_setting_gets_its_line_in_the_site_language():
    with pytest.raises(SettingsError) as raised:
        read_settings({"OUTREACH_LANG": "en", "OUTREACH_PER_PAGE": "ten", "OUTREACH_WORKERS": -1})
    assert str(raised.value).splitlines() == [
        "OUTREACH_PER_PAGE = 'ten': not accepted; allowed: a whole number",
        "OUTREACH_WORKERS = -1: not accepted; allowed: a whole number of at least 1, or None for every core",
    ]


def test_settings_are_parsed_once_per_build_and_unknown_keys_warned_once(site, monkeypatch, caplog):
    calls = []
    parse = settings_module.parse_settings
    monkeypatch.setattr(settings_module, "parse_settings", lambda given: calls.append(1) or parse(given))
    with caplog.at_level(logging.WARNING):
        code, err = site.build(OUTREACH_PERPAGE=5)
    assert code == 0, err
    assert len(calls) == 1
    assert [r.getMessage() for r in caplog.records].count(
        next(r.getMessage() for r in caplog.records if "OUTREACH_PERPAGE" in r.getMessage())) == 1


def test_home_announcements_chooses_how_many_the_home_page_shows(site):
    assert site.build(OUTREACH_HOME_ANNOUNCEMENTS=0)[0] == 0
    assert 'pengumuman/jadwal-desember/"' not in site.page("index.html")
    assert site.build(OUTREACH_HOME_ANNOUNCEMENTS=1)[0] == 0
    assert 'href="./pengumuman/jadwal-desember/"' in site.page("index.html")


def test_a_relative_schedules_folder_sits_beside_the_content_folder(tmp_path):
    options = read_settings({"PATH": str(tmp_path / "site" / "content"), "OUTREACH_SCHEDULES_PATH": "jadwal"})
    assert options.schedules_path == (tmp_path / "site" / "jadwal").resolve()
    assert isinstance(options.schedules_path, Path)
