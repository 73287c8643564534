#!/usr/bin/env python3
"""Build benchmark: Jemput against the same-run baselines, at several sizes.

    .venv/bin/python benchmarks/build.py                   # 1,000 and 10,000 events
    .venv/bin/python benchmarks/build.py --full            # and 100,000
    .venv/bin/python benchmarks/build.py --sizes 200       # any sizes
    .venv/bin/python benchmarks/build.py --changes         # also what each kind of change writes
    .venv/bin/python benchmarks/build.py --repeat 3        # median of three builds each, alternating

For each size it generates a synthetic national schedule (generate.py) and a
baseline of as many plain Markdown articles (baseline.py), builds each in a
fresh process (run_build.py) and prints wall time, memory (PSS of the build and
every process it starts, Pagefind included), files and size for:

- cold: an empty build cache and no previous site (a fresh clone, a new CI runner);
- nothing changed: the same input again, on the cold build's site and cache;
- one edit: one event's title changed in one office's file (a staff edit);
- with ``--changes``: a visit added, a visit cancelled, the next day, a visit's results, a fee of the
  service catalogue, an office's name and a template, each on the site before it,
  with the jobs and files each build wrote.

The baselines, measured in the same run: Pelican building the articles without
its content cache (cold) and again with the cache it filled (warm), each build of
Pelican right before the cold build or the edit of Jemput it is compared with
(with ``--repeat``, pairs alternate and the ratio shown is the median of the
pairs': a virtual machine's speed can drift by a third within minutes), and, where
`hugo` is installed, Hugo building as many pages. It also times `invoke check`
after each of three edits (the median shown, every run listed). Figures, not
assertions: nothing here fails because of a number.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import baseline  # a sibling script: Python puts this folder first on the path
import generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

HUGO_CONFIG = ('baseURL = "https://example.invalid/"\ntitle = "Baseline"\n'
               'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
HUGO_LAYOUT = "<!doctype html><title>{{ .Title }}</title><main>{{ .Content }}</main>\n"


def measured(kind: str, settings: Path, output: Path) -> dict:
    settle()
    result = subprocess.run([sys.executable, str(HERE / "run_build.py"), kind, str(settings), str(output)],
                            capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode or not lines:
        raise SystemExit(f"{kind} build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    _wait_for_retired_site(output)
    return json.loads(lines[-1])


def settle(limit: float = 120) -> None:
    """Every build starts on a quiet disk: what earlier builds wrote and removed is written out first
    (on this kind of virtual machine, a build that starts while the disk is still busy with the last
    one's 400 MB can take half as long again, whatever it is)."""
    os.sync()
    quiet, deadline = 0, time.monotonic() + limit
    while quiet < 3 and time.monotonic() < deadline:
        time.sleep(1)
        quiet = quiet + 1 if _blocked() == 0 else 0


def _blocked() -> int:
    """Processes waiting on the disk now (Linux); 0 where that cannot be read."""
    try:
        with open("/proc/stat") as stat:
            return next((int(line.split()[1]) for line in stat if line.startswith("procs_blocked")), 0)
    except OSError:
        return 0


def _wait_for_retired_site(output: Path) -> None:
    """A build removes the site it replaced in the background; the next build must not race it."""
    while any(output.parent.glob(f".{output.name}.previous-*")):
        time.sleep(0.2)


def set_aside(folder: Path, work: Path) -> None:
    """Move a previous build's folder out of the way, to be removed with the benchmark's folder.

    Removing it right before a cold build made that build pay for the removal: for a while after
    files are deleted, ext4 skips their inodes when it allocates new ones (``recently_deleted``,
    about a minute, five while their table is unwritten), so creating each of the 57,000 files and
    folders of a new site scanned past the 57,000 just freed. Sampled with ``perf``, a fifth of the
    machine's processor time went there (system time 20.6 s against 8.7 s for the same build into a
    site moved aside). A new clone or CI runner, the cold build this stands for, has no such inodes.
    """
    if folder.exists():
        trash = work / "set-aside"
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{folder.name}-{len(list(trash.iterdir()))}")


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


CHECKS = 3
"""Edits each followed by ``invoke check``, whose median is shown: one run after the benchmark's idle wait
read anywhere from 0.9 to 1.6 s on the same code."""


def check_seconds(settings: Path) -> float:
    """``invoke check`` of the synthetic site: tasks.py imported as invoke imports it, its check run."""
    code = (f"import sys,io; sys.path.insert(0, {str(ROOT)!r}); import tasks; "
            f"sys.exit(tasks.check_schedules({str(settings)!r}, stdout=io.StringIO()))")
    settle()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def edit_one_event(site: Path, number: int, office: str = "kanim-000") -> None:
    """A new title for event ``number`` of an office (the first), as a staff edit would make."""
    replace_in(site / "schedules" / office / "kegiatan.yaml", f"title: Layanan paspor {number} ",
               f"title: Layanan paspor (diubah) {number} ")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if old not in text:
        raise SystemExit(f"{old!r} not in {path}")
    path.write_text(text.replace(old, new, 1))


def add_visit(site: Path) -> None:
    events = site / "schedules" / "kanim-001" / "kegiatan.yaml"
    events.write_text(events.read_text() + "\n".join([
        "  - id: kunjungan-tambahan", "    type: village", "    title: Kunjungan tambahan",
        "    start: 2026-06-20", '    hours: "08:00-12:00"', "    venue:", "      name: Balai Desa Tambahan",
        "      regency: Kabupaten Contoh", "    services: [paspor-baru]", "    registration:",
        "      ways: [walk-in]", ""]))


def cancel_visit(site: Path) -> None:
    """A scheduled visit without results is called off (one with results took place)."""
    edit_first_visit(site, 2, lambda block: "results:" not in block and "status: scheduled" in block,
                     lambda block: block.replace("status: scheduled",
                                                 "status: cancelled\n    status_note: Dibatalkan karena banjir.", 1))


def next_day(site: Path) -> None:
    replace_in(site / "pelicanconf.py", 'OUTREACH_TODAY = "2026-06-01"', 'OUTREACH_TODAY = "2026-06-02"')


def raise_fee(site: Path) -> None:
    replace_in(site / "schedules" / "services.yaml", "amount: 350000", "amount: 375000")


def rename_office(site: Path) -> None:
    replace_in(site / "schedules" / "kanim-003" / "office.yaml", "name: Kantor Imigrasi Kelas II Non TPI Contoh 003",
               "name: Kantor Imigrasi Kelas I Non TPI Contoh 003")


def report_results(site: Path) -> None:
    """The results of one past visit that had none, as an office reports them."""
    def past_without_results(block: str) -> bool:
        last = re.search(r"\n    (?:end|start): (\S+)\n(?!    end:)", block).group(1)
        return "results:" not in block and "status: scheduled" in block and last < "2026-05-01"

    edit_first_visit(site, 4, past_without_results, lambda block: block.rstrip("\n") + "\n" + "\n".join([
        "    results:", "      served:", "        paspor-baru: 120", "      note: Dilaporkan kemudian."]))


def edit_first_visit(site: Path, first_office: int, wanted, edit) -> None:
    """Edits the first visit ``wanted`` finds, from the office numbered ``first_office`` on."""
    for path in sorted((site / "schedules").glob("kanim-*/kegiatan.yaml"))[first_office:]:
        head, *blocks = path.read_text().split("\n  - id: ")
        for index, block in enumerate(blocks):
            if wanted(block):
                blocks[index] = edit(block)
                text = "\n  - id: ".join([head, *blocks])
                path.write_text(text if text.endswith("\n") else text + "\n")
                return
    raise SystemExit("no visit to change")


def edit_template(site: Path) -> None:
    """The settings point at a copy of the theme, whose event template gains a line."""
    theme = site / "theme"
    if not theme.exists():
        shutil.copytree(ROOT / "theme", theme)
        (site / "pelicanconf.py").write_text((site / "pelicanconf.py").read_text() + f"THEME = {str(theme)!r}\n")
    replace_in(theme / "templates" / "event.html", "{% block content %}", "{% block content %}<!-- v2 -->")


CHANGES = (("title of a visit", lambda site: edit_one_event(site, 0, "kanim-005")), ("a visit added", add_visit),
           ("a visit cancelled", cancel_visit), ("the next day", next_day), ("a fee", raise_fee),
           ("results of a visit", report_results), ("an office's name", rename_office),
           ("a template", edit_template))


def pelican_warm_settings(articles: Path) -> Path:
    settings = articles / "pelicanconf-cache.py"
    settings.write_text(f"exec(open({str(articles / 'pelicanconf.py')!r}).read())\n"
                        f"CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
                        f"CACHE_PATH = {str(articles / 'cache')!r}\n")
    return settings


def share_images_of(output: Path) -> tuple[int, int]:
    """How many share images the site has, and their bytes."""
    drawn = list(output.glob("kegiatan/*/*/gambar-*.png"))
    return len(drawn), sum(p.stat().st_size for p in drawn)


def bench(size: int, work: Path, repeat: int = 1, changes: bool = False) -> dict:
    site = generate.generate(size, work / "jemput")
    articles = baseline.generate(size, work / "baseline")
    warm_settings = pelican_warm_settings(articles)
    measured("pelican", warm_settings, work / "baseline-warm-out")  # fills Pelican's cache
    settings, output = site / "pelicanconf.py", site / "output"  # its OUTPUT_PATH: invoke check compares with it

    def pelican_cold() -> dict:
        set_aside(work / "baseline-out", work)  # a new folder, as Jemput's cold build has
        return measured("pelican", articles / "pelicanconf.py", work / "baseline-out")

    def cold() -> dict:
        set_aside(site / ".jemput-cache", work)
        set_aside(output, work)
        return measured("jemput", settings, output)

    # Each of Jemput's builds right after one of Pelican's: this machine's speed drifts by a third
    # within minutes, so a ratio is taken within each pair, and the median of the pairs is shown.
    colds = [(pelican_cold(), cold()) for _ in range(repeat)]
    base, ours = median_of_runs(p for p, _ in colds), median_of_runs(o for _, o in colds)
    files, size_bytes = folder_size(output)
    images, image_bytes = share_images_of(output)
    search_files, search_bytes = folder_size(output / "pagefind")
    cache_bytes = folder_size(site / ".jemput-cache")[1]
    warm = median_of(repeat, lambda: measured("jemput", settings, output))
    edits = []
    for number in range(repeat):
        pelican_warm = measured("pelican", warm_settings, work / "baseline-warm-out")
        edit_one_event(site, number)
        edits.append((pelican_warm, measured("jemput", settings, output)))
    base_warm, edit = median_of_runs(p for p, _ in edits), median_of_runs(o for _, o in edits)
    checks = []
    for office in range(CHECKS):  # each check after an edit of its own (in offices no other change edits)
        edit_one_event(site, 0, f"kanim-{100 + office:03d}")
        checks.append(check_seconds(settings))
    check = median(checks)
    kinds = {}
    if changes:
        assert measured("jemput", settings, output)["code"] == 0  # the edit the check saw, built
        for name, change in CHANGES:
            change(site)
            kinds[name] = measured("jemput", settings, output)
    return {
        "size": size, "wall": ours["wall"], "peak_mib": ours["peak_mib"],
        "worker_peak_mib": ours.get("worker_peak_mib", 0), "tree_pss_mib": ours.get("tree_pss_mib"),
        "warm_wall": warm["wall"], "warm_tree_pss_mib": warm.get("tree_pss_mib"), "edit_wall": edit["wall"],
        "edit_tree_pss_mib": edit.get("tree_pss_mib"), "jobs": ours.get("jobs"),
        "warm_written": warm.get("files_written"), "edit_written": edit.get("files_written"),
        "files": files, "bytes": size_bytes, "images": images, "image_bytes": image_bytes,
        "cache_bytes": cache_bytes, "search_files": search_files, "search_bytes": search_bytes,
        "baseline_wall": base["wall"], "baseline_peak_mib": base["peak_mib"],
        "baseline_warm_wall": base_warm["wall"],
        "hugo_wall": hugo_seconds(size, work), "check_wall": check, "changes": kinds,
        "cold_ratio": median(o["wall"] / p["wall"] for p, o in colds),
        "edit_ratio": median(o["wall"] / p["wall"] for p, o in edits),
        "cold_ratios": [o["wall"] / p["wall"] for p, o in colds], "check_walls": checks,
        "edit_ratios": [o["wall"] / p["wall"] for p, o in edits],
    }


def median_of_runs(runs) -> dict:
    runs = sorted(runs, key=lambda run: run["wall"])
    return runs[len(runs) // 2]


def report(rows: list[dict]) -> None:
    print(f"{'events':>8} {'cold s':>7} {'same s':>7} {'edit s':>7} {'PSS':>5} {'files':>7} {'MB':>6} "
          f"{'pelican':>8} {'p.warm':>7} {'cold/p':>7} {'same/pw':>8} {'edit/pw':>8} {'hugo s':>7} {'check s':>8}")
    for r in rows:
        hugo = f"{r['hugo_wall']:>7.2f}" if r["hugo_wall"] else f"{'-':>7}"
        pss = f"{r['tree_pss_mib']:>5.0f}" if r.get("tree_pss_mib") else f"{'-':>5}"
        print(f"{r['size']:>8} {r['wall']:>7.2f} {r['warm_wall']:>7.2f} {r['edit_wall']:>7.2f} {pss} "
              f"{r['files']:>7} {r['bytes'] / 1e6:>6.1f} {r['baseline_wall']:>8.2f} {r['baseline_warm_wall']:>7.2f} "
              f"{r['cold_ratio']:>7.2f} {r['warm_wall'] / r['baseline_warm_wall']:>8.2f} "
              f"{r['edit_ratio']:>8.2f} {hugo} {r['check_wall']:>8.2f}")
    print("cold: empty cache, no previous site; same: nothing changed; edit: one event's title changed. "
          "PSS: peak of the cold build and every process it starts, Pagefind included (MiB). "
          "cold/p: cold / Pelican cold; same/pw and edit/pw: against Pelican warm (its content cache). "
          "With --repeat, Pelican and Jemput builds alternate: times and ratios are medians, each ratio "
          "taken within a pair.")
    for r in rows:
        print(f"{r['size']} events, invoke check after each of {len(r['check_walls'])} edits: "
              + ", ".join(f"{x:.2f}" for x in r["check_walls"]) + " s (the median above)")
        if len(r.get("cold_ratios", ())) > 1:
            print(f"{r['size']} events, each pair's ratio: cold/p "
                  + ", ".join(f"{x:.2f}" for x in r["cold_ratios"]) + "; edit/pw "
                  + ", ".join(f"{x:.3f}" for x in r["edit_ratios"]))
    print(f"\n{'events':>8} {'images':>7} {'img MB':>7} {'search files':>13} {'search MB':>10} {'cache MB':>9} "
          f"{'jobs':>7} {'same writes':>12} {'edit writes':>12}")
    for r in rows:
        print(f"{r['size']:>8} {r['images']:>7} {r['image_bytes'] / 1e6:>7.1f} {r['search_files']:>13} "
              f"{r['search_bytes'] / 1e6:>10.1f} {r['cache_bytes'] / 1e6:>9.1f} {r['jobs'] or 0:>7} "
              f"{r['warm_written'] or 0:>12} {r['edit_written'] or 0:>12}")
    print("images: share images (two per visit near today); search: the quarterly Pagefind bundles; "
          "writes: files a build wrote (the rest were carried over).")
    for r in rows:
        if r["changes"]:
            print(f"\n{r['size']} events, one change at a time:")
            print(f"{'change':<20} {'s':>7} {'/p.warm':>8} {'jobs written':>13} {'files written':>14} {'PSS':>6}")
            for name, c in r["changes"].items():
                print(f"{name:<20} {c['wall']:>7.2f} {c['wall'] / r['baseline_warm_wall']:>8.2f} "
                      f"{c.get('jobs_written', 0):>13} {c.get('files_written', 0):>14} "
                      f"{c.get('tree_pss_mib') or 0:>6.0f}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["wall"] / first["wall"]) / (last["size"] / first["size"])
        print(f"\ncold growth {first['size']} -> {last['size']}: {last['wall'] / first['wall']:.2f}x for "
              f"{last['size'] / first['size']:.0f}x events ({growth:.2f} of linear); one edit: "
              f"{last['edit_wall'] / first['edit_wall']:.2f}x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--full", action="store_true", help="add 100,000 events")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind; the median is shown")
    parser.add_argument("--changes", action="store_true", help="also time and count each kind of change")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    sizes = args.sizes + ([100_000] if args.full else [])
    # Bytecode of the package first, as an installed package or any second run has it (Pelican's is
    # compiled when it is installed); PYTHONDONTWRITEBYTECODE would otherwise recompile it every build.
    compileall.compile_dir(ROOT / "jemput", quiet=1)
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"jemput-bench-{size}-") as temp:
            rows.append(bench(size, Path(temp), args.repeat, args.changes))
        report(rows[-1:]) if len(sizes) > 1 else None
    print()
    report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
