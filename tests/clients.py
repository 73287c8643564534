"""Real clients reading the built output: ical.js through Node, when it is installed.

Outside CI a missing Node or ical.js skips those tests with the command that
installs them; in CI (CI=true) it is a failure, so no skip stands in for a check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"


def require(available: bool, what: str, install: str) -> None:
    if available:
        return
    message = f"{what} is not installed ({install})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def ical_js(path: Path) -> dict:
    node = shutil.which("node")
    require(node is not None and (JS / "node_modules" / "ical.js").is_dir(), "Node with ical.js",
            "npm ci --prefix tests/js")
    result = subprocess.run([node, str(JS / "read_ics.mjs"), str(path)], capture_output=True,
                            text=True, check=True, timeout=60)
    return json.loads(result.stdout)
