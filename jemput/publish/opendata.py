"""Open data: every event, past and future, as JSON and CSV; schema.org JSON-LD per event.

The field list is versioned (``SCHEMA_VERSION``) and documented in
docs/open-data.md; a field is only ever added, never renamed or removed,
within one version.
"""

from __future__ import annotations

import io
import json

# csv's writer, with every text cell that a spreadsheet would run as a formula (=, +, -, @, |, %)
# written as text ("'=..."): open data is opened in Excel and LibreOffice by people who trust it.
from defusedcsv import csv

from jemput.publish.results import RESULT_FIELDS, result_fields
from jemput.schedule.model import Event
from jemput.site.formatting import iso_moment
from jemput.site.services import documents_named

SCHEMA_VERSION = 1
FIELDS = (
    "key", "uid", "office_id", "office_name", "event_id", "title", "type", "program_id",
    "program_name", "status", "status_note", "start", "end", "hours_open", "hours_close",
    "timezone", "closed", "venue_name", "address", "village", "district", "regency",
    "province", "region_code", "latitude", "longitude", "partner", "services",
    "requirements", "quota", "contact", "registration", "url", "ics_url",
    "service_ids", "fee_min", "fee_max", "documents", "registration_ways", "registration_opens",
    "registration_closes", "whatsapp", "quota_per_day", "not_served", "province_code", "regency_code",
    *RESULT_FIELDS,
)
LIST_SEPARATOR = "; "
SCHEMA_ORG_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "full": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
    "withdrawn": "https://schema.org/EventCancelled",
}


def event_record(event: Event, uid: str, url: str, ics_url: str, record=None) -> dict:
    """One event as a flat record; lists stay lists here (JSON) and are joined for CSV. ``record``: its
    revision ledger record, which knows when its results were published."""
    entry, venue = event.entry, event.entry.venue
    geo = venue.geo or (None, None)
    return {
        "key": event.key, "uid": uid, "office_id": event.office.id,
        "office_name": event.office.entry.name, "event_id": event.id, "title": entry.title,
        "type": entry.type, "program_id": event.program.id if event.program else None,
        "program_name": event.program.entry.name if event.program else None,
        "status": entry.status, "status_note": entry.status_note,
        "start": entry.start.isoformat(), "end": event.last_day.isoformat(),
        "hours_open": f"{entry.hours.opens:%H:%M}" if entry.hours else None,
        "hours_close": f"{entry.hours.closes:%H:%M}" if entry.hours else None,
        "timezone": event.timezone, "closed": [d.isoformat() for d in sorted(entry.closed)],
        "venue_name": venue.name, "address": venue.address, "village": venue.village,
        "district": venue.district, "regency": event.regency, "province": event.province,
        "region_code": venue.region_code,
        "latitude": str(geo[0]) if geo[0] is not None else None,
        "longitude": str(geo[1]) if geo[1] is not None else None,
        "partner": entry.partner, "services": list(entry.services),
        "requirements": list(entry.requirements), "quota": entry.quota,
        "contact": entry.contact, "registration": _form(entry.registration), "url": url, "ics_url": ics_url,
        **_taking_part(event),
        "province_code": event.region.province_code if event.region else None,
        "regency_code": event.region.regency_code if event.region else None,
        **result_fields(event, record),
    }


def _form(registration) -> str | None:
    """The registration link, as version 1 had it: the first form's address."""
    forms = [way.url for way in registration.ways if way.kind == "form"] if registration else []
    return forms[0] if forms else None


