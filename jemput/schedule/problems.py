"""Problems found in staff files, carrying the place they were found, and their wording.

A problem stores a message code and its parameters, not text: the words are
chosen when it is reported, in the reader's language (``jemput/text.py``).
Every code has a message and a hint; staff read them in the GitHub web editor's
check results, so each hint says what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jemput.text import N_, Text

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. Lines and columns count from 1, as editors show them."""

    path: str
    line: int
    column: int
    field: str
    code: str
    params: tuple[tuple[str, str], ...] = ()
    severity: str = ERROR

    def text(self, lang: str = "id") -> str:
        """``path:line:column: field: what is wrong (how to fix)``."""
        message, hint = render_message(self.code, dict(self.params), lang)
        where = f"{self.path}:{self.line}:{self.column}"
        label = "" if self.severity == ERROR else f"{_warning_label(lang)}: "
        what = f"{self.field}: {message}" if self.field else message
        return f"{where}: {label}{what}" + (f" ({hint})" if hint else "")

    def __str__(self) -> str:
        return self.text()


def _warning_label(lang: str) -> str:
    return Text(lang).gettext("warning")


def problem(path, line, column, field_path, code, /, severity=ERROR, **params) -> Problem:
    """Build a Problem; parameters are kept as sorted text pairs so it stays hashable."""
    pairs = tuple(sorted((k, str(v)) for k, v in params.items()))
    return Problem(str(path), line, column, field_path, code, pairs, severity)


@dataclass
class ScheduleError(Exception):
    """Raised once, after every file was read, when any problem is an error."""

    problems: list[Problem] = field(default_factory=list)
    lang: str = "id"

    def __str__(self) -> str:
        return "\n".join(p.text(self.lang) for p in sorted(self.problems))


