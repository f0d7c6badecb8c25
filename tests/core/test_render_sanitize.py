"""The body sanitizer keeps what Material and pymdown-extensions produce and drops the rest."""

from __future__ import annotations

import markdown
from pymdownx.superfences import fence_code_format

from mkdocs_prfaq.core.sanitize import sanitize_html

EXTENSIONS = [
    "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist",
]  # fmt: skip
CONFIG = {
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
    "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}]},
    "toc": {"permalink": True},
}

SOURCE = """
# Title

!!! note "A note"
    Admonition text.

??? info "Details"
    Hidden text.

=== "One"
    First tab.

=== "Two"
    Second tab.

```python
print("hi")
```

```mermaid
graph LR; A-->B
```

| Left | Right |
| :--- | ----: |
| a    | b     |

- [x] done
- [ ] to do

A footnote[^1] and `inline`.

[^1]: The note.
"""


def _render() -> str:
    return markdown.markdown(SOURCE, extensions=EXTENSIONS, extension_configs=CONFIG)


def test_material_markup_survives() -> None:
    html = _render()
    clean = sanitize_html(html)
    for needle in (
        'class="admonition note"', "<details", 'class="tabbed-set tabbed-alternate"', 'type="radio"',
        'class="highlight"', 'class="mermaid"', "<table>", 'style="text-align:right"', 'type="checkbox"',
        'class="footnote"', 'class="headerlink"', 'id="title"', "<label",
    ):  # fmt: skip
        assert needle in clean, needle
    assert "graph LR; A--&gt;B" in clean


def test_dangerous_markup_goes() -> None:
    dirty = (
        '<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">a</a>'
        '<a href="data:text/html,x">d</a><iframe src="https://e.example"></iframe>'
        '<form action="https://e.example"><button>b</button></form><p style="background:url(x)">s</p>'
        '<svg onload="alert(4)"></svg><style>p{}</style><object data="x"></object><a href="vbscript:x">v</a>'
    )
    clean = sanitize_html(dirty).lower()
    for needle in (
        "<script",
        "onerror",
        "javascript:",
        "data:",
        "vbscript:",
        "<iframe",
        "<form",
        "style=",
        "<svg",
        "<style",
        "<object",
    ):
        assert needle not in clean, needle
    assert '<img src="x">' in clean
