"""Sanitize the HTML rendered from an untrusted PR/FAQ body, with an allowlist (nh3/ammonia).

The allowlist keeps what Material and pymdown-extensions produce (admonitions, details, tabs,
task lists, highlighted code, tables, footnotes, Mermaid blocks, heading anchors) and drops
scripts, event handlers, `javascript:`/`data:` URLs, iframes, forms and inline styles.
"""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role"},
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


#: Built once: `nh3.clean` would build the same allowlist again for every page.
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes=_SCHEMES,
    link_rel=None,
    strip_comments=True,
    generic_attribute_prefixes={"aria-"},
    filter_style_properties={"text-align"},
)


def sanitize_html(html: str) -> str:
    """Clean one page's rendered body HTML."""
    return _CLEANER.clean(html)
