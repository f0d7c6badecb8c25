"""Helpers for the plugin's tests: copy a fixture project, build it with MkDocs, read the HTML."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
REPO = Path(__file__).resolve().parents[2]

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its relative path: two builds compared byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def date_back(folder: Path) -> None:
    """Date every file of `folder` an hour back: older than the check cache's window for files
    just written, so that the cache keeps their results."""
    old = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (old, old))


def copy_project(name: str, dest: Path) -> Path:
    """A copy of the fixture project `name` at `dest`, ready to build."""
    shutil.copytree(FIXTURES / name, dest, symlinks=True)
    return dest


def set_plugin_option(project: Path, key: str, value: str) -> None:
    """Add `key: value` to the `prfaq` plugin's options in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "  - prfaq:\n"
    assert anchor in text
    config.write_text(text.replace(anchor, f"{anchor}      {key}: {value}\n", 1), encoding="utf-8")


def build_site(project: Path, **overrides: Any) -> Path:
    """Build the project with MkDocs as `mkdocs build` does, and return its site folder.

    The plugins are started for `build` and shut down after, as the command does: MkDocs keeps
    one plugin instance per process, and without this a test's build would inherit what an
    earlier `serve` start left in it (the memo of converted pages)."""
    overrides.setdefault("site_dir", str(project / "site"))
    config = load_config(str(project / "mkdocs.yml"), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


class Served:
    """A project under `mkdocs serve`, run as MkDocs' own command in a process of its own."""

    def __init__(self, process: subprocess.Popen[bytes], root: str) -> None:
        self.process, self.root = process, root

    def page(self, path: str) -> str:
        """The page at `path` (relative to the root), or "" while it cannot be had."""
        try:
            with urllib.request.urlopen(self.root + path, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    def wait_for(self, path: str, text: str, what: str, seconds: float = 120) -> str:
        """The page at `path` once it holds `text`; `seconds` is a ceiling for a loaded machine,
        not a measurement."""
        deadline = time.monotonic() + seconds
        while text not in (page := self.page(path)):
            assert time.monotonic() < deadline and self.process.poll() is None, what
            time.sleep(0.2)
        return page


@contextmanager
def mkdocs_serve(project: Path, *options: str) -> Iterator[Served]:
    """`mkdocs serve` on `project` at a free port of 127.0.0.1, stopped on leaving."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    try:
        yield Served(process, f"http://127.0.0.1:{port}/")
    finally:
        process.terminate()
        process.wait(timeout=10)


def front_matters(project: Path, source: str = "prfaqs") -> dict[str, dict[str, Any]]:
    """The front matter of every PR/FAQ of a (valid) fixture project, by id."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((project / source).rglob("*.md")):
        if path.name.lower() == "readme.md" or path.name.startswith(("_", ".")):
            continue
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        data = yaml.safe_load(text.split("---\n", 2)[1])
        data["_path"] = path.relative_to(project).as_posix()
        out[data["id"]] = data
    return out


# -- a small HTML tree on top of the standard library's parser -------------------------------------
@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    #: The (tag, attribute-name) pairs as parsed, duplicates included.
    raw_attrs: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls}>, found {len(found)}"
        return found[0]

    @property
    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return "".join(parts)

    @property
    def clean_text(self) -> str:
        return " ".join(self.text.replace("¶", "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, raw_attrs=list(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, raw_attrs=list(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def read_page(site: Path, url: str) -> Node:
    """The parsed page at a site-relative directory URL such as `prfaqs/prfaq-0001/`."""
    return parse_html((site / url / "index.html").read_text(encoding="utf-8"))


def article(page: Node) -> Node:
    """The page's content (Material's article), without the theme's chrome."""
    return page.one("article", "md-content__inner")


def resolve(page_url: str, href: str) -> str:
    """A link's target as a site-relative URL, from the page at `page_url`."""
    absolute = urljoin("https://site.test/" + page_url, href)
    parts = urlsplit(absolute)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def table_ids(node: Node) -> list[str]:
    """The ids in the rows of a catalog table, in order."""
    table = node.find("table", "prfaq-table")
    if table is None:
        return []
    return [row.one("code").text for row in table.find_all("tr") if row.find("td") is not None]


def card(page: Node) -> dict[str, Node]:
    """A PR/FAQ page's metadata card, as label -> value node."""
    dl = article(page).one("dl", "prfaq-card")
    labels = [n for n in dl.children if isinstance(n, Node) and n.tag == "dt"]
    values = [n for n in dl.children if isinstance(n, Node) and n.tag == "dd"]
    assert len(labels) == len(values)
    return {dt.text: dd for dt, dd in zip(labels, values, strict=True)}


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def raw_title(text: str) -> str:
    match = re.search(r"<title>(.*?)</title>", text, re.S)
    assert match is not None
    return match.group(1)
