"""Check every schedule file and build the model, collecting all problems.

Nothing here stops at the first mistake: each file is checked to the end, and
the caller decides to fail once every file has been read.
"""

from __future__ import annotations

import difflib
import io
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from jemput.runtime import parallel
from jemput.schedule import advice, regions
from jemput.schedule.entries import (
    OWN_FIELDS,
    EventEntry,
    OfficeEntry,
    ProgramEntry,
    ScheduleFile,
    ServiceEntry,
    ServicesFile,
)
from jemput.schedule.field_problems import pydantic_problems
from jemput.schedule.files import Folder
from jemput.schedule.form_values import visit_as_checked, without_empty_optionals
from jemput.schedule.model import Event, Office, Outline, Program, Service
from jemput.schedule.problems import WARNING, Problem, Problems, problem
from jemput.schedule.services import SERVICES_FILE, Catalogue, fee_warnings
from jemput.schedule.services import resolve as resolve_services
from jemput.schedule.strict_yaml import Document, dotted, load_bytes, load_file
from jemput.schedule.values import HELD_STATUSES, is_identifier
from jemput.settings import OutreachSettings

PROGRAMS_FILE = "programs.yaml"
OFFICE_FILE = "office.yaml"
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
    services: tuple[Service, ...] = ()
    """The service catalogue: national services, then offices' own."""
    services_about: str | None = None
    """What the catalogue says of all fees (shown on the fee page)."""
    outlines: tuple[Outline, ...] = ()
    """Every event's outline, in the order of ``events``; the only events of a schedule read for checks."""
    unread: frozenset[str] = frozenset()
    """Event files that could not be read whole, as messages show them (``FileResult.unread``)."""

    @property
    def unread_offices(self) -> frozenset[str]:
        """Offices with an event file that could not be read whole: any of their events may be in it."""
        return frozenset(Path(shown).parent.name for shown in self.unread)


@dataclass
class FileResult:
    """What one event file gives: its events, its problems (but those of the day) and the keys it declares."""

    packed_events: bytes
    """Its events, pickled apart: read back only by what needs whole events (a build, not a check)."""
    outlines: list[Outline]
    problems: list[Problem]
    declared: list[str]
    days: list[advice.DaysWritten]
    """Of each event: where its days are written and its holidays, for the warnings of the day."""
    unread: str | None = None
    """The file as messages show it, when it could not be read whole (a syntax error, say): the events
    it held are not reported as deleted, nor announcements naming them as naming nothing."""


class _Pickler(pickle.Pickler):
    """Offices, programs and services are kept by name: a file read back links to this build's own."""

    def persistent_id(self, obj):
        if isinstance(obj, Office):
            return ("office",)
        if isinstance(obj, Program):
            return ("program", obj.id)
        if isinstance(obj, Service):
            return ("service", obj.key)
        return None


def _pickled(value) -> bytes:
    stream = io.BytesIO()
    _Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return stream.getvalue()


def _unpickled(data: bytes, office: Office | None, programs: dict, catalogue: Catalogue):
    services = {service.key: service for service in catalogue.usable(office.id if office else "")}
    linked = {"office": lambda: office, "program": programs.__getitem__, "service": services.__getitem__}
    unpickler = pickle.Unpickler(io.BytesIO(data))
    unpickler.persistent_load = lambda pid: linked[pid[0]](*pid[1:])
    return unpickler.load()


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


