"""The editor's files on the site: its page, configuration, words and the pinned Decap CMS.

Everything the page loads is served from the site itself (``/admin/``): Decap's build
shipped in ``static/`` with the SHA-256 of each of its files, and the files made from
the site's data. Nothing is fetched from another site when staff open it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from jemput.editor.interface import DECAP

STATIC = Path(__file__).resolve().parent / "static"
OWN_SCRIPT = "jemput-editor.js"
MADE = ("index.html", "config.yml", "bahasa.json", "wilayah.json")
"""Files made from the site's data and words, beside the shipped ones."""


@cache  # Decap's build does not change while a process runs
def shipped() -> tuple[str, ...]:
    """Paths of the shipped files, relative to the editor's folder: Decap's build and Jemput's script."""
    decap = sorted(f"{DECAP}/{path.name}" for path in (STATIC / DECAP).iterdir() if path.is_file())
    return (OWN_SCRIPT, *decap)


def shipped_digest() -> bytes:
    """What the shipped files are: Jemput's script by its bytes, Decap's build by its pinned list of
    digests (checked against the files by a test), so a build does not read 6 MB to know."""
    hashed = hashlib.sha256((STATIC / OWN_SCRIPT).read_bytes())
    hashed.update((STATIC / f"{DECAP}.sha256").read_bytes())
    return hashed.digest()


def pinned_digests() -> dict[str, str]:
    """Decap's files and their SHA-256, as pinned when the build was taken from npm."""
    found = {}
    for line in (STATIC / f"{DECAP}.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        found[name] = digest
    return found
