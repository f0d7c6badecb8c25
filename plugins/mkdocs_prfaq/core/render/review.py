"""The "Writing review" panel shown under the card of documents still being written or reviewed.

It lists the writing rules' findings, each with its line and a link to the handbook section that
teaches the fix, so reviewers see what the author sees from `prfaq review`. Launched and decided
documents do not show it: their text is a record, no longer a draft to improve.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ..findings import Problem, Severity
from ..model import IN_WRITING, Document
from ..rules.registry import RULES
from ..rules.writing import press_release_readability
from ..settings import Settings
from .html import Links, document_src
from .templates import refresh, render

__all__ = ["guide_src", "review_panel", "review_panels"]


def guide_src(guide: str) -> tuple[str, str]:
    """A rule's guide (`learn/writing-style/#acronyms`) as a page source and an anchor."""
    page, _, anchor = guide.partition("#")
    page = page.strip("/")
    return (f"{page}.md" if page else "index.md"), anchor


def review_panel(
    doc: Document,
    problems: Sequence[Problem],
    links: Links,
    *,
    has_page: Callable[[str], bool] | None = None,
    template_dirs: Sequence[Path] = (),
) -> str:
    """The collapsed panel as one line of HTML (template `prfaq/review.html`)."""
    src = document_src(doc)
    findings = [(problem, _guide_href(problem, src, links, has_page)) for problem in problems]
    stats = press_release_readability(doc)
    return render(
        "review.html",
        template_dirs,
        findings=findings,
        words=doc.structure.words,
        press_release_words=doc.structure.press_release_words,
        reading_ease=stats.reading_ease if stats.words else None,
    )


def _guide_href(problem: Problem, src: str, links: Links, has_page: Callable[[str], bool] | None) -> str | None:
    """The link to the handbook section on the rule of `problem`, when the site has that page."""
    guide = RULES[problem.rule].guide
    if guide is None:
        return None
    page, anchor = guide_src(guide)
    if has_page is not None and not has_page(page):
        return None
    return links.href(src, page) + (f"#{anchor}" if anchor else "")


def review_panels(
    documents: Iterable[Document],
    writing: Mapping[str, Sequence[Problem]],
    settings: Settings,
    links: Links,
    *,
    has_page: Callable[[str], bool] | None = None,
    template_dirs: Sequence[Path] = (),
) -> dict[str, str]:
    """The panel of each document in draft or in review, by id, as extra HTML for its page: the
    problems the check's writing rules found in it (`writing`, by display path:
    :attr:`~mkdocs_prfaq.core.check.CheckResult.writing`), those its settings do not turn off."""
    refresh(template_dirs)
    out: dict[str, str] = {}
    for doc in documents:
        if doc.status not in IN_WRITING or not doc.id:
            continue
        problems = [p for p in writing.get(doc.path, ()) if settings.severity(p.rule) is not Severity.OFF]
        # A blank line first: the panel is its own HTML block, whatever precedes it on the page.
        out[doc.id] = "\n\n" + review_panel(doc, problems, links, has_page=has_page, template_dirs=template_dirs)
    return out
