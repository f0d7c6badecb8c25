"""Atom feeds of the newest documents and status changes: the whole catalog's, and one per team
and per tag (the review queue's is in :mod:`.queue`)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from ..catalog import Catalog
from ..exports import page_url
from ..model import Document
from ..wellformed import xml_text
from .html import Links

__all__ = ["ATOM", "FeedEntry", "atom", "atom_feed", "entries", "facet_feeds", "feed_path"]

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str
    title: str
    date: dt.date
    doc: Document
    summary: str
    #: The status the entry is about: the status at creation for new documents when known.
    status: str | None = None
    what: str = ""


def entries(catalog: Catalog) -> list[FeedEntry]:
    """New documents, and each status change the history records, newest first."""
    out: list[FeedEntry] = []
    for doc in catalog.documents:
        if doc.created is not None:
            first = doc.history[0]["status"] if doc.history else doc.status
            out.append(
                FeedEntry(
                    f"{doc.id}/new", f"New PR/FAQ: {doc.title}", doc.created, doc, doc.summary, first, "new document"
                )
            )
        for change in doc.history[1:]:
            day = dt.date.fromisoformat(change["date"][:10])
            out.append(
                FeedEntry(
                    f"{doc.id}/{change['commit'][:12]}",
                    f"{doc.id} is now {change['status']}: {doc.title}",
                    day,
                    doc,
                    f"Status changed to {change['status']} by {change['author']}.",
                    change["status"],
                    f"status changed to {change['status']} by {change['author']}",
                )
            )
    out.sort(key=lambda e: (e.date, e.key), reverse=True)
    return out


def atom_feed(
    catalog: Catalog, *, site_url: str, site_name: str, limit: int = 50, directory_urls: bool = True
) -> str:
    """The site's feed, `feed.xml`: the newest `limit` entries of the whole catalog."""
    return atom(
        entries(catalog)[:limit],
        site_url=site_url,
        path="feed.xml",
        title=f"{site_name}: PR/FAQs",
        alternate="catalog/",
        directory_urls=directory_urls,
    )


def feed_path(folder: str, value: str) -> str:
    """Where the feed of a team or tag (`folder`: teams, tags) is, relative to the site root."""
    return f"feeds/{folder}/{value}.xml"


def facet_feeds(
    catalog: Catalog, *, site_url: str, site_name: str, limit: int = 50, directory_urls: bool = True
) -> dict[str, str]:
    """A feed for each team and each tag that has a page, beside the site's, by path: the newest
    `limit` entries about its documents. Each links to its team's or tag's page."""
    links = Links(directory_urls)
    # Every team and tag with a page has a feed, which the page links to, even one with no entry.
    grouped: dict[tuple[str, str], list[FeedEntry]] = {("teams", team): [] for team in catalog.by_team()}
    grouped.update({("tags", tag): [] for tag in catalog.by_tag()})
    for item in entries(catalog):
        keys = [("tags", tag) for tag in catalog.faceted_tags(item.doc)]
        if item.doc.team and catalog.facet_src("teams", item.doc.team) is not None:
            keys.append(("teams", item.doc.team))
        for key in keys:
            group = grouped[key]
            if len(group) < limit:
                group.append(item)
    feeds: dict[str, str] = {}
    for (folder, value), items in sorted(grouped.items()):
        page = catalog.facet_src(folder, value)
        assert page is not None
        name = catalog.team_name(value) if folder == "teams" else value
        feeds[feed_path(folder, value)] = atom(
            items,
            site_url=site_url,
            path=feed_path(folder, value),
            title=f"{site_name}: PR/FAQs of {'team' if folder == 'teams' else 'tag'} {name}",
            alternate=links.url(page),
            directory_urls=directory_urls,
        )
    return feeds


def atom(
    items: Sequence[FeedEntry], *, site_url: str, path: str, title: str, alternate: str, directory_urls: bool = True
) -> str:
    """An Atom feed of `items` published at `path` (relative to the site root), whose web page is
    `alternate`. Every text is the feed's own, escaped by the XML writer."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = urljoin(base, path) if site_url else f"urn:prfaq:{path}"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = xml_text(title)
    newest = max((item.date for item in items), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=urljoin(base, path))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=urljoin(base, alternate))
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "mkdocs-prfaq"
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:prfaq:{item.key}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = xml_text(item.title)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{item.date.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=urljoin(base, page_url(item.doc, directory_urls)))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = xml_text(", ".join(p.name for p in item.doc.authors) or "unknown")
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = xml_text(item.summary)
        for tag in item.doc.tags:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=xml_text(tag))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
