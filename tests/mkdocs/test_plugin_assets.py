"""What the plugin adds beside the pages: its own Mermaid (only where a diagram is), the template download."""

from __future__ import annotations

from pathlib import Path

from sitekit import build_site, copy_project, set_plugin_option

DIAGRAM = "# Flow\n\n```mermaid\ngraph LR\n  A --> B\n```\n"
SUPERFENCES = """  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def _project(tmp_path: Path, mermaid_js: str) -> Path:
    project = copy_project("basic", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n" + SUPERFENCES),
        encoding="utf-8",
    )
    (project / "docs" / "flow.md").write_text(DIAGRAM, encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n", "  - Home: index.md\n  - Flow: flow.md\n"))
    set_plugin_option(project, "mermaid_js", mermaid_js)
    return project


def test_the_site_serves_mermaid_only_where_a_diagram_is(tmp_path: Path) -> None:
    project = _project(tmp_path, "vendor/mermaid.min.js")
    (project / "vendor").mkdir()
    (project / "vendor" / "mermaid.min.js").write_text("window.mermaid = {};\n", encoding="utf-8")

    site = build_site(project, strict=True)

    assert (site / "assets" / "vendor" / "mermaid.min.js").read_text(encoding="utf-8") == "window.mermaid = {};\n"
    flow = (site / "flow" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../assets/vendor/mermaid.min.js"></script>' in flow
    assert flow.index("mermaid.min.js") < flow.index("</head>")
    assert "mermaid.min.js" not in (site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in flow


def test_without_mermaid_the_strict_build_passes_and_shows_the_source(tmp_path: Path) -> None:
    project = _project(tmp_path, "missing/mermaid.min.js")

    site = build_site(project, strict=True)

    flow = (site / "flow" / "index.html").read_text(encoding="utf-8")
    assert "mermaid.min.js" not in flow
    # A code block, which Material's script does not take for a diagram to fetch Mermaid for.
    assert '<pre class=""><code>graph LR\n  A --&gt; B</code></pre>' in flow
    assert 'class="mermaid"' not in flow
    assert not (site / "assets" / "vendor").exists()


def test_the_template_download_can_move_or_go(tmp_path: Path) -> None:
    """A handbook page that offers the download (with the marker) links to wherever it is, and
    says so when there is none: a strict build passes either way."""
    offer = "\n<!-- prfaq:template-download --> Fill it in.\n"
    project = copy_project("basic", tmp_path / "moved")
    set_plugin_option(project, "template_download", "downloads/template.md")
    with (project / "docs" / "handbook.md").open("a", encoding="utf-8") as handbook:
        handbook.write(offer)
    site = build_site(project, strict=True)
    text = (site / "downloads" / "template.md").read_text(encoding="utf-8")
    assert text.startswith("---\nid: PRFAQ-0000\n") and "## Internal FAQ" in text
    page = (site / "handbook" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../downloads/template.md">Download the template</a> as a raw Markdown file. Fill it in.' in page

    project = copy_project("basic", tmp_path / "none")
    set_plugin_option(project, "template_download", '""')
    with (project / "docs" / "handbook.md").open("a", encoding="utf-8") as handbook:
        handbook.write(offer)
    site = build_site(project, strict=True)
    assert not list(site.rglob("*template*.md"))
    page = (site / "handbook" / "index.html").read_text(encoding="utf-8")
    assert "This site offers no download of the template: <code>prfaq new</code> writes one for you. Fill it in." in page


def test_the_repository_link_asks_the_host_nothing_with_search_on_or_off(tmp_path: Path) -> None:
    """Material's `source` component would fetch the repository's stars and forks from the
    host's API in every reader's browser; the link stays a plain link, whether or not the site
    searches with Pagefind (whose templates replace the header)."""
    for search in ("true", "false"):
        project = copy_project("basic", tmp_path / search)
        set_plugin_option(project, "search", search)
        site = build_site(project, strict=True)
        for page in ("index.html", "catalog/index.html", "prfaqs/prfaq-0001/index.html"):
            html = (site / page).read_text(encoding="utf-8")
            assert 'class="md-source"' in html and "https://github.com/example/basic" in html, (search, page)
            assert 'data-md-component="source"' not in html, (search, page)
