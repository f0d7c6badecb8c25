"""The Markdown scanner, against Python-Markdown itself: on every fixture and example, the
headings it finds are the page's table of contents (same headings, same text, same order), with
the extensions this repository's site enables. And the body's structure and the writing rules,
which both read the scanner, agree where the two scanners before them did not.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from mkdocs_prfaq.core.body import analyse
from mkdocs_prfaq.core.frontmatter import split
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.rules.body import check_body
from mkdocs_prfaq.core.rules.prose import read_prose
from mkdocs_prfaq.core.scan import CODE, Block, inline_text, scan, without_code

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SCAN = FIXTURES / "scan"
MARKDOWN_FILES = sorted(
    path
    for folder in (FIXTURES, REPO / "prfaqs", REPO / "docs")
    for path in folder.rglob("*.md")
    if path.is_file() and not path.is_symlink()
)


class _SiteConfig(yaml.SafeLoader):
    """Reads mkdocs.yml, its `!!python/name:` values (functions for emoji) left out."""


_SiteConfig.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _site_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The site's Markdown extensions and their options, as MkDocs hands them to Python-Markdown."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_SiteConfig)
    names: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in config["markdown_extensions"]:
        name, values = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        kept = {key: value for key, value in (values or {}).items() if value is not None}
        if name == "pymdownx.superfences":
            kept.pop("custom_fences", None)  # their `format` is a function: it draws diagrams, not headings
        options[name] = kept
    return names, options


EXTENSIONS = _site_extensions()
_TAGS = re.compile(r"<[^<>]*>")


def toc(body: str) -> list[tuple[int, str]]:
    """The headings of the page's table of contents, in order: (level, text)."""
    names, options = EXTENSIONS
    converter = markdown.Markdown(extensions=names, extension_configs=options)
    converter.convert(body)
    found: list[tuple[int, str]] = []

    def walk(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            # Inline HTML is left out on both sides: the scanner does not model it.
            found.append((token["level"], _TAGS.sub("", html.unescape(token["name"])).strip()))
            walk(token["children"])

    walk(converter.toc_tokens)  # type: ignore[attr-defined]
    return found


def body_of(path: Path) -> tuple[str, int]:
    text = path.read_text(encoding="utf-8")
    parts, _ = split(text)
    return (parts.body, parts.body_line) if parts is not None else (text, 1)


def load(path: Path) -> Document:
    doc, problems = read_document(path, path.name, path.read_text(encoding="utf-8"))
    assert doc is not None, problems
    return doc


def readable(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    return True


#: The files compared: all but the few fixtures that are not UTF-8 on purpose (for the
#: file-encoding rule), which neither reads.
TEXT_FILES = [path for path in MARKDOWN_FILES if readable(path)]


def test_only_encoding_fixtures_are_left_out() -> None:
    """No page of the handbook and no example is left out of the comparison."""
    left_out = [p for p in MARKDOWN_FILES if p not in TEXT_FILES]
    assert 0 < len(left_out) <= 6 and all(FIXTURES in p.parents for p in left_out), left_out


@pytest.mark.parametrize("path", TEXT_FILES, ids=[p.relative_to(REPO).as_posix() for p in TEXT_FILES])
def test_headings_are_the_table_of_contents_of_python_markdown(path: Path) -> None:
    body, first_line = body_of(path)
    assert [(h.level, inline_text(h.text)) for h in scan(body, first_line).headings] == toc(body)


def test_every_kind_of_heading_is_in_the_corpus_compared() -> None:
    """The edge cases are in the files compared above, so that the comparison covers them."""
    headings = [inline_text(h.text) for h in scan(*body_of(SCAN / "headings.md")).headings]
    assert len(MARKDOWN_FILES) > 250 and SCAN / "headings.md" in MARKDOWN_FILES
    for expected in ("Why C", "Why C#", "A setext heading", "A heading in a block quote", "A heading in a tab"):
        assert expected in headings
    assert not [h for h in headings if h.startswith("Not a heading") or "comment" in h]


def test_an_faq_heading_in_a_comment_is_no_faq_section() -> None:
    """Before, the body's structure counted it as the FAQ, the writing rules did not."""
    doc = load(SCAN / "PRFAQ-0001-faq-in-a-comment.md")
    assert doc.structure.faq_sections == [] and doc.structure.questions == []
    assert [p.rule for p in check_body(doc)] == ["faq-section"]
    assert {block.section for block in read_prose(doc).blocks} == {"press"}
    # The comment's words are not the document's either: two sentences of 14 words each.
    assert doc.structure.words == doc.structure.press_release_words == 28


def test_a_heading_ending_in_a_hash_reads_as_the_page_shows_it() -> None:
    """Python-Markdown drops a closing `#` with no space before it: the page shows "Why C".
    Before, the body's structure kept "Why C#" and the writing rules "Why C"."""
    path = SCAN / "PRFAQ-0002-why-c-sharp.md"
    doc = load(path)
    questions = [q.heading.text for q in doc.structure.questions]
    assert questions == ["Why C", "Why F\\#", "What does it cost, and what are the risks?"]
    assert [text for _, text in read_prose(doc).headings] == [h.text for h in doc.structure.headings]
    assert [inline_text(h.text) for h in doc.structure.headings] == [text for _, text in toc(doc.body)]


def test_code_is_code_for_every_reader() -> None:
    """Fenced code in an admonition, indented code: no heading, no prose, no image, no words."""
    body, first_line = body_of(SCAN / "headings.md")
    outline = scan(body, first_line)
    code = {
        block.line + i
        for block in outline.parts
        if isinstance(block, Block) and block.kind == CODE
        for i in range(len(block.texts))
    }
    lines = body.split("\n")
    comment_line = next(i for i, line in enumerate(lines) if "# a comment in code" in line) + first_line
    indented = next(i for i, line in enumerate(lines) if "Not a heading: indented code" in line) + first_line
    assert {comment_line, indented} <= code
    blanked = without_code(body).split("\n")
    assert not blanked[comment_line - first_line].strip() and not blanked[indented - first_line].strip()
    structure = analyse(body, first_line)
    assert all(h.line not in code for h in structure.headings)
