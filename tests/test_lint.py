"""The code follows the project's ruff rules (pyproject.toml says which and why)."""

from __future__ import annotations

import subprocess
import sys

from helpers import PROJECT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(PROJECT)],
                            capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stdout[-3000:]
