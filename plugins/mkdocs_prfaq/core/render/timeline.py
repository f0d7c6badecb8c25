"""A document's status timeline, from its git history: each status change, oldest first."""

from __future__ import annotations

from ..model import Document, Person
from .document import status_badge
from .html import esc


def timeline(doc: Document) -> str:
    """The timeline as HTML, or an empty string when there is no history (no git)."""
    if not doc.history:
        return ""
    items: list[str] = []
    for index, change in enumerate(doc.history):
        date = change.get("date", "")
        day = date[:10]
        what = "Created as" if index == 0 else "Moved to"
        commit = change.get("commit", "")
        items.append(
            '<li class="prfaq-timeline__item">'
            f'<time datetime="{esc(date)}">{esc(day)}</time> '
            f"{what} {status_badge(change.get('status'))} "
            f'<span class="prfaq-timeline__who">by {esc(change.get("author", ""))}</span> '
            f'<code class="prfaq-timeline__commit" title="{esc(commit)}">{esc(commit[:8])}</code>'
            "</li>"
        )
    contributors = ", ".join(esc(Person.parse(c).name) for c in doc.contributors)
    footer = f'<p class="prfaq-timeline__contributors">Contributors: {contributors}</p>' if contributors else ""
    return (
        '<details class="prfaq-timeline" open>'
        '<summary>Status history</summary>'
        f'<ol class="prfaq-timeline__list">{"".join(items)}</ol>{footer}'
        "</details>"
    )
