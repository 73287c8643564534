"""Read a YAML file strictly into plain mappings, keeping positions.

Every scalar stays text (``yaml.BaseLoader`` semantics), so ``10:30``, ``no`` and
``0812`` reach the schema exactly as staff wrote them. Anchors, aliases,
duplicate keys, tabs, byte sequences that are not UTF-8 and oversized files are
refused with the line and column where they occur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev

from jemput.schedule.problems import WARNING, Problem, problem, yaml_detail

try:  # libyaml's C parser when the wheel has it: same events, several times faster
    _Loader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.BaseLoader

MAX_DEPTH = 20
MAX_TAB_REPORTS = 5

Location = tuple  # a path into the data: ("events", 2, "hours")


@dataclass
class Document:
    """A file's data (dicts, lists, text) and where each value and key stands in it."""

    path: str
    data: Any = None
    value_marks: dict[Location, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Location, tuple[int, int]] = field(default_factory=dict)

    def position(self, location: Location, at_key: bool = False) -> tuple[int, int]:
        """Line and column of a location, or of its nearest enclosing value."""
        marks = self.key_marks if at_key else self.value_marks
        loc = tuple(location)
        while loc:
            if loc in marks:
                return marks[loc]
            if at_key and loc in self.value_marks:
                return self.value_marks[loc]
            loc = loc[:-1]
        return self.value_marks.get((), (1, 1))


class _Refused(Exception):
    """Stops reading a file: what follows the refused construct cannot be trusted."""

    def __init__(self, item: Problem) -> None:
        super().__init__(str(item))
        self.problem = item


def load_file(path: Path, shown_as: str, max_bytes: int) -> tuple[Document, list[Problem]]:
    """Read one file; returns the document (``data`` None when unusable) and its problems."""
    raw = path.read_bytes()
    return load_bytes(raw, shown_as, max_bytes)


def load_bytes(raw: bytes, shown_as: str, max_bytes: int) -> tuple[Document, list[Problem]]:
    doc = Document(shown_as)
    problems: list[Problem] = []
    if len(raw) > max_bytes:
        problems.append(problem(shown_as, 1, 1, "", "file.too_large", size=len(raw), limit=max_bytes))
        return doc, problems
    text, decode_problems = _decode(raw, shown_as)
    problems += decode_problems
    if text is None:
        return doc, problems
    refused = _tab_problems(text, shown_as) or control_character_problems(text, shown_as)
    if refused:
        return doc, problems + refused
    try:
        _compose(text, doc, problems)
    except _Refused as refused:
        problems.append(refused.problem)
        doc.data = None
    except yaml.MarkedYAMLError as err:
        problems.append(_syntax_problem(err, shown_as))
        doc.data = None
    except yaml.YAMLError as err:  # any other refusal of the parser still names the file
        problems.append(problem(shown_as, 1, 1, "", "yaml.syntax", detail=str(err)))
        doc.data = None
    if doc.data is None and not problems:
        problems.append(problem(shown_as, 1, 1, "", "file.empty"))
    return doc, problems


def _decode(raw: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(problem(shown_as, 1, 1, "", "file.bom", severity=WARNING))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        problems.append(problem(shown_as, line, column, "", "file.not_utf8"))
        return None, problems
    # Windows line ends are accepted: they are normalised before parsing.
    return text.replace("\r\n", "\n"), problems


def _tab_problems(text: str, shown_as: str) -> list[Problem]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        column = line.find("\t")
        if column >= 0:
            found.append(problem(shown_as, number, column + 1, "", "yaml.tab"))
            if len(found) == MAX_TAB_REPORTS:
                break
    return found


NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
                           "|[\u202A-\u202E]")
"""What YAML refuses to read (the YAML 1.1 printable set, as PyYAML's reader checks it): control
characters such as the line break Word pastes with Shift+Enter (U+000B). Announcements are held to
it too: feeds are XML, which refuses most of them. Also the bidirectional embeddings and overrides
(U+202A-U+202E): never closed in a title, they turn around the text after it (the site's name in a
browser tab), and they disguise what a text says; Arabic script needs none of them."""


