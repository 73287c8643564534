"""The text catalogue: every word the product says has its Indonesian, and translations stay usable."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from helpers import PROJECT

from jemput.commands.catalogue import messages
from jemput.schedule.problems import WORDING, problem
from jemput.text import LANGUAGES, LOCALE, Text

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def committed(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "jemput.po").open("rb") as source:
        return read_po(source, locale=lang, domain="jemput")


def ids(catalogue) -> set[tuple[str | None, str]]:
    return {(m.context, m.id) for m in catalogue if m.id}


def test_indonesian_and_english_are_the_catalogues():
    assert LANGUAGES == ("en", "id")


def test_every_text_the_product_says_is_in_each_catalogue_and_nothing_else():
    used = ids(messages(PROJECT))
    assert len(used) > 200
    for lang in LANGUAGES:
        assert ids(committed(lang)) == used, f"run `invoke catalogue` ({lang})"


def test_every_text_has_its_indonesian_words():
    untranslated = [m.id for m in committed("id") if m.id and not m.string]
    assert untranslated == []


def test_english_words_are_needed_only_for_codes():
    english = committed("en")
    assert [m.id for m in english if m.id and m.context and not m.string] == []
    assert Text("en")("Upcoming visits") == "Upcoming visits"  # the id is the English text
    assert Text("en").label("type", "village") == "Village visit"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translation_keeps_the_placeholders_of_its_id(lang):
    for message in committed(lang):
        if message.id and message.string:
            assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id)), message.id


def test_interface_text_labels_and_marks_in_indonesian():
    text = Text("id")
    assert text("%(count)s upcoming visits", count=3) == "3 kegiatan mendatang"
    assert text.label("status", "cancelled") == "Dibatalkan"
    assert text.summary_mark("cancelled") == "DIBATALKAN"
    assert text.summary_mark("scheduled") is None


def test_an_unknown_code_shows_as_written_and_an_unknown_text_in_english():
    text = Text("id")
    assert text.label("type", "kapal-laut") == "kapal-laut"
    assert text("Nothing like this was ever said") == "Nothing like this was ever said"


def test_a_language_without_a_catalogue_is_refused():
    with pytest.raises(ValueError, match="'xx'.*en, id"):
        Text("xx")


@pytest.mark.parametrize("code", sorted(WORDING))
def test_every_problem_reads_in_both_languages(code):
    item = problem("schedules/serang/a.yaml", 3, 5, "events[0].x", code, value="v", suggest="w")
    indonesian, english = item.text("id"), item.text("en")
    assert indonesian.startswith("schedules/serang/a.yaml:3:5: events[0].x: ")
    if code not in ("suggest", "suggest.none"):
        assert indonesian != english
