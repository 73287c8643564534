"""The site's bytes, pinned: a change to the output is a decision, never a side effect.

The sample site and a generated 1,000-event site are built in Indonesian and in
English and compared with the digests kept in ``tests/data/golden/``. A change
of code that should not change the output (a move, a refactor, a speed-up) must
leave them equal. When the output is meant to change, rewrite the digests with

    JEMPUT_UPDATE_GOLDEN=1 python3 dev.py test tests/test_output_unchanged.py

and say in the commit what changed and why.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from helpers import DATA, PROJECT, build_site, generated_site

from jemput.publish.search import reproducible

GOLDEN = DATA / "golden"
LANGUAGES = {"id": {}, "en": {"OUTREACH_LANG": "en"}}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(folder: Path, per_file: bool) -> dict[str, str]:
    """The digest of every file, or of every top-level entry (a folder's files, in order)."""
    groups: dict[str, hashlib._Hash] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if not reproducible(relative):
            continue  # Pagefind's filter indexes (jemput/publish/search.py)
        group = relative if per_file else relative.split("/", 1)[0]
        line = f"{relative} {digest(path.read_bytes())}\n".encode()
        groups.setdefault(group, hashlib.sha256()).update(line)
    return {name: value.hexdigest() for name, value in sorted(groups.items())}


def compare(name: str, built: dict[str, str]) -> None:
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("JEMPUT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    changed = sorted(k for k in expected.keys() & built.keys() if expected[k] != built[k])
    assert (changed, sorted(expected.keys() - built.keys()), sorted(built.keys() - expected.keys())) == (
        [], [], []), f"{name}: output differs from {golden.relative_to(PROJECT)} (changed, missing, new)"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generated_site(1000, tmp_path_factory.mktemp("generated") / "site")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_sample_site_output_is_unchanged(tmp_path, lang):
    output = tmp_path / "output"
    assert build_site(PROJECT / "pelicanconf.py", output, LANGUAGES[lang]) == 0
    compare(f"sample-{lang}", manifest(output, per_file=True))


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_generated_site_of_1000_events_is_unchanged(generated, tmp_path, lang):
    output = tmp_path / "output"
    assert build_site(generated / "pelicanconf.py", output, LANGUAGES[lang]) == 0
    compare(f"generated-1000-{lang}", manifest(output, per_file=False))
