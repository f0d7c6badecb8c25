"""The page of one PR/FAQ: headline, banner, metadata card, then the body as written."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ..catalog import Catalog
from ..model import Document, Person
from ..wellformed import yaml_string
from .blocks import block
from .html import Links, document_src, esc, md_text

STATUS_LABELS = {
    "draft": "Draft",
    "in-review": "In review",
    "approved": "Approved",
    "building": "Building",
    "launched": "Launched",
    "shelved": "Shelved",
    "rejected": "Rejected",
    "superseded": "Superseded",
}

#: Placed before the first FAQ heading (see prfaq-print.css).
FAQ_MARKER = '<div class="prfaq-faq-start" aria-hidden="true"></div>'

_ID_LINK = re.compile(r"(\]\(\s*<?)(PRFAQ-[0-9]{4,})(#[^)\s>]*)?(>?(?:\s+[\"'][^)]*)?\))")


def facet_link(catalog: Catalog, links: Links, src: str, folder: str, value: str, label: str) -> str:
    """`label` linked to the page of a team or tag, or alone when the catalog makes none."""
    page = catalog.facet_src(folder, value) if value else None
    return f'<a href="{esc(links.href(src, page))}">{label}</a>' if page else label


def status_badge(status: str | None) -> str:
    key = status or "unknown"
    return f'<span class="prfaq-status prfaq-status--{esc(key)}">{esc(STATUS_LABELS.get(key, key))}</span>'


def _people(people: list[Person]) -> str:
    return ", ".join(
        f'<a href="mailto:{esc(p.email)}">{esc(p.name)}</a>' if p.email else esc(p.name) for p in people
    )


def resolve_id_links(markdown: str, from_src: str, catalog: Catalog, links: Links) -> str:
    """Turn `[text](PRFAQ-0007)` into a link to that document's page source, which the engine
    then checks and rewrites like any other page link. Unknown ids are left as they are: the
    `unknown-id` rule reports them."""

    def replace(match: re.Match[str]) -> str:
        target = catalog.by_id.get(match.group(2))
        if target is None:
            return match.group(0)
        rel = _relative_src(from_src, document_src(target))
        return f"{match.group(1)}{rel}{match.group(3) or ''}{match.group(4)}"

    return _ID_LINK.sub(replace, markdown)


def _relative_src(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def banner(doc: Document, link: Callable[[str], str]) -> str:
    status = doc.status
    decision = doc.decision
    when = f" on {decision.date.isoformat()}" if decision and decision.date else ""
    by = f" by {esc(decision.by)}" if decision and decision.by else ""
    text: str | None = None
    kind = "warning"
    if status == "draft":
        text = "This PR/FAQ is a draft: it is still being written and nothing in it has been decided."
        kind = "note"
    elif status == "in-review":
        text = "This PR/FAQ is in review: it is a proposal, not a decision. Comments go to its authors."
        kind = "info"
    elif status == "shelved":
        text = f"This PR/FAQ was shelved{when}{by}: it is not being pursued for now."
    elif status == "rejected":
        text = f"This PR/FAQ was rejected{when}{by}: it will not be built as described."
        kind = "failure"
    elif status == "superseded":
        newer = doc.superseded_by or ""
        text = f'This PR/FAQ has been superseded by <a href="{esc(link(newer))}">{esc(newer)}</a>: read that one instead.'
    if text is None:
        return ""
    title = STATUS_LABELS.get(status or "", "")
    return (
        f'<div class="admonition {kind} prfaq-banner" role="note">'
        f'<p class="admonition-title">{esc(title)}</p><p>{text}</p></div>'
    )


def card(doc: Document, catalog: Catalog, links: Links) -> str:
    src = document_src(doc)

    def doc_link(doc_id: str) -> str:
        target = catalog.by_id.get(doc_id)
        return links.href(src, document_src(target)) if target else "#"

    rows: list[tuple[str, str]] = [
        ("Id", f"<code>{esc(doc.id)}</code>"),
        ("Status", status_badge(doc.status)),
    ]
    if doc.team:
        rows.append(("Team", facet_link(catalog, links, src, "teams", doc.team, esc(catalog.team_name(doc.team)))))
    rows.append(("Authors", _people(doc.authors)))
    if doc.reviewers:
        rows.append(("Reviewers", _people(doc.reviewers)))
    if doc.customer:
        rows.append(("Customer", esc(doc.customer)))
    created, updated = doc.created, doc.updated
    dates = f"Created {created.isoformat()}" if created else ""
    if updated and updated != created:
        dates += f" · updated {updated.isoformat()}"
    if dates:
        rows.append(("Dates", dates))
    if doc.launch:
        rows.append(("Launch", doc.launch.isoformat()))
    decision = doc.decision
    if decision:
        text = " · ".join(
            part
            for part in (decision.date.isoformat() if decision.date else "", esc(decision.by), esc(decision.notes or ""))
            if part
        )
        rows.append(("Decision", text))
    if doc.tags:
        rows.append(
            (
                "Tags",
                " ".join(
                    f'<a class="prfaq-tag" href="{esc(links.href(src, page))}">{esc(tag)}</a>'
                    if (page := catalog.facet_src("tags", tag))
                    else f'<span class="prfaq-tag">{esc(tag)}</span>'
                    for tag in doc.tags
                ),
            )
        )
    if doc.supersedes:
        rows.append(("Supersedes", ", ".join(f'<a href="{esc(doc_link(i))}">{esc(i)}</a>' for i in doc.supersedes)))
    if doc.superseded_by:
        rows.append(("Superseded by", f'<a href="{esc(doc_link(doc.superseded_by))}">{esc(doc.superseded_by)}</a>'))
    superseded_by_others = [i for i in catalog.replaced_by.get(doc.id or "", []) if i != doc.superseded_by]
    if superseded_by_others:
        rows.append(("Replaced by", ", ".join(f'<a href="{esc(doc_link(i))}">{esc(i)}</a>' for i in superseded_by_others if i)))
    if doc.related:
        items = []
        for rel in doc.related:
            url = doc_link(rel.url) if rel.url in catalog.by_id else rel.url
            items.append(f'<a href="{esc(url)}">{esc(rel.title)}</a>')
        rows.append(("Related", ", ".join(items)))
    body = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="prfaq-card">{body}</dl>'


def render_document(doc: Document, catalog: Catalog, links: Links, *, extra_html: str = "") -> str:
    """The Markdown source of a PR/FAQ's page.

    The document's own level-1 headline, when its body opens with one, is the page's headline;
    otherwise the `title` is. Either way there is one headline.
    """
    src = document_src(doc)
    body = doc.body
    lines = body.split("\n")
    heading = doc.structure.leading_h1
    first_faq = doc.structure.faq_sections[0][0] if doc.structure.faq_sections else None
    if doc.structure.too_deep is not None:
        # Nested too deep for the converter (a site made body-nesting a warning): shown as text.
        lines, heading, first_faq = [f"    {line}" for line in lines], None, None
    if first_faq is not None and first_faq is not heading:
        # A marker before the first FAQ heading: the print stylesheet starts the FAQ on a new page.
        faq = first_faq.line - doc.body_line
        lines[faq:faq] = ["", FAQ_MARKER, ""]
    if heading is not None:
        index = heading.line - doc.body_line
        headline_line = lines[index]
        del lines[index]
        body = "\n".join(lines)
    else:
        headline_line = f"# {md_text(doc.title)}"
        body = "\n".join(lines)
    body = resolve_id_links(body, src, catalog, links)

    def link(doc_id: str) -> str:
        target = catalog.by_id.get(doc_id)
        return links.href(src, document_src(target)) if target else "#"

    parts = [
        "---",
        # A JSON string is a valid YAML scalar: the title cannot break out of the front matter.
        f"title: {yaml_string(doc.title)}",
        f"description: {yaml_string(doc.summary[:300])}",
        "---",
        "",
        headline_line,
        "",
        block(banner(doc, link)),
        "",
        block(card(doc, catalog, links)),
        "",
        block(extra_html) if extra_html else "",
        "",
        body,
    ]
    return "\n".join(parts) + "\n"
