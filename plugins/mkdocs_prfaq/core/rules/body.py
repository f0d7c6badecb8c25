"""Body rules: the FAQ is there and answered, lengths are reasonable, links are safe."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..body import EXTERNAL_WORDS, INTERNAL_WORDS, NESTING_LIMIT
from ..findings import Problem
from ..lengths import DOCUMENT_PAGES, DOCUMENT_WORDS, PRESS_RELEASE_WORDS
from ..model import Document, same_title

_UNSAFE = re.compile(r"^\s*(javascript|vbscript|data):", re.I)

__all__ = ["DOCUMENT_WORDS", "PRESS_RELEASE_WORDS", "check_body", "unsafe_scheme"]



def unsafe_scheme(url: str) -> str | None:
    match = _UNSAFE.match(url)
    return match.group(1).lower() if match else None


def check_body(doc: Document) -> list[Problem]:
    """The FAQ, lengths, nesting and links of a document's body (and its `related` URLs)."""
    return [*_title(doc), *_faq(doc), *_lengths(doc), *_links(doc)]


def _title(doc: Document) -> list[Problem]:
    heading, title = doc.structure.leading_h1, doc.meta.get("title")
    if heading is None or not isinstance(title, str) or not title.strip() or same_title(heading.text, title):
        return []  # (an empty title is field-format's finding)
    return [
        Problem(
            "title-mismatch",
            heading.line,
            heading.col,
            f"the heading '{heading.text}' is not the title '{title}': the page, the catalog and search show the"
            " title, so change the one that is wrong, or remove the heading",
        )
    ]


def _faq(doc: Document) -> list[Problem]:
    s = doc.structure
    problems: list[Problem] = []
    if not s.faq_sections:
        problems.append(
            Problem(
                "faq-section",
                doc.body_line,
                1,
                "no FAQ section: add `## External FAQ` and `## Internal FAQ` headings with questions under them",
            )
        )
    else:
        kinds = {kind for _, kind in s.faq_sections}
        if not ({"external", "internal"} <= kinds):
            heading = s.faq_sections[0][0]
            lacking = "an internal" if "external" in kinds else "an external" if "internal" in kinds else "an external and an internal"
            misspelt = _misspelt_part(heading.text for heading, kind in s.faq_sections if kind == "faq")
            problems.append(
                Problem(
                    "faq-split",
                    heading.line,
                    heading.col,
                    f"the FAQ lacks {lacking} part{misspelt}: split it under `## External FAQ` (customers) and"
                    " `## Internal FAQ` (stakeholders)",
                )
            )
    for question in s.questions:
        if question.answer_words == 0:
            h = question.heading
            problems.append(Problem("empty-answer", h.line, h.col, f"question '{h.text}' has no answer under it: answer it, or remove it until you can"))
    return problems


def _lengths(doc: Document) -> list[Problem]:
    s = doc.structure
    problems: list[Problem] = []
    if s.press_release_over(PRESS_RELEASE_WORDS):
        problems.append(
            Problem(
                "press-release-length",
                s.press_release_line,
                1,
                f"the press release has {s.press_release_words:,} words, over {PRESS_RELEASE_WORDS} (one page): cut it to"
                " one page, starting with the solution paragraph",
            )
        )
    if s.words_over(DOCUMENT_WORDS):
        problems.append(
            Problem(
                "document-length",
                doc.body_line,
                1,
                f"the document has {s.words:,} words, over {DOCUMENT_WORDS:,} ({DOCUMENT_PAGES} pages): move supporting"
                " material to appendices",
            )
        )
    if s.too_deep is not None:
        line, col = s.too_deep
        problems.append(
            Problem(
                "body-nesting",
                line,
                col,
                f"nested past {NESTING_LIMIT} levels here ({s.depth:,} at the deepest; each `>`, list mark,"
                " 4 columns of indentation or HTML block read as Markdown is a level): the site's Markdown converter"
                " recurses once per level and stops the build; flatten it into headings and shorter lists",
            )
        )
    return problems


def _links(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    for link in doc.structure.links:
        scheme = unsafe_scheme(link.target)
        if scheme:
            problems.append(
                Problem("unsafe-url", link.line, link.col, f"`{scheme}:` link refused: link to an http(s) page instead")
            )
    related = doc.meta.get("related")
    if isinstance(related, list):
        for index, item in enumerate(related):
            url = item.get("url") if isinstance(item, dict) else None
            if isinstance(url, str) and (scheme := unsafe_scheme(url)):
                pos = doc.position("related", index, "url")
                problems.append(
                    Problem("unsafe-url", pos.line, pos.col, f"`{scheme}:` URL refused: use an http(s) address")
                )
    return problems


_PART_WORDS = (*EXTERNAL_WORDS, *INTERNAL_WORDS)


def _misspelt_part(headings: Iterable[str]) -> str:
    """` (is `Externel` meant to be `External`?)` for an FAQ heading whose word for its part is
    misspelt, which makes it neither part."""
    for text in headings:
        for word in re.findall(r"[^\W\d_]{4,}", text):
            close = difflib.get_close_matches(word.lower(), _PART_WORDS, n=1, cutoff=0.75)
            if close:
                return f" (is `{word}` meant to be `{close[0].capitalize()}`?)"
    return ""
