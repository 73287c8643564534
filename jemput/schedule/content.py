"""Announcements and pages, read as strictly as schedules.

Staff write announcements (``content/pengumuman/``) and pages
(``content/pages/``) in Markdown, under a header of ``Key: value`` lines. Only
the headers of ``ContentHeader`` are accepted, each checked like a schedule
field: none of them chooses an output path, a URL or a template. Every file
is Markdown, read directly (never through a symbolic link), and an
announcement in an office's folder (``content/pengumuman/serang/``) speaks for
that office alone.

The header is read with Python-Markdown's own ``meta`` patterns, the ones
Pelican's reader uses, so a check sees what a build sees, and each header's
line and column are known for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE
from pydantic import AfterValidator, BeforeValidator, ValidationError

from jemput.schedule.entries import _Entry
from jemput.schedule.field_problems import pydantic_problems
from jemput.schedule.files import Folder
from jemput.schedule.problems import Problems, problem
from jemput.schedule.strict_yaml import Document, control_character_problems
from jemput.schedule.values import ID_PATTERN, Identifier, Text, _fail, _text

CONTENT_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")
"""Files Pelican would read as content; of these, Jemput accepts Markdown (.md) only."""
STATUSES = ("published", "draft", "hidden")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")
_EVENT_KEY = re.compile(ID_PATTERN.rstrip("$") + "/" + ID_PATTERN.lstrip("^"))


def _moment(value: str) -> str:
    if not _MOMENT.match(value):
        raise _fail("header.date_format", value=value)
    return value


def _event_keys(value) -> tuple[str, ...]:
    text = ",".join(value) if isinstance(value, list) else value
    keys = tuple(key.strip() for key in text.split(",") if key.strip())
    for key in keys:
        if not _EVENT_KEY.match(key):
            raise _fail("header.event_key", value=key)
    return keys


def _status(value: str) -> str:
    if value not in STATUSES:
        raise _fail("choice.invalid", value=value, allowed=", ".join(STATUSES))
    return value


Moment = Annotated[str, BeforeValidator(_text), AfterValidator(_moment)]


class ContentHeader(_Entry):
    """The header of an announcement or a page: what staff may write above the text."""

    title: Text
    """Title, one line."""
    date: Moment | None = None
    """When the announcement is published: 2026-11-20 or 2026-11-20 08:00 (announcements must have it)."""
    modified: Moment | None = None
    """When it was last changed, in the same form."""
    slug: Identifier | None = None
    """The last part of its address: lower-case letters, digits and hyphens; absent: made from the title."""
    summary: Text | None = None
    """One or two sentences for lists and feeds; plain text, or inline Markdown (**bold**, links)."""
    events: Annotated[tuple[str, ...], BeforeValidator(_event_keys)] = ()
    """The visits it is about, as office/event: serang/al-faruq-2022, blitar/desa-2024."""
    status: Annotated[str, BeforeValidator(_text), AfterValidator(_status)] = "published"
    """published, draft (not on the site) or hidden (on the site, in no list)."""


HEADERS = tuple(ContentHeader.model_fields)


@dataclass(frozen=True)
class HeaderLine:
    """One header as written: its name, value and where the value starts on each line."""

    name: str
    values: list[tuple[str, int, int]] = field(default_factory=list)
    """(text, line, column) of the first line and of each continued line."""

    @property
    def line(self) -> int:
        return self.values[0][1]

    def position_of(self, text: str) -> tuple[int, int]:
        """Line and column of ``text`` inside the value, else of the value."""
        for value, line, column in self.values:
            found = value.find(text)
            if found >= 0:
                return line, column + found
        return self.values[0][1], self.values[0][2]


@dataclass(frozen=True)
class ContentFile:
    """An announcement or a page, its header checked."""

    path: Path
    shown: str
    """As messages show it: content/pengumuman/serang/x.md."""
    kind: str
    """announcement or page."""
    office: str | None
    """The office whose folder it is in; None for the central team's files."""
    headers: dict[str, HeaderLine]
    header: ContentHeader | None
    """None when the header has errors."""

    @property
    def source_path(self) -> str:
        return str(self.path)

    @property
    def events(self) -> tuple[str, ...]:
        return self.header.events if self.header else ()

    def position(self, name: str, text: str | None = None) -> tuple[int, int]:
        """Where a header (or some text in it) is; the first line when the header is absent."""
        header = self.headers.get(name)
        if header is None:
            return 1, 1
        return header.position_of(text) if text else (header.line, 1)


