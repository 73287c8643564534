"""The baseline: Pelican building N plain Markdown articles with theme-free settings."""

from __future__ import annotations

from pathlib import Path

BODY = """Petugas imigrasi membuka layanan paspor di balai desa. Warga dapat mengajukan **paspor baru**
atau mengganti paspor lama tanpa perlu datang ke kantor.

- Datang sesuai jam layanan
- Bawa dokumen asli dan fotokopi

Informasi lebih lanjut: lihat [panduan](https://example.go.id/panduan).
"""

SETTINGS = '''PATH = "content"
SITENAME = "Baseline"
SITEURL = ""
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''


def generate(size: int, target: Path) -> Path:
    """Pelican's built-in theme, no feeds, no cache: what Pelican costs per page on its own."""
    content = target / "content"
    content.mkdir(parents=True, exist_ok=True)
    (target / "pelicanconf.py").write_text(SETTINGS)
    for number in range(size):
        (content / f"artikel-{number:06d}.md").write_text(
            f"Title: Layanan paspor {number}\nDate: 2026-01-{number % 28 + 1:02d} 08:00\n"
            f"Category: kantor-{number % 125:03d}\nSlug: artikel-{number:06d}\n\n{BODY}")
    return target
