#!/usr/bin/env python3
"""Bytes of each page kind of the sample site, raw and gzip, with the budget they must meet.

    .venv/bin/python benchmarks/page_weight.py
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

from jemput.commands.build import build_site
from jemput.commands.tour import SAMPLE_PAGES, budget_of

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        output = Path(temp) / "output"
        if build_site(ROOT / "pelicanconf.py", output):
            return 1
        css = (output / "theme/css/site.css").read_bytes()
        css_gz = len(gzip.compress(css, 9))
        print(f"{'page kind':16} {'raw':>7} {'gzip':>6} {'+css gz':>8} {'budget':>7}")
        print(f"{'site.css':16} {len(css):>7} {css_gz:>6}")
        for kind, path in sorted(SAMPLE_PAGES.items()):
            html = (output / path / "index.html").read_bytes()
            packed = len(gzip.compress(html, 9))
            print(f"{kind:16} {len(html):>7} {packed:>6} {packed + css_gz:>8} {budget_of(kind):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
