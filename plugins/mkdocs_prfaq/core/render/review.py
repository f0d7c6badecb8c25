"""The "Writing review" panel shown under the card of documents still being written or reviewed.

It lists the writing rules' findings, each with its line and a link to the handbook section that
teaches the fix, so reviewers see what the author sees from `prfaq review`. Launched and decided
documents do not show it: their text is a record, no longer a draft to improve.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..findings import Problem, Severity
from ..model import Document
from ..rules.registry import RULES
from ..rules.writing import press_release_readability, writing_problems
from ..settings import Settings
from .html import Links, document_src, esc

#: Statuses whose page carries the panel.
REVIEWED = frozenset({"draft", "in-review"})


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
) -> str:
    """The collapsed panel as one line of HTML (every value escaped)."""
    src = document_src(doc)
    items: list[str] = []
    for problem in problems:
        guide = RULES[problem.rule].guide
        link = ""
        if guide is not None:
            page, anchor = guide_src(guide)
            if has_page is None or has_page(page):
                href = links.href(src, page) + (f"#{anchor}" if anchor else "")
                link = f' <a class="prfaq-review__guide" href="{esc(href)}">How to fix it</a>'
        items.append(
            "<li>"
            f'<span class="prfaq-review__line">Line {problem.line}</span> '
            f"<code>{esc(problem.rule)}</code> {esc(problem.message)}{link}"
            "</li>"
        )
    count = len(problems)
    summary = f"Writing review: {count} finding{'s' * (count != 1)}" if count else "Writing review: no findings"
    stats = press_release_readability(doc)
    facts = (
        f"Press release: {doc.structure.press_release_words:,} words"
        + (f", Flesch reading ease {stats.reading_ease:.0f}" if stats.words else "")
        + f". Whole document: {doc.structure.words:,} words."
    )
    listing = f'<ul class="prfaq-review__list">{"".join(items)}</ul>' if items else ""
    return (
        '<details class="prfaq-review">'
        f"<summary>{esc(summary)}</summary>"
        f'<p class="prfaq-review__facts">{esc(facts)} Automated checks: the reviewers\' reading comes first.</p>'
        f"{listing}"
        "</details>"
    )


def review_panels(
    documents: Iterable[Document],
    settings: Settings,
    links: Links,
    *,
    has_page: Callable[[str], bool] | None = None,
) -> dict[str, str]:
    """The panel of each document in draft or in review, by id, as extra HTML for its page."""
    out: dict[str, str] = {}
    for doc in documents:
        if doc.status not in REVIEWED or not doc.id:
            continue
        # A blank line first: the panel is its own HTML block, whatever precedes it on the page.
        out[doc.id] = "\n\n" + document_review(doc, settings, links, has_page=has_page)
    return out


def document_review(
    doc: Document, settings: Settings, links: Links, *, has_page: Callable[[str], bool] | None = None
) -> str:
    """A document's panel, listing the writing findings its settings do not turn off."""
    problems = [p for p in writing_problems(doc, settings.weasel_words) if settings.severity(p.rule) is not Severity.OFF]
    return review_panel(doc, problems, links, has_page=has_page)
