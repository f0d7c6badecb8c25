"""The PR/FAQ template: filled in by `prfaq new`, and offered as a download on the site.

A new document is checked as `prfaq check` would check it, among the others, before it is
written: what the schema and the rules refuse (a title too long, a team that is not a slug or
not in the teams file, an author that is not `Name <email>`) is refused here by the same words.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from string import Template

from .check import cache_for, check_files
from .findings import Finding, Severity
from .loader import discover, display_path
from .model import ID_PATTERN
from .rules.placeholder import AUTHOR, TEAM, TITLE, template_values
from .settings import Settings

__all__ = [
    "Draft",
    "ScaffoldError",
    "default_author",
    "draft",
    "fill_template",
    "id_taken",
    "next_id",
    "slugify",
    "template_download",
    "write_draft",
]


class ScaffoldError(ValueError):
    """Why `prfaq new` writes nothing, before any check (a usage error)."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A new PR/FAQ from the template: where it goes, its text, and the errors `prfaq check`
    would report in it (none, for a draft that may be written)."""

    path: Path
    text: str
    errors: list[Finding]


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


def id_taken(source: Path, doc_id: str) -> bool:
    """Whether a file of `source` is named after `doc_id` (whatever its front matter says)."""
    taken = re.compile(rf"{re.escape(doc_id)}(?![0-9])", re.I)
    return source.is_dir() and any(taken.match(os.path.basename(p)) for p, _ in discover(source))


def default_author() -> str:
    """The author git knows (`git config user.name` and `user.email`), else the template's placeholder."""
    import subprocess  # only `new` asks git

    try:
        name, email = (
            subprocess.run(["git", "config", key], capture_output=True, text=True, check=False).stdout.strip()
            for key in ("user.name", "user.email")
        )
    except OSError:
        return AUTHOR.text
    if not name:
        return AUTHOR.text
    return f"{name} <{email}>" if email else name


def draft(
    settings: Settings,
    *,
    title: str,
    team: str,
    author: str,
    today: dt.date,
    doc_id: str | None = None,
    customer: str | None = None,
) -> Draft:
    """The template filled in, and checked among the documents of the source folder. Only the
    id, which names the file, is refused before: ScaffoldError."""
    if doc_id is None:
        doc_id = next_id(settings.source_dir)
    elif not ID_PATTERN.match(doc_id):
        raise ScaffoldError(f"id {doc_id!r} is not PRFAQ- and four or more digits")
    elif id_taken(settings.source_dir, doc_id):
        raise ScaffoldError(f"{doc_id} is taken; leave out --id for the next free one")
    title = " ".join(title.split())
    text = fill_template(doc_id=doc_id, title=title, author=author.strip(), team=team, today=today, customer=customer)
    path = settings.source_dir / f"{doc_id}-{slugify(title)}.md"
    return Draft(path, text, _errors(settings, path, text))


def _errors(settings: Settings, path: Path, text: str) -> list[Finding]:
    """The errors of `text` as the file `path`, checked with the files of the source folder (a
    copy in a scratch folder, so that nothing is written before it passes)."""
    with tempfile.TemporaryDirectory(prefix="prfaq-new-") as scratch:
        probe = Path(scratch) / path.name
        try:
            probe.write_text(text, encoding="utf-8")
        except OSError as exc:  # a name the file system refuses (too long, most likely)
            raise ScaffoldError(f"cannot write a file named {path.name}: {exc.strerror or exc}") from None
        # Errors only: `possible-duplicate` (a warning, and the slowest rule) is left out.
        quiet = replace(settings, rules={**settings.rules, "possible-duplicate": Severity.OFF})
        # The other files from the check's cache when it holds them (read again when changed).
        result = check_files(quiet, [probe], reviewed=(), cache=cache_for(settings))
    shown = display_path(path, settings.root)
    return [replace(finding, path=shown) for finding in result.errors]


def write_draft(new: Draft) -> None:
    """Write the draft's file, never over another; ScaffoldError when it cannot."""
    try:
        new.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"cannot write into {new.path.parent}: {exc.strerror or exc}") from None
    try:
        with new.path.open("x", encoding="utf-8") as handle:
            handle.write(new.text)
    except FileExistsError:
        raise ScaffoldError(f"{new.path} exists; not overwriting") from None
    except OSError as exc:
        raise ScaffoldError(f"cannot write {new.path}: {exc.strerror or exc}") from None


def fill_template(
    *, doc_id: str, title: str, author: str, team: str, today: dt.date, customer: str | None = None
) -> str:
    text = resources.files(__package__).joinpath("template.md").read_text(encoding="utf-8")
    # YAML values are written as JSON strings, which YAML reads back exactly, whatever they hold.
    # `substitute`, not `safe_substitute`: a variable of the template that the placeholder rule
    # does not know is an error here, not a `$name` left in every new document.
    return Template(text).substitute(
        template_values(),
        id=doc_id,
        title_yaml=json.dumps(title, ensure_ascii=False),
        # The heading: a `#` ending it would close the heading and drop out of its text.
        title=re.sub(r"#(?=#*$)", r"\\#", title),
        author=json.dumps(author, ensure_ascii=False),
        team=team,
        today=today.isoformat(),
        launch_words=f"{today:%B} {today.day}, {today.year}",
        **(
            {"customer": json.dumps(" ".join(customer.split()), ensure_ascii=False)}
            if customer and customer.strip()
            else {}
        ),
    )


def template_download(today: dt.date | None = None) -> str:
    return fill_template(
        doc_id="PRFAQ-0000",
        title=TITLE.text,
        author=f"{AUTHOR.text} <you@example.com>",
        team=TEAM.text,
        today=today or dt.date(2026, 1, 1),
    )
