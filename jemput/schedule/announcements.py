"""Announcements (Pelican articles) name the events they are about; events list them back."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import markdown

from jemput.schedule.problems import Problems, problem

METADATA_KEY = "events"
_KEY_LINE = re.compile(r"^\s*events\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class AnnouncementFile:
    """An announcement's metadata, read for checks without a build."""

    source_path: str
    metadata: dict


def read_announcement_headers(content: Path) -> list[AnnouncementFile]:
    """The metadata of every Markdown file under ``content``, for ``invoke check``.

    Parsed by Python-Markdown's ``meta`` extension, which is what Pelican's Markdown
    reader uses, so a check sees an ``Events:`` header (continued lines included)
    as a build does; one parser for all files and no body rendered keep it fast.
    """
    parser = markdown.Markdown(extensions=["meta"])
    found = []
    for path in sorted(content.rglob("*.md")):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        parser.reset().convert(header)
        found.append(AnnouncementFile(str(path), dict(parser.Meta)))
    return found


def event_keys(article) -> list[str]:
    """``Events: serang/al-faruq-2022, blitar/x`` -> the keys in the order written."""
    value = article.metadata.get(METADATA_KEY, "")
    if isinstance(value, (list, tuple)):
        value = ",".join(value)
    return [key.strip() for key in str(value).split(",") if key.strip()]


def link_announcements(articles, events_by_key: dict, project_root: Path, problems: Problems,
                       declared_keys=frozenset(), left_out=frozenset()):
    """Map each event key to its announcements, and each announcement to its events.

    An unknown key is a problem placed on the ``Events:`` line of the article; a key
    of an event that exists but has errors of its own is left to those errors, and
    a key of an office a preview left out (``left_out``) is not looked for.
    """
    by_event = defaultdict(list)
    by_article = {}
    for article in articles:
        named = []
        for key in event_keys(article):
            if key in events_by_key:
                named.append(events_by_key[key])
                by_event[key].append(article)
            elif key not in declared_keys and key.partition("/")[0] not in left_out:
                problems.add(_unknown_event(article, key, events_by_key, project_root))
        by_article[article.source_path] = named
    return by_event, by_article


def _unknown_event(article, key, events_by_key, project_root):
    path = Path(article.source_path)
    line, column = _position_of(path, key)
    close = difflib.get_close_matches(key, sorted(events_by_key), n=1)
    try:
        shown = path.resolve().relative_to(project_root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return problem(shown, line, column, "Events", "announcement.unknown_event",
                   value=key, suggest=close[0] if close else "")


def _position_of(path: Path, key: str) -> tuple[int, int]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1, 1
    for number, text in enumerate(lines, start=1):
        if _KEY_LINE.match(text):
            column = text.find(key)
            return number, (column + 1 if column >= 0 else 1)
    return 1, 1


def sanitize_announcement(content) -> None:
    """Announcements are staff Markdown too: their HTML is cleaned before any template sees it."""
    from jemput.site.sanitize import clean_html

    if getattr(content, "_content", None):
        content._content = clean_html(content._content)
    summary = content.metadata.get("summary")
    if summary:  # Markdown metadata arrives as HTML too
        content.metadata["summary"] = clean_html(str(summary))
