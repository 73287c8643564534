"""The staff editor's configuration (Decap CMS), generated from the model.

Every field staff may write has its form field here, made from the same pydantic
models the strict loader checks (``schedule/entries.py``) and labelled from the
text catalogue: a field's label is its path under the context ``editor field``,
its hint the field's docstring. A field of a kind this module cannot show stops the
build with the field's name, and a field without Indonesian words fails the
catalogue's tests: the form cannot fall behind the model unnoticed.

What staff can choose from comes from the data of the site being built: offices,
the service catalogue and each office's own services, programs, visit types, time
zones and the official region names.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass

import yaml
from pydantic import BaseModel

from jemput.field_docs import description
from jemput.schedule import content, entries, values
from jemput.schedule.form_values import models_in
from jemput.schedule.regions import official_units
from jemput.text import Text

LABEL = "editor field"
"""Catalogue context of a form field's label; the message id is the field's path."""
ANNOUNCEMENTS = "content/pengumuman"
PUBLIC_FOLDER = "/gambar"
MEDIA_FOLDER = "content/gambar"
LOCAL_SERVER = "http://localhost:8081/api/v1"
"""Where ``invoke editor`` runs Decap's local backend (decap-server's default port)."""


@dataclass(frozen=True)
class EditorSite:
    """What the form offers to choose from, taken from the checked schedule and the settings."""

    offices: tuple[tuple[str, str], ...]
    """(id, short name) of every office."""
    services: dict[str | None, tuple[tuple[str, str], ...]]
    """(id, name) of the national catalogue (key None) and of each office's own services."""
    programs: tuple[tuple[str, str], ...]
    visit_types: tuple[str, ...]
    timezones: tuple[str, ...]
    site_url: str
    repo: str | None = None
    """GitHub repository the published editor saves to (owner/name); None: the local backend only."""
    branch: str = "main"
    auth_url: str | None = None
    """The OAuth service that signs staff in to GitHub (base_url in Decap's terms)."""


# The field kinds of ``values.py`` and what the form shows for each.
_SCALARS = {
    "Identifier": lambda f: {"widget": "string", "pattern": [values.ID_PATTERN, f.text("Lower-case letters, "
                                                                                    "digits and hyphens")]},
    "Text": lambda f: {"widget": "string"},
    "LongText": lambda f: {"widget": "text"},
    "IsoDate": lambda f: _date(),
    "Count": lambda f: {"widget": "number", "value_type": "int", "min": 0},
    "HttpsUrl": lambda f: {"widget": "string", "pattern": ["^https://\\S+$", f.text("An address starting with "
                                                                                   "https://")]},
    "Email": lambda f: {"widget": "string", "pattern": [values.EMAIL_PATTERN,
                                                     f.text("An e-mail address: name@office.go.id")]},
    "RegionCode": lambda f: {"widget": "region-code"},
    "TimeZoneName": lambda f: {"widget": "select", "options": list(f.site.timezones)},
    "VisitType": lambda f: {"widget": "select", "options": f.choices("type", f.site.visit_types)},
    "Status": lambda f: {"widget": "select", "options": f.choices("status", values.STATUSES),
                         "default": "scheduled"},
    "OpeningHours": lambda f: {"widget": "opening-hours"},
    "Geo": lambda f: {"widget": "list", "field": {"label": f.text("Degrees"), "name": "degrees",
                                                  "widget": "number", "value_type": "float"},
                      "min": 2, "max": 2},
    "TextList": lambda f: {"widget": "list", "field": {"label": f.text("Item"), "name": "item",
                                                       "widget": "string"}},
}
_KINDS = [(getattr(values, name), name) for name in _SCALARS]


def _kind(hint) -> str | None:
    """The name of a field kind of ``values.py`` (``Text``, ``IsoDate``), or None."""
    return next((name for kind, name in _KINDS if hint is kind or hint == kind), None)


def _date() -> dict:
    """A date picker that writes the date alone, as the loader reads it: 2026-12-14."""
    return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False,
            "picker_utc": True}


