"""The catalog's pages: the dashboard and full table, and one page per status, team and tag."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import STATUSES, Document
from ..wellformed import yaml_string
from .blocks import block
from .chart import quarter_chart
from .document import STATUS_LABELS, facet_link, status_badge
from .feed import entries
from .html import Links, document_src, esc, md_text

CATALOG = "catalog/index.md"


def _front(title: str, description: str) -> str:
    return f"---\ntitle: {yaml_string(title)}\ndescription: {yaml_string(description)}\n---\n"


def table(docs: Sequence[Document], catalog: Catalog, links: Links, src: str, *, filters: bool) -> str:
    """All `docs` as an HTML table, complete without JavaScript; the script adds sorting and filters."""
    if not docs:
        return "<p><em>No PR/FAQs here yet.</em></p>"
    out: list[str] = []
    if filters:
        out.append(_filters(docs, catalog))
    out.append(
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        '<table class="prfaq-table" data-prfaq-table>'
        "<thead><tr>"
        '<th data-sort="id" aria-sort="none">Id</th><th data-sort="title">Title</th><th data-sort="status">Status</th>'
        '<th data-sort="team">Team</th><th>Authors</th><th data-sort="updated">Updated</th>'
        "</tr></thead><tbody>"
    )
    for doc in docs:
        created = doc.created
        updated = doc.updated
        href = links.href(src, document_src(doc))
        authors = ", ".join(esc(p.name) for p in doc.authors)
        team = doc.team or ""
        out.append(
            f'<tr data-status="{esc(doc.status or "")}" data-team="{esc(team)}" '
            f'data-tags="{esc(" ".join(catalog.faceted_tags(doc)))}" data-year="{created.year if created else ""}">'
            f'<td><a href="{esc(href)}"><code>{esc(doc.id)}</code></a></td>'
            f'<td><a href="{esc(href)}">{esc(doc.title)}</a></td>'
            f'<td data-sort-key="{_lifecycle(doc.status)}">{status_badge(doc.status)}</td>'
            f"<td>{facet_link(catalog, links, src, 'teams', team, esc(catalog.team_name(team)))}</td>"
            f"<td>{authors}</td>"
            f'<td><time datetime="{updated.isoformat() if updated else ""}">{updated.isoformat() if updated else ""}</time></td>'
            "</tr>"
        )
    out.append("</tbody></table></div></div>")
    return "".join(out)


def _page(catalog: Catalog, folder: str, value: str) -> str:
    page = catalog.facet_src(folder, value)
    assert page is not None, value  # listed by the catalog's groups, which hold only values with a page
    return page


def _lifecycle(status: str | None) -> str:
    """A status's place in the lifecycle (draft first), for sorting the table by status."""
    return f"{STATUSES.index(status):02d}" if status in STATUSES else "99"


def _filters(docs: Sequence[Document], catalog: Catalog) -> str:
    statuses = [s for s in STATUSES if any(d.status == s for d in docs)]
    teams = sorted({d.team for d in docs if d.team})
    tags = sorted({t for d in docs for t in catalog.faceted_tags(d)})
    years = sorted({d.created.year for d in docs if d.created}, reverse=True)

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return (
            f'<label>{esc(label)} <select data-filter="{name}" name="{name}">'
            f'<option value="">All</option>{opts}</select></label>'
        )

    return (
        '<form class="prfaq-filters" data-prfaq-filters hidden role="search">'
        '<label>Text <input type="search" data-filter="q" name="q" placeholder="Filter by id, title, team, author"></label>'
        + select("status", "Status", [(s, STATUS_LABELS[s]) for s in statuses])
        + select("team", "Team", [(t, catalog.team_name(t)) for t in teams])
        + select("tag", "Tag", [(t, t) for t in tags])
        + select("year", "Year created", [(str(y), str(y)) for y in years])
        + '<output data-prfaq-count aria-live="polite"></output></form>'
    )


def _count_list(items: list[tuple[str, str, int]]) -> str:
    rows = "".join(
        f'<li><a href="{esc(href)}">{label}</a> <span class="prfaq-count">{count}</span></li>'
        for href, label, count in items
    )
    return f'<ul class="prfaq-counts">{rows}</ul>'