class Problems:
    """Collects problems across files so that all are reported in one run."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, item: Problem) -> None:
        self.items.append(item)

    def extend(self, items) -> None:
        self.items.extend(items)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == WARNING)

    def raise_if_errors(self, lang: str = "id") -> None:
        if self.errors:
            raise ScheduleError(self.errors, lang)


WORDING = {
    "file.too_large": (N_("file too large ({size} bytes, limit {limit})"),
                       N_("split the schedule into several files, e.g. one per month")),
    "file.empty": (N_("file is empty"),
                   N_("fill it in or delete the file")),
    "file.bom": (N_("file starts with a byte-order mark"),
                 N_("save as UTF-8 without BOM; the file is still read")),
    "file.not_utf8": (N_("file is not UTF-8 text"),
                      N_("save the file again as UTF-8")),
    "file.misplaced": (N_("schedule files belong in an office folder"),
                       N_("move it to schedules/<office>/; only programs.yaml and services.yaml live here")),
    "file.not_read_name": (N_("this file is not read: a schedule file's name ends in .yaml"),
                           N_("rename it {name}")),
    "file.not_read": (N_("not read: an office folder holds only office.yaml, services.yaml and schedule "
                         "files (.yaml)"),
                      N_("move it out of schedules/, or the schedules in it up into {folder}")),
    "office.missing_file": (N_("office folder without office.yaml"),
                            N_("create {folder}/office.yaml with the office's details")),
    "office.not_found": (N_("no office folder '{value}' to preview"),
                         N_("{suggestion} name a folder in schedules/")),
    "office.folder_invalid": (N_("office folder name '{value}' is not an id"),
                              N_("rename the folder with lower-case letters, digits and hyphens, e.g. "
                                 "{suggested}, and write the same in its office.yaml: id: {suggested}")),
    "office.id_mismatch": (N_("office id '{value}' differs from the folder name '{folder}'"),
                           N_("write id: {folder}")),
    "file.control_character": (N_("control character {code} is not allowed"),
                               N_("delete it or replace it with a space (text pasted from a word processor "
                                  "often brings one)")),
    "yaml.tab": (N_("tab character"),
                 N_("replace tabs with spaces; YAML indents with spaces only")),
    "yaml.syntax": (N_("invalid YAML: {detail}"),
                    N_("check indentation and colons; quote text containing ': ' or '#'")),
    "yaml.alias": (N_("YAML aliases (*name) are not allowed"),
                   N_("write the value out in full")),
    "yaml.anchor": (N_("YAML anchors (&name) are not allowed"),
                    N_("remove &name and write values out in full")),
    "yaml.duplicate_key": (N_("key '{key}' is written twice (first on line {first_line})"),
                           N_("remove one of them")),
    "yaml.complex_key": (N_("keys must be plain text"),
                         N_("write keys like title: ...")),
    "yaml.many_documents": (N_("a file holds one document only"),
                            N_("remove the second '---' line")),
    "yaml.too_deep": (N_("data nested too deeply"),
                      N_("check the indentation")),
    "field.missing": (N_("required field '{name}' is missing"),
                      N_("add {name}: ...")),
    "field.unknown": (N_("unknown field '{name}'"),
                      N_("{suggestion}")),
    "defaults.own_field": (N_("'{name}' belongs to one visit, not to defaults"),
                           N_("move {name}: under the visit it belongs to; defaults apply to every visit of the "
                              "file")),
    "value.not_text": (N_("must be text, not a list or mapping"),
                       N_("write the value on the same line")),
    "value.invalid": (N_("invalid value: {detail}"),
                      N_("see docs/format-jadwal.md")),
    "mapping.expected": (N_("must be a mapping of fields"),
                         N_("write the fields on the next lines, indented by two spaces")),
    "list.expected": (N_("must be a list"),
                      N_("write each item on its own line starting with '- '")),
    "text.empty": (N_("must not be empty"),
                   N_("fill in the value or remove the line")),
    "text.too_long": (N_("text too long"),
                      N_("shorten it")),
    "id.invalid": (N_("id '{value}' is not valid"),
                   N_("use lower-case letters, digits and hyphens, e.g. al-faruq-2022")),
    "id.duplicate": (N_("id '{value}' is already used at {first}"),
                     N_("choose another id; ids are never reused")),
    "date.format": (N_("date '{value}' is not in YYYY-MM-DD form"),
                    N_("write e.g. 2022-08-04")),
    "date.not_real": (N_("date '{value}' does not exist"),
                      N_("check the day and month")),
    "date.end_before_start": (N_("end {end} is before start {start}"),
                              N_("end is the last day: the same as start or later")),
    "date.closed_outside": (N_("closed day {value} is outside the event"),
                            N_("remove it from closed")),
    "date.all_closed": (N_("every day of the event is closed"),
                        N_("check the closed list")),
    "hours.format": (N_("hours '{value}' are not HH:MM-HH:MM"),
                     N_('write the opening and closing time in quotes, e.g. hours: "08:00-15:00"')),
    "hours.not_real": (N_("hours '{value}' do not exist"),
                       N_("hours 00-23, minutes 00-59")),
    "hours.order": (N_("closing time in '{value}' is not after opening"),
                    N_("write opening then closing, e.g. 08:00-15:00")),
    "field.empty": (N_("'{name}' has no value"),
                    N_("write its value after the colon; a field that may be left out can also be deleted")),
    "integer.negative": (N_("'{value}' is below zero"),
                         N_("write 0 or more, e.g. 300")),
    "integer.invalid": (N_("'{value}' is not a whole number"),
                        N_("write digits only, e.g. 300")),
    "url.invalid": (N_("address '{value}' is not valid"),
                    N_("write a full address starting with https://")),
    "region_code.invalid": (N_("region code '{value}' is not valid"),
                            N_('quote it, e.g. "32.01.01.2001"')),
    "timezone.unknown": (N_("unknown time zone '{value}'"),
                         N_("e.g. Asia/Jakarta")),
    "timezone.not_allowed": (N_("time zone '{value}' is not accepted"),
                             N_("choose one of: {allowed}")),
    "choice.invalid": (N_("'{value}' is not one of the choices"),
                       N_("{suggestion} choose one of: {allowed}")),
    "geo.format": (N_("geo must be two numbers [latitude, longitude]"),
                   N_("write e.g. geo: [-6.31, 106.10]")),
    "geo.range": (N_("coordinates {lat}, {lon} are out of range"),
                  N_("latitude -90..90, longitude -180..180")),
    "program.unknown": (N_("program '{value}' is not in programs.yaml"),
                        N_("{suggestion}")),
    "announcement.unknown_event": (N_("event '{value}' not found"),
                                   N_("{suggestion}")),
    "yaml.comment_in_value": (N_("text '{rest}' after '{value}' was read as a comment"),
                              N_('quote the whole value, e.g. "{value} {rest}"')),
    "yaml.boolean_word": (N_("'{value}' is not one of the choices (old YAML reads it as yes/no)"),
                          N_("{suggestion} choose one of: {allowed}")),
    "integer.leading_zero": (N_("'{value}' is read as the number {number}"),
                             N_("write it without leading zeros")),
    "warn.past_new": (N_("this new event is already over (last day {end})"),
                      N_("check the year of start and end; ignore if it records the archive")),
    "warn.moved_past": (N_("the public was told this visit lasts until {before}; it now ended on {end}, "
                           "before today"),
                        N_("check the year of start and end; to call the visit off, write status: cancelled")),
    "warn.far_future": (N_("event starts more than a year ahead ({start})"),
                        N_("check the year")),
    "warn.same_place_time": (N_("same place and time as {other}"),
                             N_("check date and hours, or remove the duplicate")),
    "warn.geo_outside": (N_("coordinates {lat}, {lon} are outside Indonesia"),
                         N_("write latitude first, then longitude, e.g. [-6.31, 106.10]")),
    "geo.swapped": (N_("coordinates {lat}, {lon} look swapped"),
                    N_("latitude first, then longitude: [{lon}, {lat}]")),
    "warn.quota_zero": (N_("quota is 0"),
                        N_("remove quota if unlimited, or write status: full when booked out")),
    "file.symlink": (N_("a symbolic link (to {target}) is not read"),
                     N_("copy the file into the folder instead; nothing outside it is read")),
    "email.invalid": (N_("'{value}' is not an e-mail address"),
                      N_("write one address alone, e.g. humas@serang.imigrasi.go.id")),
    "content.too_large": (N_("file too large ({size} bytes, limit {limit})"),
                          N_("shorten it: every feed carries an announcement whole; put a long document on the "
                             "office's website and link to it")),
    "content.pelican_link": (N_("link '{value}' is not allowed: it would copy the file it names into the "
                                "public site"),
                             N_("write the full address (https://...) or the address of a page of this site, "
                                "without {{...}} or |...|")),
    "content.not_markdown": (N_("announcements and pages are Markdown files (.md)"),
                             N_("save it as a .md file with Title: and Date: lines at the top")),
    "header.unknown": (N_("header '{name}' is not allowed"),
                       N_("{suggestion} allowed headers: {allowed}")),
    "header.missing": (N_("header '{name}:' is missing"),
                       N_("add a line {name}: ... at the top")),
    "header.duplicate": (N_("header '{key}' is written twice (first on line {first_line})"),
                         N_("remove one of them")),
    "header.date_format": (N_("date '{value}' is not YYYY-MM-DD or YYYY-MM-DD HH:MM"),
                           N_("write e.g. Date: 2026-11-20 08:00")),
    "header.event_key": (N_("'{value}' is not an event key office/event"),
                         N_("write e.g. Events: serang/al-faruq-2022, blitar/desa-2024")),
    "header.events_on_page": (N_("a page names no events; only announcements do"),
                              N_("remove the Events: line, or move the file to content/pengumuman/")),
    "announcement.folder_unknown": (N_("folder '{value}' is not an office"),
                                    N_("keep an office's announcements in its folder ({offices}); national "
                                       "ones directly in content/pengumuman/")),
    "announcement.other_office": (N_("an announcement of office '{office}' names '{value}' of another office"),
                                  N_("ask that office or the central team to announce it; national "
                                     "announcements stand directly in content/pengumuman/")),
    "output.collision": (N_("file '{path}' would be written twice: by {first} and by {second}"),
                         N_("change the Slug: of the announcement or page, or the id; that address is taken")),
    "status.note_required": (N_("a withdrawn visit needs a status_note saying why"),
                             N_("add e.g. status_note: Diterbitkan karena kekeliruan; tanggal belum ditetapkan")),
    "event.deleted": (N_("event '{value}' was published and is gone from the schedules (it was last here)"),
                      N_("put it back with status: cancelled, or status: withdrawn and a status_note if it was "
                         "published by mistake; a published visit is never deleted")),
    "ledger.broken": (N_("the revision ledger is damaged: {detail}"),
                      N_("restore it from the live site (git show origin/gh-pages:revisions.json > "
                         "output/revisions.json); to start its history anew, delete it (see docs/calendars.md)")),
    "ledger.invalid": (N_("the revision ledger holds a value it cannot use: {detail}"),
                       N_("restore it from the live site (git show origin/gh-pages:revisions.json > "
                          "output/revisions.json); it is not edited by hand (see docs/calendars.md)")),
    "fee.amount": (N_("'{value}' is not an amount in rupiah"),
                   N_("write digits only, without dots or Rp: 350000")),
    "url.not_https": (N_("address '{value}' is not https"),
                      N_("write the address starting with https://")),
    "phone.invalid": (N_("'{value}' is not an Indonesian mobile number"),
                      N_("write e.g. whatsapp: \"0812-3456-7890\"")),
    "registration.way": (N_("'{value}' is not a way to register"),
                         N_("choose one of: {allowed}")),
    "registration.way_detail": (N_("'{value}' needs its details"),
                                N_("write it as {example}")),
    "schedule.office_mismatch": (N_("the file says office '{value}' but lies in the folder of '{folder}'"),
                                 N_("write office: {folder}, or move the file to schedules/{value}/")),
    "registration.way_fields": (N_("a way of type {kind} holds only: {fields}"),
                                N_("remove the other fields, e.g. type: whatsapp with phone: \"0812-3456-7890\"")),
    "letter.shape": (N_("a collective letter is written with group: and lists:"),
                     N_("write e.g. letter: {{group: 30, lists: nama, tanggal lahir dan NIK}}")),
    "letter.group": (N_("a group of {value} is too small"),
                     N_("write the least number of people in the group, 2 or more, e.g. group: 30")),
    "registration.dates": (N_("registration closes ({closes}) before it opens ({opens})"),
                           N_("swap opens and closes")),
    "document.shape": (N_("a document has either name: or one_of:"),
                       N_("write e.g. - name: KTP-el, or - one_of: [Akta kelahiran, Ijazah]")),
    "document.one_of_single": (N_("one_of needs two documents or more"),
                               N_("write it as name: {value}")),
    "document.unknown": (N_("document '{value}' is not one of its services' documents"),
                         N_("{suggestion} drop: names a document of the services")),
    "service.unknown": (N_("service '{value}' is not in services.yaml"),
                        N_("{suggestion} write an id from schedules/services.yaml")),
    "service.free_text": (N_("service '{value}' is written as text, not as an id"),
                          N_("{suggestion} write the id from schedules/services.yaml; text is no longer accepted "
                             "in the next release")),
    "requirements.free_text": (N_("requirements is the old form of what to bring"),
                               N_("documents now come from the services; add others with documents: add: [...]; "
                                  "requirements is no longer accepted in the next release")),
    "warn.holiday": (N_("{day} is a holiday: {name}"),
                     N_("check the date; most people and offices are off")),
    "warn.registration_after_start": (N_("registration closes on {closes}, after the visit starts on {start}"),
                                      N_("let registration close before the first day")),
    "warn.quota_no_registration": (N_("a quota, but no way to register"),
                                   N_("add registration: with its ways, so people know how to get a place")),
    "warn.fee_no_regulation": (N_("a fee without the regulation that sets it"),
                               N_("add regulation: and date:, e.g. regulation: PP 45/2024")),
    "warn.description_html": (N_("the description holds HTML or an image, which the page does not show"),
                              N_("write Markdown only: **bold**, lists and [links](https://...)")),
    "region_code.unknown": (N_("region code '{value}' is not in Kemendagri's list"),
                            N_("the nearest codes: {nearest}")),
    "region_code.name_mismatch": (N_("'{written}' is not the name of region {code}: it is '{official}'"),
                                  N_("write the official name, or leave the field out: the code gives it")),
    "region.unofficial": (N_("'{written}' is not an official region name"),
                          N_("did you mean '{suggest}'? (names as in Kemendagri's list)")),
    "region.zone": (N_("{province} keeps {expected} time, but the visit's time zone is {zone}"),
                    N_("check timezone: and the venue's province")),
    "warn.glyphs_missing": (N_("the share image's font has no shape for {letters}: they show as empty boxes"),
                            N_("write the name in Latin letters, or add the Latin name beside it")),
    "results.empty": (N_("results say nothing"),
                      N_("write served: (people served, by service), attendees: or note:, or remove results:")),
    "results.not_held": (N_("a visit with status {status} has no results"),
                         N_("remove results:, or set the status the visit really had")),
    "results.not_ended": (N_("results of a visit that has not ended (last day {end})"),
                          N_("add the results from the last day on, once its service is over; until then "
                             "leave results: out")),
    "results.service_not_offered": (N_("service '{value}' is not one of the visit's services ({offered})"),
                                    N_("{suggestion} count only services listed in the visit's services:")),
    "warn.results_missing": (N_("the visit ended on {end}, more than {days} days ago, and has no results"),
                             N_("add results: with served:, attendees: or note:; docs/format-jadwal.md shows how")),
    "suggest": (N_("did you mean '{value}'?"),
                ""),
    "suggest.none": (N_("check the spelling"),
                     ""),
}
"""Code -> (message, hint), in English; the catalogues hold every language's words."""


