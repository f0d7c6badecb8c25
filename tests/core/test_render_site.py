"""The whole catalog's rendering (core/render/site.py): with several `jobs`, a large catalog's
listing pages, feeds and review desk are rendered in a forked process while the caller renders
the documents' pages. The outputs are those of one process, in the same order, and a template
that fails in the other process stops the rendering as it would in one.

The catalog is tests/fixtures/sites/basic's; the limit from which the rendering forks is set to
one document, as the fixture has nine, not hundreds.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from corekit import FIXTURES, check

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.render import site
from mkdocs_prfaq.core.render.site import Output, SiteOptions, render_site
from mkdocs_prfaq.core.render.templates import TemplateFailure

BASIC = FIXTURES / "sites" / "basic"
TYPO = FIXTURES / "templates" / "facet-typo"


def _catalog() -> Catalog:
    result = check(BASIC, "prfaqs", {"teams_file": "teams.yml"})
    assert not result.errors, [f.format() for f in result.errors]
    return Catalog.build(result.documents, result.teams)


def _shape(outputs: list[Output]) -> list[tuple[str, str, str, tuple[str, ...], str | None]]:
    return [(o.path, o.content, o.source, o.blocks, o.document.id if o.document else None) for o in outputs]


def test_two_processes_render_what_one_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = _catalog()
    one = render_site(catalog, SiteOptions(jobs=1))
    monkeypatch.setattr(site, "PARALLEL_MIN_DOCUMENTS", 1)
    # Which process renders the catalog's index page: written down by the process itself.
    where = tmp_path / "pids"
    index = site.catalog_index

    def noted(*args: object, **kwargs: object) -> str:
        with where.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return index(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(site, "catalog_index", noted)
    two = render_site(catalog, SiteOptions(jobs=2))
    assert _shape(two) == _shape(one)
    assert len(catalog.documents) > 5 and len(two) > len(catalog.documents) + 10
    assert where.read_text(encoding="utf-8").split() != [str(os.getpid())]  # rendered elsewhere
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_listing_template_stops_the_rendering_at_its_line(jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site, "PARALLEL_MIN_DOCUMENTS", 1)
    with pytest.raises(TemplateFailure) as failure:
        render_site(_catalog(), SiteOptions(jobs=jobs, template_dirs=(TYPO,)))
    message = str(failure.value)
    assert message.startswith(f"{TYPO / 'prfaq' / 'facet.md'}:2: ") and "'titel' is undefined" in message, message
    assert multiprocessing.active_children() == []
