"""Sanitize the HTML rendered from an untrusted PR/FAQ body, with an allowlist (nh3/ammonia).

The allowlist keeps what Material and pymdown-extensions produce (admonitions, details, tabs,
task lists, highlighted code, tables, footnotes, Mermaid blocks, heading anchors) and drops
scripts, event handlers, `javascript:`/`data:` URLs, iframes, forms and inline styles.

It also keeps a body from taking a name the page's scripts look up (DOM clobbering): an element
with `id="__config"` placed before Material's own `<script id="__config">` would hand the theme
the author's configuration. Material's elements all use the `__` namespace (`__config`,
`__search`, `__drawer`, `__palette_0`...), and the theme's and our scripts read globals named
with a `$` (`document$`); so an `id`, `name` or `for` from a body in that namespace, or with a
character a heading anchor never has, gets the prefix `user-content-` (as GitHub does), and so
do the `#fragment` links that point at it. What the content extensions generate in that
namespace (content tabs, code line numbers, code annotations) keeps its name: those are the
shapes the theme expects, and none of them is a name it looks up.

`title` is kept only where it carries meaning, on an abbreviation, and without `<` or `>`:
Material's tooltips (`content.tooltips`) insert a title into the page as HTML.

A body cannot hide what follows it: an element that changes how the rest of the HTML is read
(`<style>`, `<script>`, `<textarea>`, `<math>`, `<svg>`, `<template>`...) and is never closed
would turn the rest of the body into its content, which the allowlist then drops; such a tag,
and an unclosed comment or CDATA section, is written out as text instead.

An image loads as the page opens: one from another host would tell that host who reads which
document. An image's `src` is kept only when it is a path on the site itself or on a host the
site allows (`image_hosts`); without it the browser shows the image's `alt` text, as it does for
an emoji from pymdownx's default CDN (the `remote-image` rule names the images it removes).
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Callable, Iterable

import nh3

__all__ = ["PREFIX", "local_path", "remote_host", "safe_name", "sanitize_html", "self_contained"]

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "role"},
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
    "code": {"data-lang"},
    "div": {"data-tabs"},
}
_SCHEMES = {"http", "https", "mailto"}

#: The prefix given to a body's names that the theme or our scripts could look up.
PREFIX = "user-content-"
#: Names the content extensions generate in the theme's `__` namespace, kept as they are.
_GENERATED = re.compile(r"__tabbed_\d+_\d+|__codelineno-\d+-\d+|__code_\d+_annotation_\d+|__mermaid_\d+")
#: What a heading anchor, footnote or tab id is made of (toc's slugify, `fn:1`, `fnref2:1`).
_PLAIN = re.compile(r"[\w.:-]*")
_NAMED = frozenset({"id", "name", "for"})


def safe_name(value: str) -> str:
    """`value`, or `user-content-value` if it could clobber a name the page's scripts look up."""
    if value.startswith(PREFIX) or _GENERATED.fullmatch(value):
        return value
    if value.startswith("__") or not _PLAIN.fullmatch(value):
        return PREFIX + value
    return value


#: What a browser drops from anywhere in a URL before reading it.
_URL_IGNORED = re.compile(r"[\t\n\r]")
#: What a browser trims from both ends of a URL.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def remote_host(url: str) -> str | None:
    """The host a browser would ask for `url` (an empty string when it cannot tell which), or
    None for a path on the site itself. Read as a browser reads it: tabs and line breaks left
    out, spaces and control characters around it trimmed, a backslash taken for a slash."""
    url = _URL_IGNORED.sub("", url).strip(_C0_AND_SPACE)
    try:
        parts = urllib.parse.urlsplit(url.replace("\\", "/"))
        host = parts.hostname
    except ValueError:  # such as an unclosed IPv6 bracket
        return ""
    if not parts.scheme and not parts.netloc:
        return None
    return host or ""


def local_path(url: str) -> str | None:
    """The path of a file on the site that `url` names relative to its page (`chart.png`,
    `../a/b.png`), without its `?query` or `#fragment`; None for another host or a scheme
    (:func:`remote_host`), a path from the site's root, or no path at all (`#top`)."""
    if remote_host(url) is not None:
        return None
    path = url.partition("#")[0].partition("?")[0]
    return path if path and not path.startswith("/") else None


def _attribute_filter(image_hosts: frozenset[str]) -> Callable[[str, str, str], str | None]:
    def attribute(element: str, attribute: str, value: str) -> str | None:
        if attribute in _NAMED:
            return safe_name(value)
        if attribute == "href" and value.startswith("#"):
            return "#" + safe_name(value[1:])
        if attribute == "title":
            return value.replace("<", "").replace(">", "")
        if attribute == "src":
            host = remote_host(value)
            return value if host is None or host in image_hosts else None
        return value

    return attribute


