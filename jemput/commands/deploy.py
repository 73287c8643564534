"""Putting a built site live without ever exposing a half-copied one."""

from __future__ import annotations

import shutil
from pathlib import Path


def publish_to_folder(output: Path, target: Path) -> None:
    """Copy beside the live folder, then swap by renames: an interruption leaves the live site."""
    target = target.resolve()
    incoming = target.parent / f".{target.name}.incoming"
    retired = target.parent / f".{target.name}.retired"
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(output, incoming)
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    incoming.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def rsync_command(output: Path, destination: str) -> list[str]:
    """For a remote host: files are uploaded first and moved into place together at the end
    (``--delay-updates``), and old files are deleted only after that (``--delete-after``)."""
    return ["rsync", "-rlz", "--checksum", "--delay-updates", "--delete-after",
            f"{output}/", destination.rstrip("/") + "/"]


def ghp_import_command(output: Path, branch: str = "gh-pages") -> list[str]:
    """GitHub Pages: one commit on the pages branch, pushed whole or not at all."""
    return ["ghp-import", "--no-jekyll", "--force", "--push", "--branch", branch,
            "--message", "Publish site", str(output)]
