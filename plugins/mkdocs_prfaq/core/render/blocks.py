"""Generated HTML blocks, which an engine need not parse as part of the Markdown.

The catalog's pages are mostly HTML the core writes (tables, cards, the dashboard). Inside
Markdown, an engine reads every tag of it again: Python-Markdown and MkDocs parse each raw HTML
block with Python's `html.parser`, which made the catalog's pages and the HTML around each
PR/FAQ cost about 3 s of a 2,000-document build. So the renderers mark such blocks with
:func:`block`, and :func:`split` gives each page two forms:

- the inline Markdown, the blocks in place: complete, for any engine;
- the Markdown with a placeholder (an HTML comment) for each block, and the blocks, for an
  engine whose adapter can put HTML back after conversion (:func:`splice`). A placeholder
  carries a digest of its block, so that this Markdown changes whenever the page does: an
  adapter that keeps a page's conversion while its Markdown is unchanged (`mkdocs serve`'s
  memo) never keeps one whose blocks changed.

Markers and placeholders carry a random token made when the program starts: a document cannot
forge one, so its text never moves in or out of a block.
"""

from __future__ import annotations

import hashlib
import re
import secrets

__all__ = ["block", "splice", "split"]

_TOKEN = secrets.token_hex(8)
_OPEN = f"\x00prfaq-block-{_TOKEN}\x00"
_CLOSE = f"\x00/prfaq-block-{_TOKEN}\x00"
_MARKED = re.compile(re.escape(_OPEN) + r"(.*?)" + re.escape(_CLOSE), re.S)
_PLACEHOLDER = re.compile(rf"<!--prfaq-block-{_TOKEN}-([0-9]+)-[0-9a-f]+-->")


def block(html: str) -> str:
    """Mark `html`, which stands alone between blank lines, as a generated block."""
    return f"{_OPEN}{html}{_CLOSE}"


def split(text: str) -> tuple[str, str, tuple[str, ...]]:
    """(inline Markdown, Markdown with placeholders, blocks) of a page with marked blocks."""
    if _OPEN not in text:
        return text, text, ()
    blocks: list[str] = []

    def hold(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        digest = hashlib.blake2b(blocks[-1].encode(), digest_size=8).hexdigest()
        return f"<!--prfaq-block-{_TOKEN}-{len(blocks) - 1}-{digest}-->"

    return _MARKED.sub(r"\1", text), _MARKED.sub(hold, text), tuple(blocks)


def splice(html: str, blocks: tuple[str, ...]) -> str:
    """Put the blocks back into the HTML converted from the Markdown with placeholders."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else "", html)
