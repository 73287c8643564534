"""The Pelican generator: the only module that knows Pelican's generator API.

A build reads and checks everything in ``generate_context`` and writes only in
``generate_output``, once every file is known to be good: each is a list of
named steps, whose work is done by the stage modules.
"""

from __future__ import annotations

import hashlib
import logging
import os

from pelican.generators import Generator

from jemput.publish.ledger import read_ledger, seen_in
from jemput.publish.publisher import Publisher
from jemput.publish.revisions import missing_events
from jemput.runtime import memory, parallel
from jemput.runtime.cache import ResultCache
from jemput.schedule.announcements import link_announcements
from jemput.schedule.content import read_content
from jemput.schedule.validation import read_schedules
from jemput.settings import read_settings
from jemput.site.pages import event_pages, site_data
from jemput.site.sanitize import MarkdownRenderer
from jemput.text import Text
from jemput.write.inputs import EventDigests, site_digest
from jemput.write.kinds import READ_BY_TOOLS, TEMPLATES
from jemput.write.output import Output
from jemput.write.paths import output_problems, pelican_files
from jemput.write.pictures import DrawingAhead
from jemput.write.plan import Plan
from jemput.write.previous import BUILD, mark_of, marks_below

log = logging.getLogger(__name__)


class OutreachGenerator(Generator):
    """Turns ``schedules/`` into event pages, listings, calendars, feeds and open data."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = read_settings(self.settings)
        self.text = Text(self.options.lang)
        self.cache = ResultCache(self.options.cache_path)
        self.markdown = MarkdownRenderer(self.cache)
        self.ledger: dict = {}
        self.schedule = self.pages = self.site = self.publisher = self.plan = self.digests = None
        self.drawing = DrawingAhead()
        self.site_key = b""
        self.content: list = []
        self.articles: list = []
        self.by_event: dict = {}
        self.by_article: dict = {}
        self.jobs: list = []
        self.warnings: list[str] = []
        """Every warning about the staff files, as printed: the build command says them at its end."""

    def generate_context(self) -> None:
        with memory.collection_paused():  # what is read here lives until the build ends
            self.read_revision_ledger()
            self.read_schedules_and_announcements()
            self.make_event_pages()
            # Frozen (until generate_output has written everything) before collection resumes: the
            # first collection would otherwise walk all of it (0.16 s at 10,000 events).
            memory.freeze()
        update = self.settings.get(BUILD)
        if update is None or update.previous is None:  # a new site draws every picture; an update, a few
            self.drawing = DrawingAhead.start(self.pages.values(), self.text, self.cache, self.options.workers)
        try:
            self.make_site_data()
            self.prepare_publications()
            self.plan_every_file()
        except BaseException:
            self.drawing.stop()
            memory.unfreeze()
            raise

    def read_revision_ledger(self) -> None:
        """What the site being replaced published: new events are told from changed ones."""
        self.ledger = read_ledger(self.options.ledger_path, self.options.schedules_path.parent, self.cache)

    def read_schedules_and_announcements(self) -> None:
        """Every schedule and content file checked, announcements linked to events; any error stops the build."""
        published = {key: seen.last_day for key, seen in seen_in(self.ledger).items()} if self.ledger else None
        schedule, problems = read_schedules(self.options, published, self.cache)
        sources = {key: record.source for key, record in self.ledger.items()}
        problems.extend(missing_events(sources, schedule, self.options.schedules_path.name))
        self.content = read_content(self.settings, self.options, schedule, problems)
        by_event, self.by_article = link_announcements(
            self.content, {e.key: e for e in schedule.events}, problems, schedule.declared_keys,
            schedule.left_out | schedule.unread_offices)
        self.articles = list(self.context.get("articles", []))
        published = {article.source_path: article for article in self.articles}
        self.by_event = {key: [published[p] for p in paths if p in published] for key, paths in by_event.items()}
        self._report(problems)
        self.schedule = schedule

    def _report(self, problems) -> None:
        texts = [warning.text(self.options.lang) for warning in problems.warnings]
        if texts:  # one record: a national schedule can have thousands, and each record costs its handlers
            log.warning("\n".join(texts))
        self.warnings += texts
        problems.raise_if_errors(self.options.lang)

    def make_event_pages(self) -> None:
        self.pages = event_pages(self.schedule, self.options, self.text, self.markdown, self.by_event)
        for article in self.articles:
            article.outreach_events = [self.pages[e.key] for e in self.by_article.get(article.source_path, ())]

    def make_site_data(self) -> None:
        """What every template reads as ``outreach``: listings, home page, progress."""
        self.site = site_data(self.schedule, self.pages, self.articles, self.options, self.text, self.settings)
        self.context["outreach"] = self.site

    def prepare_publications(self) -> None:
        """Every event's revision, which pages, calendars and feeds show and the ledger keeps."""
        self.digests = EventDigests(self.pages, self.by_event, self.options.base_url)
        self.site_key = site_digest(self.settings)
        self.publisher = Publisher(self.options, self.text, self.pages, self.ledger, self.cache, self.digests,
                                   self.site_key)
        path = self.options.ledger_path
        if self.ledger and path is not None:
            with path.open("rb") as ledger:
                self.publisher.ledger_source = hashlib.file_digest(ledger, "sha256").digest()
        self.publisher.prepare_all(self.schedule.events)

    def plan_every_file(self) -> None:
        """Every file the site will have, known before any is written: none may be written twice."""
        templates = {name: self.get_template(name) for name in TEMPLATES}
        self.plan = Plan(self.site, templates, (self.articles, self.by_event), self.settings, self.digests,
                         self.site_key)
        self.plan.publisher = self.publisher
        update = self.settings.get(BUILD)
        if update is not None and update.previous is not None:
            self.plan.check_files = update.check
        self.jobs = self.plan.jobs()
        if update is not None:  # Pelican writes the announcements' pages next: with these, only the changed
            update.page_keys = self.plan.announcement_page_keys()
        self._report(output_problems(self.jobs, pelican_files(self.content, self.settings, self.options),
                                     self.options))

    def generate_output(self, writer) -> None:
        """The jobs whose files changed, shared out over the cores; the rest is carried over.

        Files written by worker processes do not reach ``content_written`` listeners
        in this process; set ``OUTREACH_WORKERS = 1`` for plugins that need them.
        """
        update = self.settings.get(BUILD)
        if update is not None:
            update.warnings, update.events = tuple(self.warnings), len(self.schedule.events)
        self.drawing.stop()
        try:
            site = update.output if update is not None and update.previous is not None else None
            self.plan.output = Output(self.output_path, self.context, self.settings["RELATIVE_URLS"], site,
                                      update.unchanged if site is not None else None)
            jobs = self.jobs if update is None else [j for j in self.jobs if not self._kept(update, j)]
            done = self._run_all([j for j in jobs if not j.reads_site], [j for j in jobs if j.reads_site])
            if update is not None:
                update.marks.update(mark for _, marks, _ in done for mark in marks)
                update.kept.update(mark for _, _, kept in done for mark in kept)
            self.keep_build_cache([used for used, _, _ in done], wrote_everything=site is None)
        finally:
            memory.unfreeze()  # frozen by generate_context

    def _kept(self, update, job) -> bool:
        if job.reads_site:
            return update.keeps_folder(job.paths[0], job.key)
        return update.keeps(job.paths, job.key, self.plan.files_checked.get(job.paths[0]))

    def _run_all(self, writing: list, tools: list) -> list:
        """The files, then the tools that read them, shared out over the cores. Many files (a new
        site) are written first and the tools run after them, one per core. A few (an update): once
        the files the tools read are written, the tools come first in the share and the other files
        after them, so that one process runs a tool while another writes."""
        if len(writing) >= parallel.MIN_ITEMS_TO_SPLIT or not tools:
            done = parallel.map_chunks(self._run, writing, self.options.workers, after_chunk=self.cache.flush,
                                       interleaved=True)
            return done + parallel.map_chunks(self._run_tools, tools, self.options.workers, min_items=2)
        done = self._run([j for j in writing if j.kind in READ_BY_TOOLS])
        shares = [[tool] for tool in tools] + [[job] for job in writing if job.kind not in READ_BY_TOOLS]
        return done + parallel.map_chunks(self._run_shares, shares, self.options.workers,
                                          after_chunk=self.cache.flush, min_items=2)

    def _run_shares(self, shares: list[list]) -> list:
        return [done for jobs in shares for done in (self._run_tools(jobs) if jobs[0].reads_site else self._run(jobs))]

    def _run_tools(self, jobs) -> list:
        """Jobs that run a tool over what the others wrote (Pagefind, a process of its own): one after
        another in each of the build's processes, which share them out."""
        return [self._done(job) for job in jobs]

    def _run(self, jobs) -> list:
        """A chunk of jobs: their descriptions converted in one batch, then each job written."""
        self.markdown.prepare(job.description for job in jobs if job.description)
        return [self._done(job) for job in jobs]

    def _done(self, job) -> tuple:
        """(build-cache keys it used, marks of the files it wrote, marks of the files it left as the site
        has them): files are marked here, on every core, rather than all at once at the commit."""
        job.write()
        used = self.cache.take_used()  # every key the job looked up or stored, in whichever process
        root, output = self.output_path, self.plan.output
        kept, output.kept = output.kept, {}  # each job takes its own
        if job.reads_site:
            return used, list(marks_below(root, job.paths[0].rsplit("/", 1)[0], output.digests)), list(kept.items())
        marks = [(path, mark_of(os.path.join(root, path), output.digests.pop(path, None)))
                 for path in job.paths if path not in kept]
        return used, marks, list(kept.items())

    def keep_build_cache(self, used_by_jobs, wrote_everything: bool) -> None:
        """Keep what this build used. Only a build that wrote every file knows all the results the
        site is made of: the others (a preview, an update of an existing site) forget nothing."""
        descriptions = (page.entry.description for page in self.pages.values())
        used = [key for keys in used_by_jobs for key in keys]
        self.cache.finish([*used, *self.markdown.cache_keys(descriptions)],
                          prune=wrote_everything and self.options.offices is None)
