"""The Jinja environment every template of the site renders in (announcements' included)."""

from __future__ import annotations

from functools import partial

from jinja2 import FileSystemBytecodeCache, pass_context

from jemput.settings import read_settings
from jemput.site.formatting import Formatter
from jemput.site.results import number
from jemput.site.telephone import phone_links
from jemput.text import Text
from jemput.write.inputs import site_digest


def prepare_environment(generator) -> None:
    """Every template of the site escapes by default and speaks the site's language."""
    options = read_settings(generator.settings)
    text = Text(options.lang)
    env = generator.env
    env.autoescape = True
    # Templates do not change during a build (a live-reload run makes new generators), so
    # Jinja need not check each template file's time whenever a page extends or imports it.
    env.auto_reload = False
    if options.cache_path is not None:
        # Compiled templates, found again by their source's checksum. Interface text and filters of
        # constants are compiled in (see below): a folder per language, package, catalogues and
        # settings (Jinja's own among them).
        folder = options.cache_path / "templates" / f"{options.lang}-{site_digest(generator.settings).hex()[:16]}"
        env.bytecode_cache = FileSystemBytecodeCache(str(_folder(folder)))
    # Interface text is a filter, {{ "When"|t }}, rather than jinja2.ext.i18n's _("When"):
    # Jinja works out a filter of a constant once, when it compiles the template, and
    # calls any other filter directly, while every call of a function goes through its
    # context (a third of an event page's rendering time). _() and label() stay available.
    env.filters["t"] = text
    env.filters["label"] = text.label_of
    env.globals["_"] = text
    env.globals["label"] = text.label
    env.filters["day"] = Formatter(options.lang, text).day
    env.filters["number"] = partial(number, lang=options.lang)
    env.filters["phone_links"] = phone_links
    env.globals["LANG"] = options.lang
    env.globals["remembered_card"] = remembered_card
    generator.settings.setdefault("PAGINATED_TEMPLATES", {})["listing"] = options.per_page


def _folder(path):
    path.mkdir(parents=True, exist_ok=True)
    return path


@pass_context
def remembered_card(context, macro, page, heading: str):
    """``macro(page, heading)`` (the ``event_item`` macro), made once per visit, heading and ``SITEURL``:
    the entry shows the visit and links within the site, and nothing else of the page it is on."""
    key = (heading, context.get("SITEURL"))
    card = page.cards.get(key)
    if card is None:
        card = page.cards[key] = macro(page, heading)
    return card
