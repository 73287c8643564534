"""The citizen's next questions, answered on every visit: what it costs, what to bring, how to
get a place, and what is not served there. Made from the service catalogue and the visit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from babel.numbers import format_currency

from jemput.schedule.model import Event, Service
from jemput.schedule.values import phone_digits
from jemput.site.results import number
from jemput.text import N_, Text

WAY_WORDS = {
    "walk-in": N_("Come on the day, no booking"),
    "m-paspor": N_("Book a time in the M-Paspor app"),
    "whatsapp": N_("Register by WhatsApp: %(phone)s"),
    "form": N_("Register with the online form"),
}
LETTER = N_("A group of at least %(group)s people sends a collective letter listing %(lists)s")
LETTER_ANY = N_("A group sends a collective letter listing %(lists)s")
LETTER_LISTS = N_("each person's name, date of birth and NIK")


@dataclass(frozen=True)
class Fee:
    label: str
    amount: str
    """In rupiah, as people write it: Rp350.000."""
    value: int
    regulation: str | None
    date: str | None


@dataclass(frozen=True)
class Document:
    name: str | None
    one_of: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Way:
    text: str
    url: str | None = None
    kind: str = ""
    """The registration way's type (``walk-in``, ``whatsapp``, ``form``...)."""

    @property
    def written_out(self) -> str:
        """The way as plain text, for print and calendars: a form's address is written out (a WhatsApp
        link only repeats the number its words give)."""
        return f"{self.text}: {self.url}" if self.url and self.kind != "whatsapp" else self.text


@dataclass(frozen=True)
class Facts:
    """What a visit's page, calendar entry, share text and open data say about taking part."""

    services: tuple[tuple[str, str], ...]
    """(name, page address) of each catalogue service; free-text services have no address."""
    fees: tuple[Fee, ...]
    free: bool
    """Services are offered and none charges a fee."""
    documents: tuple[tuple[str, tuple[Document, ...]], ...]
    """(service name, its documents for this visit), or ("", documents) for one service."""
    documents_note: str | None
    ways: tuple[Way, ...]
    registration_dates: str
    registration_closed: bool
    walk_in: bool
    """People may come on the day without registering: a closed registration does not turn them away."""
    quota: str
    not_served: tuple[str, ...]


@lru_cache(maxsize=512)
def rupiah(amount: int, lang: str) -> str:
    """``Rp350.000``; remembered, as thousands of visits share a few fees (Babel takes ~80 µs)."""
    return format_currency(amount, "IDR", format="¤#,##0", currency_digits=False, locale=lang)


def cost_range(facts_: Facts, text: Text) -> str:
    """Free, one fee, or the lowest and highest: the short answer for calendars, feeds and messages."""
    if facts_.free:
        return text("Free of charge")
    if not facts_.fees:
        return ""
    lowest, highest = min(facts_.fees, key=lambda f: f.value), max(facts_.fees, key=lambda f: f.value)
    return lowest.amount if lowest.value == highest.value else f"{lowest.amount}–{highest.amount}"


def facts(event: Event, page_url: str, formatter, text: Text, urls: dict, today: date) -> Facts:
    entry, services = event.entry, event.services
    return Facts(
        services=tuple((s.entry.name, urls["service"].format(service=s.key)) for s in services)
        + tuple((name, "") for name in event.service_texts),
        fees=fees_of(tuple(services), text.lang, formatter),
        free=bool(services) and not any(s.entry.fees for s in services),
        documents=_documents(event, text),
        documents_note=entry.documents.note if entry.documents else None,
        ways=_ways(event, page_url, text),
        registration_dates=_registration_dates(event, formatter, text),
        registration_closed=bool(entry.registration and entry.registration.closes
                                 and entry.registration.closes < today),
        walk_in=any(way.kind == "walk-in" for way in entry.registration.ways) if entry.registration else False,
        quota=_quota(event, text),
        not_served=tuple(dict.fromkeys(item for s in services for item in s.entry.not_served)),
    )


