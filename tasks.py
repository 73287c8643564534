"""Everyday commands: ``invoke build``, ``serve``, ``livereload``, ``check``, ``clean``."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from outreach.build import build_site, check_schedules  # noqa: E402 - after the plugins path is known

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
WATCHED = ("content", "schedules", "theme", "plugins", "pelicanconf.py")


@task(help={"publish": "use publishconf.py (absolute URLs, today's date)"})
def build(c, publish=False):
    """Build the site into output/; on any error the previous output/ stays as it was."""
    if publish and "SOURCE_DATE_EPOCH" not in os.environ:
        # Revision stamps come from the last commit, so a rebuild of the same commit is identical.
        found = c.run("git log -1 --format=%ct", hide=True, warn=True)
        if found.ok and found.stdout.strip():
            os.environ["SOURCE_DATE_EPOCH"] = found.stdout.strip()
    code = build_site(PUBLISH_SETTINGS if publish else SETTINGS, OUTPUT)
    if code:
        sys.exit(code)
    print(f"Situs dibangun di {OUTPUT}")


@task(help={"lang": "id (default) or en"})
def check(c, lang=None):
    """Check every schedule file without building the site."""
    sys.exit(check_schedules(SETTINGS, lang))


@task
def clean(c):
    """Remove the built site and its staging folders."""
    for path in (OUTPUT, ROOT / ".output.building", ROOT / ".output.previous"):
        shutil.rmtree(path, ignore_errors=True)


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def serve(c, port=8000):
    """Serve output/ at http://127.0.0.1:PORT/."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    server = RootedHTTPServer(str(OUTPUT), ("127.0.0.1", int(port)), ComplexHTTPRequestHandler)
    print(f"http://127.0.0.1:{port}/")
    server.serve_forever()


@task(help={"port": "port on 127.0.0.1 (default 8000)"})
def livereload(c, port=8000):
    """Build, serve, and rebuild whenever content/, schedules/, theme/ or the plugin change."""
    import threading

    from watchfiles import watch

    build_site(SETTINGS, OUTPUT)
    threading.Thread(target=serve, args=(c, port), daemon=True).start()
    # pelican -r watches only PATH; schedules/ lives beside it, so it is watched here.
    for changes in watch(*(ROOT / name for name in WATCHED)):
        print(f"{len(changes)} perubahan, membangun ulang...")
        build_site(SETTINGS, OUTPUT)
