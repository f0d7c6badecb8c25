"""The catalog's pages: the dashboard and full table, and one page per status, team and tag.

Each page is a template of `prfaq/` (see :mod:`~mkdocs_prfaq.core.render.templates`); this module
gathers what each shows: the documents, the groups and their counts, the filter form's choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..model import STATUSES, Document
from .chart import Chart
from .feed import entries, feed_path
from .html import Here, Links
from .templates import STATUS_LABELS, render

__all__ = ["ACTIVITY", "CATALOG", "Row", "activity_page", "catalog_index", "facet_pages", "table"]

CATALOG = "catalog/index.md"
ACTIVITY = "catalog/activity.md"

#: A group of documents in a list of groups: the link to its page, its name, how many it holds.
Item = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class Row:
    """What a table row shows of a document, the same on every page that lists it, as text (made
    once per document: a document is a row of the catalog's table and of each of its facets')."""

    doc: Document
    status: str
    team: str
    tags: str
    year: str
    lifecycle: str
    team_name: str
    authors: str
    updated: str

    @classmethod
    def of(cls, doc: Document, catalog: Catalog) -> Row:
        team = doc.team or ""
        created, updated = doc.created, doc.updated
        return cls(
            doc,
            doc.status or "",
            team,
            " ".join(catalog.faceted_tags(doc)),
            str(created.year) if created else "",
            _lifecycle(doc.status),
            catalog.team_name(team),
            ", ".join(p.name for p in doc.authors),
            updated.isoformat() if updated else "",
        )


def _lifecycle(status: str | None) -> str:
    """A status's place in the lifecycle (draft first), for sorting the table by status."""
    return f"{STATUSES.index(status):02d}" if status in STATUSES else "99"


def table(
    docs: Sequence[Document],
    catalog: Catalog,
    links: Links,
    src: str,
    *,
    filters: bool,
    template_dirs: Sequence[Path] = (),
) -> str:
    """All `docs` as an HTML table (template `prfaq/table.html`), with the filter form when `filters`."""
    choices = _filters(docs, catalog) if filters else None
    rows = [Row.of(d, catalog) for d in docs]
    return render("table.html", template_dirs, rows=rows, here=Here(links, catalog, src), filters=choices)


def _page(catalog: Catalog, folder: str, value: str) -> str:
    page = catalog.facet_src(folder, value)
    assert page is not None, value  # listed by the catalog's groups, which hold only values with a page
    return page


def _filters(docs: Sequence[Document], catalog: Catalog) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The filter form's selects: (name, label, [(value, text)]), with the values `docs` hold."""
    statuses = [s for s in STATUSES if any(d.status == s for d in docs)]
    teams = sorted({d.team for d in docs if d.team})
    tags = sorted({t for d in docs for t in catalog.faceted_tags(d)})
    years = sorted({d.created.year for d in docs if d.created}, reverse=True)
    return [
        ("status", "Status", [(s, STATUS_LABELS[s]) for s in statuses]),
        ("team", "Team", [(t, catalog.team_name(t)) for t in teams]),
        ("tag", "Tag", [(t, t) for t in tags]),
        ("year", "Year created", [(str(y), str(y)) for y in years]),
    ]


def catalog_index(catalog: Catalog, links: Links, *, template_dirs: Sequence[Path] = ()) -> str:
    """The catalog's front page (template `prfaq/catalog.md`)."""
    here = Here(links, catalog, CATALOG)
    by_status = [(here.to(f"catalog/status/{s}.md"), s, len(docs)) for s, docs in catalog.by_status().items()]
    by_team = [
        (here.to(_page(catalog, "teams", t)), catalog.team_name(t), len(docs)) for t, docs in catalog.by_team().items()
    ]
    per_quarter = catalog.by_quarter()
    return render(
        "catalog.md",
        template_dirs,
        title="PR/FAQ catalog",
        description=f"All {len(catalog.documents)} PR/FAQs, by status, team, tag and time.",
        catalog=catalog,
        here=here,
        by_status=by_status,
        by_team=by_team,
        chart=Chart.of(per_quarter) if per_quarter else None,
        rows=[Row.of(d, catalog) for d in catalog.documents],
        filters=_filters(catalog.documents, catalog),
    )


@dataclass(frozen=True, slots=True)
class _Facet:
    """One way of grouping the catalog: a folder of pages, one per group, and an index page."""

    folder: str
    groups: dict[str, list[Document]]
    #: A group's page title and description (text), from its key.
    title: Callable[[str], str]
    intro: Callable[[str], str]
    #: A group's name in the index page's list, from its key (a status is shown as its badge).
    name: Callable[[str], str]
    index_title: str
    index_intro: str


def _facets(catalog: Catalog) -> tuple[_Facet, ...]:
    def team_intro(team: str) -> str:
        about: str = catalog.teams.get(team, {}).get("description", "")
        return about or f"PR/FAQs owned by {catalog.team_name(team)}."

    return (
        _Facet(
            "status",
            catalog.by_status(),
            lambda s: f"Status: {STATUS_LABELS[s]}",
            lambda s: f"PR/FAQs whose status is {STATUS_LABELS[s].lower()}.",
            str,
            "PR/FAQs by status",
            "Each status and how many PR/FAQs stand there now.",
        ),
        _Facet(
            "teams",
            catalog.by_team(),
            lambda t: f"Team: {catalog.team_name(t)}",
            team_intro,
            catalog.team_name,
            "PR/FAQs by team",
            "Each team and how many PR/FAQs it owns.",
        ),
        _Facet(
            "tags",
            catalog.by_tag(),
            lambda t: f"Tag: {t}",
            lambda t: f"PR/FAQs tagged {t}.",
            str,
            "PR/FAQs by tag",
            "Each tag and how many PR/FAQs carry it.",
        ),
    )


def facet_pages(catalog: Catalog, links: Links, *, template_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Every status, team and tag page (template `prfaq/facet.md`), with the three index pages
    (`prfaq/facet-index.md`), by source path."""
    pages: dict[str, str] = {}
    rows = {id(d): Row.of(d, catalog) for d in catalog.documents}
    for facet in _facets(catalog):
        index = f"catalog/{facet.folder}/index.md"
        items: list[Item] = []
        for key, docs in facet.groups.items():
            src = _page(catalog, facet.folder, key)
            pages[src] = render(
                "facet.md",
                template_dirs,
                title=facet.title(key),
                description=facet.intro(key),
                here=Here(links, catalog, src),
                rows=[rows[id(d)] for d in docs],
                filters=None,
                # A team or a tag has its own feed (feeds/teams/<team>.xml); a status has none.
                feed=links.asset(src, feed_path(facet.folder, key)) if facet.folder != "status" else None,
            )
            items.append((links.href(index, src), facet.name(key), len(docs)))
        pages[index] = render(
            "facet-index.md",
            template_dirs,
            title=facet.index_title,
            description=facet.index_intro,
            items=items,
            badges=facet.folder == "status",
        )
    return pages


def activity_page(catalog: Catalog, links: Links, *, limit: int = 200, template_dirs: Sequence[Path] = ()) -> str:
    """New documents and status changes, newest first (template `prfaq/activity.md`)."""
    return render(
        "activity.md",
        template_dirs,
        title="Recent activity",
        description="New PR/FAQs and status changes, newest first.",
        here=Here(links, catalog, ACTIVITY),
        items=entries(catalog)[:limit],
    )
