"""What a form writes for a field left empty, read as the field not written.

The staff editor (``/admin/``) writes every field of its form: an optional field
left empty comes back as ``""``, ``[]`` or ``{}``; written by hand, ``closed:`` with
nothing after it is read as None.
For an optional field that means "not given", so it is dropped before the
schedule is checked and a visit's ``defaults`` still apply to it; a required field
left empty stays, and its check says what is missing where it is written.
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from jemput.schedule.values import Way

EMPTY = ("", [], {})


def without_empty_optionals(model: type[BaseModel], data):
    """``data`` for ``model`` with the empty optional fields dropped, at every depth of the model.

    Files written by hand rarely hold an empty value: those are given back as they are, after a
    scan that costs a tenth of the rewriting (a national schedule reads 10,000 visits)."""
    if not isinstance(data, dict) or not _holds_empty(data):
        return data
    return _cleaned(model, data)


def visit_as_checked(defaults: dict, raw) -> tuple[object, dict]:
    """A visit as the loader checks it: its own fields, empty form fields dropped, over the file's
    ``defaults``; and its own fields alone (where each value was written). The build and
    ``invoke migrate`` read visits through this one rule."""
    from jemput.schedule.entries import EventEntry  # entries' values are this module's too

    own = without_empty_optionals(EventEntry, raw)
    if not isinstance(own, dict):
        return own, {}
    return {**defaults, **own}, own


def _holds_empty(value) -> bool:
    if isinstance(value, dict):
        return not value or any(_holds_empty(inner) for inner in value.values())
    if isinstance(value, list):
        return not value or any(_holds_empty(inner) for inner in value)
    return value == "" or value is None


def _cleaned(model: type[BaseModel], data):
    if not isinstance(data, dict):
        return data
    kept = {}
    for key, value in data.items():
        field = model.model_fields.get(key) if isinstance(key, str) else None
        if field is None:  # unknown: left for the check to report
            kept[key] = value
            continue
        value = _inner(field.annotation, value)
        if _is_empty(value) and not field.is_required():
            continue
        kept[key] = value
    return kept


def _inner(annotation, value):
    """The value with the empty optional fields of the models inside it dropped too."""
    for inner in models_in(annotation):
        if isinstance(value, dict):
            return _cleaned(inner, value)
        if isinstance(value, list):
            return [_cleaned(inner, item) for item in value]
    if isinstance(value, dict) and _is_mapping(annotation):  # results.served: a count per service
        return {key: count for key, count in value.items() if not _is_empty(count)}
    if isinstance(value, list) and Way in _flattened(annotation):  # registration.ways, typed items of the form
        return [_without_empty_values(item) for item in value]
    return value


def _without_empty_values(item):
    if isinstance(item, dict) and "type" in item:
        return {key: value for key, value in item.items() if not _is_empty(value)}
    return item


def _is_empty(value) -> bool:
    return value is None or any(value == empty and type(value) is type(empty) for empty in EMPTY)


def models_in(annotation) -> list[type[BaseModel]]:
    """Pydantic models an annotation holds: ``VenueEntry``, ``list[DocumentEntry]``, ``X | None``
    (the loader's empty fields here, the editor's form fields in ``editor/config.py``)."""
    found = []
    for arg in _flattened(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            found.append(arg)
    return found


def _flattened(annotation) -> list:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _flattened(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple):
        return [leaf for arg in typing.get_args(annotation) for leaf in _flattened(arg)]
    return [annotation]


def _is_mapping(annotation) -> bool:
    """A field holding a mapping (a count per service); the value must be one too, so a list's items
    found by ``_flattened`` never count."""
    return any(typing.get_origin(arg) is dict or arg is dict for arg in _flattened(annotation))
