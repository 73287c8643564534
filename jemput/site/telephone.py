"""Telephone numbers in staff text as links a phone can call: ``tel:+62254000000``.

Which runs of digits are numbers, and their international form, is libphonenumber's
knowledge (the ``phonenumbers`` port): Indonesian numbers as people write them,
``(0254) 000 000``, ``0812-3456-7890``, ``+62 21 5212345``, and not a NIK, an hour or a quota.
"""

from __future__ import annotations

import phonenumbers
from markupsafe import Markup, escape

REGION = "ID"
"""Numbers written without a country code are Indonesian."""


def phone_links(text: str | None) -> Markup:
    """The text, escaped, with each valid telephone number in it a ``tel:`` link."""
    if not text:
        return Markup("")
    parts, at = [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.VALID):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        parts += [escape(text[at:match.start]), Markup('<a href="tel:{}">{}</a>').format(number, match.raw_string)]
        at = match.end
    parts.append(escape(text[at:]))
    return Markup("").join(parts)
