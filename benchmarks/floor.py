#!/usr/bin/env python3
"""The least time a cold build can take with the libraries it has to call.

    .venv/bin/python benchmarks/floor.py                 # 10,000 events
    .venv/bin/python benchmarks/floor.py --size 1000

A cold build (no build cache) of a site cannot skip these steps; each is
timed alone, in a tight loop on one core, on a synthetic site (generate.py):

- read: every schedule file loaded and validated (libyaml, pydantic);
- markdown: every description through Python-Markdown, then nh3;
- icalendar: every event's VEVENTs serialised by icalendar;
- pages: as many HTML pages as the build writes, through a one-line Jinja
  template (the least any templating costs; Hugo's baseline uses the same);
- files: the build's own output files written again, same paths and bytes,
  into a fresh folder on the same disk.

Their sum divided by the cores is the floor: the build's time if nothing else
cost anything and the work split perfectly over the cores. It is printed
against the same-run baselines: Pelican building as many plain articles
(benchmarks/baseline.py) and a real cold build of the same site.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import baseline  # sibling scripts: Python puts this folder first on the path
import generate
from build import measured

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TARGET_OF_PELICAN = 0.30
ONE_LINE_PAGE = "<!doctype html><title>{{ title }}</title><main>{{ content }}</main>\n"


def site_objects(settings_file: Path):
    """The generator of a site after it has read everything, before it writes anything."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from jemput import generator

    captured = {}
    original = generator.OutreachGenerator.generate_output
    generator.OutreachGenerator.generate_output = lambda self, writer: captured.setdefault("generator", self)
    logging.disable(logging.WARNING)
    try:
        settings = read_settings(str(settings_file), override={
            "OUTPUT_PATH": tempfile.mkdtemp(prefix="jemput-floor-"), "OUTREACH_WORKERS": 1,
            "OUTREACH_CACHE_PATH": False})
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's own summary of the run
            Pelican(settings).run()
    finally:
        generator.OutreachGenerator.generate_output = original
        logging.disable(logging.NOTSET)
    shutil.rmtree(settings["OUTPUT_PATH"], ignore_errors=True)
    return captured["generator"]


def timed(step) -> float:
    started = time.process_time()
    step()
    return time.process_time() - started


def read_step(gen):
    from jemput.schedule.validation import read_schedules

    return lambda: read_schedules(gen.options)


def markdown_step(gen):
    from jemput.site.sanitize import MarkdownRenderer

    renderer = MarkdownRenderer()  # as the build converts descriptions, without a build cache
    texts = [page.entry.description for page in gen.site.pages.values()]
    return lambda: renderer.prepare(texts)


def icalendar_step(gen):
    from jemput.publish import calendars

    publisher, options = gen.publisher, gen.options
    work = [(page.event, publisher.event_text(page.event, page), publisher.published[key].revision)
            for key, page in gen.site.pages.items()]
    return lambda: [calendars.serialize_event(event, text, options.domain, options.lang, revision)
                    for event, text, revision in work]


def pages_step(html_count: int):
    from jinja2 import Environment
    from markupsafe import Markup

    template = Environment(autoescape=True).from_string(ONE_LINE_PAGE)
    content = Markup("<p>" + baseline.BODY + "</p>")
    return lambda: [template.render(title=f"Layanan paspor {n}", content=content) for n in range(html_count)]


def files_step(output: Path, target: Path):
    files = [(path.relative_to(output), path.read_bytes()) for path in sorted(output.rglob("*")) if path.is_file()]

    def write_all():
        for relative, data in files:
            path = target / relative
            os.makedirs(path.parent, exist_ok=True)
            path.write_bytes(data)

    return write_all, files


def floor(size: int, work: Path) -> dict:
    site = generate.generate(size, work / "jemput")
    articles = baseline.generate(size, work / "baseline")
    pelican = measured("pelican", articles / "pelicanconf.py", work / "baseline-out")["wall"]
    output = work / "jemput-out"
    build = measured("jemput", site / "pelicanconf.py", output)["wall"]
    gen = site_objects(site / "pelicanconf.py")
    write_all, files = files_step(output, work / "written-again")
    html_count = sum(1 for relative, _ in files if relative.suffix == ".html")
    steps = {
        "read": timed(read_step(gen)),
        "markdown": timed(markdown_step(gen)),
        "icalendar": timed(icalendar_step(gen)),
        "pages": timed(pages_step(html_count)),
        "files": timed(write_all),
    }
    cores = len(os.sched_getaffinity(0))
    return {"size": size, "cores": cores, "steps": steps, "html": html_count, "files": len(files),
            "bytes": sum(len(data) for _, data in files), "pelican_wall": pelican, "build_wall": build,
            "floor": sum(steps.values()) / cores}


def report(r: dict) -> None:
    what = {
        "read": "schedules loaded and validated (libyaml, pydantic)",
        "markdown": "descriptions through Python-Markdown and nh3",
        "icalendar": "events' VEVENTs serialised by icalendar",
        "pages": f"{r['html']:,} pages through a one-line Jinja template",
        "files": f"{r['files']:,} files, {r['bytes'] / 1e6:.1f} MB, written again",
    }
    print(f"Floor of a cold build of {r['size']:,} events (CPU seconds, each step alone on one core):")
    for name, seconds in r["steps"].items():
        print(f"  {name:<10} {seconds:7.3f}  {what[name]}")
    total = sum(r["steps"].values())
    target = TARGET_OF_PELICAN * r["pelican_wall"]
    print(f"  {'sum':<10} {total:7.3f}  / {r['cores']} cores = floor {r['floor']:.2f} s")
    print(f"Pelican, {r['size']:,} plain articles (same run): {r['pelican_wall']:.2f} s; "
          f"{TARGET_OF_PELICAN:.2f} of it: {target:.2f} s; floor / that: {r['floor'] / target:.2f}")
    print(f"Jemput cold build (same run): {r['build_wall']:.2f} s = {r['build_wall'] / r['floor']:.2f} x the floor")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix=f"jemput-floor-{args.size}-") as temp:
        report(floor(args.size, Path(temp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