def read_header(text: str) -> dict[str, HeaderLine]:
    """The ``Key: value`` lines above the text, as Python-Markdown's meta extension reads them."""
    lines = text.split("\n")
    headers, current = {}, None
    first = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    for number, line in enumerate(lines[first:], start=first + 1):
        start, more = META_RE.match(line), META_MORE_RE.match(line)
        if line.strip() == "" or END_RE.match(line):
            break
        if start:
            current = HeaderLine(start.group("key"))
            value = start.group("value")
            current.values.append((value.strip(), number, start.start("value") + 1))
            headers.setdefault(current.name.lower(), []).append(current)
        elif more and current is not None:
            current.values.append((more.group("value").strip(), number, more.start("value") + 1))
        else:
            break
    return headers


class ContentReader:
    """Reads every content file under Pelican's PATH, reporting what is not allowed."""

    def __init__(self, content: Folder, article_paths, page_paths, offices, problems: Problems,
                 max_bytes: int = 1_000_000) -> None:
        self.content = content
        self.max_bytes = max_bytes
        self.article_paths = tuple(article_paths)
        self.page_paths = tuple(page_paths)
        self.offices = offices
        self.problems = problems

    def read_all(self) -> list[ContentFile]:
        found = []
        for path in self.content.files(self.problems):
            if path.suffix.lower() in CONTENT_SUFFIXES and self._kind(path):
                item = self.read(path)
                if item is not None:
                    found.append(item)
        return found

    def read(self, path: Path) -> ContentFile | None:
        shown = self.content.shown(path)
        if path.suffix != ".md":
            self.problems.add(problem(shown, 1, 1, "", "content.not_markdown"))
            return None
        size = path.stat().st_size
        if size > self.max_bytes:  # every feed carries an announcement whole, and readers poll them
            self.problems.add(problem(shown, 1, 1, "", "content.too_large", size=size, limit=self.max_bytes))
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.add(problem(shown, 1, 1, "", "file.not_utf8"))
            return None
        text = text.lstrip("\ufeff").replace("\r\n", "\n")
        refused = control_character_problems(text, shown) or pelican_link_problems(text, shown)
        if refused:  # feeds are XML, which cannot carry them: refused here, at their line
            self.problems.extend(refused)
            return None
        grouped = read_header(text)
        headers = self._single(grouped, shown)
        kind = self._kind(path)
        office = self._office(path, kind, shown)
        return ContentFile(path, shown, kind, office, headers, self._checked(headers, shown, kind))

    def _kind(self, path: Path) -> str | None:
        relative = self.content.relative(path)
        if any(_inside(relative, folder) for folder in self.page_paths):  # pages are kept out of articles
            return "page"
        if any(_inside(relative, folder) for folder in self.article_paths):
            return "announcement"
        return None

    def _office(self, path: Path, kind: str, shown: str) -> str | None:
        """The office folder an announcement is in: the part right under the announcements folder."""
        if kind != "announcement":
            return None
        relative = self.content.relative(path)
        root = next(folder for folder in self.article_paths if _inside(relative, folder))
        parts = Path(relative).relative_to(root).parts if root else Path(relative).parts
        if len(parts) < 2:
            return None
        if parts[0] not in self.offices:
            self.problems.add(problem(shown, 1, 1, "", "announcement.folder_unknown", value=parts[0],
                                      offices=", ".join(sorted(self.offices))))
        return parts[0]

    def _single(self, grouped: dict, shown: str) -> dict[str, HeaderLine]:
        headers = {}
        for name, written in grouped.items():
            headers[name] = written[0]
            for again in written[1:]:
                self.problems.add(problem(shown, again.line, 1, again.name, "header.duplicate",
                                          key=again.name, first_line=written[0].line))
        return headers

    def _checked(self, headers: dict[str, HeaderLine], shown: str, kind: str) -> ContentHeader | None:
        doc = Document(shown, {}, {}, {})
        data = {}
        for name, header in headers.items():
            texts = [value for value, _, _ in header.values]
            data[name] = texts if len(texts) > 1 else texts[0]
            doc.value_marks[(name,)] = header.values[0][1:]
            doc.key_marks[(name,)] = (header.line, 1)
        doc.data = data
        try:
            checked = ContentHeader.model_validate(data)
        except ValidationError as err:
            self.problems.extend(self._worded(pydantic_problems(err, doc, ContentHeader), headers))
            return None
        return self._fits_kind(checked, headers, shown, kind)

    def _worded(self, found, headers: dict[str, HeaderLine]):
        """Header problems name the header as staff wrote it, and list the allowed ones."""
        for item in found:
            params = dict(item.params)
            name = headers[item.field].name if item.field in headers else item.field.capitalize()
            if item.code == "field.unknown":
                close = {"suggest": params["suggest"].capitalize()} if params.get("suggest") else {}
                yield problem(item.path, item.line, item.column, name, "header.unknown", name=name,
                              allowed=_allowed(), **close)
            elif item.code == "field.missing":
                yield problem(item.path, 1, 1, params["name"].capitalize(), "header.missing",
                              name=params["name"].capitalize())
            else:
                yield problem(item.path, item.line, item.column, name, item.code, **params)

    def _fits_kind(self, checked: ContentHeader, headers, shown: str, kind: str) -> ContentHeader | None:
        if kind == "announcement" and checked.date is None:
            self.problems.add(problem(shown, 1, 1, "Date", "header.missing", name="Date"))
            return None
        if kind == "page" and checked.events:
            line, column = headers["events"].values[0][1:]
            self.problems.add(problem(shown, line, column, headers["events"].name, "header.events_on_page"))
            return None
        return checked


