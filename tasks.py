"""Everyday commands: ``invoke build``, ``serve``, ``livereload``, ``check``, ``clean``."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

from jemput.commands.build import build_site, check_schedules

ROOT = Path(__file__).resolve().parent

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
WATCHED = ("content", "schedules", "theme", "jemput", "pelicanconf.py")


@task(help={"publish": "use publishconf.py (absolute URLs, today's date)",
            "office": "preview only these offices (folder names, comma-separated), e.g. serang,blitar"})
def build(c, publish=False, office=None):
    """Build the site into output/; on any error the previous output/ stays as it was."""
    offices = [name.strip() for name in office.split(",") if name.strip()] if office else None
    if publish and offices:
        sys.exit("--office membuat pratinjau, bukan situs untuk diterbitkan (a preview cannot be published)")
    if publish and "SOURCE_DATE_EPOCH" not in os.environ:
        # Revision stamps come from the last commit, so a rebuild of the same commit is identical.
        found = c.run("git log -1 --format=%ct", hide=True, warn=True)
        if found.ok and found.stdout.strip():
            os.environ["SOURCE_DATE_EPOCH"] = found.stdout.strip()
    overrides = {"OUTREACH_OFFICES": offices} if offices else None
    code = build_site(PUBLISH_SETTINGS if publish else SETTINGS, OUTPUT, overrides)
    if code:
        sys.exit(code)
    if offices:
        print(f"Pratinjau kantor {', '.join(offices)} dibangun di {OUTPUT} (daftar nasional tidak lengkap)")
    else:
        print(f"Situs dibangun di {OUTPUT}")


@task(help={"lang": "id (default) or en",
            "github": "also print GitHub annotations, shown on the changed lines of a pull request"})
def check(c, lang=None, github=False):
    """Check every schedule file without building the site."""
    sys.exit(check_schedules(SETTINGS, lang, annotate=github))


@task(help={"office": "office folder, e.g. serang", "id": "event id, e.g. balai-desa-2026",
            "title": "title for the public", "type": "village, majelis or school",
            "start": "first day YYYY-MM-DD", "end": "last day YYYY-MM-DD (optional)",
            "hours": "daily hours HH:MM-HH:MM (optional)", "program": "program id (optional)"})
def new(c, office=None, id=None, title=None, type=None, start=None, end=None, hours=None, program=None):
    """Create a new event file for an office; asks for what is not given."""
    from datetime import date

    from jemput.commands.new import NewEvent, write_new_event

    ask = _asker()
    event = NewEvent(
        office=office or ask("Kantor (nama folder)"), event_id=id or ask("Id kegiatan"),
        title=title or ask("Judul"), type=type or ask("Jenis (village/majelis/school)"),
        start=date.fromisoformat(start or ask("Tanggal mulai (TTTT-BB-HH)")),
        end=date.fromisoformat(end) if end else None, hours=hours, program=program)
    try:
        path = write_new_event(ROOT / "schedules", event)
    except (ValueError, FileExistsError) as err:
        sys.exit(f"Tidak dibuat: {err}")
    print(f"Dibuat: {path.relative_to(ROOT)}")


def _asker():
    def ask(label: str) -> str:
        if not sys.stdin.isatty():
            sys.exit(f"{label} belum diisi (berikan sebagai argumen)")
        return input(f"{label}: ").strip()
    return ask


@task(help={"target": "a folder, or an rsync destination such as user@host:/var/www/jemput",
            "github_pages": "publish output/ to the gh-pages branch with ghp-import"})
def publish(c, target=None, github_pages=False):
    """Check, build with publishconf.py, and only then publish; any failure leaves the live site."""
    from jemput.commands.deploy import ghp_import_command, publish_to_folder, rsync_command

    if not target and not github_pages:
        sys.exit("Sebutkan --target FOLDER|HOST:PATH atau --github-pages")
    if check_schedules(SETTINGS):
        sys.exit("Tidak diterbitkan: perbaiki kesalahan di atas dulu.")
    build(c, publish=True)  # exits non-zero on failure, before anything is published
    if github_pages:
        c.run(shlex.join(ghp_import_command(OUTPUT)))
    elif ":" in target:
        c.run(shlex.join(rsync_command(OUTPUT, target)))
    else:
        publish_to_folder(OUTPUT, Path(target))
    print(f"Diterbitkan ke {target or 'GitHub Pages'}")


@task
def schema(c):
    """Write schemas/*.schema.json from the model (commit the result)."""
    from jemput.schedule.json_schema import rendered

    for name, text in rendered().items():
        (ROOT / "schemas" / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")


@task
def clean(c):
    """Remove the built site, its staging folders and the build cache (.jemput-cache)."""
    for path in (OUTPUT, *ROOT.glob(".output.*"), ROOT / ".jemput-cache"):
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


@task(help={"folder": "where to save the PNGs (default screenshots/, not committed)"})
def screenshots(c, folder="screenshots"):
    """Build, then save each page kind at phone (360 px) and desktop (1280 px) width."""
    from jemput.commands.tour import screenshots as take

    build(c)
    target = ROOT / folder
    count = take(OUTPUT, target)
    print(f"{count} PNG di {target}")