def read_schedules(settings: OutreachSettings, published_keys=None, cache=None,
                   whole_events: bool = True) -> tuple[Schedule, Problems]:
    """Read and check every file under the schedules folder.

    ``published_keys`` (from the previous site's revision ledger) tells which events
    are new, so that a new event already in the past can be pointed out. With a
    build ``cache`` (``runtime/cache.py``), an event file checked before, with the same
    office, programs and services, is taken from it rather than parsed and checked again.
    Without ``whole_events`` the schedule has outlines only (all that checks need).
    """
    root = settings.schedules_path
    problems = Problems()
    reader = _Reader(root, settings, problems, published_keys, cache)
    reader.whole_events = whole_events
    entries = reader.folder.entries(root, problems) if not _linked(root, reader, problems) else []
    programs = reader.programs([p for p in entries if p.name == PROGRAMS_FILE])
    reader.catalogue.national = reader.services([p for p in entries if p.name == SERVICES_FILE], None)
    offices, event_files = [], []
    folders, left_out = reader.chosen([p for p in entries if p.is_dir()])
    for folder in folders:
        files = reader.folder.entries(folder, problems)
        office = reader.office(folder, files)
        if office is not None:
            offices.append(office)
        reader.catalogue.by_office[folder.name] = reader.services(
            [p for p in files if p.name == SERVICES_FILE], folder.name)
        # Event files are checked even when office.yaml has mistakes, so staff see all of them.
        event_files += [(path, office) for path in files if _is_event_file(path)]
        reader.unread_files(folder, files)
    events, outlines = reader.events_of(event_files, programs)
    reader.misplaced_files(entries)
    _check_unique_ids(outlines, problems)
    problems.extend(advice.same_place_and_time(outlines))
    events.sort(key=lambda e: (e.entry.start, e.office.id, e.id))
    outlines.sort(key=lambda e: (e.start, e.office, e.id))
    schedule = Schedule(tuple(offices), tuple(programs[k] for k in sorted(programs)), tuple(events),
                        frozenset(reader.declared_keys), frozenset(left_out), reader.catalogue.all(),
                        reader.catalogue.about, tuple(outlines), frozenset(reader.unread))
    return schedule, problems


def _is_event_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and path.name not in (OFFICE_FILE, SERVICES_FILE)


def _meant_yaml_name(name: str) -> str | None:
    """The name a file meant as a schedule should have (``2027-01.YAML``, ``2027-01.yaml.txt``:
    ``2027-01.yaml``), or None when it does not look meant as one."""
    lowered = name.lower()
    for suffix in (".yaml", ".yml"):
        for written in (suffix, suffix + ".txt"):  # a backup (.yaml.bak) is not meant to be read
            if lowered.endswith(written) and len(name) > len(written):
                return name[:-len(written)] + suffix
    return None


def _linked(root: Path, reader: _Reader, problems: Problems) -> bool:
    """The schedules folder itself must not be a link to somewhere else."""
    if root.is_symlink():
        reader.folder.refuse(root, problems)
        return True
    return False


