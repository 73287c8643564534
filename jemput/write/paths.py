"""Every output path known before anything is written: no file is written twice.

An announcement whose address is an event page, two announcements with one
slug, a page named like a listing: any two sources that would write the same
file stop the build, both named, the message placed on the file staff can
change. Pelican's own files (announcements, pages, its templates, the theme's
static files) count like the plugin's.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from pelican.contents import Article, Page
from pelican.readers import MarkdownReader, default_metadata, parse_path_metadata, path_metadata

from jemput.publish.search import BUNDLES as SEARCH_BUNDLES
from jemput.schedule.content import ContentFile
from jemput.schedule.problems import Problems, problem


@dataclass(frozen=True)
class Origin:
    """What writes a file: as a message names it, and where that message is placed."""

    name: str
    path: str
    line: int = 1
    column: int = 1
    field: str = ""
    staff_file: bool = False
    """True when staff can change the output's name in that file (a slug, an id)."""


def check_unique(outputs: Iterable[tuple[str, object]], problems: Problems, settings_at: Origin) -> None:
    """A problem for every path two sources would write, placed on the one staff can change.

    A source is an ``Origin``, an event, or the name of a setting; only the sources
    of a path written twice are turned into origins, to name them.
    """
    first: dict[str, object] = {}
    for path, source in outputs:
        if not path:
            continue  # Pelican writes nothing for an empty *_SAVE_AS
        normal = posixpath.normpath(path)
        earlier = first.setdefault(normal, source)
        if earlier is not source:
            _collision(normal, origin_of(earlier, settings_at), origin_of(source, settings_at), problems)


def _collision(path: str, earlier: Origin, later: Origin, problems: Problems) -> None:
    at = earlier if earlier.staff_file and not later.staff_file else later
    problems.add(problem(at.path, at.line, at.column, at.field, "output.collision", path=path,
                         first=earlier.name, second=later.name))


def origin_of(source, settings_at: Origin) -> Origin:
    """An ``Origin`` for what writes a file: as given, an event's line, or a setting's name."""
    if isinstance(source, Origin):
        return source
    if isinstance(source, str):
        return _named(settings_at, source)
    return Origin(f"{source.source}:{source.line} ({source.key})", source.source, source.line, source.id_column,
                  f"{source.path_in_file}.id", staff_file=True)


def content_outputs(files: list[ContentFile], settings: dict) -> Iterator[tuple[str, Origin]]:
    """Where Pelican writes each announcement and page, worked out as its reader would."""
    reader = MarkdownReader(settings)  # the reader of every file accepted (Readers would start docutils too)
    for item in files:
        if item.header is None:
            continue
        slug = "slug" if "slug" in item.headers else "title"
        line, column = item.position(slug)
        origin = Origin(item.shown, item.shown, line, column, item.headers[slug].name, staff_file=True)
        yield _save_as(item, settings, reader), origin


def _save_as(item: ContentFile, settings: dict, reader) -> str:
    source = os.path.relpath(item.path, settings["PATH"])
    metadata = default_metadata(settings=settings, process=reader.process_metadata)
    metadata.update(path_metadata(full_path=str(item.path), source_path=source, settings=settings))
    metadata.update(parse_path_metadata(source_path=source, settings=settings, process=reader.process_metadata))
    for name, header in item.headers.items():
        if name != "summary":  # Markdown, and no part of an address
            metadata[name] = reader.process_metadata(name, " ".join(v for v, _, _ in header.values))
    kind = Article if item.kind == "announcement" else Page
    return kind("", metadata=metadata, settings=settings, source_path=str(item.path), context={}).save_as


def pelican_outputs(settings: dict, at: Origin) -> Iterator[tuple[str, Origin]]:
    """Pelican's files besides content: its page templates, site feeds, theme and static files."""
    for name in settings.get("DIRECT_TEMPLATES", ()):
        setting = f"{name.upper()}_SAVE_AS"
        yield settings.get(setting, f"{name}.html"), _named(at, setting)
    for setting in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        if settings.get(setting):
            yield settings[setting], _named(at, setting)
    theme = Path(settings["THEME"])
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        for path in _files(theme / folder):
            relative = path.relative_to(theme / folder).as_posix()
            yield f"{settings.get('THEME_STATIC_DIR', 'theme')}/{relative}", _named(at, f"THEME: {folder}/{relative}")
    content = Path(settings["PATH"])
    for folder in settings.get("STATIC_PATHS", ()):
        for path in _files(content / folder):
            yield path.relative_to(content).as_posix(), _named(at, f"STATIC_PATHS: {folder}")


def _named(at: Origin, name: str) -> Origin:
    return Origin(name, at.path, at.line, at.column, name.partition("[")[0])


def _files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def settings_origin(options) -> Origin:
    """Outputs named by settings are reported on the schedules folder, as other setting problems are."""
    shown = options.schedules_path.name
    return Origin("settings", shown)


def pelican_files(content: list[ContentFile], settings: dict, options) -> list[tuple[str, Origin]]:
    """Every file Pelican writes, with what makes it: its own templates, theme and static files, and
    each announcement and page."""
    at = settings_origin(options)
    return [*pelican_outputs(settings, at), *content_outputs(content, settings)]


def output_problems(jobs, pelican: list[tuple[str, Origin]], options) -> Problems:
    """Every path Pelican and the plugin would write, checked for the same path written twice."""
    problems = Problems()
    plugin = ((path, job.made_by) for job in jobs for path in job.paths)
    check_unique(chain(pelican, plugin), problems, settings_origin(options))
    return problems


def meets_plugin_folders(pelican: list[tuple[str, Origin]], options) -> bool:
    """Whether any of Pelican's files lies where the plugin writes: the first folder of a path,
    or the whole path for a file at the site's root (a pattern starting with a placeholder
    could be anywhere)."""
    # A listing's embed page and JSON Feed (``{listing}sematkan/``) lie in the listing's own folder.
    patterns = (p for p in (*options.urls.values(), options.revisions_file) if not p.startswith("{listing}"))
    tops = {_top(pattern) for pattern in patterns} | {_top(SEARCH_BUNDLES)}
    if any("{" in top for top in tops):
        return True
    return any(_top(path) in tops for path, _ in pelican if path)


def _top(path: str) -> str:
    return posixpath.normpath(path).split("/", 1)[0]
