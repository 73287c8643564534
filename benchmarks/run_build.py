#!/usr/bin/env python3
"""One measured build in a fresh process: prints JSON with wall time and peak RSS.

    run_build.py jemput SETTINGS OUTPUT     the product's safe build (build_site)
    run_build.py pelican SETTINGS OUTPUT    plain Pelican (the baseline)
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


def main(kind: str, settings: str, output: str) -> int:
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    if kind == "jemput":
        from outreach.build import build_site

        code = build_site(Path(settings), Path(output))
    else:
        from pelican import Pelican
        from pelican.settings import read_settings

        Pelican(read_settings(settings, override={"OUTPUT_PATH": output})).run()
        code = 0
    wall = time.perf_counter() - started
    # Worker processes have their own peaks; parent and largest worker together bound the total.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"code": code, "wall": wall, "peak_mib": own / 1024, "worker_peak_mib": workers / 1024}))
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
