"""A document's status timeline, from its git history: each status change, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Document, Person
from .templates import render

__all__ = ["timeline"]


def timeline(doc: Document, *, template_dirs: Sequence[Path] = ()) -> str:
    """The timeline as HTML (template `prfaq/timeline.html`), or an empty string when there is
    no history (no git)."""
    if not doc.history:
        return ""
    contributors = [Person.parse(c).name for c in doc.contributors]
    return render("timeline.html", template_dirs, doc=doc, contributors=[name for name in contributors if name])
