#!/usr/bin/env python3
"""Lighthouse scores of the sample site's home and an event page, in mobile mode.

    .venv/bin/python benchmarks/lighthouse.py

Installs Lighthouse into benchmarks/node_modules on first use (npm ci), builds
the sample site into a temporary folder, serves it on 127.0.0.1 and runs
Lighthouse with Debian's Chromium (CHROME_PATH=/usr/bin/chromium).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jemput.commands.build import build_site
from jemput.commands.tour import CHROMIUM, CHROMIUM_FLAGS, serve

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

PAGES = {"home": "", "event": "kegiatan/serang/al-faruq-2022/", "listing": "kegiatan/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_binary() -> Path:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return binary


def scores(binary: Path, url: str, report: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--chrome-flags={flags}", "--only-categories=" + ",".join(CATEGORIES)],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    data = json.loads(report.read_text())
    found = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = data["audits"]
    found["fcp_ms"] = round(audits["first-contentful-paint"]["numericValue"])
    found["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    found["bytes"] = round(audits["total-byte-weight"]["numericValue"])
    return found


def main() -> int:
    binary = lighthouse_binary()
    with tempfile.TemporaryDirectory() as temp:
        output = Path(temp) / "output"
        if build_site(ROOT / "pelicanconf.py", output):
            return 1
        with serve(output) as url:
            header = " ".join(f"{c:>14}" for c in CATEGORIES)
            print(f"{'page':10} {header} {'FCP ms':>8} {'LCP ms':>8} {'bytes':>7}")
            for name, path in PAGES.items():
                found = scores(binary, f"{url}/{path}", Path(temp) / f"{name}.json")
                print(f"{name:10} " + " ".join(f"{found[c]:>14}" for c in CATEGORIES)
                      + f" {found['fcp_ms']:>8} {found['lcp_ms']:>8} {found['bytes']:>7}")
    shutil.rmtree(HERE / ".lighthouseci", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
