"""What staff write, field by field: the pydantic models of the three kinds of file.

Each field's docstring is what editors show (the published JSON Schema comes
from these models) and what docs/format-jadwal.md lists.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from jemput.schedule.values import (
    Count,
    Geo,
    Identifier,
    IsoDate,
    LongText,
    OpeningHours,
    RegionCode,
    Status,
    Text,
    TextList,
    TimeZoneName,
    Url,
    VisitType,
)


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
    """scheduled, postponed, cancelled, full, or withdrawn (published by mistake; needs a status_note)."""
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

