"""JSON Schemas for the four kinds of staff file, generated from the model.

Editors (VS Code's YAML extension, the GitHub web editor with it) use them for
completion and early warnings; ``schemas/`` holds the committed copies and a
test keeps them equal to what the model generates.
"""

from __future__ import annotations

import json

from jemput.field_docs import description
from jemput.schedule import entries
from jemput.schedule.entries import (
    OWN_FIELDS,
    EventEntry,
    OfficeEntry,
    ProgramEntry,
    ScheduleFile,
    ServiceEntry,
    ServicesFile,
)

BASE = "https://jemput.example.go.id/schemas/"


def _document(name: str, title: str, schema: dict) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name,
            "title": title, **schema}


def _schema(model: type, **options) -> dict:
    """``model_json_schema`` with each field's description (``field_docs``), in the model and in
    every model it names (``$defs``, named after their classes)."""
    schema = model.model_json_schema(**options)
    _describe(schema, model)
    for name, definition in schema.get("$defs", {}).items():
        _describe(definition, getattr(entries, name))
    return schema


def _describe(definition: dict, model: type) -> None:
    properties = definition.get("properties", {})
    for name, info in model.model_fields.items():
        shown = properties.get(info.alias or name, properties.get(name))
        words = description(model, name)
        if shown is not None and words and "description" not in shown:
            shown["description"] = words


def office_schema() -> dict:
    return _document("office.schema.json", "Kantor (office.yaml)", _schema(OfficeEntry))


def programs_schema() -> dict:
    program = _schema(ProgramEntry, ref_template="#/$defs/{model}")
    defs = program.pop("$defs", {})
    defs["ProgramEntry"] = program
    return _document("programs.schema.json", "Program nasional (programs.yaml)", {
        "type": "object", "additionalProperties": False, "required": ["programs"],
        "properties": {"programs": {"type": "array", "items": {"$ref": "#/$defs/ProgramEntry"}}},
        "$defs": defs,
    })


def schedule_schema() -> dict:
    event = _schema(EventEntry, ref_template="#/$defs/{model}")
    defs = event.pop("$defs", {})
    defs["EventEntry"] = event
    defaults = {k: v for k, v in event["properties"].items() if k not in OWN_FIELDS}
    return _document("schedule.schema.json", "Jadwal kegiatan kantor", {
        "type": "object", "additionalProperties": False, "required": ["events"],
        "properties": {
            **{name: field for name, field in _schema(ScheduleFile)["properties"].items()
               if name in ("office", "title")},
            "defaults": {"type": "object", "additionalProperties": False, "properties": defaults,
                         "description": "Values applied to every event below unless it says otherwise."},
            "events": {"type": "array", "items": {"$ref": "#/$defs/EventEntry"}},
        },
        "$defs": defs,
    })


def services_schema() -> dict:
    service = _schema(ServiceEntry, ref_template="#/$defs/{model}", by_alias=True)
    defs = service.pop("$defs", {})
    defs["ServiceEntry"] = service
    about = _schema(ServicesFile)["properties"]["about"]
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
