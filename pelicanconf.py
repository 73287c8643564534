"""Site settings for building the sample site locally (``invoke build``)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent

AUTHOR = "Jemput"
SITENAME = "Jemput: Jadwal Layanan Jemput Bola Imigrasi"
SITEURL = ""
SITE_DOMAIN = "jemput.example.go.id"
PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
RELATIVE_URLS = True

PLUGINS = ["jemput"]  # the installed package (python3 dev.py setup)

OUTREACH_SCHEDULES_PATH = str(HERE / "schedules")
OUTREACH_DOMAIN = SITE_DOMAIN
# "Today" splits upcoming from past. Unset, it comes from SOURCE_DATE_EPOCH or the clock;
# the sample site fixes it so that its pages are the same on every machine.
OUTREACH_TODAY = "2026-11-22"

ARTICLE_PATHS = ["pengumuman"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "pengumuman/{slug}/"
ARTICLE_SAVE_AS = "pengumuman/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARCHIVES_SAVE_AS = "pengumuman/index.html"
DIRECT_TEMPLATES = ["index", "archives"]
DEFAULT_PAGINATION = False
# Listings live in folders of their own, so page 2 is ".../page/2/" and cannot
# collide with another listing's name.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Drafts (Status: draft) are not published anywhere, not even at an address nobody links to.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

# Pages nobody asked for: announcements are listed under /pengumuman/.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

STATIC_PATHS = []
# Pelican's cache of the announcements is set by the build, in the build cache (jemput/write/inputs.py).
