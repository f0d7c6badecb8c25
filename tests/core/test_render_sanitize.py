"""The body sanitizer keeps what Material and pymdown-extensions produce and drops the rest."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import material
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymdownx.superfences import fence_code_format

from mkdocs_prfaq.core import sanitize
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


# -- DOM clobbering: no body takes a name the page's scripts look up ------------------------------
MATERIAL = Path(material.__file__).parent / "templates"
ASSETS = Path(sanitize.__file__).parent / "assets"


def names_the_page_looks_up() -> set[str]:
    """Every id Material's templates give and its scripts and ours look up by id or as a global."""
    names: set[str] = set()
    for template in MATERIAL.rglob("*.html"):
        names |= set(re.findall(r'\bid="([^"{}]+)"', template.read_text(encoding="utf-8")))
    scripts = [*MATERIAL.glob("assets/javascripts/*.js"), *ASSETS.glob("*.js")]
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        names |= set(re.findall(r'getElementById\(\s*["\']([^"\']+)', text))
        names |= set(re.findall(r'["\'`]#(__[\w-]+)', text))
        names |= set(re.findall(r"\bwindow\.(\w+\$)", text))
    return names


def test_the_list_of_looked_up_names_is_read_from_the_theme_and_our_scripts() -> None:
    names = names_the_page_looks_up()
    # The ones the red-team review clobbered, and ones our own scripts read.
    assert {"__config", "__search", "__drawer", "document$"} <= names
    assert len(names) >= 10


@pytest.mark.parametrize(
    "markup",
    [
        '<div id="{0}">x</div>',
        '<a name="{0}" href="#{0}">x</a>',
        '<img name="{0}" src="a.png">',
        '<input type="checkbox" name="{0}" id="{0}"><label for="{0}">x</label>',
        '<span id="{0}" class="md-tooltip2">x</span>',
    ],
)
def test_no_body_produces_a_name_the_page_looks_up(markup: str) -> None:
    for name in sorted(names_the_page_looks_up()):
        clean = sanitize_html(markup.format(html.escape(name, quote=True)))
        element = re.search(r"<(\w+)[^>]*>", clean)
        assert element is not None, (name, clean)
        found = set(re.findall(r'\b(?:id|name|for)="([^"]*)"', clean))
        assert name not in found, (name, clean)


def test_a_heading_written_as_a_theme_name_is_renamed_with_its_anchor_link() -> None:
    body = markdown.markdown("## __config\n\nText.\n", extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    clean = sanitize_html(body)
    assert 'id="user-content-__config"' in clean and 'href="#user-content-__config"' in clean


def test_names_the_content_extensions_generate_keep_working() -> None:
    clean = sanitize_html(_render())
    tabs = re.findall(r'id="(__tabbed_\d+_\d+)"', clean)
    assert tabs and all(f'for="{t}"' in clean for t in tabs)
    assert 'id="title"' in clean and 'href="#fn:1"' in clean and 'id="fn:1"' in clean


def test_title_is_kept_on_abbreviations_only_and_never_as_markup() -> None:
    clean = sanitize_html('<p title="x"><abbr title="Rock &amp; Roll <img src=x onerror=alert(1)>">R</abbr></p>')
    assert "<p>" in clean and 'title="x"' not in clean
    abbr = re.search(r'<abbr title="([^"]*)">', clean)
    assert abbr is not None and "<" not in html.unescape(abbr.group(1)) and "Rock &amp; Roll" in abbr.group(1)


# -- no request to another host: images from the site itself, or from hosts it allows ------------
REMOTE = [
    "https://tracker.example/pixel.gif",
    "http://cdn.example/a.png",
    "//cdn.example/a.png",
    "\\\\cdn.example\\a.png",
    "/\\cdn.example/a.png",
    " \thttps://cdn.example/a.png",
    "ht\ntps://cdn.example/a.png",
    "HTTPS://IMAGES.EXAMPLE.COM.evil.example/a.png",
    "https://images.example.com@evil.example/a.png",
]


@pytest.mark.parametrize("src", REMOTE)
def test_an_image_from_another_host_loses_its_address(src: str) -> None:
    for markup in (f'<img alt="A" src="{html.escape(src)}">', f"<p><img src='{html.escape(src)}' alt=A></p>"):
        clean = sanitize_html(markup, ["images.example.com"])
        assert "src=" not in clean and 'alt="A"' in clean, clean


def test_images_of_the_site_and_of_allowed_hosts_stay() -> None:
    for src in ("a.png", "../img/a.png", "/assets/a.png", "https://images.example.com/a.png"):
        assert f'src="{src}"' in sanitize_html(f'<img src="{src}" alt="A">', ["Images.Example.com"]), src
    assert "src=" not in sanitize_html('<img src="https://images.example.com/a.png">')


def test_an_emoji_from_a_cdn_shows_its_character_without_a_request() -> None:
    body = markdown.markdown("Done :smile: :+1:", extensions=["pymdownx.emoji"])
    assert "cdnjs.cloudflare.com" in body  # pymdownx's default: an image from a CDN
    clean = sanitize_html(body)
    assert "src=" not in clean and 'alt="😄"' in clean and 'alt="👍"' in clean


# -- a body cannot take what follows it ------------------------------------------------------------
OPENINGS = [
    "<style>", "<script>", "<textarea>", "<title>", "<xmp>", "<iframe>", "<noscript>", "<noembed>", "<plaintext>",
    "<template>", "<select>", "<object>", "<math>", "<svg>", "<math><style>", "<math><mi><style>",
    "<math><mtext><table><mglyph><style>", "<svg><![CDATA[", "<svg><![CDATA[</svg>", "<mtext>", "<mglyph>",
    "<annotation-xml>", "<desc>", "<g>", '<b title=">', "<!--", '<mtext><abbr title="</mtext>">x</abbr>',
    "<math><mi>x</mi></math><style>", "<style>a</style><style>", "</p><style", "<STYLE >", "<noframes>",
]  # fmt: skip
FOLLOWING = "<h2 id='after'>After</h2><p>The rest of the body <strong>stays</strong>.</p>"


@given(st.lists(st.sampled_from(OPENINGS), min_size=1, max_size=4), st.sampled_from(["", "<p>", "<div>", "<table>"]))
def test_no_opening_takes_the_rest_of_the_body(openings: list[str], container: str) -> None:
    clean = sanitize_html(f"<p>Before.</p>{container}{''.join(openings)}{FOLLOWING}")
    # Read again (as the browser reads the page), the result keeps it all too.
    for read in (clean, sanitize_html(clean)):
        assert "Before." in read and "After" in read and "<strong>stays</strong>" in read, read


@pytest.mark.parametrize("opening", ["<math><style>", "<style>", "<math><mtext><table><mglyph><style>", "<svg><![CDATA["])
def test_a_rendered_body_keeps_its_text_after_an_unclosed_element(opening: str) -> None:
    body = f"Intro.\n\n{opening}\n\n## Internal FAQ\n\n### What does it cost?\n\nTwo cents.[^1]\n\n[^1]: Card fees.\n"
    clean = sanitize_html(markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIG))
    for text in ("Intro.", "Internal FAQ", "What does it cost?", "Two cents.", "Card fees."):
        assert text in clean, (text, clean)


def test_closed_raw_text_and_foreign_content_still_go() -> None:
    clean = sanitize_html(
        "<style>p{}</style><script>alert(1)</script><math><mi>x</mi></math>"
        '<span class="twemoji"><svg viewBox="0 0 24 24"><path d="M1"/></svg></span><p>kept</p>'
    )
    assert clean == '<span class="twemoji"></span><p>kept</p>'
