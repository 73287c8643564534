#!/usr/bin/env python3
"""Build benchmark: Jemput against the same-run baselines, at several sizes.

    .venv/bin/python benchmarks/build.py                # 1,000 and 10,000 events
    .venv/bin/python benchmarks/build.py --full         # and 100,000
    .venv/bin/python benchmarks/build.py --sizes 200    # any sizes
    .venv/bin/python benchmarks/build.py --repeat 3     # median of three builds each

For each size it generates a synthetic national schedule (generate.py) and a
baseline of as many plain Markdown articles (baseline.py), builds each in a
fresh process (run_build.py) and prints wall time, memory, time per event and
output size for three builds of Jemput:

- cold: an empty build cache and no previous site (a fresh clone, a new CI runner);
- warm: the same input again, with the cache and previous site of the cold build;
- edit: one event's title changed in one office's file (a staff preview).

The baselines, measured in the same run: Pelican building the articles without
its content cache (cold) and again with the cache it filled (warm), and, where
`hugo` is installed, Hugo building as many pages. It also times `invoke check`.
Figures, not assertions: nothing here fails because of a number.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import baseline  # a sibling script: Python puts this folder first on the path
import generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

HUGO_CONFIG = ('baseURL = "https://example.invalid/"\ntitle = "Baseline"\n'
               'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
HUGO_LAYOUT = "<!doctype html><title>{{ .Title }}</title><main>{{ .Content }}</main>\n"


def measured(kind: str, settings: Path, output: Path) -> dict:
    result = subprocess.run([sys.executable, str(HERE / "run_build.py"), kind, str(settings), str(output)],
                            capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode or not lines:
        raise SystemExit(f"{kind} build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    _wait_for_retired_site(output)
    return json.loads(lines[-1])


def _wait_for_retired_site(output: Path) -> None:
    """A build removes the site it replaced in the background; the next build must not race it."""
    while any(output.parent.glob(f".{output.name}.previous-*")):
        time.sleep(0.2)


def median_of(repeat: int, build) -> dict:
    runs = sorted((build() for _ in range(repeat)), key=lambda run: run["wall"])
    return runs[len(runs) // 2]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def hugo_seconds(size: int, work: Path) -> float | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    site = work / "hugo"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG)
    for name in ("single.html", "list.html"):
        (site / "layouts" / "_default" / name).write_text(HUGO_LAYOUT)
    for number in range(size):
        (site / "content" / "posts" / f"artikel-{number:06d}.md").write_text(
            f"---\ntitle: Layanan paspor {number}\ndate: 2026-01-{number % 28 + 1:02d}\n---\n\n{baseline.BODY}")
    started = time.perf_counter()
    subprocess.run([hugo, "--quiet", "-s", str(site), "-d", str(work / "hugo-out")], check=True)
    return time.perf_counter() - started


def check_seconds(settings: Path) -> float:
    code = ("import sys,io; from jemput.commands.check import check_schedules; "
            f"sys.exit(check_schedules({str(settings)!r}, stdout=io.StringIO()))")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def edit_one_event(site: Path, number: int) -> None:
    """A new title for event ``number`` of the first office, as a staff edit would make."""
    events = site / "schedules" / "kanim-000" / "kegiatan.yaml"
    text = events.read_text()
    edited = text.replace(f"title: Layanan paspor {number} ", f"title: Layanan paspor (diubah) {number} ", 1)
    if edited == text:
        raise SystemExit(f"no event {number} to edit in {events}")
    events.write_text(edited)


def pelican_warm_settings(articles: Path) -> Path:
    settings = articles / "pelicanconf-cache.py"
    settings.write_text(f"exec(open({str(articles / 'pelicanconf.py')!r}).read())\n"
                        f"CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
                        f"CACHE_PATH = {str(articles / 'cache')!r}\n")
    return settings


def without_images_settings(site: Path) -> Path:
    settings = site / "pelicanconf-no-images.py"
    settings.write_text(f"exec(open({str(site / 'pelicanconf.py')!r}).read())\nOUTREACH_SHARE_IMAGES = False\n")
    return settings


def share_images_of(output: Path) -> tuple[int, int]:
    """How many share images the site has, and their bytes."""
    drawn = list(output.glob("kegiatan/*/*/gambar-*.png"))
    return len(drawn), sum(p.stat().st_size for p in drawn)


def search_seconds(output: Path, work: Path) -> float:
    """Pagefind over the built event pages again, into a folder of its own: the build's search step alone."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--glob", "kegiatan/*/*/index.html",
                    "--output-path", str(work / "pagefind-again"), "--force-language", "id", "--silent"],
                   check=True)
    return time.perf_counter() - started


