"""Building the site safely: into a fresh folder, swapped in only when everything succeeded.

A failed build (any schedule problem, any error Pelican logs) leaves the
previous ``output/`` exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings as read_pelican_settings

from jemput.publish.revisions import read_ledger
from jemput.schedule.announcements import link_announcements, read_announcement_headers
from jemput.schedule.problems import ScheduleError
from jemput.schedule.validation import read_schedules
from jemput.settings import read_settings


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def load_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    return read_pelican_settings(str(settings_file), override=overrides or {})


def build_site(settings_file: Path, output: Path | None = None, overrides: dict | None = None,
               stderr=sys.stderr) -> int:
    """Build into a sibling staging folder and swap it in; returns a process exit code."""
    settings = load_settings(settings_file, overrides)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    staging = output.parent / f".{output.name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    settings["OUTPUT_PATH"] = str(staging)
    # The site being replaced holds the revision ledger this build continues.
    if not settings.get("OUTREACH_PREVIOUS_SITE"):
        settings["OUTREACH_PREVIOUS_SITE"] = str(output)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        Pelican(settings).run()
    except ScheduleError as err:
        return _fail(staging, str(err), stderr, len(err.problems))
    except Exception:  # any other failure must not replace the published site either
        return _fail(staging, traceback.format_exc(), stderr, 1)
    finally:
        logging.getLogger().removeHandler(counter)
    if counter.records:
        text = "\n".join(r.getMessage() for r in counter.records)
        return _fail(staging, text, stderr, len(counter.records))
    _swap(staging, output)
    return 0


def _fail(staging: Path, text: str, stderr, count: int) -> int:
    shutil.rmtree(staging, ignore_errors=True)
    print(text, file=stderr)
    print(f"\n{count} kesalahan; situs sebelumnya tidak diubah. "
          f"({count} error(s); the previous site was left unchanged.)", file=stderr)
    return 1


def _swap(staging: Path, output: Path) -> None:
    """Replace ``output`` with ``staging`` by renames: never a half-written site.

    The replaced site is moved aside and removed in a background process: removing
    tens of thousands of files takes seconds that nobody needs to wait for.
    """
    # A name of its own for every swap: the site a previous build of this process retired
    # (``invoke serve`` rebuilds in one process) may still be being removed.
    retired = output.parent / f".{output.name}.previous-{os.getpid()}-{time.time_ns()}"
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    if retired.exists():
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                          str(retired)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)


def check_schedules(settings_file: Path, lang: str | None = None, stdout=sys.stdout,
                    annotate: bool = False) -> int:
    """Check the schedules and the events announcements name, without building the site.

    With ``annotate``, each problem is also printed as a GitHub Actions workflow
    command, which pull requests show on the line it concerns.
    """
    settings = load_settings(settings_file)
    options = read_settings(settings)
    lang = lang or options.lang
    ledger = read_ledger(options.ledger_path)
    schedule, problems = read_schedules(options, frozenset(ledger) if ledger else None)
    announcements = read_announcement_headers(Path(settings["PATH"]))
    link_announcements(announcements, {e.key: e for e in schedule.events}, options.schedules_path.parent,
                       problems, schedule.declared_keys, schedule.left_out)
    for item in problems.errors + problems.warnings:
        print(item.text(lang), file=stdout)
        if annotate:
            print(github_annotation(item, lang), file=stdout)
    counts = (len(problems.errors), len(problems.warnings), len(schedule.events))
    summary = "{} kesalahan, {} peringatan, {} kegiatan" if lang == "id" else "{} errors, {} warnings, {} events"
    print(summary.format(*counts), file=stdout)
    return 1 if problems.errors else 0


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
