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

from jemput.commands import site_text
from jemput.schedule.problems import ScheduleError
from jemput.settings import SettingsError


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
    except (ScheduleError, SettingsError) as err:
        return _fail(staging, str(err), stderr, len(err.problems), settings)
    except Exception:  # any other failure must not replace the published site either
        return _fail(staging, traceback.format_exc(), stderr, 1, settings)
    finally:
        logging.getLogger().removeHandler(counter)
    if counter.records:
        text = "\n".join(r.getMessage() for r in counter.records)
        return _fail(staging, text, stderr, len(counter.records), settings)
    _swap(staging, output)
    return 0


def _fail(staging: Path, text: str, stderr, count: int, settings: dict) -> int:
    shutil.rmtree(staging, ignore_errors=True)
    print(text, file=stderr)
    text = site_text(settings)
    print("\n" + text("%(count)s error(s); the previous site was left unchanged.", count=count), file=stderr)
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
