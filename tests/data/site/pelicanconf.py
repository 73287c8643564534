"""A small site for end-to-end tests: the project's theme and plugin, its own schedules."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Tests copy this site elsewhere and say where the project is.
PROJECT = Path(os.environ["JEMPUT_PROJECT"]) if "JEMPUT_PROJECT" in os.environ else HERE.parents[2]

SITENAME = "Jemput Uji"
SITEURL = "https://uji.example.go.id"
PATH = str(HERE / "content")
OUTPUT_PATH = str(HERE / "output")  # the site the checks compare with, whatever the working folder
THEME = str(PROJECT / "theme")
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
RELATIVE_URLS = True
PLUGINS = ["jemput"]  # the installed package (python3 dev.py setup)
OUTREACH_SCHEDULES_PATH = str(HERE / "schedules")
OUTREACH_TODAY = "2026-12-01"
OUTREACH_PER_PAGE = 2
ARTICLE_PATHS = ["pengumuman"]
ARTICLE_URL = "pengumuman/{slug}/"
ARTICLE_SAVE_AS = "pengumuman/{slug}/index.html"
ARCHIVES_SAVE_AS = "pengumuman/index.html"
DIRECT_TEMPLATES = ["index", "archives"]
DEFAULT_PAGINATION = False
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
