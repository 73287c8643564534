"""Every word the product says, from one gettext catalogue per language; Indonesian first.

Pages, problem messages, calendar and feed words and command-line output all
come from ``jemput/locale/<lang>/LC_MESSAGES/jemput.po``, which translators edit
with any gettext tool (Poedit, Weblate). Message ids are the English text the
code and templates write; Babel compiles a catalogue the first time a process
needs it. One rule for text a catalogue lacks: the English id itself. A language
without a catalogue is refused (see ``settings.py``).
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "jemput"
DEFAULT_LANGUAGE = "id"
SOURCE_LANGUAGE = "en"
"""The language of the message ids: its catalogue translates only the words of codes."""
LANGUAGES = tuple(sorted(path.parents[1].name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))
MARKED_STATUSES = ("cancelled", "postponed", "full", "withdrawn")
"""Statuses that calendars and feeds write in capitals before a title: [DIBATALKAN]."""


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "translated where it is shown"
    return message


@cache
def _compiled(lang: str) -> gettext.GNUTranslations:
    with (LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as source:
        catalogue = read_po(source, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Text:
    """The catalogue of one language: ``gettext``, ``label`` of codes, and a call with values."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"no catalogue for language {lang!r} (available: {', '.join(LANGUAGES)})")
        self.lang = lang
        self._catalogue = _compiled(lang)
        self.gettext = self._catalogue.gettext

    def __call__(self, message: str, **values) -> str:
        """``"%(count)s visits"|t(count=3)`` in templates, ``t("...", count=3)`` in code."""
        text = self.gettext(message)
        return text % values if values else text

    def label(self, kind: str, value: str) -> str:
        """Display name of a code (``type``, ``village``); an unknown code shows as written."""
        return self._catalogue.pgettext(kind, value)

    def label_of(self, value: str, kind: str) -> str:
        """``{{ e.type|label("type") }}`` in templates: ``label`` as a filter."""
        return self.label(kind, value)

    def summary_mark(self, status: str) -> str | None:
        """``DIBATALKAN`` for a cancelled event's title in calendars and feeds; None when on schedule."""
        return self.label("summary mark", status) if status in MARKED_STATUSES else None
