"""Check every schedule file and build the model, collecting all problems.

Nothing here stops at the first mistake: each file is checked to the end, and
the caller decides to fail once every file has been read.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from jemput.schedule import advice
from jemput.schedule.entries import EventEntry, OfficeEntry, ProgramEntry, ScheduleFile, Target, VenueEntry
from jemput.schedule.files import Folder
from jemput.schedule.model import Event, Office, Program
from jemput.schedule.problems import WORDING, Problem, Problems, problem
from jemput.schedule.strict_yaml import Document, dotted, load_file
from jemput.settings import OutreachSettings

PROGRAMS_FILE = "programs.yaml"
OFFICE_FILE = "office.yaml"
NESTED_MODELS = {"venue": VenueEntry, "target": Target}
YAML_BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}

# Words staff naturally write, mapped to the configured choice they mean.
CHOICE_WORDS = {
    "desa": "village", "kelurahan": "village", "masjid": "majelis", "pesantren": "majelis",
    "sekolah": "school", "kampus": "school", "madrasah": "school",
    "dijadwalkan": "scheduled", "terjadwal": "scheduled", "ditunda": "postponed",
    "dibatalkan": "cancelled", "batal": "cancelled", "penuh": "full", "canceled": "cancelled",
    "ditarik": "withdrawn", "dicabut": "withdrawn",
}


@dataclass(frozen=True)
class Schedule:
    """Everything the schedules folder says, checked and linked."""

    offices: tuple[Office, ...]
    programs: tuple[Program, ...]
    events: tuple[Event, ...]
    """Sorted by first day, then office, then id."""
    declared_keys: frozenset[str] = frozenset()
    """``office/id`` of every event written, valid or not: an announcement naming an
    event that has its own errors is not reported a second time."""
    left_out: frozenset[str] = frozenset()
    """Office folders a preview did not read: announcements may name their events."""


_FIELD_NAME_SETS: dict[frozenset, set] = {}


def _compact(entry: BaseModel) -> BaseModel:
    """The entry, sharing one copy of each distinct set of field names written.

    pydantic keeps a set of the fields given for every model instance, some
    700 bytes: a third of an event's memory, and at 100,000 events some 120 MB
    that each worker process could come to copy. Entries are frozen, so pydantic
    never adds to the set (``model_copy`` copies it first).
    """
    names = entry.__pydantic_fields_set__
    shared = _FIELD_NAME_SETS.setdefault(frozenset(names), names)
    object.__setattr__(entry, "__pydantic_fields_set__", shared)
    for value in entry.__dict__.values():
        if isinstance(value, BaseModel):
            _compact(value)
    return entry


def read_schedules(settings: OutreachSettings, published_keys=None) -> tuple[Schedule, Problems]:
    """Read and check every file under the schedules folder.

    ``published_keys`` (from the previous site's revision ledger) tells which events
    are new, so that a new event already in the past can be pointed out.
    """
    root = settings.schedules_path
    problems = Problems()
    reader = _Reader(root, settings, problems, published_keys)
    entries = reader.folder.entries(root, problems) if not _linked(root, reader, problems) else []
    programs = reader.programs([p for p in entries if p.name == PROGRAMS_FILE])
    offices, events = [], []
    folders, left_out = reader.chosen([p for p in entries if p.is_dir()])
    for folder in folders:
        files = reader.folder.entries(folder, problems)
        office = reader.office(folder, files)
        if office is not None:
            offices.append(office)
        # Event files are checked even when office.yaml has mistakes, so staff see all of them.
        events += reader.office_events(files, office, programs)
    reader.misplaced_files(entries)
    _check_unique_ids(events, problems)
    problems.extend(advice.same_place_and_time(events))
    events.sort(key=lambda e: (e.entry.start, e.office.id, e.id))
    schedule = Schedule(tuple(offices), tuple(programs[k] for k in sorted(programs)), tuple(events),
                        frozenset(reader.declared_keys), frozenset(left_out))
    return schedule, problems


def _linked(root: Path, reader: _Reader, problems: Problems) -> bool:
    """The schedules folder itself must not be a link to somewhere else."""
    if root.is_symlink():
        reader.folder.refuse(root, problems)
        return True
    return False


class _Reader:
    def __init__(self, root: Path, settings: OutreachSettings, problems: Problems,
                 published_keys=None) -> None:
        self.root = root
        self.folder = Folder(root, root.parent)
        self.published_keys = published_keys
        self.settings = settings
        self.problems = problems
        self.declared_keys: set[str] = set()

    def shown(self, path: Path) -> str:
        return self.folder.shown(path)

    def load(self, path: Path) -> Document | None:
        doc, found = load_file(path, self.shown(path), self.settings.max_file_bytes)
        self.problems.extend(found)
        return doc if doc.data is not None else None

    def validate(self, model: type[BaseModel], data, doc: Document, location=(), defaults_at=None):
        try:
            return _compact(model.model_validate(data, context=self.settings.validation_context))
        except ValidationError as err:
            self.problems.extend(
                pydantic_problems(err, doc, model, location, defaults_at)
            )
            return None

    def programs(self, files: list[Path]) -> dict[str, Program]:
        doc = self.load(files[0]) if files else None
        if doc is None:
            return {}
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get("programs"), list):
            self.problems.add(problem(doc.path, 1, 1, "programs", "list.expected"))
            return {}
        found = {}
        for index, item in enumerate(doc.data["programs"]):
            entry = self.validate(ProgramEntry, item, doc, ("programs", index))
            if entry is None:
                continue
            if entry.id in found:
                line, column = doc.position(("programs", index, "id"))
                self.problems.add(problem(doc.path, line, column, f"programs[{index}].id", "id.duplicate",
                                          value=entry.id, first=PROGRAMS_FILE))
            found[entry.id] = Program(entry)
        return found

    def office(self, folder: Path, files: list[Path]) -> Office | None:
        path = folder / OFFICE_FILE
        if path not in files:
            self.problems.add(problem(self.shown(folder), 1, 1, "", "office.missing_file",
                                      folder=self.shown(folder)))
            return None
        doc = self.load(path)
        if doc is None:
            return None
        entry = self.validate(OfficeEntry, doc.data, doc)
        if entry is None:
            return None
        if entry.id != folder.name:
            line, column = doc.position(("id",))
            self.problems.add(problem(doc.path, line, column, "id", "office.id_mismatch",
                                      value=entry.id, folder=folder.name))
            return None
        return Office(entry, doc.path)

    def office_events(self, files: list[Path], office: Office | None, programs: dict) -> list[Event]:
        events = []
        for path in files:
            if path.suffix in (".yaml", ".yml") and path.name != OFFICE_FILE:
                events += self.event_file(path, office, programs)
        return events

    def event_file(self, path: Path, office: Office | None, programs: dict) -> list[Event]:
        doc = self.load(path)
        if doc is None:
            return []
        shape = self.validate(ScheduleFile, doc.data, doc)
        if shape is None:
            return []
        defaults = self.defaults(shape.defaults or {}, doc)
        events = []
        for index, raw in enumerate(shape.events):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                self.declared_keys.add(f"{path.parent.name}/{raw['id']}")
            merged = {**defaults, **raw} if isinstance(raw, dict) else raw
            location = ("events", index)
            entry = self.validate(EventEntry, merged, doc, location, set(defaults) - set(raw or {}))
            if entry is not None:
                event = self.event(entry, doc, location, office, programs)
                if event is not None:
                    events.append(event)
                    self.problems.extend(advice.event_warnings(
                        event, merged, doc, location, self.settings.today, self.published_keys))
        return events

    def defaults(self, defaults: dict, doc: Document) -> dict:
        known = set(EventEntry.model_fields) - {"id"}
        usable = {}
        for key, value in defaults.items():
            if key in known:
                usable[key] = value
                continue
            line, column = doc.position(("defaults", key), at_key=True)
            close = difflib.get_close_matches(key, sorted(known), n=1)
            self.problems.add(problem(doc.path, line, column, f"defaults.{key}", "field.unknown",
                                      name=key, suggest=close[0] if close else ""))
        return usable

    def event(self, entry: EventEntry, doc, location, office, programs) -> Event | None:
        checks = [*_date_problems(entry, doc, location), *_status_problems(entry, doc, location)]
        program = None
        if entry.program is not None:
            program = programs.get(entry.program)
            if program is None:
                checks.append(_unknown_program(entry.program, programs, doc, location))
        if checks:
            self.problems.extend(checks)
            return None
        if office is None:
            return None
        line, column = doc.position(location + ("id",))
        return Event(entry=entry, office=office, program=program, source=doc.path, line=line,
                     id_column=column, path_in_file=dotted(location))

    def chosen(self, folders: list[Path]) -> tuple[list[Path], set[str]]:
        """The office folders to read (all, or a preview's) and the names of those left out."""
        wanted = self.settings.offices
        if wanted is None:
            return folders, set()
        names = [f.name for f in folders]
        for name in wanted:
            if name not in names:
                close = difflib.get_close_matches(name, names, n=1)
                self.problems.add(problem(self.shown(self.root), 1, 1, "OUTREACH_OFFICES", "office.not_found",
                                          value=name, suggest=close[0] if close else ""))
        return [f for f in folders if f.name in wanted], {n for n in names if n not in wanted}

    def misplaced_files(self, entries: list[Path]) -> None:
        for path in entries:
            if path.is_file() and path.suffix in (".yaml", ".yml") and path.name != PROGRAMS_FILE:
                self.problems.add(problem(self.shown(path), 1, 1, "", "file.misplaced"))


def _date_problems(entry: EventEntry, doc: Document, location):
    def at(field, code, **params):
        line, column = doc.position(location + (field,))
        return problem(doc.path, line, column, dotted(location + (field,)), code, **params)

    end = entry.end or entry.start
    if end < entry.start:
        yield at("end", "date.end_before_start", start=entry.start, end=end)
        return
    for index, day in enumerate(entry.closed):
        if not entry.start <= day <= end:
            line, column = doc.position(location + ("closed", index))
            yield problem(doc.path, line, column, dotted(location + ("closed", index)),
                          "date.closed_outside", value=day)
    if entry.closed and (end - entry.start).days + 1 <= len(set(entry.closed)):
        yield at("closed", "date.all_closed")


def _status_problems(entry: EventEntry, doc: Document, location):
    """A withdrawn visit says why: its page and subscribers' calendars show the note."""
    if entry.status == "withdrawn" and not entry.status_note:
        line, column = doc.position(location + ("status",))
        yield problem(doc.path, line, column, dotted(location + ("status",)), "status.note_required")


def _unknown_program(value, programs, doc, location) -> Problem:
    close = difflib.get_close_matches(value, sorted(programs), n=1)
    line, column = doc.position(location + ("program",))
    return problem(doc.path, line, column, dotted(location + ("program",)), "program.unknown",
                   value=value, suggest=close[0] if close else "")


def _check_unique_ids(events: list[Event], problems: Problems) -> None:
    first_seen: dict[str, Event] = {}
    for event in events:
        earlier = first_seen.setdefault(event.key, event)
        if earlier is not event:
            problems.add(problem(event.source, event.line, event.id_column, f"{event.path_in_file}.id", "id.duplicate",
                                 value=event.id, first=f"{earlier.source}:{earlier.line}"))


def pydantic_problems(err: ValidationError, doc: Document, model, base=(), defaults_at=None) -> list[Problem]:
    """Turn pydantic's errors into problems placed on the right line and column."""
    found = []
    for item in err.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
        found.append(_one_problem(item, loc, doc, model, base, defaults_at or set()))
    return _without_missing_explained_by_misspelling(found)


def _without_missing_explained_by_misspelling(found: list[Problem]) -> list[Problem]:
    """``venu:`` gives both "unknown venu" and "missing venue": the first says it all."""
    meant = {(p.field.rsplit(".", 1)[0] if "." in p.field else "", dict(p.params).get("suggest"))
             for p in found if p.code == "field.unknown"}
    return [p for p in found
            if not (p.code == "field.missing" and (p.field, dict(p.params)["name"]) in meant)]


def _one_problem(item, loc, doc, model, base, defaults_at) -> Problem:
    kind = item["type"]
    params = dict(item.get("ctx") or {})
    place = base + loc
    if loc and loc[0] in defaults_at:
        place = ("defaults",) + loc
    at_key = kind == "extra_forbidden"
    if kind == "missing":
        code, params, place = "field.missing", {"name": loc[-1]}, place[:-1]
    elif kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        code, params = "field.unknown", {"name": loc[-1], "suggest": close[0] if close else ""}
    elif kind == "choice.invalid":
        code = "yaml.boolean_word" if params["value"].lower() in YAML_BOOLEAN_WORDS else kind
        close = _closest_choice(params["value"], params["allowed"].split(", "))
        if close:
            params["suggest"] = close
    else:
        code = _GENERIC.get(kind, kind)
        if code not in WORDING:
            code, params = "value.invalid", {"detail": item["msg"]}
    line, column = doc.position(place, at_key=at_key)
    return problem(doc.path, line, column, dotted(place), code, **params)


_GENERIC = {
    "string_too_short": "text.empty", "string_too_long": "text.too_long",
    "too_short": "text.empty", "too_long": "text.too_long",
    "string_type": "value.not_text", "list_type": "list.expected",
    "model_type": "mapping.expected", "dict_type": "mapping.expected",
    "model_attributes_type": "mapping.expected",
}


def _closest_choice(value: str, allowed: list[str]) -> str:
    word = CHOICE_WORDS.get(value.lower())
    if word in allowed:
        return word
    close = difflib.get_close_matches(value.lower(), allowed, n=1, cutoff=0.5)
    return close[0] if close else ""


def _fields_at(model, path) -> list[str]:
    for part in path:
        if isinstance(part, str) and part in NESTED_MODELS:
            model = NESTED_MODELS[part]
    return sorted(model.model_fields)

