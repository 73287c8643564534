"""``invoke check``: the whole site checked without building it, with the build's own messages.

Every schedule file, every announcement and page (headers, links, ownership),
links out of the repository, and the files the site would write: a problem a
build would stop at is found here first, worded the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jemput.commands import site_text
from jemput.commands.build import load_settings
from jemput.publish.ledger import published_visits
from jemput.publish.revisions import missing_events
from jemput.runtime.cache import ResultCache
from jemput.runtime.memory import collection_paused
from jemput.schedule.announcements import link_announcements
from jemput.schedule.content import read_content
from jemput.schedule.problems import ScheduleError
from jemput.schedule.validation import read_schedules
from jemput.settings import SettingsError, read_settings
from jemput.write.paths import meets_plugin_folders, output_problems, pelican_files


def check_schedules(settings_file: Path, lang: str | None = None, stdout=sys.stdout,
                    annotate: bool = False) -> int:
    """Check the site's staff files without building it; returns a process exit code.

    With ``annotate``, each problem is also printed as a GitHub Actions workflow
    command, which pull requests show on the line it concerns.
    """
    settings = load_settings(settings_file)
    try:
        options = read_settings(settings)
    except SettingsError as err:
        print(err, file=stdout)
        return 1
    lang = lang or options.lang
    text = site_text({"OUTREACH_LANG": lang})
    try:
        # What a check reads lives until it ends: collections would walk it for nothing to free.
        with collection_paused():
            schedule, problems = everything_checked(settings, options)
    except ScheduleError as err:  # a damaged revision ledger: nothing can be compared with it
        print(err, file=stdout)
        return 1
    for item in problems.errors + problems.warnings:
        print(item.text(lang), file=stdout)
        if annotate:
            print(github_annotation(item, lang), file=stdout)
    print(text("%(errors)s errors, %(warnings)s warnings, %(events)s events", errors=len(problems.errors),
               warnings=len(problems.warnings), events=len(schedule.outlines)), file=stdout)
    return 1 if problems.errors else 0


def everything_checked(settings: dict, options):
    """(schedule, problems) of every staff file, as the build reads them, and of the files it would write."""
    cache = ResultCache(options.cache_path)  # the build's: files checked by either are not read again
    try:
        visits = published_visits(options.ledger_path, options.schedules_path.parent, cache)
        sources = {key: seen.source for key, seen in visits.items()}
        published = {key: seen.last_day for key, seen in visits.items()} if visits else None
        schedule, problems = read_schedules(options, published, cache, whole_events=False)
        problems.extend(missing_events(sources, schedule, options.schedules_path.name))
        content = read_content(settings, options, schedule, problems)
        link_announcements(content, {e.key: e for e in schedule.outlines}, problems, schedule.declared_keys,
                           schedule.left_out | schedule.unread_offices)
        if not problems.errors:  # the site's files can be worked out only from good schedules
            problems.extend(planned_output_problems(content, settings, options, published, cache).items)
    finally:
        cache.finish((), prune=False)
    return schedule, problems


def errors_added_by(settings_file: Path, path: Path) -> list[str]:
    """The errors the schedules have with ``path`` and not without it, in the site's language: what a new
    file brings (its own mistakes, an id another file uses), whatever was wrong before."""
    options = read_settings(load_settings(settings_file))

    def errors() -> set[str]:
        _, problems = read_schedules(options, None, None, whole_events=False)
        return {item.text(options.lang) for item in problems.errors}

    with_file = errors()
    kept = path.read_bytes()
    path.unlink()
    try:
        without = errors()
    finally:
        path.write_bytes(kept)
    return sorted(with_file - without)


def planned_output_problems(content, settings: dict, options, published, cache):
    """The files the build would write, from the same plan the build makes.

    Planning every event page and listing takes a while at 10,000 events; when no
    file of Pelican's (announcements, pages, templates, theme) lies in a folder
    the plugin writes to, none can meet the plugin's, and the plan is skipped.
    """
    pelican = pelican_files(content, settings, options)
    if not meets_plugin_folders(pelican, options):
        return output_problems([], pelican, options)
    from jemput.site.pages import event_pages, site_data  # the rest of the build: only when needed
    from jemput.text import Text
    from jemput.write.plan import Plan

    schedule, _ = read_schedules(options, published, cache)  # whole events, this time
    text = Text(options.lang)
    site = site_data(schedule, event_pages(schedule, options, text), [], options, text, settings)
    jobs = Plan(site, {}, ([], {}), settings).jobs(keyed=False)
    return output_problems(jobs, pelican, options)


def github_annotation(item, lang: str) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` with GitHub's escaping."""
    def escape(text: str, extra: str = "") -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for char in extra:
            text = text.replace(char, {":": "%3A", ",": "%2C"}[char])
        return text

    level = "error" if item.severity == "error" else "warning"
    message = item.text(lang).split(": ", 1)[1]
    properties = f"file={escape(item.path, ':,')},line={item.line},col={item.column}"
    return f"::{level} {properties},title={escape(item.field or item.path, ':,')}::{escape(message)}"