_PELICAN_LINK = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]*\]:\s*<?|\b(?:href|src)\s*=\s*[\"']?)"
                           r"\s*(?P<link>[{|][^\s)\"'>]*)", re.IGNORECASE)
"""A link or image whose address is one of Pelican's intrasite links ({attach}, {static}, {filename},
|filename|), in Markdown, a reference or HTML."""


def pelican_link_problems(text: str, shown: str) -> list:
    """Pelican replaces such a link by copying the file it names into the site, whatever it is: the
    build's settings, the repository's credentials. Staff link pages by their address instead."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _PELICAN_LINK.finditer(line):
            found.append(problem(shown, number, match.start("link") + 1, "", "content.pelican_link",
                                 value=match.group("link")))
    return found


def _inside(relative: str, folder: str) -> bool:
    return folder in ("", ".") or relative == folder or relative.startswith(folder.rstrip("/") + "/")


def _allowed() -> str:
    return ", ".join(name.capitalize() for name in HEADERS)


def read_content(settings: dict, options, schedule, problems: Problems) -> list[ContentFile]:
    """Every announcement and page under Pelican's PATH, checked; the theme's files checked for links."""
    project = options.schedules_path.parent
    offices = ({office.id for office in schedule.offices} | set(schedule.left_out)
               | {key.partition("/")[0] for key in schedule.declared_keys})
    reader = ContentReader(Folder(Path(settings["PATH"]), project), settings.get("ARTICLE_PATHS", [""]),
                           settings.get("PAGE_PATHS", ["pages"]), offices, problems, options.max_file_bytes)
    found = reader.read_all()
    for _ in Folder(Path(settings["THEME"]), project).files(problems):
        pass  # the theme's files are read by Pelican: here only its links are looked for
    return found
