"""Typed values of the schedule files, each made from the text staff wrote.

``strict_yaml`` leaves every value as text; the types here give it meaning and
refuse what does not fit with a problem code (worded in ``problems.py``). They
also state each rule as a JSON Schema pattern or choice list for editors, which
read YAML 1.2; the validators are what the build enforces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

INDONESIAN_ZONES = ("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")
STATUSES = ("scheduled", "postponed", "cancelled", "full", "withdrawn")
OFF_STATUSES = ("cancelled", "withdrawn")
"""Statuses of a visit that will not take place."""

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_ID = re.compile(ID_PATTERN)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HOURS = re.compile(r"^(\d{2})[:.](\d{2})\s*[-–]\s*(\d{2})[:.](\d{2})$")
_REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")
_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d+)?$")
_INTEGER = re.compile(r"^\d{1,9}$")


def _fail(code: str, **ctx) -> PydanticCustomError:
    return PydanticCustomError(code, code, {k: str(v) for k, v in ctx.items()})


def _text(value):
    if isinstance(value, (dict, list)):
        raise _fail("value.not_text")
    return value


def _identifier(value: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise _fail("id.invalid", value=value)
    return value


def _iso_date(value) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise _fail("date.format", value=value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail("date.not_real", value=value) from None


def _integer(value) -> int:
    if isinstance(value, int):
        return value
    if not isinstance(value, str) or not _INTEGER.match(value):
        raise _fail("integer.invalid", value=value)
    return int(value)


def _url(value: str) -> str:
    if not isinstance(value, str) or not _URL.match(value):
        raise _fail("url.invalid", value=value)
    return value


def _region_code(value: str) -> str:
    if not isinstance(value, str) or not _REGION_CODE.match(value):
        raise _fail("region_code.invalid", value=value)
    return value


def _timezone(value: str, info: ValidationInfo) -> str:
    allowed = (info.context or {}).get("timezones", INDONESIAN_ZONES)
    if allowed == "any":
        try:
            ZoneInfo(value)
        except (ValueError, KeyError, OSError):
            raise _fail("timezone.unknown", value=value) from None
    elif value not in allowed:
        raise _fail("timezone.not_allowed", value=value, allowed=", ".join(allowed))
    return value


def _visit_type(value: str, info: ValidationInfo) -> str:
    allowed = (info.context or {}).get("visit_types", ("village", "majelis", "school"))
    if value not in allowed:
        raise _fail("choice.invalid", value=value, allowed=", ".join(allowed))
    return value


def _status(value: str) -> str:
    if value not in STATUSES:
        raise _fail("choice.invalid", value=value, allowed=", ".join(STATUSES))
    return value


def _text_list(value):
    if isinstance(value, str):
        raise _fail("list.expected")
    return value


# The JSON Schema (for editors, which read YAML 1.2) states each rule as a pattern or
# a choice list; the validators above are what the build enforces.
def _schema(**schema) -> WithJsonSchema:
    return WithJsonSchema(schema)


Text = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=2000)]
LongText = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=20000)]
Identifier = Annotated[str, BeforeValidator(_text), AfterValidator(_identifier),
                       _schema(type="string", pattern=_ID.pattern)]
IsoDate = Annotated[date, BeforeValidator(_iso_date), _schema(type="string", format="date")]
Count = Annotated[int, BeforeValidator(_integer), _schema(type="integer", minimum=0)]
Url = Annotated[str, BeforeValidator(_text), AfterValidator(_url),
                _schema(type="string", pattern=_URL.pattern)]
RegionCode = Annotated[str, BeforeValidator(_text), AfterValidator(_region_code),
                       _schema(type="string", pattern=_REGION_CODE.pattern)]
TimeZoneName = Annotated[str, BeforeValidator(_text), AfterValidator(_timezone),
                         _schema(type="string", enum=list(INDONESIAN_ZONES))]
VisitType = Annotated[str, BeforeValidator(_text), AfterValidator(_visit_type),
                      _schema(type="string", enum=["village", "majelis", "school"])]
Status = Annotated[str, BeforeValidator(_text), AfterValidator(_status),
                   _schema(type="string", enum=list(STATUSES))]
TextList = Annotated[list[Text], BeforeValidator(_text_list)]


@dataclass(frozen=True, order=True)
class Hours:
    """Daily opening hours in local time, e.g. 08:00-15:00."""

    opens: time
    closes: time

    @classmethod
    def parse(cls, value) -> Hours:
        if isinstance(value, Hours):
            return value
        match = _HOURS.match(value.strip()) if isinstance(value, str) else None
        if not match:
            raise _fail("hours.format", value=value)
        try:
            opens = time(int(match[1]), int(match[2]))
            closes = time(int(match[3]), int(match[4]))
        except ValueError:
            raise _fail("hours.not_real", value=value) from None
        if closes <= opens:
            raise _fail("hours.order", value=value)
        return cls(opens, closes)

    def __str__(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


def _geo(value) -> tuple[Decimal, Decimal]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, list) or len(value) != 2:
        raise _fail("geo.format")
    if not all(isinstance(v, str) and _DECIMAL.match(v) for v in value):
        raise _fail("geo.format")
    try:
        lat, lon = Decimal(value[0]), Decimal(value[1])
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise _fail("geo.format") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        raise _fail("geo.swapped" if swapped else "geo.range", lat=lat, lon=lon)
    return lat, lon


OpeningHours = Annotated[Hours, BeforeValidator(Hours.parse),
                         _schema(type="string", pattern=_HOURS.pattern, examples=["08:00-15:00"])]
Geo = Annotated[tuple[Decimal, Decimal], BeforeValidator(_geo),
                _schema(type="array", items={"type": "number"}, minItems=2, maxItems=2,
                        examples=[[-6.31, 106.1]])]