@lru_cache(maxsize=1024)
def fees_of(services: tuple[Service, ...], lang: str, formatter) -> tuple[Fee, ...]:
    """Every fee line of these services once, in the order the catalogue gives them."""
    lines = {}
    for service in services:
        for fee in service.entry.fees:
            day = formatter.day(fee.date) if fee.date else None
            lines.setdefault((fee.label, fee.amount),
                             Fee(fee.label, rupiah(fee.amount, lang), fee.amount, fee.regulation, day))
    return tuple(lines.values())


@lru_cache(maxsize=1024)
def documents_of(service: Service, dropped: frozenset = frozenset()) -> tuple[Document, ...]:
    found = []
    for document in service.entry.documents:
        if document.name and document.name not in dropped:
            found.append(Document(document.name, note=document.note))
        elif document.one_of:
            choices = tuple(c for c in document.one_of if c not in dropped)
            if len(choices) > 1:
                found.append(Document(None, choices, document.note))
            elif choices:
                found.append(Document(choices[0], note=document.note))
    return tuple(found)


def documents_named(event: Event) -> list[str]:
    """Every document the visit's page asks for, each once, as open data lists them (a choice as
    ``A / B / C``)."""
    return list(dict.fromkeys(document.name or " / ".join(document.one_of)
                              for _, documents in _documents(event) for document in documents))


def _documents(event: Event, text: Text | None = None):
    """(heading, documents) groups: one unnamed group for one service; else one per service, and what
    the visit adds named as asked of every applicant (``text`` gives the words; None: unnamed)."""
    changes = event.entry.documents
    dropped, added = (frozenset(changes.drop), tuple(changes.add)) if changes else (frozenset(), ())
    groups = [(s.entry.name, documents_of(s, dropped)) for s in event.services]
    extra = tuple(Document(name) for name in (*added, *event.entry.requirements))
    if len(groups) == 1:
        return (("", groups[0][1] + extra),) if groups[0][1] or extra else ()
    groups = [(name, docs) for name, docs in groups if docs]
    everyone = text("For every applicant") if groups and text else ""
    return tuple(groups) + (((everyone, extra),) if extra else ())


def _ways(event: Event, page_url: str, text: Text) -> tuple[Way, ...]:
    registration = event.entry.registration
    if registration is None:
        return ()
    return tuple(_way(way, event, page_url, text) for way in registration.ways)


@lru_cache(maxsize=64)
def _plain_way(kind: str, text: Text) -> Way:
    """A way without details (walk-in, M-Paspor) reads the same on every visit."""
    return Way(text(WAY_WORDS[kind]), kind=kind)


def _way(way, event: Event, page_url: str, text: Text) -> Way:
    if way.kind == "letter":
        lists = way.lists or text(LETTER_LISTS)
        words = text(LETTER, group=way.group, lists=lists) if way.group else text(LETTER_ANY, lists=lists)
        return Way(words, kind=way.kind)
    if way.kind == "whatsapp":
        message = text("Registration: %(title)s, %(url)s", title=event.entry.title, url=page_url)
        link = f"https://wa.me/{phone_digits(way.phone)}?" + urlencode({"text": message})
        words = WAY_WORDS[way.kind]
        return Way(text(words, phone=way.phone), link, way.kind)
    if way.kind == "form":
        words = WAY_WORDS[way.kind]
        return Way(text(words), way.url, way.kind)
    return _plain_way(way.kind, text)


def _registration_dates(event: Event, formatter, text: Text) -> str:
    registration = event.entry.registration
    if registration is None or not (registration.opens or registration.closes):
        return ""
    day = formatter.day
    if registration.opens and registration.closes:
        return text("Registration from %(opens)s to %(closes)s", opens=day(registration.opens),
                    closes=day(registration.closes))
    if registration.opens:
        return text("Registration opens %(opens)s", opens=day(registration.opens))
    return text("Registration closes %(closes)s", closes=day(registration.closes))


def _quota(event: Event, text: Text) -> str:
    entry = event.entry
    parts = []
    if entry.quota is not None:
        parts.append(text("%(count)s applicants", count=number(entry.quota, text.lang)))
    if entry.quota_per_day is not None:
        parts.append(text("%(count)s a day", count=number(entry.quota_per_day, text.lang)))
    return ", ".join(parts)