def bench(size: int, work: Path, repeat: int = 1) -> dict:
    site = generate.generate(size, work / "jemput")
    articles = baseline.generate(size, work / "baseline")
    base = measured("pelican", articles / "pelicanconf.py", work / "baseline-out")
    warm_settings = pelican_warm_settings(articles)
    measured("pelican", warm_settings, work / "baseline-warm-out")  # fills Pelican's cache
    base_warm = measured("pelican", warm_settings, work / "baseline-warm-out")
    settings, output = site / "pelicanconf.py", site / "output"  # its OUTPUT_PATH: invoke check compares with it

    def cold() -> dict:
        shutil.rmtree(site / ".jemput-cache", ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
        return measured("jemput", settings, output)

    plain_settings = without_images_settings(site)

    def cold_without_images() -> dict:
        shutil.rmtree(site / ".jemput-cache", ignore_errors=True)
        shutil.rmtree(site / "plain-output", ignore_errors=True)
        return measured("jemput", plain_settings, site / "plain-output")

    plain = median_of(repeat, cold_without_images)
    ours = median_of(repeat, cold)
    files, size_bytes = folder_size(output)
    images, image_bytes = share_images_of(output)
    cache_bytes = folder_size(site / ".jemput-cache")[1]
    search_files, search_bytes = folder_size(output / "pagefind")
    search_wall = search_seconds(output, work)
    warm = median_of(repeat, lambda: measured("jemput", settings, output))
    edits = iter(range(repeat))

    def edit_build() -> dict:
        edit_one_event(site, next(edits))
        return measured("jemput", settings, output)

    edit = median_of(repeat, edit_build)
    return {
        "size": size, "wall": ours["wall"], "peak_mib": ours["peak_mib"],
        "worker_peak_mib": ours.get("worker_peak_mib", 0), "tree_pss_mib": ours.get("tree_pss_mib"),
        "warm_wall": warm["wall"], "warm_tree_pss_mib": warm.get("tree_pss_mib"), "edit_wall": edit["wall"],
        "files": files, "bytes": size_bytes, "images": images, "image_bytes": image_bytes,
        "no_images_wall": plain["wall"],
        "cache_bytes": cache_bytes, "search_wall": search_wall, "search_files": search_files,
        "search_bytes": search_bytes,
        "baseline_wall": base["wall"], "baseline_peak_mib": base["peak_mib"],
        "baseline_warm_wall": base_warm["wall"],
        "hugo_wall": hugo_seconds(size, work), "check_wall": check_seconds(settings),
    }


def report(rows: list[dict]) -> None:
    print(f"{'events':>8} {'cold s':>7} {'warm s':>7} {'edit s':>7} {'ms/ev':>6} {'peak':>5} {'PSS':>5} "
          f"{'files':>7} {'MB':>6} {'pelican':>8} {'ratio':>6} {'p.warm':>7} {'ratio':>6} "
          f"{'hugo s':>7} {'ratio':>6} {'check s':>8}")
    for r in rows:
        hugo = f"{r['hugo_wall']:>7.2f} {r['wall'] / r['hugo_wall']:>6.2f}" if r["hugo_wall"] else f"{'-':>7} {'-':>6}"
        pss = f"{r['tree_pss_mib']:>5.0f}" if r.get("tree_pss_mib") else f"{'-':>5}"
        print(f"{r['size']:>8} {r['wall']:>7.2f} {r['warm_wall']:>7.2f} {r['edit_wall']:>7.2f} "
              f"{1000 * r['wall'] / r['size']:>6.2f} {r['peak_mib']:>5.0f} {pss} "
              f"{r['files']:>7} {r['bytes'] / 1e6:>6.1f} {r['baseline_wall']:>8.2f} "
              f"{r['wall'] / r['baseline_wall']:>6.2f} {r['baseline_warm_wall']:>7.2f} "
              f"{r['warm_wall'] / r['baseline_warm_wall']:>6.2f} {hugo} {r['check_wall']:>8.2f}")
    print("cold: empty cache; warm: unchanged rebuild; edit: one event changed. peak: RSS of the build "
          "process (MiB); PSS: build and workers together (MiB). ratio: cold / Pelican cold, "
          "warm / Pelican warm (its content cache), cold / Hugo.")
    print(f"\n{'events':>8} {'images':>7} {'MB':>6} {'cold s':>7} {'no img s':>9} {'cost s':>7} "
          f"{'ms/img':>7} {'ratio':>6} {'no img ratio':>12} {'cache MB':>9}")
    for r in rows:
        cost = r["wall"] - r["no_images_wall"]
        per_image = 1000 * cost / r["images"] if r["images"] else 0
        print(f"{r['size']:>8} {r['images']:>7} {r['image_bytes'] / 1e6:>6.1f} {r['wall']:>7.2f} "
              f"{r['no_images_wall']:>9.2f} {cost:>7.2f} {per_image:>7.2f} {r['wall'] / r['baseline_wall']:>6.2f} "
              f"{r['no_images_wall'] / r['baseline_wall']:>12.2f} {r['cache_bytes'] / 1e6:>9.1f}")
    print("share images (two per visit in the calendars' window): cold build with them and without "
          "(OUTREACH_SHARE_IMAGES = False); warm builds redraw none (see warm s).")
    print(f"\n{'events':>8} {'search s':>9} {'index files':>12} {'index MB':>9}")
    for r in rows:
        print(f"{r['size']:>8} {r['search_wall']:>9.2f} {r['search_files']:>12} {r['search_bytes'] / 1e6:>9.2f}")
    print("search: Pagefind indexing every event page (part of each build), and its bundle in pagefind/.")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["wall"] / first["wall"]) / (last["size"] / first["size"])
        print(f"time growth {first['size']} -> {last['size']}: {last['wall'] / first['wall']:.2f}x for "
              f"{last['size'] / first['size']:.0f}x events ({growth:.2f} of linear)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--full", action="store_true", help="add 100,000 events")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind; the median is shown")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    sizes = args.sizes + ([100_000] if args.full else [])
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"jemput-bench-{size}-") as temp:
            rows.append(bench(size, Path(temp), args.repeat))
        report(rows[-1:]) if len(sizes) > 1 else None
    print()
    report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