def _taking_part(event: Event) -> dict:
    entry, registration = event.entry, event.entry.registration
    # A service without a fee line is free: it makes the lowest fee 0 (a visit with a free consultation
    # and a paid passport costs from 0).
    fees = [fee.amount for service in event.services for fee in service.entry.fees] \
        + [0 for service in event.services if not service.entry.fees]
    ways = registration.ways if registration else ()
    phones = [way.phone for way in ways if way.kind == "whatsapp"]
    return {
        "service_ids": [service.id for service in event.services],
        "fee_min": min(fees) if fees else None,
        "fee_max": max(fees) if fees else None,
        "documents": documents_named(event),
        "registration_ways": [way.kind for way in ways],
        "registration_opens": registration.opens.isoformat() if registration and registration.opens else None,
        "registration_closes": registration.closes.isoformat() if registration and registration.closes else None,
        "whatsapp": phones[0] if phones else None,
        "quota_per_day": entry.quota_per_day,
        "not_served": list(dict.fromkeys(item for s in event.services for item in s.entry.not_served)),
    }


def write_events_json(records, today, stream) -> None:
    write_records_json(records, events_head(today), "events", stream)


def events_head(today) -> dict:
    return {"schema_version": SCHEMA_VERSION, "today": today.isoformat(), "fields": list(FIELDS)}


def write_records_json(records, head: dict, name: str, stream) -> None:
    """``head`` with the records as its list ``name``, one record per line, written as each is made:
    100,000 records never sit in memory as text."""
    write_lines_json((json_line(record) for record in records), head, name, stream)


def json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def write_lines_json(lines, head: dict, name: str, stream) -> None:
    """``write_records_json`` of records already written as lines (``json_line``)."""
    stream.write(f"{json.dumps(head, ensure_ascii=False)[:-1]}, {json.dumps(name)}: [")
    separator = "\n"
    for line in lines:
        stream.write(separator + line)
        separator = ",\n"
    stream.write("\n]}\n")


def lines_json_parts(chunks, head: dict, name: str):
    """``write_lines_json`` of chunks of lines already joined (``",\\n"`` between them), in UTF-8."""
    yield f"{json.dumps(head, ensure_ascii=False)[:-1]}, {json.dumps(name)}: [".encode()
    separator = b"\n"
    for chunk in chunks:
        if chunk:
            yield separator
            yield chunk
            separator = b",\n"
    yield b"\n]}\n"


def csv_header(fields) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerow(fields)
    return stream.getvalue().encode("utf-8")


def write_events_csv(records, stream) -> None:
    """UTF-8 CSV with a header; region codes and phone numbers stay text because CSV has no types."""
    write_records_csv(records, FIELDS, _cell, stream)


def events_csv_line(record: dict) -> str:
    """One event's row of the CSV, with its line end."""
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerow([_cell(record[name]) for name in FIELDS])
    return stream.getvalue()


def write_records_csv(records, fields, cell, stream) -> None:
    """UTF-8 CSV with a header row and CRLF line ends; ``cell`` makes each value text."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows([cell(record[name]) for name in fields] for record in records)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{key}={count}" for key, count in value.items())
    return str(value)


def json_ld(event: Event, url: str, office_url: str) -> str:
    """schema.org Event for search engines, safe to place inside a ``<script>`` element."""
    entry, venue = event.entry, event.entry.venue
    place = {"@type": "Place", "name": venue.name, "address": _postal_address(event)}
    if venue.geo:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(venue.geo[0]),
                        "longitude": float(venue.geo[1])}
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": entry.title, "url": url,
        "startDate": iso_moment(event, entry.start, start=True),
        "endDate": iso_moment(event, event.last_day, start=False),
        "eventStatus": SCHEMA_ORG_STATUS[entry.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": {"@type": "GovernmentOrganization", "name": event.office.entry.name,
                      "url": office_url},
        "isAccessibleForFree": not any(service.entry.fees for service in event.services),
    }
    if event.office.entry.email:
        data["organizer"]["email"] = event.office.entry.email
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # Inside <script>, "</script" or "<!--" in staff text would change how the page parses;
    # JSON's \u escapes carry the same characters without them.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _postal_address(event: Event) -> dict:
    venue = event.entry.venue
    address = {"@type": "PostalAddress", "addressCountry": "ID", "addressRegion": event.province}
    if venue.address:
        address["streetAddress"] = venue.address
    locality = venue.village or venue.district or venue.regency
    if locality:
        address["addressLocality"] = locality
    return address
