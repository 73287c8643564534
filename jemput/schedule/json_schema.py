"""JSON Schemas for the four kinds of staff file, generated from the model.

Editors (VS Code's YAML extension, the GitHub web editor with it) use them for
completion and early warnings; ``schemas/`` holds the committed copies and a
test keeps them equal to what the model generates.
"""

from __future__ import annotations

import json

from jemput.schedule.entries import EventEntry, OfficeEntry, ProgramEntry, ScheduleFile, ServiceEntry, ServicesFile

BASE = "https://jemput.example.go.id/schemas/"


def _document(name: str, title: str, schema: dict) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name,
            "title": title, **schema}


def office_schema() -> dict:
    return _document("office.schema.json", "Kantor (office.yaml)", OfficeEntry.model_json_schema())


def programs_schema() -> dict:
    program = ProgramEntry.model_json_schema(ref_template="#/$defs/{model}")
    defs = program.pop("$defs", {})
    defs["ProgramEntry"] = program
    return _document("programs.schema.json", "Program nasional (programs.yaml)", {
        "type": "object", "additionalProperties": False, "required": ["programs"],
        "properties": {"programs": {"type": "array", "items": {"$ref": "#/$defs/ProgramEntry"}}},
        "$defs": defs,
    })


def schedule_schema() -> dict:
    event = EventEntry.model_json_schema(ref_template="#/$defs/{model}")
    defs = event.pop("$defs", {})
    defs["EventEntry"] = event
    defaults = {k: v for k, v in event["properties"].items() if k != "id"}
    return _document("schedule.schema.json", "Jadwal kegiatan kantor", {
        "type": "object", "additionalProperties": False, "required": ["events"],
        "properties": {
            **{name: field for name, field in ScheduleFile.model_json_schema()["properties"].items()
               if name in ("office", "title")},
            "defaults": {"type": "object", "additionalProperties": False, "properties": defaults,
                         "description": "Values applied to every event below unless it says otherwise."},
            "events": {"type": "array", "items": {"$ref": "#/$defs/EventEntry"}},
        },
        "$defs": defs,
    })


def services_schema() -> dict:
    service = ServiceEntry.model_json_schema(ref_template="#/$defs/{model}", by_alias=True)
    defs = service.pop("$defs", {})
    defs["ServiceEntry"] = service
    about = ServicesFile.model_json_schema()["properties"]["about"]
    return _document("services.schema.json", "Katalog layanan (services.yaml)", {
        "type": "object", "additionalProperties": False, "required": ["services"],
        "properties": {"about": about,
                       "services": {"type": "array", "items": {"$ref": "#/$defs/ServiceEntry"}}},
        "$defs": defs,
    })


SCHEMAS = {
    "office.schema.json": office_schema,
    "programs.schema.json": programs_schema,
    "schedule.schema.json": schedule_schema,
    "services.schema.json": services_schema,
}


def rendered() -> dict[str, str]:
    """File name -> JSON text, stable (sorted keys, trailing newline)."""
    return {name: json.dumps(make(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
            for name, make in SCHEMAS.items()}
