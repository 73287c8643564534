"""``invoke catalogue``: every text the product says, gathered into each language's catalogue.

Babel reads the messages from the code (``gettext``, ``N_``, ``t``, ``text``,
``say`` calls) and the templates (``"When"|t`` filters), adds the labels of the
codes the site shows (visit types, statuses), and merges them into every
``jemput/locale/<lang>/LC_MESSAGES/jemput.po``: translations are kept, new
texts arrive empty for a translator, texts nobody says any more are dropped.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

from jemput.editor import config as editor_config
from jemput.schedule.content import STATUSES as ANNOUNCEMENT_STATUSES
from jemput.schedule.values import STATUSES
from jemput.text import DOMAIN, LANGUAGES, LOCALE, MARKED_STATUSES, SOURCE_LANGUAGE

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"gettext": None, "N_": None, "t": None, "text": None, "say": None, "ask": None}
TEMPLATE_TEXT = re.compile(r'"((?:[^"\\]|\\.)+)"\s*\|\s*t\b')
CODE_LABELS = {
    "type": ("village", "majelis", "school"),
    "status": (*STATUSES, "past"),
    "summary mark": MARKED_STATUSES,
    "announcement status": ANNOUNCEMENT_STATUSES,
}
"""Codes shown through ``label(kind, code)``: their words are looked up by kind."""


def messages(project: Path) -> Catalog:
    """Every message id the code, the command-line tasks and the templates use, with where from."""
    found = Catalog(domain=DOMAIN)
    for path in [*sorted(PACKAGE.rglob("*.py")), project / "tasks.py"]:
        with path.open("rb") as source:
            for line, message, comments, context in extract("python", source, KEYWORDS):
                if isinstance(message, str):  # a call with a message in a variable has none
                    found.add(message, locations=[(_shown(path, project), line)], auto_comments=comments,
                              context=context)
    for template in sorted((project / "theme" / "templates").glob("*.html")):
        for line, message in _template_messages(template):
            found.add(message, locations=[(_shown(template, project), line)])
    for kind, codes in CODE_LABELS.items():
        for code in codes:
            found.add(code, context=kind, auto_comments=[f"label of the code {code!r} ({kind})"])
    for path, hint in editor_config.field_texts():  # the staff editor's form: a label and a hint per field of the model
        found.add(path, context=editor_config.LABEL, auto_comments=[f"label of the editor's field {path}"])
        if hint:
            found.add(hint, auto_comments=[f"hint of the editor's field {path}"])
    return found


def _shown(path: Path, project: Path) -> str:
    for root, prefix in ((PACKAGE, "jemput/"), (project, "")):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return path.as_posix()


def _template_messages(template: Path):
    text = template.read_text(encoding="utf-8")
    for match in TEMPLATE_TEXT.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1).replace('\\"', '"')


def update(project: Path) -> dict[str, list[str]]:
    """Merge the messages into every catalogue; returns each language's untranslated ids."""
    template = messages(project)
    untranslated = {}
    for lang in LANGUAGES:
        path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as source:
            catalogue = read_po(source, locale=lang, domain=DOMAIN)
        created = catalogue.creation_date
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        catalogue.creation_date = catalogue.revision_date = created  # the file changes only with its texts
        catalogue.msgid_bugs_address, catalogue.last_translator, catalogue.language_team = "", "Jemput", "Jemput"
        written = BytesIO()
        write_po(written, catalogue, width=100, include_lineno=False, sort_output=True)
        path.write_bytes(written.getvalue())
        # Message ids are English: the English catalogue needs only the words of codes.
        untranslated[lang] = [m.id for m in catalogue if m.id and not m.string
                              and (lang != SOURCE_LANGUAGE or m.context)]
    return untranslated
