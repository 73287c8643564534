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
HELD_STATUSES = ("scheduled", "full")
"""Statuses of a visit that takes place as planned: the only ones that can have results."""

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_ID = re.compile(ID_PATTERN)


def is_identifier(value: str) -> bool:
    """Whether ``value`` can be an id (an office's folder, a visit's id)."""
    return bool(_ID.match(value))
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


def _integer(value, *, pattern: re.Pattern = _INTEGER, code: str = "integer.invalid") -> int:
    """A whole number written with digits only (no sign, dots or words)."""
    if isinstance(value, int):
        return value
    if code == "integer.invalid" and isinstance(value, str) and value.startswith("-") and pattern.match(value[1:]):
        raise _fail("integer.negative", value=value)  # a whole number, but below zero
    if not isinstance(value, str) or not pattern.match(value):
        raise _fail(code, value=value)
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



_RUPIAH = re.compile(r"^\d{1,12}$")
_PHONE = re.compile(r"^(\+62|62|0)8\d{7,12}$")
WAY_WORDS = {"walk-in": "walk-in", "datang-langsung": "walk-in", "langsung": "walk-in",
             "m-paspor": "m-paspor", "mpaspor": "m-paspor", "m paspor": "m-paspor"}
"""Ways of registering written as a single word, and the words staff use for them."""
WAY_KINDS = ("walk-in", "m-paspor", "whatsapp", "form", "letter")
TYPED_WAY_FIELDS = {"walk-in": (), "m-paspor": (), "whatsapp": ("phone",), "form": ("url",),
                    "letter": ("group", "lists")}
"""What each way holds in the form's shape ({type: form, url: https://...})."""
WAY_EXAMPLES = {"whatsapp": 'whatsapp: "0812-3456-7890"', "form": "form: https://...",
                "letter": "letter: {group: 30}"}
"""How a way that needs its detail is written, for the message when the detail is left out."""


def _rupiah(value) -> int:
    return _integer(value, pattern=_RUPIAH, code="fee.amount")


def phone_digits(value: str) -> str | None:
    """An Indonesian mobile number as WhatsApp links want it (62812...), or None."""
    digits = re.sub(r"[\s().-]", "", value)
    if not _PHONE.match(digits):
        return None
    return "62" + digits.removeprefix("+").removeprefix("62").removeprefix("0")


def _https(value) -> str:
    value = _url(value)
    if not value.startswith("https://"):
        raise _fail("url.not_https", value=value)
    return value


@dataclass(frozen=True)
class Way:
    """One way to get a place: walk-in, M-Paspor, WhatsApp, a form, or a group's letter."""

    kind: str
    phone: str | None = None
    """For WhatsApp: the number as written."""
    url: str | None = None
    """For a form: its https address."""
    group: int | None = None
    """For a collective letter: the least number of people in the group."""
    lists: str | None = None
    """For a collective letter: what it lists of each person."""

    @classmethod
    def parse(cls, value) -> Way:
        if isinstance(value, Way):
            return value
        if isinstance(value, str):
            kind = WAY_WORDS.get(value.strip().lower())
            if kind is None and value.strip().lower() in WAY_EXAMPLES:  # "- whatsapp" without its number
                raise _fail("registration.way_detail", value=value, example=WAY_EXAMPLES[value.strip().lower()])
            if kind is None:
                raise _fail("registration.way", value=value, allowed=", ".join(WAY_KINDS))
            return cls(kind)
        if isinstance(value, dict) and "type" in value:
            return cls._typed(value)
        if not isinstance(value, dict) or len(value) != 1:
            raise _fail("registration.way", value=value, allowed=", ".join(WAY_KINDS))
        [(kind, detail)] = value.items()
        return _DETAILED.get(kind, _unknown_way)(kind, detail)

    @classmethod
    def _typed(cls, value: dict) -> Way:
        """The form's shape, every way a mapping with its type: {type: whatsapp, phone: "0812-..."}.

        A form's list cannot hold both words and mappings, as the short shape does
        (``[walk-in, whatsapp: "0812-..."]``); both shapes are read the same."""
        kind, details = value["type"], {k: v for k, v in value.items() if k != "type"}
        if kind not in WAY_KINDS:
            raise _fail("registration.way", value=kind, allowed=", ".join(WAY_KINDS))
        allowed = TYPED_WAY_FIELDS[kind]
        if set(details) - set(allowed):
            raise _fail("registration.way_fields", kind=kind, fields=", ".join(allowed) or "-")
        if kind == "letter":
            return _letter(kind, details)
        if allowed:
            return _DETAILED[kind](kind, details.get(allowed[0], ""))
        return cls(kind)


