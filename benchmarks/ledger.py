#!/usr/bin/env python3
"""The revision ledger as a site lives on: its size and the build time as every event changes.

    .venv/bin/python benchmarks/ledger.py                 # 10,000 events, three changes each
    .venv/bin/python benchmarks/ledger.py --size 1000

Builds a synthetic schedule (generate.py), then changes every event's quota
and rebuilds with the ledger carried over, three times: each event then has
three revisions and three recorded changes. Prints, per build, the wall time
and the ledger's size. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

import generate  # sibling scripts: Python puts this folder first on the path
from build import measured

ROUNDS = 3


def change_every_quota(site: Path) -> None:
    for path in sorted((site / "schedules").glob("*/kegiatan.yaml")):
        text = path.read_text()
        path.write_text(re.sub(r"quota: (\d+)", lambda m: f"quota: {int(m[1]) + 1}", text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=f"jemput-ledger-{args.size}-") as temp:
        site = generate.generate(args.size, Path(temp) / "site")
        output = site / "output"
        print(f"{'build':>8} {'wall s':>7} {'ledger MB':>10} {'changes':>8}")
        for round_number in range(ROUNDS + 1):
            if round_number:
                change_every_quota(site)
            wall = measured("jemput", site / "pelicanconf.py", output)["wall"]
            ledger = output / "revisions.json"
            events = json.loads(ledger.read_bytes())["events"]
            changes = sum(len(entry.get("changes", ())) for entry in events.values())
            name = "first" if round_number == 0 else f"change {round_number}"
            print(f"{name:>8} {wall:>7.2f} {ledger.stat().st_size / 1e6:>10.2f} {changes:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