class Fields:
    """Form fields of the models, for one office (its own services are choices too)."""

    def __init__(self, site: EditorSite, text: Text, office: str | None = None, made: dict | None = None) -> None:
        self.site, self._text, self.office = site, text, office
        self._made = {} if made is None else made

    def text(self, message: str) -> str:
        return self._text(message)

    def label(self, path: str) -> str:
        return self._text.label(LABEL, path)

    def choices(self, kind: str, codes) -> list[dict]:
        return [{"label": self._text.label(kind, code), "value": code} for code in codes]

    def services(self) -> list[tuple[str, str]]:
        return [*self.site.services.get(None, ()), *self.site.services.get(self.office, ())]

    def of(self, model: type[BaseModel], path: str = "", optional: bool = False) -> list[dict]:
        """A form field for every field of ``model``; ``optional``: none required (``defaults``).

        The same list for every office with the same choices: the configuration is written as
        YAML, where a list given again is an alias of the first (125 offices, one form)."""
        key = (model, path, optional, tuple(self.services()))
        if key not in self._made:
            self._made[key] = self._of(model, path, optional)
        return self._made[key]

    def _of(self, model: type[BaseModel], path: str, optional: bool) -> list[dict]:
        hints = typing.get_type_hints(model, include_extras=True)
        found = []
        for name, info in model.model_fields.items():
            shown = info.alias or name
            dotted = f"{path}.{shown}" if path else shown
            field = {"label": self.label(dotted.removeprefix("defaults.")), "name": shown,
                     **self.widget(dotted, hints[name])}
            hint = description(model, name)
            if hint:
                field["hint"] = self.text(hint)
            if (optional or not info.is_required()) and field["widget"] != "hidden":
                field["required"] = False
            if model is entries.ScheduleFile and shown == "title":
                field["required"] = True  # it names the file of a new schedule
            found.append(field)
        return found

    def widget(self, path: str, hint) -> dict:
        special = _SPECIAL.get(path.removeprefix("defaults."))
        if special is not None:
            return special(self, path)
        hint = _without_none(hint)
        name = _kind(hint)
        if name is not None:
            return _SCALARS[name](self)
        if typing.get_origin(hint) is list:
            [item] = typing.get_args(hint)
            if isinstance(item, type) and issubclass(item, BaseModel):
                return {"widget": "list", "fields": self.of(item, path, _in_defaults(path)), "collapsed": True}
            return {"widget": "list", "field": {"label": self.label(path.removeprefix("defaults.")), "name": "item",
                                                **self.widget(path + "[]", item)}}
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            return {"widget": "object", "fields": self.of(hint, path, _in_defaults(path)), "collapsed": path != "venue"}
        raise TypeError(f"the editor has no form field for {path} ({hint!r}): add one in jemput/editor/config.py")


def _in_defaults(path: str) -> bool:
    """A field of ``defaults``, where nothing is required (a visit may give it instead)."""
    return path.startswith("defaults.")


def _without_none(hint):
    """``X | None`` and ``Annotated[X | None, ...]`` as ``X``."""
    if typing.get_origin(hint) is typing.Annotated and _kind(hint) is None:
        inner, *_ = typing.get_args(hint)
        if typing.get_origin(inner) in (typing.Union, types.UnionType):
            return _without_none(inner)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _services(fields: Fields, path: str) -> dict:
    return {"widget": "select", "multiple": True,
            "options": [{"label": name, "value": key} for key, name in fields.services()]}


def _program(fields: Fields, path: str) -> dict:
    return {"widget": "select", "options": [{"label": name, "value": key} for key, name in fields.site.programs]}


def _served(fields: Fields, path: str) -> dict:
    """Applications by service: a count per service the office offers (a form cannot add keys)."""
    if not fields.services():  # no catalogue: nothing to count by service
        return {"widget": "hidden"}
    return {"widget": "object", "collapsed": False,
            "fields": [{"label": name, "name": key, "widget": "number", "value_type": "int", "min": 0,
                        "required": False} for key, name in fields.services()]}


