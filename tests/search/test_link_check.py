"""Every internal link on every page of this repository's built site resolves to a file.

The site is built once per session, from the repository itself, into a temporary folder; the
check reads the HTML with the standard library, offline. Internal means relative, root-relative,
or absolute under `site_url`; links to other hosts are not followed."""

from __future__ import annotations

import os
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]
LINK_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action"}
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site_dir = tmp_path_factory.mktemp("repo-site") / "site"
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir))
    build(config)
    return site_dir, config.site_url or "/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name not in LINK_ATTRIBUTES or not value:
                continue
            if tag == "link" and dict(attrs).get("rel") in {"preconnect", "dns-prefetch"}:
                continue
            if name == "srcset":
                self.links.extend((tag, part.split()[0]) for part in value.split(",") if part.strip())
            else:
                self.links.append((tag, value))


def internal_target(site: Path, site_url: str, page: Path, link: str) -> Path | None:
    """The file a link points to, or None for a link that leaves the site (or the page)."""
    parts = urlsplit(link)
    if parts.scheme in {"mailto", "tel", "javascript", "data"}:
        return None
    base = urlsplit(site_url)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
            return None
        path = parts.path[len(base.path) :]
    elif not parts.path:
        return None  # "#anchor" or "?query" on the same page
    elif parts.path.startswith("/"):
        root = base.path or "/"
        assert parts.path.startswith(root), f"{link} is outside the site's path {root}"
        path = parts.path[len(root) :]
    else:
        here = page.relative_to(site).as_posix()
        path = posixpath.join(posixpath.dirname(here), parts.path)
    path = posixpath.normpath(unquote(path)) if path else "."
    assert not path.startswith(".."), f"{link} leaves the site"
    target = site / path
    if link.split("?")[0].split("#")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_every_internal_link_resolves(repo_site: tuple[Path, str]) -> None:
    site, site_url = repo_site
    broken: list[str] = []
    checked = 0
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts]
    assert len(pages) > 50
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, link in parser.links:
            target = internal_target(site, site_url, page, link)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: <{tag}> {link}")
    assert checked > 1000
    assert broken == []


def test_the_published_site_has_its_search_index(repo_site: tuple[Path, str]) -> None:
    site, _ = repo_site
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
