"""Jemput's Pelican plugin: outreach schedules in, pages, calendars, feeds and open data out.

``register()`` connects the plugin to Pelican and does nothing else: one
generator for the schedules (and its search index), a Jinja environment shared by
every generator, announcements cleaned as they are read (drafts left out), and a
writer that carries over the announcements' pages that did not change.

Importing the package imports nothing else, Pelican included: a command imports
what it needs with the collector paused (``tasks.py``).
"""

from __future__ import annotations


def get_generators(pelican):
    from jemput.generator import OutreachGenerator

    return OutreachGenerator


def get_writer(pelican):
    from jemput.write.output import CarryingWriter

    return CarryingWriter


def register() -> None:
    from pelican import signals

    from jemput.schedule.announcements import sanitize_announcement
    from jemput.site.theme import prepare_environment

    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(prepare_environment)
    signals.content_object_init.connect(sanitize_announcement)
    signals.article_generator_finalized.connect(forget_drafts)


def forget_drafts(generator) -> None:
    """Draft announcements are never published (``DRAFT_SAVE_AS`` is empty), and Pelican's draft
    writing needs a category, which a site without category pages does not give: the generator
    forgets them rather than stop the build."""
    generator.drafts = []
    generator.drafts_translations = []
