"""Problems found in staff files, carrying the place they were found.

A problem stores a message code and its parameters, not text: the text is
chosen at report time from ``messages.py`` in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jemput.schedule.wording import render_message

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
    return "peringatan" if lang == "id" else "warning"


def problem(path, line, column, field_path, code, severity=ERROR, **params) -> Problem:
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