@functools.lru_cache(maxsize=8)
def _cleaner(image_hosts: frozenset[str]) -> nh3.Cleaner:
    """Built once per allowlist: `nh3.clean` would build the same allowlist again for every page."""
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
        generic_attribute_prefixes={"aria-"},
        filter_style_properties={"text-align"},
        attribute_filter=_attribute_filter(image_hosts),
    )


#: Elements without content: they cannot take what follows them.
_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "isindex",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
})  # fmt: skip
#: Elements whose content the parser reads as text up to their end tag.
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"})
#: Elements whose content the parser reads as SVG or MathML: the allowlist drops all of it, and
#: an HTML element inside (`<math><mtext><table><mglyph><style>`) can start raw text that runs past
#: their end tag; a closed one is cut out whole before the parser reads it.
_FOREIGN = frozenset({"svg", "math"})
#: A tag as a browser's tokenizer reads it: to the first `>` outside a quoted value, or to the end
#: when a quote is never closed; or the start of a comment or CDATA section.
_MARKUP = re.compile(
    r"<(?:(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z))*+)(>?)|(!--)|(!\[CDATA\[))"
)


def self_contained(html: str) -> str:
    """`html` with every opening that would take the rest of it written as text (`&lt;style`):
    an element outside the allowlist that no end tag closes, raw text, SVG or MathML without their
    end tag, a comment or CDATA section never closed, a tag whose quote never closes. Read left to
    right in one pass, skipping comments, raw text and closed SVG or MathML as the parser does."""
    if "<" not in html:
        return html
    lower = html.lower()
    #: Spans whose every `<` is written as text: an escaped tag's attributes are text too.
    escape: list[tuple[int, int]] = []
    cut: list[tuple[int, int]] = []
    opened: list[tuple[int, int, str]] = []
    last_end: dict[str, int] = {}
    pos = 0
    while (at := html.find("<", pos)) != -1:
        match = _MARKUP.match(html, at)
        pos = at + 1
        if match is None:
            continue
        closing, name, _, whole, comment, cdata = match.groups()
        if comment or cdata:
            close = html.find("-->" if comment else "]]>", match.end())
            if close == -1:
                escape.append((at, at + 1))
            elif comment:
                pos = close + 3
            continue
        name = name.lower()
        if not whole:  # the tag runs to the end of the body: what it holds is read again
            escape.append((at, at + 1))
        elif closing:
            last_end[name] = at
            pos = match.end()
        elif name in _RAW_TEXT or name in _FOREIGN or name == "plaintext":
            pos = _skip_raw(html, lower, match, name, escape, cut)
        else:
            if name not in _TAGS and name not in _VOID:
                opened.append((at, match.end(), name))
            pos = match.end()
    escape.extend((start, end) for start, end, name in opened if last_end.get(name, -1) < start)
    return _rewritten(html, escape, cut)


def _skip_raw(
    html: str, lower: str, match: re.Match[str], name: str, escape: list[tuple[int, int]], cut: list[tuple[int, int]]
) -> int:
    """Where reading goes on after raw text (`<style>`, `<script>`...), SVG or MathML opened by
    `match`: past its end tag, the foreign element cut out whole; without an end tag, the
    opening is escaped and reading goes on right after it."""
    close = -1 if name == "plaintext" else lower.find("</" + name, match.end())
    if close == -1:
        escape.append(match.span())
        return match.end()
    if name not in _FOREIGN:
        return close
    after = html.find(">", close)
    end = len(html) if after == -1 else after + 1
    cut.append((match.start(), end))
    return end


def _rewritten(html: str, escape: list[tuple[int, int]], cut: list[tuple[int, int]]) -> str:
    """`html` with each `<` of the `escape` spans written as text and the `cut` spans removed."""
    if not escape and not cut:
        return html
    edits = sorted([(start, end, True) for start, end in escape] + [(start, end, False) for start, end in cut])
    parts: list[str] = []
    done = 0
    for start, end, keep in edits:
        parts += [html[done:start], html[start:end].replace("<", "&lt;") if keep else ""]
        done = end
    return "".join(parts) + html[done:]


def sanitize_html(html: str, image_hosts: Iterable[str] = ()) -> str:
    """Clean one page's rendered body HTML; images may load from the hosts `image_hosts` only
    (and from the site itself)."""
    return _cleaner(frozenset(h.lower() for h in image_hosts)).clean(self_contained(html))
