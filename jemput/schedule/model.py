"""Step 2: the typed, immutable model of offices, programs and events.

The pydantic models describe the files exactly as staff write them (and give
the published JSON Schema); every value arrives as text from ``loading`` and is
typed here, never by YAML's guessing. ``Event`` is the resolved form the
generator and the format modules use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

INDONESIAN_ZONES = ("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")
STATUSES = ("scheduled", "postponed", "cancelled", "full")

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
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


class _Entry(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, use_attribute_docstrings=True,
        arbitrary_types_allowed=True,
    )


class Target(_Entry):
    places: Count
    """How many places the program aims to reach, e.g. 77."""
    by: IsoDate | None = None
    """The date by which the target should be reached (YYYY-MM-DD)."""


class ProgramEntry(_Entry):
    """A national program shared by all offices (``schedules/programs.yaml``)."""

    id: Identifier
    """Short name used in URLs, lower-case letters, digits and hyphens: paspor-masuk-desa."""
    name: Text
    """Full name as the public reads it: Paspor Masuk Desa."""
    summary: Text | None = None
    """One sentence about the program."""
    description: LongText | None = None
    """Longer text in Markdown."""
    target: Target | None = None
    """Optional target; the program page shows progress towards it."""


class OfficeEntry(_Entry):
    """An office (``schedules/<office>/office.yaml``). The folder name is its id."""

    id: Identifier
    """Must equal the folder name: serang."""
    name: Text
    """Official name: Kantor Imigrasi Kelas I Non TPI Serang."""
    short_name: Text | None = None
    """Short name for lists: Kanim Serang."""
    province: Text
    """Province where the office stands: Banten."""
    timezone: TimeZoneName
    """Time zone of the office: Asia/Jakarta, Asia/Pontianak, Asia/Makassar or Asia/Jayapura."""
    address: Text | None = None
    """Street address of the office."""
    phone: Text | None = None
    """Public telephone number, written as text: "(0254) 000 000"."""
    email: Text | None = None
    """Public e-mail address."""
    website: Url | None = None
    """Office website (https://...)."""


class VenueEntry(_Entry):
    """Where a visit takes place."""

    name: Text
    """Name of the place: Majelis Dzikir Al-Faruq."""
    address: Text | None = None
    """Street address."""
    village: Text | None = None
    """Desa or kelurahan."""
    district: Text | None = None
    """Kecamatan."""
    regency: Text | None = None
    """Kabupaten or kota: Kabupaten Pandeglang."""
    province: Text | None = None
    """Province; the office's province when absent."""
    region_code: RegionCode | None = None
    """Official region code, always text: "32.01.01.2001"."""
    geo: Geo | None = None
    """Latitude and longitude: [-6.31, 106.10]."""


class EventEntry(_Entry):
    """One visit, as written in an event file of an office folder."""

    id: Identifier
    """Unique within the office, never reused; part of the URL and calendar UID."""
    type: VisitType
    """Kind of visit: village, majelis or school."""
    title: Text
    """Title shown to the public."""
    program: Identifier | None = None
    """Id of a program from programs.yaml: paspor-masuk-desa."""
    start: IsoDate
    """First day (YYYY-MM-DD)."""
    end: IsoDate | None = None
    """Last day, inclusive (YYYY-MM-DD); absent for a one-day visit."""
    hours: OpeningHours | None = None
    """Daily opening hours in local time, "08:00-15:00"; absent for all day."""
    closed: list[IsoDate] = []
    """Days inside the range without service."""
    timezone: TimeZoneName | None = None
    """Time zone when it differs from the office's."""
    venue: VenueEntry
    """Where the visit takes place."""
    partner: Text | None = None
    """Host or partner organisation."""
    services: TextList = []
    """Services offered: paspor-baru, penggantian-paspor."""
    requirements: TextList = []
    """What to bring."""
    quota: Count | None = None
    """Number of applicants that can be served."""
    contact: Text | None = None
    """How to reach the organisers (sample numbers only in examples)."""
    registration: Url | None = None
    """Registration link (https://...)."""
    status: Status = "scheduled"
    """scheduled, postponed, cancelled or full."""
    status_note: Text | None = None
    """Why the status changed, shown beside it."""
    description: LongText | None = None
    """More text, in Markdown."""


class ScheduleFile(_Entry):
    """An event file: optional defaults and a list of events."""

    defaults: dict | None = None
    """Values applied to every event below unless the event says otherwise."""
    events: list[dict]
    """The visits."""


@dataclass(frozen=True)
class Office:
    entry: OfficeEntry
    source: str

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.entry.timezone)


@dataclass(frozen=True)
class Program:
    entry: ProgramEntry

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass(frozen=True)
class Event:
    """A validated visit with its office and program resolved."""

    entry: EventEntry
    office: Office
    program: Program | None
    source: str
    """File the event was read from, as shown in messages."""
    line: int
    """Line of the event in that file."""
    id_column: int = 1
    """Column of the event's id value, for messages about the id."""
    path_in_file: str = "events"
    """Where the event stands in its file: ``events[2]``."""
    key: str = field(init=False)
    """``office/event``: unique in the site; announcements name events by it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.office.id}/{self.entry.id}")

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def timezone(self) -> str:
        return self.entry.timezone or self.office.entry.timezone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def last_day(self) -> date:
        return self.entry.end or self.entry.start

    @property
    def province(self) -> str:
        return self.entry.venue.province or self.office.entry.province

    @property
    def service_days(self) -> tuple[date, ...]:
        """Every day from start to end on which service is held (closed days left out)."""
        closed = set(self.entry.closed)
        days, day = [], self.entry.start
        while day <= self.last_day:
            if day not in closed:
                days.append(day)
            day += timedelta(days=1)
        return tuple(days)

    def starts_at(self, day: date) -> datetime:
        opens = self.entry.hours.opens if self.entry.hours else time(0)
        return datetime.combine(day, opens, self.zone)

    def ends_at(self, day: date) -> datetime:
        if self.entry.hours:
            return datetime.combine(day, self.entry.hours.closes, self.zone)
        return datetime.combine(day + timedelta(days=1), time(0), self.zone)
