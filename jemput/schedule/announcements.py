"""Announcements name the events they are about; events list them back.

Ownership follows the folders, as for schedules: an announcement in an
office's folder (``content/pengumuman/serang/``) may name that office's events
only, and CODEOWNERS gives the folder to that office's staff; one directly in
``content/pengumuman/`` belongs to the central team and may name any event.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from jemput.schedule.content import ContentFile
from jemput.schedule.problems import Problems, problem
from jemput.site.sanitize import clean_html, inline_html


def link_announcements(files: list[ContentFile], events_by_key: dict, problems: Problems,
                       declared_keys=frozenset(), left_out=frozenset()) -> tuple[dict, dict]:
    """(event key -> source paths of the announcements naming it, source path -> events named).

    An unknown key is a problem placed where it is written in the ``Events:`` header;
    a key of an event that exists but has errors of its own is left to those errors,
    and a key of an office a preview left out, or of one with a file that could not be read
    (``left_out``), is not looked for: that file's own error says what to mend.
    """
    by_event, by_file = defaultdict(list), {}
    for item in files:
        named = []
        for key in item.events:
            office = key.partition("/")[0]
            if item.office is not None and office != item.office:
                problems.add(_at_key(item, key, "announcement.other_office", office=item.office, value=key))
            elif key in events_by_key:
                named.append(events_by_key[key])
                by_event[key].append(item.source_path)
            elif key not in declared_keys and office not in left_out:
                close = difflib.get_close_matches(key, sorted(events_by_key), n=1)
                problems.add(_at_key(item, key, "announcement.unknown_event", value=key,
                                     suggest=close[0] if close else ""))
        by_file[item.source_path] = named
    return by_event, by_file


def _at_key(item: ContentFile, key: str, code: str, **params):
    line, column = item.position("events", key)
    return problem(item.shown, line, column, item.headers["events"].name, code, **params)


def sanitize_announcement(content) -> None:
    """Announcements and pages are staff text: cleaned before any template or feed sees them.

    The body may hold any safe HTML; the summary is inline HTML only, one
    paragraph. Pelican keeps the summary in two places (``metadata`` and
    ``_summary``, which it writes back later): both get the clean one.
    """
    if getattr(content, "_content", None):
        content._content = clean_html(content._content)
    summary = content.metadata.get("summary")
    if summary:  # Markdown metadata arrives as HTML
        clean = f"<p>{inline_html(str(summary))}</p>"
        content.metadata["summary"] = content._summary = clean
