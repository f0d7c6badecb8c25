"""The PR/FAQ template: filled in by `prfaq new`, and offered as a download on the site."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from importlib import resources
from pathlib import Path
from string import Template

from .loader import discover
from .rules.placeholder import AUTHOR, TEAM, TITLE, template_values


def slugify(title: str, limit: int = 60) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "untitled"


def next_id(source: Path) -> str:
    """One more than the highest id among the file names in `source` (ids are never reused)."""
    highest = 0
    if source.is_dir():
        for path, _ in discover(source):
            match = re.match(r"PRFAQ-(\d+)", os.path.basename(path), re.I)
            if match:
                highest = max(highest, int(match.group(1)))
    return f"PRFAQ-{highest + 1:04d}"


def fill_template(*, doc_id: str, title: str, author: str, team: str, today: dt.date) -> str:
    text = resources.files(__package__).joinpath("template.md").read_text(encoding="utf-8")
    # YAML values are written as JSON strings, which YAML reads back exactly, whatever they hold.
    # `substitute`, not `safe_substitute`: a variable of the template that the placeholder rule
    # does not know is an error here, not a `$name` left in every new document.
    return Template(text).substitute(
        template_values(),
        id=doc_id,
        title_yaml=json.dumps(title, ensure_ascii=False),
        title=title,
        author=json.dumps(author, ensure_ascii=False),
        team=team,
        today=today.isoformat(),
        launch_words=f"{today:%B} {today.day}, {today.year}",
    )


def template_download(today: dt.date | None = None) -> str:
    return fill_template(
        doc_id="PRFAQ-0000",
        title=TITLE.text,
        author=f"{AUTHOR.text} <you@example.com>",
        team=TEAM.text,
        today=today or dt.date(2026, 1, 1),
    )
