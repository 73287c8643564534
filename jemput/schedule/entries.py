"""What staff write, field by field: the pydantic models of the four kinds of file.

Each field's docstring is what editors show (the published JSON Schema comes
from these models) and what docs/format-jadwal.md lists.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from jemput.schedule.values import (
    Count,
    Email,
    Geo,
    HttpsUrl,
    Identifier,
    IsoDate,
    LongText,
    OpeningHours,
    RegionCode,
    RegistrationWay,
    Rupiah,
    Status,
    Text,
    TextList,
    TimeZoneName,
    VisitType,
    _fail,
)


class _Entry(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, arbitrary_types_allowed=True,
    )

    def __reduce__(self):
        """Pickled as its checked fields (the build cache keeps checked files): read back several
        times faster than through pydantic's own state, and without checking again."""
        return _rebuilt, (type(self), self.__dict__, self.__pydantic_fields_set__)


def _rebuilt(cls, fields: dict, names: set) -> _Entry:
    entry = cls.__new__(cls)
    object.__setattr__(entry, "__dict__", fields)
    object.__setattr__(entry, "__pydantic_fields_set__", names)
    object.__setattr__(entry, "__pydantic_extra__", None)
    object.__setattr__(entry, "__pydantic_private__", None)
    return entry


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
    email: Email | None = None
    """Public e-mail address."""
    website: HttpsUrl | None = None
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
    """Services offered, by their id in services.yaml: paspor-baru, penggantian-paspor."""
    documents: DocumentChanges | None = None
    """Documents to add to or drop from the services' list, for this visit only."""
    requirements: TextList = []
    """Old form of the documents, free text: kept for one release; use services and documents."""
    quota: Count | None = None
    """Number of applicants that can be served in all."""
    quota_per_day: Count | None = None
    """Number of applicants that can be served each day."""
    contact: Text | None = None
    """How to reach the organisers (sample numbers only in examples)."""
    registration: Annotated[RegistrationEntry | None, BeforeValidator(_registration)] = None
    """How to get a place: ways (walk-in, m-paspor, whatsapp, form, letter) and optional dates;
    a bare https:// address is a form."""
    status: Status = "scheduled"
    """scheduled, postponed, cancelled, full, or withdrawn (published by mistake; needs a status_note)."""
    status_note: Text | None = None
    """Why the status changed, shown beside it."""
    description: LongText | None = None
    """More text, in Markdown."""
    results: ResultsEntry | None = None
    """What the visit achieved, written after its last day: applications by service, attendees, a note."""


OWN_FIELDS = ("id", "results")
"""Fields of one visit alone, never under ``defaults:``: an id is unique, and results copied to every
visit of a file would count the same people once for each."""


class ResultsEntry(_Entry):
    """What a visit achieved, as the office reports it once the visit is over."""

    served: dict[str, Count] = {}
    """Applications taken in, by service id of the visit: {paspor-baru: 143, penggantian-paspor: 12}."""
    attendees: Count | None = None
    """People who attended an information session or a school visit: 200."""
    note: LongText | None = None
    """One or two sentences on how it went, in Markdown."""
    link: HttpsUrl | None = None
    """The office's own news item about the visit (https://...)."""

    @model_validator(mode="after")
    def _says_something(self):
        if not self.served and self.attendees is None and self.note is None:
            raise _fail("results.empty")
        return self

    @property
    def served_total(self) -> int:
        return sum(self.served.values())


class DocumentEntry(_Entry):
    """A document to bring, or a choice of documents of which one is enough."""

    name: Text | None = None
    """The document: KTP-el."""
    one_of: list[Text] | None = None
    """Documents of which any one will do: [Akta kelahiran, Buku nikah, Ijazah]."""
    note: Text | None = None
    """What to know about it: asli dan fotokopi A4."""

    @model_validator(mode="after")
    def _one_form(self):
        if (self.name is None) == (self.one_of is None):
            raise _fail("document.shape")
        if self.one_of is not None and len(self.one_of) < 2:
            raise _fail("document.one_of_single", value=self.one_of[0] if self.one_of else "")
        return self


class FeeEntry(_Entry):
    """One fee line of a service, as the regulation sets it."""

    label: Text = Field(alias="for")
    """What the fee is for: Paspor biasa (non-elektronik) 5 tahun."""
    amount: Rupiah
    """Amount in rupiah, digits only: 350000."""
    regulation: Text | None = None
    """The regulation that sets it: PP 45/2024."""
    date: IsoDate | None = None
    """The regulation's date (YYYY-MM-DD)."""


class ServiceEntry(_Entry):
    """A service offered at visits (``schedules/services.yaml``, or an office's own)."""

    id: Identifier
    """Short name events use: paspor-baru."""
    name: Text
    """Name as the public reads it: Paspor baru."""
    summary: Text | None = None
    """One sentence: what it is."""
    who: Text | None = None
    """Who may apply."""
    documents: list[DocumentEntry] = []
    """What to bring, in order."""
    fees: list[FeeEntry] = []
    """What it costs; none: free."""
    processing: Text | None = None
    """How long it usually takes."""
    not_served: TextList = []
    """What is not served at an outreach visit (for example lost passports)."""


class ServicesFile(_Entry):
    """A service catalogue: the national one, or an office's own services."""

    about: Text | None = None
    """What to know about all fees, shown on the fee page (national catalogue)."""
    services: list[dict]
    """The services."""


class DocumentChanges(_Entry):
    """A visit's changes to its services' documents."""

    add: TextList = []
    """Documents to bring besides the services' own."""
    drop: TextList = []
    """Documents of the services not asked for at this visit, by name."""
    note: Text | None = None
    """A note for all documents: bawa asli dan fotokopi A4."""


class RegistrationEntry(_Entry):
    """How people get a place, and when they can."""

    ways: list[RegistrationWay]
    """walk-in, m-paspor, {whatsapp: "0812-..."}, {form: https://...}, {letter: {group: 30}}."""
    opens: IsoDate | None = None
    """First day of registration (YYYY-MM-DD)."""
    closes: IsoDate | None = None
    """Last day of registration (YYYY-MM-DD)."""

    @model_validator(mode="after")
    def _in_order(self):
        if self.opens and self.closes and self.closes < self.opens:
            raise _fail("registration.dates", opens=self.opens, closes=self.closes)
        return self


def _registration(value):
    """A bare address is the old form of a registration link: a form."""
    return {"ways": [{"form": value}]} if isinstance(value, str) else value


class ScheduleFile(_Entry):
    """An event file: optional defaults and a list of events."""

    office: Identifier | None = None
    """The office folder it is in: serang. Written by the editor, which lists an office's files by it."""
    title: Text | None = None
    """What the file holds, for the editor's list; the editor names a new file after it: Jadwal Desember 2026."""
    defaults: dict | None = None
    """Values applied to every event below unless the event says otherwise."""
    events: list[dict]
    """The visits."""


EventEntry.model_rebuild()  # its documents and registration are declared below it
