"""``invoke new``: a valid event file for an office, ready to fill in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jemput.schedule.values import ID_PATTERN
from jemput.text import N_, Text

MODELINE = "# yaml-language-server: $schema=../../schemas/schedule.schema.json"


class Refused(ValueError):
    """Why no file was written, said in the site's language by ``say``."""

    def __init__(self, message: str, **values) -> None:
        super().__init__(message % values)
        self.message, self.values = message, values

    def say(self, text: Text) -> str:
        return text(self.message, **self.values)


@dataclass(frozen=True)
class NewEvent:
    office: str
    event_id: str
    title: str
    type: str
    start: date
    end: date | None = None
    hours: str | None = None
    program: str | None = None
    venue: str = "Nama tempat"


def _text(value: str) -> str:
    """JSON strings are valid YAML double-quoted scalars: ':' and '#' stay text."""
    return json.dumps(value, ensure_ascii=False)


def parse_day(value: str, label: str) -> date:
    """A day as staff type it on the command line, refused in words rather than a traceback."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused(N_("%(label)s '%(value)s' is not a date: write YYYY-MM-DD, e.g. 2027-01-10"),
                      label=label, value=value) from None


def render(event: NewEvent) -> str:
    lines = [MODELINE, f"office: {event.office}", "events:", f"  - id: {event.event_id}", f"    type: {event.type}",
             f"    title: {_text(event.title)}"]
    if event.program:
        lines.append(f"    program: {event.program}")
    lines.append(f"    start: {event.start.isoformat()}")
    if event.end and event.end != event.start:
        lines.append(f"    end: {event.end.isoformat()}")
    if event.hours:
        lines.append(f"    hours: {_text(event.hours)}")
    lines += ["    venue:", f"      name: {_text(event.venue)}  # ganti dengan nama tempat",
              "    # services: [paspor-baru]  (id dari schedules/services.yaml: biaya dan syarat ikut)",
              "    registration:", "      ways: [walk-in]",
              "    status: scheduled", ""]
    return "\n".join(lines)


def target_path(schedules: Path, event: NewEvent) -> Path:
    for value in (event.office, event.event_id):
        if not re.match(ID_PATTERN, value):
            raise Refused(N_("'%(value)s': use lower-case letters, digits and hyphens"), value=value)
    if not (schedules / event.office / "office.yaml").is_file():
        raise Refused(N_("office '%(office)s' does not exist (schedules/%(office)s/office.yaml)"), office=event.office)
    name = re.sub(r"[^a-z0-9-]", "", f"{event.start:%Y-%m}-{event.event_id}")
    return schedules / event.office / f"{name}.yaml"


def write_new_event(schedules: Path, event: NewEvent, problems_of=None) -> Path:
    """Writes the file; ``problems_of(path)``, when given, checks it as the build would (every schedule
    read with it) and returns the errors it brings: with any, the file is taken away again and they are
    raised, so that no file is left that the next check refuses (a used id, an unknown type or program)."""
    path = target_path(schedules, event)
    if path.exists():
        raise Refused(N_("%(path)s already exists"), path=path)
    path.write_text(render(event), encoding="utf-8")
    errors = problems_of(path) if problems_of is not None else []
    if errors:
        path.unlink()
        raise Refused(N_("the file would not pass the check:\n%(errors)s"), errors="\n".join(errors))
    return path