YAML_DETAILS = (
    # (what libyaml or PyYAML says, matched as a pattern; what it means to staff)
    (r"mapping values are not allowed", N_("a colon and a space inside a value")),
    (r"did not find expected key|expected <block end>|expected '-' indicator",
     N_("this line is not indented like the lines above it")),
    (r"block sequence entries are not allowed", N_("a list item ('- ') is not indented like the others")),
    (r"cannot start any token", N_("a value starts with a character YAML keeps for itself (@, ` or %)")),
    (r"could not find expected ':'", N_("a line without ':' where a field was expected")),
    (r"alphabetic or numeric character", N_("& or * with no name after it")),
    (r"unexpected end of stream", N_("the file ends before a quote is closed")),
    (r"expected ',' or '[}\]]'", N_("a bracket { or [ is not closed")),
)
"""PyYAML's words for a syntax error (English, about tokens), as staff can act on them."""


def yaml_detail(detail: str) -> str:
    """What a YAML syntax error means, in the words of ``YAML_DETAILS`` (translated when shown)."""
    for pattern, meaning in YAML_DETAILS:
        if re.search(pattern, detail):
            return meaning
    return detail


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_message(code: str, params: dict, lang: str = "id") -> tuple[str, str]:
    """The (message, hint) for a problem code, filled with its parameters.

    A ``suggest`` parameter (a close match, or "" when none) becomes the
    "did you mean" text in the reader's language.
    """
    text = Text(lang)
    message, hint = (text.gettext(part) if part else "" for part in WORDING.get(code, WORDING["value.invalid"]))
    values = _Blank(params)
    detail = params.get("detail") if code == "yaml.syntax" else None
    if detail:  # one of YAML_DETAILS, said in the reader's language
        values["detail"] = text.gettext(detail)
    if "suggest" in params:
        key = "suggest" if params["suggest"] else "suggest.none"
        values["suggestion"] = text.gettext(WORDING[key][0]).format(value=params["suggest"])
        if key == "suggest.none" and hint.strip() != "{suggestion}":  # "periksa ejaannya; tulis id dari ..."
            values["suggestion"] += ";"
    return message.format_map(values), hint.format_map(values).strip()