def _ways(fields: Fields, path: str) -> dict:
    """Each way a mapping with its type (``{type: whatsapp, phone: ...}``), the shape a form can edit."""
    optional, path = _in_defaults(path), path.removeprefix("defaults.")
    kinds = []
    for kind, details in values.TYPED_WAY_FIELDS.items():
        shown = [{"label": fields.label(f"{path}.{detail}"), "name": detail, **_WAY_DETAIL[detail](fields)}
                 for detail in details]
        if kind == "letter":  # the least number of people and what the letter lists: both optional
            for field in shown:
                field["required"] = False
        if not shown:  # Decap wants a field in each type: the type itself, which it writes anyway
            shown = [{"label": fields.label(f"{path}.{kind}"), "name": "type", "widget": "hidden", "default": kind}]
        kinds.append({"label": fields.label(f"{path}.{kind}"), "name": kind, "widget": "object",
                      "fields": shown})
    return {"widget": "list", "types": kinds, "typeKey": "type", **({} if optional else {"min": 1})}


_WAY_DETAIL = {
    "phone": lambda f: {"widget": "string", "hint": f.text("An Indonesian mobile number: 0812-3456-7890")},
    "url": lambda f: {"widget": "string", "pattern": ["^https://\\S+$", f.text("write the address starting with "
                                                                              "https://")]},
    "group": lambda f: {"widget": "number", "value_type": "int", "min": 2},
    "lists": lambda f: {"widget": "string"},
}


def _office(fields: Fields, path: str) -> dict:
    """Which office's list the file is in: its folder's (``_for_office``), never typed."""
    return {"widget": "hidden"}


def _defaults(fields: Fields, path: str) -> dict:
    return {"widget": "object", "collapsed": True,
            "fields": [{k: v for k, v in f.items() if k != "default"}  # nothing chosen for every visit unasked
                       for f in fields.of(entries.EventEntry, "defaults", optional=True)
                       if f["name"] not in entries.OWN_FIELDS]}


def _events(fields: Fields, path: str) -> dict:
    return {"widget": "list", "fields": fields.of(entries.EventEntry), "collapsed": True,
            "summary": "{{fields.start}} · {{fields.title}}", "label_singular": fields.text("visit")}


def _announcement_status(fields: Fields, path: str) -> dict:
    return {"widget": "select", "default": "published", "options": fields.choices("announcement status",
                                                                                  content.STATUSES)}


def _announcement_events(fields: Fields, path: str) -> dict:
    return {"widget": "list", "field": {"label": fields.label(path), "name": "key", "widget": "string",
                                        "pattern": ["^[a-z0-9-]+/[a-z0-9-]+$", fields.text("office/event")]}}


def _moment(fields: Fields, path: str) -> dict:
    return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD-MM-YYYY",
            "time_format": "HH:mm", "picker_utc": True}


_SPECIAL = {"services": _services, "program": _program, "results.served": _served, "registration.ways": _ways,
            "office": _office, "defaults": _defaults, "events": _events, "office.id": _office,
            "announcement.status": _announcement_status, "announcement.events": _announcement_events,
            "announcement.date": _moment, "announcement.modified": _moment}
WAY_PATHS = tuple(f"registration.ways.{name}" for kind, details in values.TYPED_WAY_FIELDS.items()
                  for name in (kind, *details))
"""Labels the form's registration ways need besides the model's fields."""


def config(site: EditorSite, text: Text) -> dict:
    """Decap CMS's configuration for this site: one collection per office's schedule files, the
    offices' data, and announcements (the central team's and each office's)."""
    made = {}
    return {
        "backend": _backend(site),
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "locale": "id",
        "site_url": site.site_url,
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "collections": [
            *(_schedules(site, text, office, name, made) for office, name in site.offices),
            _offices(site, text, made),
            _announcements(site, text, None, text("Announcements"), made),
            *(_announcements(site, text, office, name, made) for office, name in site.offices),
        ],
    }


