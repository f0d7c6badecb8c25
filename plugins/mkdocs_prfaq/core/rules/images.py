"""The `remote-image` rule: a body shows an image from another host.

A reader's browser fetches an image as the page opens, so an image from a host the author picked
tells that host who reads which document, when and from where. The sanitizer leaves such images
out of the site (`sanitize.remote_host` decides, for both); this rule says so at the image, with
what to do. Hosts listed in the `image_hosts` option are allowed (none by default).

Images are read as Markdown writes them (`![alt](url)`, `![alt][label]` with its `[label]: url`)
and as HTML (`<img src=...>`), outside code (as the scanner finds it) and code spans, each pattern in one pass.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from ..findings import Problem
from ..model import Document
from ..sanitize import local_path, remote_host
from ..scan import position, unescape, without_code

__all__ = ["has_images", "images_in", "local_images", "remote_image_check"]

_INLINE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?([^)\s>]*)")
#: `![alt][label]`, `![label][]` and `![label]` (not followed by `(`: that is an inline image).
_REFERENCE = re.compile(r"!\[([^\[\]\n]*)\](?:\[([^\[\]\n]*)\]|(?!\())")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
#: An `<img>` tag's `src`; `[^<>]` keeps each try within one tag (linear on runs of `<img`).
#: An `<img` in any case, found without a lower-case copy of the body.
_IMG_TAG = re.compile(r"<img", re.IGNORECASE)
_HTML = re.compile(r"<img\b[^<>]*?\ssrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>`]+))", re.IGNORECASE)


def remote_image_check(image_hosts: Iterable[str]) -> Callable[[Document], list[Problem]]:
    """The check of one document's images against the hosts allowed (`image_hosts`)."""
    allowed = frozenset(h.lower() for h in image_hosts)

    def check(doc: Document) -> list[Problem]:
        if not has_images(doc.body):
            return []
        return [_problem(doc, offset, url, host) for offset, url, host in _remote_images(doc.body) if host not in allowed]

    return check


def _remote_images(body: str) -> list[tuple[int, str, str]]:
    """(offset, URL, host) of each image in `body` that loads from another host."""
    return sorted((offset, url, host) for offset, url in images_in(body) if (host := remote_host(url)) is not None)


def has_images(body: str) -> bool:
    return "![" in body or _IMG_TAG.search(body) is not None


def local_images(body: str) -> list[tuple[int, str]]:
    """(offset, path) of each image in `body` linked by a relative path (the site copies those
    that are beside the PR/FAQs), its `#fragment` or `?query` left out."""
    return sorted((offset, path) for offset, url in images_in(body) if (path := local_path(url)) is not None)


def images_in(body: str) -> list[tuple[int, str]]:
    """(offset, URL) of each image in `body`, outside code."""
    text = without_code(body)
    found: list[tuple[int, str]] = [(m.start(), unescape(m.group(1))) for m in _INLINE.finditer(text)]
    if "]:" in text:
        labels = {
            m.group(1).strip().casefold(): unescape(m.group(2)) for m in reversed(list(_DEFINITION.finditer(text)))
        }
        for match in _REFERENCE.finditer(text):
            url = labels.get((match.group(2) or match.group(1)).strip().casefold())
            if url is not None:
                found.append((match.start(), url))
    if "<" in text:
        for match in _HTML.finditer(text):
            raw = next(g for g in match.groups() if g is not None)
            found.append((match.start(), html.unescape(raw)))
    return found


def _problem(doc: Document, offset: int, url: str, host: str) -> Problem:
    line, col = position(doc.body, offset, doc.body_line)
    where = f"from {host}" if host else "from another site"
    shown = url if len(url) <= 80 else url[:77] + "..."
    return Problem(
        "remote-image",
        line,
        col,
        f"the image `{shown}` loads {where}, which would learn who reads this page: the site leaves it out."
        " Add the image to the repository and link it by a relative path"
        + (f", or add `{host}` to `image_hosts` in mkdocs.yml" if host else ""),
    )
