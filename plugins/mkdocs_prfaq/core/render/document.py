"""The page of one PR/FAQ: headline, banner, metadata card, then the body as written."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from urllib.parse import quote, unquote

from markupsafe import Markup

from ..catalog import Catalog
from ..model import Document, same_title
from .html import Here, Links, document_src
from .templates import render

__all__ = ["FAQ_MARKER", "banner", "card", "render_document", "resolve_attachment_links", "resolve_id_links"]

#: Placed before the first FAQ heading (see prfaq-print.css).
FAQ_MARKER = '<div class="prfaq-faq-start" aria-hidden="true"></div>'

_ID_LINK = re.compile(r"(\]\(\s*<?)(PRFAQ-[0-9]{4,})(#[^)\s>]*)?(>?(?:\s+[\"'][^)]*)?\))")


def resolve_id_links(markdown: str, from_src: str, catalog: Catalog, links: Links) -> str:
    """Turn `[text](PRFAQ-0007)` into a link to that document's page source, which the engine
    then checks and rewrites like any other page link. Unknown ids are left as they are: the
    `unknown-id` rule reports them."""

    def replace(match: re.Match[str]) -> str:
        target = catalog.by_id.get(match.group(2))
        if target is None:
            return match.group(0)
        rel = _relative_src(from_src, document_src(target))
        return f"{match.group(1)}{rel}{match.group(3) or ''}{match.group(4)}"

    return _ID_LINK.sub(replace, markdown)


#: An inline link's or image's destination (`](url "title")`, `](<url with spaces>)`), and a
#: reference definition's (`[name]: url`).
_INLINE = re.compile(r"(\]\(\s*)(<[^>\n]+>|[^)\s<][^)\s]*)((?:\s+[\"'][^)]*)?\))")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>\n]+>|[^\s<]\S*)()", re.M)


def resolve_attachment_links(markdown: str, folder: str, attachments: Collection[str]) -> str:
    """Links to images beside a PR/FAQ in `folder` (a subfolder of the source folder), made
    relative to its page: a site copies the source folder's images, in their folders, beside
    the PR/FAQ pages (`prfaqs/<slug>.md`). Other links are left as they are."""

    def replace(match: re.Match[str]) -> str:
        written = match.group(2)
        bracketed = written.startswith("<")
        path, hash_mark, fragment = (written[1:-1] if bracketed else written).partition("#")
        if not path or path.startswith("/") or "://" in path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, unquote(path)))
        if target not in attachments:
            return match.group(0)
        moved = (f"<{target}" if bracketed else quote(target)) + hash_mark + fragment + (">" if bracketed else "")
        return f"{match.group(1)}{moved}{match.group(3)}"

    return _REFERENCE.sub(replace, _INLINE.sub(replace, markdown))


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
    places under the card (the writing review, the status history). `attachments`: the folder of
    a document in a subfolder of the source folder, and the images a site copies
    (:func:`resolve_attachment_links`).
    """
    src = document_src(doc)
    headline, body = _headline_and_body(doc)
    if attachments is not None:
        body = resolve_attachment_links(body, *attachments)
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
