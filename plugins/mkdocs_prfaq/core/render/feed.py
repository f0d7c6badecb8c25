"""The Atom feed of the newest documents and status changes."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from ..catalog import Catalog
from ..exports import page_url
from ..model import Document
from ..wellformed import xml_text

__all__ = ["ATOM", "FeedEntry", "atom_feed", "entries"]

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
    base = site_url if site_url.endswith("/") else site_url + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    items = entries(catalog)[:limit]
    ET.SubElement(feed, f"{{{ATOM}}}id").text = urljoin(base, "feed.xml") if site_url else "urn:prfaq:feed"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = xml_text(f"{site_name}: PR/FAQs")
    newest = items[0].date if items else dt.date(1970, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=urljoin(base, "feed.xml"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=urljoin(base, "catalog/"))
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
