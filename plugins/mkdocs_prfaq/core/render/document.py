"""The page of one PR/FAQ: headline, banner, metadata card, then the body as written."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from urllib.parse import quote, unquote

from markupsafe import Markup

from ..catalog import Catalog
from ..model import Document, same_title
from ..sanitize import local_path
from ..scan import without_code
from .html import Here, Links, attachment_src, document_src
from .templates import render

__all__ = ["FAQ_MARKER", "banner", "card", "render_document", "resolve_attachment_links", "resolve_id_links"]

#: Placed before the first FAQ heading (see prfaq-print.css).
FAQ_MARKER = '<div class="prfaq-faq-start" aria-hidden="true"></div>'

_ID_LINK = re.compile(r"(\]\(\s*<?)(PRFAQ-[0-9]{4,})(#[^)\s>]*)?(>?(?:\s+[\"'][^)]*)?\))")


def resolve_id_links(markdown: str, from_src: str, catalog: Catalog, links: Links) -> str:
    """Turn `[text](PRFAQ-0007)` into a link to that document's page source, which the engine
    then checks and rewrites like any other page link. Unknown ids are left as they are: the
    `unknown-id` rule reports them. In code, an example stays as written."""

    def replace(match: re.Match[str]) -> str:
        target = catalog.by_id.get(match.group(2))
        if target is None:
            return match.group(0)
        rel = _relative_src(from_src, document_src(target))
        return f"{match.group(1)}{rel}{match.group(3) or ''}{match.group(4)}"

    return _outside_code(_ID_LINK, markdown, replace)


#: An inline link's or image's destination (`](url "title")`, `](<url with spaces>)`), a
#: reference definition's (`[name]: url`), and an HTML image's `src`.
_INLINE = re.compile(r"(\]\(\s*)(<[^>\n]+>|[^)\s<][^)\s]*)((?:\s+[\"'][^)]*)?\))")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>\n]+>|[^\s<]\S*)()", re.M)
_IMG_SRC = re.compile(r"(<img\b[^<>]*?\ssrc\s*=\s*)(\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+)()", re.I)


def _outside_code(pattern: re.Pattern[str], markdown: str, replace: Callable[[re.Match[str]], str]) -> str:
    """`pattern.sub(replace, markdown)` but in code blocks and spans, which show what is written."""
    if not any(replace(match) != match.group(0) for match in pattern.finditer(markdown)):
        return markdown  # nothing to change: the common case, without scanning for code
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(without_code(markdown)):  # offsets kept: they hold in `markdown`
        parts += (markdown[last : match.start()], replace(match))
        last = match.end()
    return "".join(parts) + markdown[last:]


def resolve_attachment_links(
    markdown: str, folder: str, attachments: Collection[str], *, page_src: str = "", links: Links | None = None
) -> str:
    """Links to the images a site copies beside the PR/FAQ pages (`attachments`, relative to the
    source folder, copied into the site's `prfaqs/` in their folders), from a document in
    `folder` of the source folder: in Markdown made relative to its page source (`prfaqs/<slug>.md`,
    which the engine then resolves) when the document is in a subfolder; in an HTML `<img>`, which
    no engine resolves, made relative to the page built from `page_src` by `links`. Other links
    are left as they are."""

    def target(written: str) -> tuple[str, str] | None:
        """The image a written link points at, and what follows its path (`?...`, `#...`)."""
        path = local_path(written)
        if path is None:
            return None
        image = posixpath.normpath(posixpath.join(folder, unquote(path)))
        return (image, written[len(path) :]) if image in attachments else None

    def markdown_link(match: re.Match[str]) -> str:
        written = match.group(2)
        bracketed = written.startswith("<")
        found = target(written[1:-1] if bracketed else written)
        if found is None:
            return match.group(0)
        moved = f"<{found[0]}{found[1]}>" if bracketed else quote(found[0]) + found[1]
        return f"{match.group(1)}{moved}{match.group(3)}"

    def html_image(match: re.Match[str]) -> str:
        written = match.group(2)
        quote_mark = written[0] if written[0] in "\"'" else ""
        found = target(html.unescape(written.strip("\"'")))
        if found is None or links is None:
            return match.group(0)
        url = quote(links.asset(page_src, attachment_src(found[0]))) + found[1]
        return f'{match.group(1)}{quote_mark or chr(34)}{html.escape(url)}{quote_mark or chr(34)}'

    if folder != ".":
        markdown = _outside_code(_REFERENCE, _outside_code(_INLINE, markdown, markdown_link), markdown_link)
    return _outside_code(_IMG_SRC, markdown, html_image) if "<img" in markdown.lower() else markdown


def _relative_src(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def banner(doc: Document, here: Here, *, template_dirs: Sequence[Path] = ()) -> str:
    """The banner over a document that is not (or no longer) a plan of record, or nothing."""
    return render("banner.html", template_dirs, doc=doc, here=here)


def card(doc: Document, catalog: Catalog, links: Links, *, template_dirs: Sequence[Path] = ()) -> str:
    """The metadata card at the top of a PR/FAQ's page."""
    here = Here(links, catalog, document_src(doc))
    return render("card.html", template_dirs, doc=doc, catalog=catalog, here=here)


def render_document(
    doc: Document, catalog: Catalog, links: Links, *, extra_html: str = "", template_dirs: Sequence[Path] = (),
    attachments: tuple[str, Collection[str]] | None = None,
) -> str:
    """The Markdown source of a PR/FAQ's page (template `prfaq/document.md`).

    The page's headline is the `title`, the name the catalog and search show: the body's own
    level-1 headline is kept (with its attributes) when it says the same, and dropped when it
    does not (the `title-mismatch` rule reports it). Either way there is one headline. `extra_html` is HTML the site
    places under the card (the writing review, the status history). `attachments`: the document's
    folder in the source folder, and the images a site copies (:func:`resolve_attachment_links`).
    """
    src = document_src(doc)
    headline, body = _headline_and_body(doc)
    if attachments is not None:
        body = resolve_attachment_links(body, *attachments, page_src=src, links=links)
    heading = doc.structure.leading_h1
    if heading is not None and not same_title(heading.text, doc.title):
        headline = ""
    return render(
        "document.md",
        template_dirs,
        doc=doc,
        catalog=catalog,
        here=Here(links, catalog, src),
        # The document's own Markdown (the engine converts it, the sanitizer cleans the result)
        # and HTML the core made: the only text the template does not escape.
        headline=Markup(headline),
        body=Markup(resolve_id_links(body, src, catalog, links)),
        extra_html=Markup(extra_html),
    )


def _headline_and_body(doc: Document) -> tuple[str, str]:
    """The body's own headline line (or "") and the body without it, with the FAQ's marker."""
    lines = doc.body.split("\n")
    heading = doc.structure.leading_h1
    first_faq = doc.structure.faq_sections[0][0] if doc.structure.faq_sections else None
    if doc.structure.too_deep is not None:
        # Nested too deep for the converter (a site made body-nesting a warning): shown as text.
        lines, heading, first_faq = [f"    {line}" for line in lines], None, None
    if first_faq is not None and first_faq is not heading:
        # A marker before the first FAQ heading: the print stylesheet starts the FAQ on a new page.
        faq = first_faq.line - doc.body_line
        lines[faq:faq] = ["", FAQ_MARKER, ""]
    if heading is None:
        return "", "\n".join(lines)
    headline = lines.pop(heading.line - doc.body_line)
    return headline, "\n".join(lines)