class _Reader:
    def __init__(self, root: Path, settings: OutreachSettings, problems: Problems,
                 published_keys=None, cache=None) -> None:
        self.root = root
        self.cache = cache
        self.whole_events = True
        self.folder = Folder(root, root.parent)
        self.published_keys = published_keys
        self.settings = settings
        self.problems = problems
        self.declared_keys: set[str] = set()
        self.unread: set[str] = set()
        self.broken_programs: set[str] = set()
        """Ids of programs.yaml entries with errors of their own (``Catalogue.broken``, for programs)."""
        self.catalogue = Catalogue()
        self.holidays = advice.HolidayBook(cache)

    def shown(self, path: Path) -> str:
        return self.folder.shown(path)

    def load(self, path: Path) -> Document | None:
        doc, found = load_file(path, self.shown(path), self.settings.max_file_bytes)
        self.problems.extend(found)
        return doc if doc.data is not None else None

    def validate(self, model: type[BaseModel], data, doc: Document, location=(), defaults_at=None):
        try:
            data = without_empty_optionals(model, data)
            return _compact(model.model_validate(data, context=self.settings.validation_context))
        except ValidationError as err:
            self.problems.extend(
                pydantic_problems(err, doc, model, location, defaults_at)
            )
            return None

    def programs(self, files: list[Path]) -> dict[str, Program]:
        doc = self.load(files[0]) if files else None
        return {entry.id: Program(entry) for _, entry in self.listed(doc, "programs", ProgramEntry,
                                                                      self.broken_programs)}

    def services(self, files: list[Path], office: str | None) -> dict[str, Service]:
        """The national catalogue (``office`` None), or an office's own services."""
        doc = self.load(files[0]) if files else None
        shape = self.validate(ServicesFile, doc.data, doc) if doc else None
        if shape is None:
            return {}
        if office is None:
            self.catalogue.about = shape.about
        found = {}
        for index, entry in self.listed(doc, "services", ServiceEntry, self.catalogue.broken):
            if office and entry.id in self.catalogue.national:
                line, column = doc.position(("services", index, "id"))
                self.problems.add(problem(doc.path, line, column, f"services[{index}].id", "id.duplicate",
                                          value=entry.id, first=SERVICES_FILE))
            self.problems.extend(fee_warnings(entry, doc, ("services", index)))
            found[entry.id] = Service(entry, office)
        return found

    def listed(self, doc: Document | None, key: str, model, broken: set[str]) -> list[tuple[int, BaseModel]]:
        """The valid entries of a file holding one list (``programs:``, ``services:``), ids unique; the ids
        of entries with errors go into ``broken``."""
        if doc is None:
            return []
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
            self.problems.add(problem(doc.path, 1, 1, key, "list.expected"))
            return []
        found, first = [], {}
        for index, item in enumerate(doc.data[key]):
            entry = self.validate(model, item, doc, (key, index))
            if entry is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    broken.add(item["id"])
                continue
            if entry.id in first:
                line, column = doc.position((key, index, "id"))
                self.problems.add(problem(doc.path, line, column, f"{key}[{index}].id", "id.duplicate",
                                          value=entry.id, first=f"{doc.path}:{first[entry.id]}"))
            first.setdefault(entry.id, doc.position((key, index, "id"))[0])
            found.append((index, entry))
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
        if not is_identifier(folder.name):  # "Cilegon Kota": no id can match it
            suggested = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")
            self.problems.add(problem(self.shown(folder), 1, 1, "", "office.folder_invalid",
                                      value=folder.name, suggested=suggested or "nama-kantor"))
            return None
        if entry.id != folder.name:
            line, column = doc.position(("id",))
            self.problems.add(problem(doc.path, line, column, "id", "office.id_mismatch",
                                      value=entry.id, folder=folder.name))
            return None
        unofficial = regions.office_province_problem(entry.province, doc)
        if unofficial is not None:
            self.problems.add(unofficial)
        return Office(entry, doc.path)

    def events_of(self, files: list[tuple[Path, Office | None]], programs: dict) -> tuple[list, list]:
        """Every event of these files (with its office); their problems and the warnings of the day join
        the others. A file checked before, with the same office, programs and services, is taken from
        the build cache; the others are checked on every core. Returns (whole events, outlines);
        whole events only when ``whole_events`` (a check needs the outlines alone)."""
        contents = [path.read_bytes() for path, _ in files]
        keys = [self._file_key(path, office, raw, programs)
                for (path, office), raw in zip(files, contents, strict=True)]
        stored = self.cache.get_many([key for key in keys if key]) if self.cache is not None else {}
        missing = [index for index, key in enumerate(keys) if key not in stored]

        def check(indices):
            return [(pickle.dumps(self._checked_file(*files[i], contents[i], programs), pickle.HIGHEST_PROTOCOL),
                     self.cache.take_used() if self.cache is not None else ()) for i in indices]

        flush = self.cache.flush if self.cache is not None else None  # a worker's holidays, for the next build
        made = {}
        for index, (data, used) in zip(missing, parallel.map_chunks(check, missing, self.settings.workers,
                                                                    after_chunk=flush, min_items=2), strict=True):
            made[index] = data
            if self.cache is not None:  # what a worker used (its holidays) is kept when the cache is pruned
                self.cache.used.update(used)
        events, outlines = [], []
        for index, ((path, office), key) in enumerate(zip(files, keys, strict=True)):
            if index in made and key:
                self.cache.put(key, made[index])
            result, whole = self._read_back(made.get(index) or stored[key], path, office, contents[index], programs)
            events += whole
            outlines += self._taken(result)
        return events, outlines

    def _read_back(self, data: bytes, path: Path, office, raw: bytes, programs: dict) -> tuple[FileResult, list]:
        """A file's result and (when asked for) its whole events, linked to this read's office,
        programs and services; a damaged entry of the build cache only costs checking the file."""
        try:
            result = pickle.loads(data)
            return result, self._whole(result, office, programs)
        except Exception:  # noqa: BLE001 - whatever the damage, the file itself is the truth
            result = self._checked_file(path, office, raw, programs)
            return result, self._whole(result, office, programs)

    def _whole(self, result: FileResult, office, programs: dict) -> list[Event]:
        return _unpickled(result.packed_events, office, programs, self.catalogue) if self.whole_events else []

    def _taken(self, result: FileResult) -> list[Outline]:
        self.problems.extend(result.problems)
        self.declared_keys.update(result.declared)
        if result.unread:
            self.unread.add(result.unread)
        today, published = self.settings.today, self.published_keys
        due = advice.ResultsDue(self.settings.results_due_days, self.settings.results_since)
        for outline, days in zip(result.outlines, result.days, strict=True):
            self.problems.extend(advice.today_warnings(outline, days, today, published, due))
        return result.outlines

    def _file_key(self, path: Path, office: Office | None, raw: bytes, programs: dict) -> bytes | None:
        if self.cache is None or office is None:  # without its office, the file is only checked
            return None
        parts = [self.shown(path).encode(), raw, repr((self.settings.validation_context,
                                                       self.settings.max_file_bytes)).encode(),
                 repr((sorted(self.broken_programs), sorted(self.catalogue.broken))).encode(),
                 office.entry.model_dump_json().encode(), office.source.encode(),
                 *(programs[key].entry.model_dump_json().encode() for key in sorted(programs)),
                 *(service.entry.model_dump_json().encode() for service in self.catalogue.usable(office.id))]
        return self.cache.key("schedule file", b"\0".join(parts))

    def _checked_file(self, path: Path, office: Office | None, raw: bytes, programs: dict) -> FileResult:
        outer = self.problems, self.declared_keys
        self.problems, self.declared_keys = Problems(), set()
        try:
            events, days = self._events_of(path, raw, office, programs)
            unread = self.shown(path) if events is None else None
            events = events or []
            return FileResult(_pickled(events), [e.outline for e in events], self.problems.items,
                              sorted(self.declared_keys), days, unread)
        finally:
            self.problems, self.declared_keys = outer

    def _events_of(self, path: Path, raw: bytes, office, programs) -> tuple[list | None, list]:
        """The file's events and their days; None for events when the file could not be read whole."""
        doc, found = load_bytes(raw, self.shown(path), self.settings.max_file_bytes)
        self.problems.extend(found)
        if doc.data is None:
            return None, []
        shape = self.validate(ScheduleFile, doc.data, doc)
        if shape is None:
            return None, []
        if shape.office is not None and shape.office != path.parent.name:
            line, column = doc.position(("office",))
            self.problems.add(problem(doc.path, line, column, "office", "schedule.office_mismatch",
                                      value=shape.office, folder=path.parent.name))
            return None, []
        defaults = self.defaults(without_empty_optionals(EventEntry, shape.defaults or {}), doc)
        events, days = [], []
        for index, raw_event in enumerate(shape.events):
            if isinstance(raw_event, dict) and isinstance(raw_event.get("id"), str):
                self.declared_keys.add(f"{path.parent.name}/{raw_event['id']}")
            merged, own = visit_as_checked(defaults, raw_event)  # an empty form field: the default applies
            location = ("events", index)
            entry = self.validate(EventEntry, merged, doc, location, set(defaults) - set(own))
            if entry is not None:
                event = self.event(entry, doc, location, office, programs)
                if event is not None:
                    events.append(event)
                    days.append(advice.days_written(event, doc, location, self.holidays))
                    self.problems.extend(advice.event_warnings(event, merged, doc, location))
        return events, days

    def defaults(self, defaults: dict, doc: Document) -> dict:
        known = set(EventEntry.model_fields) - set(OWN_FIELDS)
        usable = {}
        for key, value in defaults.items():
            if key in known:
                usable[key] = value
                continue
            line, column = doc.position(("defaults", key), at_key=True)
            if key in OWN_FIELDS:
                self.problems.add(problem(doc.path, line, column, f"defaults.{key}", "defaults.own_field", name=key))
                continue
            close = difflib.get_close_matches(key, sorted(known), n=1)
            self.problems.add(problem(doc.path, line, column, f"defaults.{key}", "field.unknown",
                                      name=key, suggest=close[0] if close else ""))
        return usable

    def event(self, entry: EventEntry, doc, location, office, programs) -> Event | None:
        checks = [*_date_problems(entry, doc, location), *_status_problems(entry, doc, location),
                  *_results_problems(entry, doc, location)]
        program = None
        if entry.program is not None:
            program = programs.get(entry.program)
            if program is None and entry.program not in self.broken_programs:
                checks.append(_unknown_program(entry.program, programs, doc, location))
        if checks:
            self.problems.extend(checks)
            return None
        if entry.program is not None and program is None:
            return None  # its program has errors in programs.yaml, which say what to mend
        if office is None:
            return None
        resolved = resolve_services(entry, office.id, self.catalogue, doc, location)
        self.problems.extend(resolved.problems)
        region, region_problems = regions.resolve(entry.venue, office.entry.province, doc, location)
        self.problems.extend(region_problems)
        zone = regions.zone_problem(region, entry.timezone or office.entry.timezone, entry.venue, doc, location)
        self.problems.extend([zone] if zone else [])
        line, column = doc.position(location + ("id",))
        return Event(entry=entry, office=office, program=program, source=doc.path, line=line,
                     id_column=column, path_in_file=dotted(location), services=resolved.services,
                     service_texts=resolved.texts, region=region)

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

    def unread_files(self, folder: Path, files: list[Path]) -> None:
        """What an office folder holds besides its files: a schedule saved as ``.YAML`` or ``.yaml.txt``
        (as Notepad does) is an error, or its visits would be missing without a word; anything else
        (a folder of old schedules, a note) a warning."""
        for path in files:
            if path.name in (OFFICE_FILE, SERVICES_FILE) or _is_event_file(path):
                continue
            meant = _meant_yaml_name(path.name) if path.is_file() else None
            if meant:
                self.problems.add(problem(self.shown(path), 1, 1, "", "file.not_read_name", name=meant))
            else:
                self.problems.add(problem(self.shown(path), 1, 1, "", "file.not_read", severity=WARNING,
                                          folder=self.shown(folder)))

    def misplaced_files(self, entries: list[Path]) -> None:
        for path in entries:
            if path.is_file() and path.suffix in (".yaml", ".yml") and path.name not in (PROGRAMS_FILE,
                                                                                          SERVICES_FILE):
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


