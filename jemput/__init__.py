"""Jemput's Pelican plugin: outreach schedules in, pages and feeds out.

``register()`` connects the plugin to Pelican: one generator for the schedules,
and a Jinja setup shared by every generator (autoescape on, interface text
translated, staff Markdown in announcements sanitised).
"""

from __future__ import annotations

from pelican import signals

from jemput.settings import read_settings
from jemput.site.formatting import Formatter
from jemput.text import Text


def get_generators(pelican):
    from jemput.generator import OutreachGenerator

    return OutreachGenerator


def prepare_environment(generator) -> None:
    """Every template of the site escapes by default and speaks the site's language."""
    options = read_settings(generator.settings)
    translations = Text(options.lang)
    env = generator.env
    env.autoescape = True
    # Templates do not change during a build (a live-reload run makes new generators), so
    # Jinja need not check each template file's time whenever a page extends or imports it.
    env.auto_reload = False
    # Interface text is a filter, {{ "When"|t }}, rather than jinja2.ext.i18n's _("When"):
    # Jinja works out a filter of a constant once, when it compiles the template, and
    # calls any other filter directly, while every call of a function goes through its
    # context (a third of an event page's rendering time). _() and label() stay available.
    env.filters["t"] = translations
    env.filters["label"] = translations.label_of
    env.globals["_"] = translations
    env.globals["label"] = translations.label
    env.filters["day"] = Formatter(options.lang, translations).day
    env.globals["LANG"] = options.lang
    generator.settings.setdefault("PAGINATED_TEMPLATES", {})["listing"] = options.per_page


def sanitize_announcement(content) -> None:
    """Announcements are staff Markdown too: their HTML is cleaned before any template sees it."""
    from jemput.site.sanitize import clean_html

    if getattr(content, "_content", None):
        content._content = clean_html(content._content)
    summary = content.metadata.get("summary")
    if summary:  # Markdown metadata arrives as HTML too
        content.metadata["summary"] = clean_html(str(summary))


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
    signals.content_object_init.connect(sanitize_announcement)