def control_character_problems(text: str, shown_as: str) -> list[Problem]:
    """Each line's first character YAML refuses, where it is (the parser would name none)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        refused = NOT_PRINTABLE.search(line)
        if refused:
            found.append(problem(shown_as, number, refused.start() + 1, "", "file.control_character",
                                 code=f"U+{ord(refused.group()):04X}"))
            if len(found) == MAX_TAB_REPORTS:
                break
    return found


_STARTED_ABOVE = re.compile(r"quoted scalar|simple key|flow sequence|flow mapping")


def _syntax_problem(err: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    if err.context_mark and _STARTED_ABOVE.search(err.context or ""):
        # libyaml finds these where the next line begins: point at what was left open (a quote, a bracket)
        # or at the line whose ':' is missing, which is where staff look.
        mark = err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = err.problem or err.context or "?"
    return problem(shown_as, line, column, "", "yaml.syntax", detail=yaml_detail(detail))


def _compose(text: str, doc: Document, problems: list[Problem]) -> None:
    stream = iter(yaml.parse(text, Loader=_Loader))
    lines = text.split("\n") if " #" in text else None
    for event in stream:
        if isinstance(event, ev.DocumentStartEvent):
            doc.data = _node(next(stream), stream, (), doc, problems, 0, lines)
            break
    for event in stream:
        if isinstance(event, ev.DocumentStartEvent):
            line, column = _mark(event)
            raise _Refused(problem(doc.path, line, column, "", "yaml.many_documents"))


def _mark(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _node(event, stream, location, doc, problems, depth, lines):
    line, column = _mark(event)
    if isinstance(event, ev.AliasEvent):
        raise _Refused(problem(doc.path, line, column, dotted(location), "yaml.alias"))
    if getattr(event, "anchor", None):
        raise _Refused(problem(doc.path, line, column, dotted(location), "yaml.anchor"))
    if depth > MAX_DEPTH:
        raise _Refused(problem(doc.path, line, column, dotted(location), "yaml.too_deep"))
    doc.value_marks[location] = (line, column)
    if isinstance(event, ev.ScalarEvent):
        if lines and not event.style:  # plain scalars only: quoted text keeps its "#"
            _warn_if_comment_cut_value(event, lines, location, doc, problems)
        refused = NOT_PRINTABLE.search(event.value) if event.style == '"' else None
        if refused:  # written as an escape ("\v", "\x00"): the file's text had no such character
            raise _Refused(problem(doc.path, line, column, dotted(location), "file.control_character",
                                   code=f"U+{ord(refused.group()):04X}"))
        return _scalar(event)
    if isinstance(event, ev.SequenceStartEvent):
        return _sequence(stream, location, doc, problems, depth, lines)
    return _mapping(stream, location, doc, problems, depth, lines)


_CUT_BY_COMMENT = re.compile(r"^[ ]+#[^\s#]")


def _warn_if_comment_cut_value(event, lines, location, doc, problems) -> None:
    """``name: Masjid #2`` reads as "Masjid": a comment glued to its word was likely meant as text."""
    end = event.end_mark
    rest = lines[end.line][end.column:] if end.line < len(lines) else ""
    if _CUT_BY_COMMENT.match(rest):
        column = end.column + len(rest) - len(rest.lstrip(" ")) + 1
        problems.append(problem(doc.path, end.line + 1, column, dotted(location), "yaml.comment_in_value",
                                severity=WARNING, value=event.value, rest=rest.strip()))


def _scalar(event) -> str | None:
    # An empty plain value (``end:``) means "not given"; quoted "" stays text.
    if event.value == "" and event.implicit[0]:
        return None
    return event.value


def _sequence(stream, location, doc, problems, depth, lines) -> list:
    items = []
    for event in stream:
        if isinstance(event, ev.SequenceEndEvent):
            return items
        items.append(_node(event, stream, location + (len(items),), doc, problems, depth + 1, lines))
    return items


def _mapping(stream, location, doc, problems, depth, lines) -> dict:
    mapping: dict[str, Any] = {}
    for event in stream:
        if isinstance(event, ev.MappingEndEvent):
            return mapping
        key = _key(event, location, doc)
        child = location + (key,)
        line, column = _mark(event)
        if key in mapping:
            first = doc.key_marks[child]
            problems.append(problem(doc.path, line, column, dotted(child), "yaml.duplicate_key",
                                    key=key, first_line=first[0]))
        else:
            doc.key_marks[child] = (line, column)
        value = _node(next(stream), stream, child, doc, problems, depth + 1, lines)
        mapping.setdefault(key, value)
    return mapping


def _key(event, location, doc) -> str:
    if not isinstance(event, ev.ScalarEvent) or event.anchor:
        line, column = _mark(event)
        raise _Refused(problem(doc.path, line, column, dotted(location), "yaml.complex_key"))
    return event.value


def dotted(location: Location) -> str:
    """``("events", 2, "hours")`` -> ``events[2].hours``, as the error messages write it."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