def _whatsapp(kind, detail) -> Way:
    if not isinstance(detail, str) or phone_digits(detail) is None:
        raise _fail("phone.invalid", value=detail)
    return Way("whatsapp", phone=detail)


def _form(kind, detail) -> Way:
    return Way("form", url=_https(detail))


def _letter(kind, detail) -> Way:
    detail = detail or {}
    if not isinstance(detail, dict) or set(detail) - {"group", "lists"}:
        raise _fail("letter.shape")
    group = _integer(detail["group"]) if detail.get("group") is not None else None
    if group is not None and group < 2:
        raise _fail("letter.group", value=group)
    return Way("letter", group=group, lists=_text(detail.get("lists")))


def _unknown_way(kind, detail) -> Way:
    raise _fail("registration.way", value=kind, allowed=", ".join(WAY_KINDS))


_DETAILED = {"whatsapp": _whatsapp, "form": _form, "letter": _letter}

Rupiah = Annotated[int, BeforeValidator(_rupiah), _schema(type="integer", minimum=0, examples=[350000])]
EMAIL_PATTERN = r"^[^@\s?&#%/]+@[^@\s?&#%/]+\.[^@\s?&#%/]+$"
"""An office's e-mail as editors check it (JSON Schema, the form): one address, a dot in its domain, and
none of the characters a ``mailto:`` link gives a meaning (``?bcc=`` would copy every letter elsewhere)."""


def _email(value: str) -> str:
    """``EMAIL_PATTERN``, and an address the standard library's parser reads (RFC 5322 addr-spec)."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        address = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError):
        raise _fail("email.invalid", value=value) from None
    if address.addr_spec != value or not re.match(EMAIL_PATTERN, value):
        raise _fail("email.invalid", value=value)
    return value


Email = Annotated[str, BeforeValidator(_text), AfterValidator(_email), _schema(type="string", pattern=EMAIL_PATTERN)]
HttpsUrl = Annotated[str, BeforeValidator(_text), AfterValidator(_https),
                     _schema(type="string", pattern="^https://[^\\s<>\"']+$")]
RegistrationWay = Annotated[Way, BeforeValidator(Way.parse), _schema(
    anyOf=[{"type": "string", "enum": ["walk-in", "m-paspor"]},
           {"type": "object", "properties": {"whatsapp": {"type": "string"}}, "required": ["whatsapp"],
            "additionalProperties": False},
           {"type": "object", "properties": {"form": {"type": "string", "pattern": "^https://"}},
            "required": ["form"], "additionalProperties": False},
           {"type": "object", "properties": {"letter": {"type": "object", "properties": {
               "group": {"type": "integer", "minimum": 2}, "lists": {"type": "string"}},
               "additionalProperties": False}}, "required": ["letter"], "additionalProperties": False},
           {"type": "object", "required": ["type"], "additionalProperties": False, "properties": {
               "type": {"enum": list(WAY_KINDS)}, "phone": {"type": "string"},
               "url": {"type": "string", "pattern": "^https://"}, "group": {"type": "integer", "minimum": 2},
               "lists": {"type": "string"}}}])]
