"""What ``tasks.py`` calls: build, check, deploy, new, and a tour of the built pages."""

from __future__ import annotations

from jemput.text import DEFAULT_LANGUAGE, LANGUAGES, Text


def site_text(settings: dict) -> Text:
    """The words of a site's own language, for what commands print.

    A language without a catalogue is refused with its own message (``settings.py``);
    until then commands speak Indonesian.
    """
    lang = settings.get("OUTREACH_LANG", DEFAULT_LANGUAGE)
    return Text(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
