"""Putting a built site live without ever exposing a half-copied one, nor one the host would refuse."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

GITHUB_PAGES_BYTES = 1_000_000_000
"""GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB" (docs/hosting.md)."""


def site_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) of a built site."""
    files = size = 0
    for base, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.stat(os.path.join(base, name)).st_size
    return files, size


def github_pages_refusal(folder: Path, text) -> str | None:
    """Why the site cannot go to GitHub Pages (too large), in the site's language; None when it can."""
    files, size = site_size(folder)
    if size <= GITHUB_PAGES_BYTES:
        return None
    return text("The site is %(size)s MB in %(files)s files, over GitHub Pages' limit of 1 GB: not published. "
                "Publish it to a server of your own (--target) or a host with room for it; docs/hosting.md "
                "gives each host's limits and how to make the site smaller.",
                size=f"{size / 1e6:,.0f}".replace(",", "."), files=f"{files:,}".replace(",", "."))


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
