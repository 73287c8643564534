"""Building the site safely: one build at a time, into a staging folder, committed only when all succeeded.

A build that would read exactly what the previous one read, onto the site that one
left, has nothing to do. Otherwise it writes what changed since the previous build of
the same output folder (``write/previous.py``) into a staging folder of its own, then
moves it into the site. A failed build (any schedule problem, any error Pelican logs) commits
nothing: the previous ``output/`` stays exactly as it was. Two builds of one
output folder never overlap: the second waits for the first (``wait=False``: it
stops at once with a message instead).
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from pelican import Pelican
from pelican.settings import read_settings as read_pelican_settings

from jemput.commands import site_text
from jemput.runtime import memory
from jemput.schedule.problems import ScheduleError
from jemput.settings import SettingsError, read_settings
from jemput.write.inputs import build_inputs, files_read, reader_cache
from jemput.write.previous import BUILD, SiteUpdate

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not locked against each other
    fcntl = None


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_HELD: set[str] = set()
"""Output folders whose lock this process holds: ``invoke publish`` holds it from the build to the upload."""


class BuildRunning(Exception):
    """Another build of the same output folder is running, and this one was told not to wait."""


def end_process(code: int) -> NoReturn:
    """End a build command at once, with ``code``, once its output is written and its files closed.

    What a build read stays reachable to the end of the process (Pelican memoizes its articles,
    and they name the visits they are about), so the interpreter would free it object by object
    on the way out: 0.85 s after one edit at 10,000 visits, 9.6 s at 100,000. The operating
    system takes the memory back whole instead; the log and the output streams are flushed first.
    """
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def load_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    return read_pelican_settings(str(settings_file), override=overrides or {})


def build_site(settings_file: Path, output: Path | None = None, overrides: dict | None = None,
               stderr=sys.stderr, wait: bool = True) -> int:
    """Build into a staging folder of this build's own and commit it; returns a process exit code.

    Says every warning about the staff files at the end, with the counts, as ``invoke check`` does.
    """
    settings = load_settings(settings_file, overrides)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    text = site_text(settings)
    files = sorted({Path(settings_file).resolve(), *Path(settings_file).resolve().parent.glob("*conf.py")})
    try:
        with one_build_at_a_time(output, stderr, text, wait):
            return _build(settings, output, stderr, files)
    except BuildRunning:
        print(text("Another build of %(folder)s is running; nothing was built (try again when it has finished).",
                   folder=output), file=stderr)
        return 1


def _build(settings: dict, output: Path, stderr, settings_files: list[Path]) -> int:
    for stale in output.parent.glob(f".{output.name}.building-*"):  # left by a build that crashed
        shutil.rmtree(stale, ignore_errors=True)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    settings["OUTPUT_PATH"] = str(staging)
    # The site being replaced holds the revision ledger this build continues.
    if not settings.get("OUTREACH_PREVIOUS_SITE"):
        settings["OUTREACH_PREVIOUS_SITE"] = str(output)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        options = read_settings(settings)
        if options.cache_path is not None:
            settings.update(reader_cache(settings, options.cache_path))
        update = settings[BUILD] = SiteUpdate(output, staging, options.cache_path)
        update.inputs = build_inputs(settings, options, settings_files, output)
        if update.up_to_date():
            _say_report(update.previous.warnings, update.previous.events, stderr, settings)
            return 0
        read = files_read(settings, options, settings_files, output)
        Pelican(settings).run()
        if files_read(settings, options, settings_files, output) != read:
            update.inputs = b""  # a file changed while it was read: the next build does not trust this one
    except (ScheduleError, SettingsError) as err:
        return _fail(staging, str(err), stderr, len(err.problems), settings)
    except Exception:  # any other failure must not replace the published site either
        return _fail(staging, traceback.format_exc(), stderr, 1, settings)
    finally:
        logging.getLogger().removeHandler(counter)
        memory.unfreeze()  # a build that failed after the plugin froze what it read: the collector as it was
    if counter.records:
        text = "\n".join(r.getMessage() for r in counter.records)
        return _fail(staging, text, stderr, len(counter.records), settings)
    try:
        update.commit()
    except Exception:  # undone by the commit: the site is as it was
        return _fail(staging, traceback.format_exc(), stderr, 1, settings)
    _say_report(update.warnings, update.events, stderr, settings)
    return 0


def _say_report(warnings, events: int, stderr, settings: dict) -> None:
    for line in warnings:
        print(line, file=stderr)
    text = site_text(settings)
    print(text("%(errors)s errors, %(warnings)s warnings, %(events)s events", errors=0, warnings=len(warnings),
               events=events), file=stderr)


def _fail(staging: Path, text: str, stderr, count: int, settings: dict) -> int:
    shutil.rmtree(staging, ignore_errors=True)
    print(text, file=stderr)
    text = site_text(settings)
    print("\n" + text("%(count)s error(s); the previous site was left unchanged.", count=count), file=stderr)
    return 1


@contextmanager
def one_build_at_a_time(output: Path, stderr, text, wait: bool):
    """Hold the output folder's lock (``.output.lock`` beside it) for the whole build.

    The lock is the operating system's (``flock``): it is released when the build's
    process ends, however it ends, so a crashed build never leaves the folder locked (a
    worker it forked holds it until that worker ends too). Taking it again in the same
    process is allowed, so a command can hold it around a build.
    """
    key = str(output)
    if fcntl is None or key in _HELD:  # no locks on this system, or held already by this process
        yield
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output.parent / f".{output.name}.lock", "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            if not wait:
                raise BuildRunning() from None
            print(text("Another build of %(folder)s is running; waiting for it to finish...", folder=output),
                  file=stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
            fcntl.flock(lock, fcntl.LOCK_UN)
