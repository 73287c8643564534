"""What an event's share image says: the words of its page, as plain text for Pillow to draw."""

from __future__ import annotations

from jemput.publish.images import Card
from jemput.site.pages import EventPage


def share_card(page: EventPage, text) -> Card:
    """Title, days, hours, place, office and status (``DIBATALKAN``), and where the page is."""
    address = page.options.absolute(page.url).split("://", 1)[-1]
    return Card(title=page.entry.title, dates=page.dates, hours=page.hours, place=page.location,
                office=page.office.name, status=text.summary_mark(page.entry.status), address=address,
                closed=text("no service on %(days)s", days=page.closed) if page.closed else "")
