"""``invoke migrate``: schedule files written before the editor, in the shape the editor edits.

Three things change, and nothing else: the file says which office's it is (``office:``,
by which the editor lists an office's files) and what it holds (``title:``, its name in the
editor's list: the file's own name), and each registration way becomes a
mapping with its type (``[walk-in, whatsapp: "0812-..."]`` becomes
``[{type: walk-in}, {type: whatsapp, phone: "0812-..."}]``), the one shape a form can
edit. Both shapes stay valid, so a file not migrated still builds.

Files are rewritten with ruamel.yaml's round trip, which keeps comments, key order,
quotes and flow lists. A file is written only when it reads back to the very same
visits (the checked entries compared field by field); otherwise it is left as it was
and named.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from jemput.schedule.values import TYPED_WAY_FIELDS, WAY_WORDS

NOT_SCHEDULES = ("office.yaml", "services.yaml", "programs.yaml")


@dataclass(frozen=True)
class Migrated:
    path: Path
    changed: bool
    kept_because: str | None = None
    """Why a file that needed changes was left as it was."""


def schedule_files(schedules: Path) -> list[Path]:
    return sorted(path for path in schedules.glob("*/*.yaml") if path.name not in NOT_SCHEDULES)


def migrate(schedules: Path, same_visits) -> list[Migrated]:
    """Every schedule file of every office folder; ``same_visits(old_text, new_text, path)`` says
    whether the two texts give the same visits (the caller checks them with the strict loader)."""
    done = []
    for path in schedule_files(schedules):
        old = path.read_text(encoding="utf-8")
        new = migrated_text(old, path.parent.name, path.stem)
        if new is None or new == old:
            done.append(Migrated(path, False))
        elif not same_visits(old, new, path):
            done.append(Migrated(path, False, "the rewritten file would not give the same visits"))
        else:
            path.write_text(new, encoding="utf-8")
            done.append(Migrated(path, True))
    return done


def migrated_text(text: str, office: str, title: str) -> str | None:
    """The file in the editor's shape, or None when it cannot be read as a mapping."""
    yaml = _round_trip()
    try:
        data = yaml.load(text)
    except Exception:  # the strict loader reports what is wrong with it, located
        return None
    if not isinstance(data, CommentedMap):
        return None
    if "office" not in data:
        data.insert(0, "office", office)
    if "title" not in data:  # the editor lists files by their title: the name staff gave the file
        data.insert(1, "title", title)
    for holder in _registrations(data):
        _typed_ways(holder)
    written = io.StringIO()
    yaml.dump(data, written)
    return written.getvalue()


def _round_trip() -> YAML:
    yaml = YAML()  # round trip: comments, order and styles kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # lines stay as staff wrapped them
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _registrations(data: CommentedMap):
    """Every ``registration`` mapping of the file: of the defaults and of each visit."""
    places = [data.get("defaults")] + list(data.get("events") or [])
    for place in places:
        if isinstance(place, CommentedMap) and isinstance(place.get("registration"), CommentedMap):
            yield place["registration"]


def _typed_ways(registration: CommentedMap) -> None:
    ways = registration.get("ways")
    if not isinstance(ways, CommentedSeq):
        return
    for index, way in enumerate(ways):
        typed = _typed(way)
        if typed is not None:
            ways[index] = typed
            ways.fa.set_block_style()  # one way a line: - {type: whatsapp, phone: "0812-..."}


def _typed(way) -> CommentedMap | None:
    """One way in the form's shape; None for a way already typed or not understood (left for the check)."""
    if isinstance(way, str):
        kind = WAY_WORDS.get(way.strip().lower())
        return _flow(CommentedMap(type=kind)) if kind else None
    if not isinstance(way, CommentedMap) or "type" in way or len(way) != 1:
        return None
    [(kind, detail)] = way.items()
    fields = TYPED_WAY_FIELDS.get(kind)
    if fields is None:
        return None
    typed = CommentedMap(type=kind)
    if kind == "letter":
        if detail is not None and not isinstance(detail, CommentedMap):
            return None
        for name, value in (detail or {}).items():
            typed[name] = value
    else:
        typed[fields[0]] = detail
    return _flow(typed)


def _flow(mapping: CommentedMap) -> CommentedMap:
    mapping.fa.set_flow_style()
    return mapping


def same_entries(old: str, new: str, path: Path, context: dict) -> bool:
    """Both texts give the same visits, each checked field by field (defaults applied)."""
    before, after = _entries(old, path, context), _entries(new, path, context)
    return before is not None and before == after


def _entries(text: str, path: Path, context: dict) -> list | None:
    from pydantic import ValidationError

    from jemput.schedule.entries import EventEntry
    from jemput.schedule.form_values import visit_as_checked, without_empty_optionals
    from jemput.schedule.strict_yaml import load_bytes

    doc, problems = load_bytes(text.encode("utf-8"), str(path), 10_000_000)
    if doc.data is None or not isinstance(doc.data, dict):
        return None
    defaults = without_empty_optionals(EventEntry, doc.data.get("defaults") or {})
    found = []
    for raw in doc.data.get("events") or []:
        merged, _ = visit_as_checked(defaults, raw)
        try:
            found.append(EventEntry.model_validate(merged, context=context))
        except ValidationError:
            return None  # a file with errors is fixed first, then migrated
    return found