def _results_problems(entry: EventEntry, doc: Document, location):
    """Results belong to a visit that took place, and count only the services it offered."""
    if entry.results is None:
        return
    where = location + ("results",)
    if entry.status not in HELD_STATUSES:
        line, column = doc.position(where, at_key=True)
        yield problem(doc.path, line, column, dotted(where), "results.not_held", status=entry.status)
        return
    for service in entry.results.served:
        if service not in entry.services:
            close = difflib.get_close_matches(service, entry.services, n=1)
            line, column = doc.position(where + ("served", service), at_key=True)
            yield problem(doc.path, line, column, dotted(where + ("served", service)), "results.service_not_offered",
                          value=service, offered=", ".join(entry.services) or "-", suggest=close[0] if close else "")


def _unknown_program(value, programs, doc, location) -> Problem:
    close = difflib.get_close_matches(value, sorted(programs), n=1)
    line, column = doc.position(location + ("program",))
    return problem(doc.path, line, column, dotted(location + ("program",)), "program.unknown",
                   value=value, suggest=close[0] if close else "")


def _check_unique_ids(events: list[Outline], problems: Problems) -> None:
    first_seen: dict[str, Outline] = {}
    for event in events:
        earlier = first_seen.setdefault(event.key, event)
        if earlier is not event:
            problems.add(problem(event.source, event.line, event.id_column, f"{event.path_in_file}.id", "id.duplicate",
                                 value=event.id, first=f"{earlier.source}:{earlier.line}"))
