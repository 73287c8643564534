"""The service catalogue, and the services, documents and registration of each visit.

``schedules/services.yaml`` lists what can be done at a visit, what to bring
and what it costs, by regulation: the facts people ask an office about before
they come, kept in data, written once. An office may add services of its own
(``schedules/<office>/services.yaml``). Events name services by id; the old
free-text ``services`` and ``requirements`` still work, with a warning pointing
at the catalogue.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from jemput.schedule.entries import EventEntry, ServiceEntry
from jemput.schedule.model import Service
from jemput.schedule.problems import WARNING, Problem, problem
from jemput.schedule.strict_yaml import Document, dotted
from jemput.schedule.values import ID_PATTERN

SERVICES_FILE = "services.yaml"


@dataclass
class Catalogue:
    """The services events may name: national ones, and each office's own."""

    national: dict[str, Service] = field(default_factory=dict)
    about: str | None = None
    by_office: dict[str, dict[str, Service]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    """Ids of entries with errors of their own: a visit naming one is not told the id is unknown."""

    def find(self, office: str, service_id: str) -> Service | None:
        return self.by_office.get(office, {}).get(service_id) or self.national.get(service_id)

    def known_to(self, office: str) -> dict[str, Service]:
        return {**self.national, **self.by_office.get(office, {})}

    def usable(self, office: str) -> tuple[Service, ...]:
        """Every service an office's events may name: the national ones, then its own, each by id."""
        own = self.by_office.get(office, {})
        return tuple(sorted(self.national.values(), key=lambda s: s.id)) + tuple(own[k] for k in sorted(own))

    def all(self) -> tuple[Service, ...]:
        """National services, then each office's own, by id."""
        own = (s for office in sorted(self.by_office) for s in self.by_office[office].values())
        return tuple(sorted(self.national.values(), key=lambda s: s.id)) + tuple(own)


def fee_warnings(entry: ServiceEntry, doc: Document, location) -> list[Problem]:
    """A fee says which regulation sets it: people and journalists check it there."""
    found = []
    for index, fee in enumerate(entry.fees):
        if fee.regulation is None:
            at = location + ("fees", index)
            line, column = doc.position(at)
            found.append(problem(doc.path, line, column, dotted(at), "warn.fee_no_regulation", WARNING))
    return found


@dataclass(frozen=True)
class ResolvedServices:
    services: tuple[Service, ...]
    texts: tuple[str, ...]
    problems: tuple[Problem, ...]


def resolve(entry: EventEntry, office: str, catalogue: Catalogue, doc: Document, location) -> ResolvedServices:
    """The event's services found in the catalogue; text in the old form is kept with a warning."""
    known = catalogue.known_to(office)
    services, texts, found = [], [], []
    for index, value in enumerate(entry.services):
        at = location + ("services", index)
        if value in known:
            services.append(known[value])
        elif value in catalogue.broken:
            continue  # the catalogue's own error says what to mend; "unknown" here would mislead
        elif re.match(ID_PATTERN, value):
            found.append(_at(doc, at, "service.unknown", value=value, suggest=_closest(value, known)))
        else:
            texts.append(value)
            found.append(_at(doc, at, "service.free_text", WARNING, value=value, suggest=_closest(value, known)))
    found += _dropped_documents(entry, services, doc, location)
    if entry.requirements:
        found.append(_at(doc, location + ("requirements",), "requirements.free_text", WARNING))
    return ResolvedServices(tuple(services), tuple(texts), tuple(found))


def _dropped_documents(entry: EventEntry, services, doc, location) -> list[Problem]:
    """Documents a visit drops must be documents its services ask for."""
    if entry.documents is None:
        return []
    names = [d.name or choice for s in services for d in s.entry.documents for choice in (d.one_of or [None])]
    names = [n for n in names if n]
    return [_at(doc, location + ("documents", "drop", index), "document.unknown", value=name,
                suggest=(difflib.get_close_matches(name, names, n=1) or [""])[0])
            for index, name in enumerate(entry.documents.drop) if name not in names]


def _closest(value: str, known: dict[str, Service]) -> str:
    """The id of the service meant: by id, or by the name staff wrote (``Paspor baru``)."""
    by_name = {s.entry.name.lower(): s.id for s in known.values()}
    if value.lower() in by_name:
        return by_name[value.lower()]
    close = difflib.get_close_matches(value.lower(), [*known, *by_name], n=1, cutoff=0.6)
    return by_name.get(close[0], close[0]) if close else ""


def _at(doc: Document, at, code: str, severity: str = "error", **params) -> Problem:
    line, column = doc.position(at)
    return problem(doc.path, line, column, dotted(at), code, severity=severity, **params)
