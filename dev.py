#!/usr/bin/env python3
"""One entry point for a fresh clone: ``python3 dev.py build`` and ``python3 dev.py test``.

Creates ``.venv``, installs the pinned requirements and the ``jemput`` plugin
itself (editable, so changes to its code apply at once) when any of them
changed, then runs the task. Needs nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt", "constraints.txt", "pyproject.toml")
STAMP = VENV / ".requirements.sha256"


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on an older Python to say so
        sys.exit("Jemput needs Python 3.11 or newer.")
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    if not STAMP.exists() or STAMP.read_text() != requirements_digest():
        print("Installing pinned requirements ...", flush=True)
        pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run(pip + ["-r", "requirements-dev.txt", "-c", "constraints.txt"], cwd=ROOT, check=True)
        subprocess.run(pip + ["--no-deps", "--editable", "."], cwd=ROOT, check=True)
        STAMP.write_text(requirements_digest())


def ensure_test_clients() -> None:
    """Node packages the tests read the output with (ical.js), when npm is there."""
    js = ROOT / "tests" / "js"
    if (js / "node_modules" / "ical.js").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: calendar checks with ical.js will be skipped (CI installs Node).")
        return
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(js)], cwd=ROOT, check=True)


def test(args: list[str]) -> int:
    ensure_test_clients()
    return run(str(BIN / "python"), "-m", "pytest", *args)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        print("commands: " + ", ".join(COMMANDS))
        return 2
    ensure_environment()
    return COMMANDS[argv[0]](argv[1:])


def run(*command: str) -> int:
    return subprocess.run(command, cwd=ROOT).returncode


COMMANDS = {
    "build": lambda args: run(str(BIN / "invoke"), "build", *args),
    "check": lambda args: run(str(BIN / "invoke"), "check", *args),
    "serve": lambda args: run(str(BIN / "invoke"), "livereload", *args),
    "editor": lambda args: run(str(BIN / "invoke"), "editor", *args),
    "test": test,
    "setup": lambda args: 0,
}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
