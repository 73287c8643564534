"""What changed, in plain words: "Tanggal diubah dari Kamis, 4 Agustus 2022 menjadi Jumat, ..."

The ledger keeps each change as language-free values (``revisions.PUBLIC_FIELDS``);
these words are made in the site's language for the event page, the changes
feeds and nothing else (open data keeps the values).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jemput.publish.ledger import Change
from jemput.schedule.values import Hours
from jemput.site.formatting import ZONE_ABBREVIATIONS, Formatter
from jemput.site.results import figures_text, number
from jemput.text import N_, Text

CHANGED = {
    "dates": N_("Dates changed from %(before)s to %(after)s"),
    "hours": N_("Hours changed from %(before)s to %(after)s"),
    "closed": N_("Days without service changed from %(before)s to %(after)s"),
    "timezone": N_("Time zone changed from %(before)s to %(after)s"),
    "venue": N_("Place changed from %(before)s to %(after)s"),
    "quota": N_("Quota changed from %(before)s to %(after)s"),
    "registration": N_("Registration changed from %(before)s to %(after)s"),
    "services": N_("Services changed from %(before)s to %(after)s"),
}


@dataclass(frozen=True)
class ChangeShown:
    """One build's changes to an event, as a page lists them."""

    iso: str
    day: str
    text: str


class ChangeWords:
    """Sentences for the changes of one site, in its language."""

    def __init__(self, formatter: Formatter, text: Text) -> None:
        self.formatter, self.text = formatter, text

    def shown(self, changes: tuple[Change, ...], zone: str) -> list[ChangeShown]:
        """Newest first, as the ledger keeps them; dated in UTC (the ledger's time)."""
        return [ChangeShown(c.at.isoformat(), self.formatter.day(c.at.date()), "; ".join(self.sentences(c, zone)))
                for c in changes]

    def moment(self, at) -> ChangeShown | None:
        """A moment of the ledger (results first published), as a page dates it; None: not yet."""
        return ChangeShown(at.isoformat(), self.formatter.day(at.date()), "") if at else None

    def sentences(self, change: Change, zone: str) -> list[str]:
        """One sentence per field; hours are read in ``zone`` (WIB), the event's zone now."""
        return [self.sentence(name, before, after, zone) for name, before, after in change.fields]

    def sentence(self, name: str, before, after, zone: str) -> str:
        if name == "status":
            return self._status(after)
        if name == "results":
            return self._results(before, after)
        values = {"before": self._value(name, before, zone), "after": self._value(name, after, zone)}
        return self.text(CHANGED[name], **values)

    def _results(self, before, after) -> str:
        if after is None:
            return self.text("Results withdrawn")
        figures = self._figures(after)
        if before is None:
            return self.text("Results published: %(figures)s", figures=figures)
        return self.text("Results corrected from %(before)s to %(after)s", before=self._figures(before), after=figures)

    def _figures(self, values: dict) -> str:
        return figures_text(values.get("served_total"), values.get("attendees"), self.text,
                            self.formatter.locale) or self.text("a note")

    def _status(self, after) -> str:
        status, note = after
        label = self.text.label("status", status)
        return f"{label}: {note}" if note else label

    def _value(self, name: str, value, zone: str) -> str:
        if value is None or value == []:
            return self.text("none") if name != "hours" else self.text("all day")
        if name == "dates":
            first, last = (date.fromisoformat(day) for day in value)
            day = self.formatter.day
            return day(first) if first == last else f"{day(first)} – {day(last)}"
        if name == "closed":
            return ", ".join(self.formatter.day(date.fromisoformat(day)) for day in value)
        if name == "hours":
            hours = Hours.parse(value)
            return f"{self.formatter.clock(hours.opens)}–{self.formatter.clock(hours.closes)} {zone}"
        if name == "timezone":
            return ZONE_ABBREVIATIONS.get(value, value)
        if name == "quota":
            return " / ".join(number(v, self.formatter.locale) for v in value if v is not None) or self.text("none")
        if name == "registration":
            return ", ".join(value["ways"]) or self.text("none")
        if name == "services":
            return ", ".join(value)
        return str(value)
