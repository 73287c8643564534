"""Results of visits as feed entries and open-data fields.

An entry appears when an office publishes a visit's results (the moment the revision
ledger first saw them, ``Record.results_at``) and is dated then: a subscriber learns of
it on the next fetch, whatever the visit's own dates. A correction updates the entry (its
``updated``); the date to cite stays the first.
"""

from __future__ import annotations

import uuid

from jemput.publish import feeds
from jemput.publish.revisions import results_updated
from jemput.site.results import figures_text
from jemput.site.sanitize import plain_text

RESULT_FIELDS = ("people_served", "attendees", "served", "results_note", "results_link", "results_published",
                 "results_updated")
"""Open data's fields of results, after every field that was there before them."""


def results_item(event, page, published, absolute, t) -> feeds.FeedItem:
    """One visit's results as a feed entry, linking to the results on its page."""
    results, lang = event.entry.results, page.options.lang
    figures = figures_text(results.served_total if results.served else None, results.attendees, t, lang)
    note = plain_text(results.note) if results.note else ""
    summary = " ".join(part for part in (figures and figures + ".", note, f"{page.dates} · {page.location}.") if part)
    links = [feeds.Link(absolute(page.url) + "#hasil", type="text/html")]
    if results.link:
        links.append(feeds.Link(results.link, rel="related", type="text/html"))
    return feeds.FeedItem(
        id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{published.uid}#results')}",
        title=t("Results: %(title)s", title=event.entry.title),
        summary=summary, updated=results_updated(published.record), published=published.record.results_at,
        links=tuple(links), categories=(event.office.id, event.entry.type),
    )


def result_fields(event, published_record) -> dict:
    """What open data says of a visit's results: empty values for a visit without any."""
    results = event.entry.results
    if results is None:
        return dict.fromkeys(RESULT_FIELDS)
    at = published_record.results_at if published_record is not None else None
    updated = results_updated(published_record) if at else None
    return {
        "people_served": results.served_total if results.served else None,
        "attendees": results.attendees,
        "served": dict(sorted(results.served.items())) or None,
        "results_note": results.note,
        "results_link": results.link,
        "results_published": at.isoformat() if at else None,
        "results_updated": updated.isoformat() if updated else None,
    }
