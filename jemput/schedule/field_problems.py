"""What pydantic found wrong in an entry, as problems placed on the line and column staff wrote.

Messages come from the problem codes (``problems.py``); a misspelt field or
choice gets a "did you mean", matched also against the words staff naturally
write (``desa`` for ``village``).
"""

from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel, ValidationError

from jemput.schedule.problems import WORDING, Problem, problem
from jemput.schedule.strict_yaml import Document, dotted

YAML_BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}

# Words staff naturally write, mapped to the configured choice they mean.
CHOICE_WORDS = {
    "desa": "village", "kelurahan": "village", "masjid": "majelis", "pesantren": "majelis",
    "sekolah": "school", "kampus": "school", "madrasah": "school",
    "dijadwalkan": "scheduled", "terjadwal": "scheduled", "ditunda": "postponed",
    "dibatalkan": "cancelled", "batal": "cancelled", "penuh": "full", "canceled": "cancelled",
    "ditarik": "withdrawn", "dicabut": "withdrawn",
}



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
    elif item.get("input", "") is None and loc:  # "start:" with nothing after it
        code, params = "field.empty", {"name": loc[-1]}
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
    return problem(doc.path, line, column, dotted(_as_written(place, doc)), code, **params)


def _as_written(place: tuple, doc: Document) -> tuple:
    """The part of a location staff wrote: a shorthand (``registration: https://...``) is
    checked in its full form, but named as written."""
    while place and place not in doc.value_marks and place not in doc.key_marks:
        place = place[:-1]
    return place


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
    """The field names of the model at ``path`` (``venue``, ``registration``) inside ``model``."""
    for part in path:
        if isinstance(part, str) and part in model.model_fields:
            model = _model_in(model.model_fields[part].annotation) or model
    return sorted(model.model_fields)


def _model_in(annotation):
    """The entry model a field holds, through Optional, list and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for inner in typing.get_args(annotation):
        found = _model_in(inner)
        if found is not None:
            return found
    return None

