"""Jemput's Pelican plugin: outreach schedules in, pages, calendars, feeds and open data out.

``register()`` connects the plugin to Pelican and does nothing else: one
generator for the schedules, a Jinja environment shared by every generator,
announcements cleaned as they are read, and the search index made once every
page is written.
"""

from __future__ import annotations

from pelican import signals


def get_generators(pelican):
    from jemput.generator import OutreachGenerator

    return OutreachGenerator


def index_for_search(pelican) -> None:
    from pathlib import Path

    from jemput.publish.search import index_site
    from jemput.settings import read_settings

    options = read_settings(pelican.settings)
    if options.search:
        index_site(Path(pelican.output_path), options.lang)


def register() -> None:
    from jemput.schedule.announcements import sanitize_announcement
    from jemput.site.theme import prepare_environment

    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_environment)
    signals.content_object_init.connect(sanitize_announcement)
    signals.finalized.connect(index_for_search)