def catalog_index(catalog: Catalog, links: Links) -> str:
    src = CATALOG
    by_status = catalog.by_status()
    by_team = catalog.by_team()
    status_items = [
        (links.href(src, f"catalog/status/{s}.md"), status_badge(s), len(docs)) for s, docs in by_status.items()
    ]
    team_items = [
        (links.href(src, _page(catalog, "teams", t)), esc(catalog.team_name(t)), len(docs)) for t, docs in by_team.items()
    ]
    total = len(catalog.documents)
    return "\n".join(
        [
            _front("PR/FAQ catalog", f"All {total} PR/FAQs, by status, team, tag and time."),
            "# PR/FAQ catalog",
            "",
            f"The catalog holds **{total}** PR/FAQs. Browse them [by status](status/index.md), "
            "[by team](teams/index.md) or [by tag](tags/index.md), see the [recent activity](activity.md), "
            "or filter the table below. The whole catalog is also published as "
            f'<a href="{esc(links.asset(src, "catalog.json"))}">catalog.json</a> and as an '
            f'<a href="{esc(links.asset(src, "feed.xml"))}">Atom feed</a>.',
            "",
            block(
                '<div class="prfaq-dashboard">'
                f'<section><h2 id="by-status">By status</h2>{_count_list(status_items)}</section>'
                f'<section><h2 id="by-team">By team</h2>{_count_list(team_items)}</section>'
                "</div>"
            ),
            "",
            '<h2 id="per-quarter">Created per quarter</h2>',
            "",
            block(quarter_chart(catalog.by_quarter())),
            "",
            '<h2 id="all-documents">All documents</h2>',
            "",
            block(table(catalog.documents, catalog, links, src, filters=True)),
            "",
        ]
    )


def facet_page(
    title: str, intro: str, docs: Sequence[Document], catalog: Catalog, links: Links, src: str
) -> str:
    return "\n".join(
        [
            _front(title, intro),
            f"# {md_text(title)}",
            "",
            intro,
            "",
            f'<p><a href="{esc(links.href(src, CATALOG))}">All PR/FAQs</a> · {len(docs)} here</p>',
            "",
            block(table(docs, catalog, links, src, filters=False)),
            "",
        ]
    )


def facet_index(title: str, intro: str, items: list[tuple[str, str, int]], src: str) -> str:
    return "\n".join([_front(title, intro), f"# {md_text(title)}", "", intro, "", block(_count_list(items)), ""])


@dataclass(frozen=True, slots=True)
class _Facet:
    """One way of grouping the catalog: a folder of pages, one per group, and an index page."""

    folder: str
    groups: dict[str, list[Document]]
    title: Callable[[str], str]
    intro: Callable[[str], str]
    #: The group's name in the index page's list, as HTML.
    label: Callable[[str], str]
    index_title: str
    index_intro: str


def facet_pages(catalog: Catalog, links: Links) -> dict[str, str]:
    """Every status, team and tag page, with the three index pages, by source path."""

    def team_intro(team: str) -> str:
        about = catalog.teams.get(team, {}).get("description", "")
        return esc(about) if about else f"PR/FAQs owned by {esc(catalog.team_name(team))}."

    facets = (
        _Facet(
            "status",
            catalog.by_status(),
            lambda s: f"Status: {STATUS_LABELS[s]}",
            lambda s: f"PR/FAQs whose status is {STATUS_LABELS[s].lower()}.",
            status_badge,
            "PR/FAQs by status",
            "Each status and how many PR/FAQs stand there now.",
        ),
        _Facet(
            "teams",
            catalog.by_team(),
            lambda t: f"Team: {catalog.team_name(t)}",
            team_intro,
            lambda t: esc(catalog.team_name(t)),
            "PR/FAQs by team",
            "Each team and how many PR/FAQs it owns.",
        ),
        _Facet(
            "tags",
            catalog.by_tag(),
            lambda t: f"Tag: {t}",
            lambda t: f"PR/FAQs tagged {esc(t)}.",
            esc,
            "PR/FAQs by tag",
            "Each tag and how many PR/FAQs carry it.",
        ),
    )
    pages: dict[str, str] = {}
    for facet in facets:
        index = f"catalog/{facet.folder}/index.md"
        items = []
        for key, docs in facet.groups.items():
            src = _page(catalog, facet.folder, key)
            pages[src] = facet_page(facet.title(key), facet.intro(key), docs, catalog, links, src)
            items.append((links.href(index, src), facet.label(key), len(docs)))
        pages[index] = facet_index(facet.index_title, facet.index_intro, items, index)
    return pages


ACTIVITY = "catalog/activity.md"


def activity_page(catalog: Catalog, links: Links, *, limit: int = 200) -> str:
    """New documents and status changes, newest first."""
    src = ACTIVITY
    items = entries(catalog)[:limit]
    lines = [
        _front("Recent activity", "New PR/FAQs and status changes, newest first."),
        "# Recent activity",
        "",
        "New PR/FAQs and status changes, newest first. Status changes come from the git history of "
        "each file; the same events are in the "
        f'<a href="{esc(links.asset(src, "feed.xml"))}">Atom feed</a>.',
        "",
    ]
    if not items:
        lines.append("<p><em>Nothing yet.</em></p>")
        return "\n".join(lines) + "\n"
    rows = []
    for item in items:
        href = links.href(src, document_src(item.doc))
        rows.append(
            f'<li><time datetime="{item.date.isoformat()}">{item.date.isoformat()}</time> '
            f"{status_badge(item.status)} "
            f'<a href="{esc(href)}"><code>{esc(item.doc.id)}</code> {esc(item.doc.title)}</a> '
            f'<span class="prfaq-count">{esc(item.what)}</span></li>'
        )
    lines.append(block(f'<ul class="prfaq-activity">{"".join(rows)}</ul>'))
    return "\n".join(lines) + "\n"
