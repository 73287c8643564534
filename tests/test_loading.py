"""The strict YAML reader: every trap gives its error with line and column."""

from __future__ import annotations

import time

import pytest

from jemput.schedule.strict_yaml import load_bytes

LIMIT = 1_000_000


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, "f.yaml", LIMIT)


def only_problem(text):
    doc, problems = load(text)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, [str(p) for p in problems]
    return errors[0]


@pytest.mark.parametrize("text, value", [
    ("hours: 10:30\n", "10:30"),
    ("status: no\n", "no"),
    ("status: on\n", "on"),
    ("phone: 0812\n", "0812"),
    ("postcode: 01234\n", "01234"),
    ("region: 32.10\n", "32.10"),
    ("start: 2026-07-10\n", "2026-07-10"),
])
def test_every_scalar_stays_the_text_staff_wrote(text, value):
    doc, problems = load(text)
    assert problems == []
    assert list(doc.data.values()) == [value]


def test_a_hash_after_a_space_starts_a_comment_as_in_any_yaml_reader():
    doc, _ = load("name: Masjid #2\n")
    assert doc.data == {"name": "Masjid"}


def test_an_empty_plain_value_means_not_given_but_quoted_empty_stays_text():
    doc, _ = load('end:\ncontact: ""\n')
    assert doc.data == {"end": None, "contact": ""}


def test_duplicate_key_is_refused_at_the_second_key():
    item = only_problem("events:\n  - id: a\n    title: A\n    title: B\n")
    assert (item.code, item.line, item.column, item.field) == ("yaml.duplicate_key", 4, 5, "events[0].title")
    assert "baris 3" in str(item)


def test_alias_is_refused_where_it_is_used():
    item = only_problem("a: &x 1\n")
    assert (item.code, item.line, item.column) == ("yaml.anchor", 1, 4)
    item = only_problem("a: 1\nb: *x\n")
    assert item.code in ("yaml.alias", "yaml.syntax")
    assert item.line == 2


def test_billion_laughs_is_refused_quickly():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    item = only_problem("\n".join(levels) + "\n")
    assert item.code == "yaml.anchor"
    assert time.perf_counter() - started < 1.0


def test_tab_in_indentation_is_reported_at_the_tab():
    item = only_problem("events:\n\t- id: a\n")
    assert (item.code, item.line, item.column) == ("yaml.tab", 2, 1)


def test_non_utf8_byte_is_reported_at_its_line_and_column():
    item = only_problem(b"title: ok\nname: caf\xe9\n")
    assert (item.code, item.line, item.column) == ("file.not_utf8", 2, 10)


@pytest.mark.parametrize("character", ["\x0b", "\x0c", "\x08", "\x7f", "\x00", "\ufffe"])
def test_a_control_character_is_reported_at_its_line_and_column(character):
    item = only_problem(f"title: ok\nname: Balai{character}Desa\n")
    assert (item.code, item.line, item.column) == ("file.control_character", 2, 12)
    assert f"U+{ord(character):04X}" in str(item)


def test_byte_order_mark_is_a_warning_and_the_file_is_read():
    doc, problems = load(b"\xef\xbb\xbfid: serang\n")
    assert doc.data == {"id": "serang"}
    assert [p.code for p in problems] == ["file.bom"]
    assert problems[0].severity == "warning"


def test_windows_line_ends_are_accepted():
    doc, problems = load(b"id: serang\r\nname: Kanim\r\n")
    assert problems == [] and doc.data == {"id": "serang", "name": "Kanim"}


def test_empty_file_is_an_error():
    assert only_problem("# only a comment\n").code == "file.empty"
    assert only_problem("").code == "file.empty"


def test_oversized_file_is_refused_before_parsing():
    doc, problems = load_bytes(b"a: b\n" * 100, "f.yaml", 200)
    assert [p.code for p in problems] == ["file.too_large"]


def test_syntax_error_carries_the_parser_position():
    item = only_problem("title: a: b\n")
    assert (item.code, item.line) == ("yaml.syntax", 1)
    assert item.column == 9


@pytest.mark.parametrize("text, words", [
    ("title: a: b\n", "ada titik dua dan spasi di dalam nilai"),
    ("events:\n  - id: a\n    title: x\n   type: y\n", "baris ini tidak menjorok sejajar"),
    ("a: @x\n", "nilai diawali karakter khusus YAML"),
    ("a: 'x\n", "berkas berakhir sebelum tanda kutip ditutup"),
    ("a: [1, 2\n", "kurung { atau [ belum ditutup"),
])
def test_a_syntax_error_is_said_in_indonesian_not_in_the_parsers_words(text, words):
    """The parser's own words ("mapping values are not allowed in this context") mean nothing to staff."""
    message = str(only_problem(text))
    assert f"penulisan YAML tidak valid: {words}" in message
    assert "context" not in message and "expected" not in message


def test_positions_of_nested_values_and_keys_are_kept():
    doc, _ = load("events:\n  - id: a\n    venue:\n      name: X\n")
    assert doc.position(("events", 0, "venue", "name")) == (4, 13)
    assert doc.position(("events", 0, "venue", "name"), at_key=True) == (4, 7)
    assert doc.position(("events", 0, "venue", "missing")) == (4, 7)