def _backend(site: EditorSite) -> dict:
    """GitHub, each save a pull request; without a repository, the local backend alone."""
    if site.repo is None:
        return {"name": "proxy", "proxy_url": LOCAL_SERVER, "branch": site.branch}
    backend = {"name": "github", "repo": site.repo, "branch": site.branch}
    if site.auth_url:
        backend["base_url"] = site.auth_url
    return backend


def _schedules(site: EditorSite, text: Text, office: str, name: str, made: dict) -> dict:
    shape = _for_office(Fields(site, text, office, made).of(entries.ScheduleFile), office)
    schedule = text("Schedule")
    return {"name": f"jadwal-{office}", "label": f"{schedule}: {name}", "editor": {"preview": False},
            "label_singular": text("schedule file"), "folder": f"schedules/{office}", "extension": "yaml",
            "format": "yml", "create": True, "delete": False, "filter": {"field": "office", "value": office},
            "identifier_field": "title", "slug": "{{slug}}", "summary": "{{title}}",
            "fields": shape}  # a new file is named by its title: jadwal-maret-2027.yaml


def _for_office(fields: list[dict], office: str) -> list[dict]:
    """The fields, the hidden one holding the office's id (the others shared by every office)."""
    return [{**field, "default": office} if field["widget"] == "hidden" else field for field in fields]


def _offices(site: EditorSite, text: Text, made: dict) -> dict:
    files = [{"name": office, "label": name, "file": f"schedules/{office}/office.yaml",
              "fields": _for_office(Fields(site, text, office, made).of(entries.OfficeEntry, "office"), office)}
             for office, name in site.offices]
    return {"name": "kantor", "label": text("Office data"), "delete": False, "editor": {"preview": False},
            "files": files}


def _announcements(site: EditorSite, text: Text, office: str | None, name: str, made: dict) -> dict:
    header = Fields(site, text, office, made).of(content.ContentHeader, "announcement")
    fields = [*header, {"label": text.label(LABEL, "announcement.body"), "name": "body", "widget": "markdown",
                   "buttons": ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"],
                   "editor_components": [], "hint": text("The text, in Markdown: no pictures or raw HTML.")}]
    folder = f"{ANNOUNCEMENTS}/{office}" if office else ANNOUNCEMENTS
    announcements = text("Announcements")
    return {"name": f"pengumuman-{office}" if office else "pengumuman", "editor": {"preview": False},
            "label": f"{announcements}: {name}" if office else name, "folder": folder,
            "extension": "md", "format": "pelican-markdown", "create": True, "delete": False,
            "slug": "{{year}}-{{month}}-{{slug}}", "summary": "{{title}}", "sortable_fields": ["date", "title"],
            "fields": fields}


def field_texts() -> list[tuple[str, str | None]]:
    """(path, docstring) of every field the form shows, for the text catalogue."""
    found = []
    for model, path in ((entries.ScheduleFile, ""), (entries.EventEntry, ""), (entries.OfficeEntry, "office"),
                        (content.ContentHeader, "announcement")):
        found.extend(_walk(model, path))
    found.extend((path, None) for path in (*WAY_PATHS, "announcement.body"))
    return sorted(set(found), key=lambda item: item[0])


def _walk(model: type[BaseModel], path: str):
    hints = typing.get_type_hints(model, include_extras=True)
    for name, info in model.model_fields.items():
        shown = info.alias or name
        dotted = f"{path}.{shown}" if path else shown
        yield dotted, description(model, name)
        for inner in models_in(hints[name]):  # a visit's venue, registration, results, ...
            yield from _walk(inner, dotted)


def config_text(site: EditorSite, text: Text) -> str:
    """The configuration as Decap reads it, YAML: a form given again is an alias of the first."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: the same text, four times faster
    return yaml.dump(config(site, text), Dumper=dumper, allow_unicode=True, sort_keys=False, width=110)


def regions_text() -> str:
    """Every province and regency of the pinned dataset, code and name: the region field's suggestions."""
    table = official_units()
    provinces = dict(table[""])
    units = [[code, name if parent == "" else f"{name}, {provinces[parent]}"]
             for parent, listed in table.items() for code, name in listed]
    return json.dumps(units, ensure_ascii=False, separators=(",", ":")) + "\n"
