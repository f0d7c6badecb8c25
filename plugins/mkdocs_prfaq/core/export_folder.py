"""`prfaq export DIR`: the site's Markdown and assets written into a folder, for a docs engine
that runs no MkDocs plugin (Zensical) to build from.

What goes into the folder is what the MkDocs plugin hands to MkDocs, from the same rendering
(:func:`~mkdocs_prfaq.core.pipeline.site_outputs`): every generated page as complete Markdown
(`Output.content`, the generated HTML inline), `catalog.json`, `insights.json`, the feeds, the
assets and the template download. When the folder is not the docs folder itself, every file of
the docs folder is copied beside them, its handbook pages completed as the plugin completes them
(:func:`~mkdocs_prfaq.core.render.handbook.handbook_page`): the folder is then a staging docs
folder an engine builds the whole site from, and the docs folder stays as written.

The folder is written the way a file watcher needs it:

- a file is written only when its bytes change, so an engine's watcher sees no change when
  nothing changed (`prfaq export` twice: nothing written the second time);
- `.prfaq-export.json` lists what the command wrote; a file it wrote before that is no longer
  generated is removed, and a file it did not write is never touched: a generated path taken by
  such a file is an error finding, and that file is left as it is.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import yaml

from .check import cache_for
from .exports import source_url
from .files import write_whole
from .findings import Finding, Severity
from .markdown_sanitize import page_prefix
from .pipeline import LoadedCatalog, load_catalog, site_outputs
from .render import handbook
from .render.html import SourceLinks, esc
from .render.search import document_search_html
from .render.site import Output
from .settings import Settings, SettingsError, _TolerantLoader

__all__ = ["MANIFEST", "Export", "ExportRefused", "ExportReport", "ExportRun", "SiteConfig", "export_files", "export_site", "read_manifest", "read_site_config", "write_export", "write_if_changed"]

#: The list of the files `prfaq export` wrote into the folder, kept in the folder.
MANIFEST = ".prfaq-export.json"
_FRONT = "---\n"


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """What the export reads from mkdocs.yml beside the plugin's options."""

    docs_dir: Path
    site_name: str
    #: The theme's `custom_dir`, whose `prfaq/` templates replace the package's.
    custom_dir: Path | None = None
    repo_url: str | None = None
    edit_uri: str | None = None


@dataclass(slots=True)
class Export:
    """What `prfaq export` writes, and what it keeps for `prfaq finish` in its manifest."""

    #: The folder's files by path.
    files: dict[str, bytes]
    #: The generated paths a docs file takes (not exported).
    clashes: list[Finding]
    #: The "edit this page" link of each generated page: its PR/FAQ's source, "" for none, as the
    #: plugin gives them, in place of the engine's (which point into `docs/`).
    edit: dict[str, str]
    #: The generated pages search leaves out, as with the plugin: the catalog's listings.
    unindexed: list[str]


@dataclass(slots=True)
class ExportReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: Generated paths not written: a file the command did not write is there.
    errors: list[Finding] = field(default_factory=list)


def read_site_config(config_file: Path) -> SiteConfig:
    """`docs_dir`, `site_name` and `theme.custom_dir` of mkdocs.yml (MkDocs' defaults when absent)."""
    root = config_file.parent.resolve()
    config: object = {}
    if config_file.is_file():
        try:
            config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{config_file}: cannot read: {exc}") from None
    values = config if isinstance(config, Mapping) else {}
    docs = values.get("docs_dir")
    theme = values.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    name, repo, edit = values.get("site_name"), values.get("repo_url"), values.get("edit_uri")
    return SiteConfig(
        docs_dir=root / (docs if isinstance(docs, str) and docs else "docs"),
        site_name=name if isinstance(name, str) else "",
        custom_dir=root / custom if isinstance(custom, str) and custom else None,
        repo_url=repo if isinstance(repo, str) else None,
        edit_uri=edit if isinstance(edit, str) else None,
    )


def _escaped_page(text: str) -> str:
    """A generated page with its front matter's `title` and `description` escaped, as the plugin
    escapes them for MkDocs' themes, which print them unescaped in <title> and <meta>."""
    if not text.startswith(_FRONT):
        return text
    end = text.find("\n---\n", len(_FRONT) - 1)
    if end < 0:
        return text
    meta = yaml.safe_load(text[len(_FRONT) : end + 1])
    if not isinstance(meta, dict):
        return text
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = esc(meta[key])
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return _FRONT + front + text[end + 1 :]


def _page_text(output: Output, loaded: LoadedCatalog, settings: Settings, template_dirs: Sequence[Path]) -> str:
    """A generated file's text; a PR/FAQ page's starting with the lines that have it finished as
    the plugin finishes it (sanitized, its search data added: :mod:`.markdown_sanitize`)."""
    if not output.is_page:
        return output.content
    text = _escaped_page(output.content)
    if output.document is None:
        return text
    search = document_search_html(output.document, loaded.catalog, template_dirs=template_dirs)
    prefix = page_prefix(search, sanitize=settings.sanitize, image_hosts=settings.image_hosts)
    end = text.find("\n---\n", len(_FRONT) - 1) + len("\n---\n") if text.startswith(_FRONT) else 0
    return f"{text[:end]}{prefix}\n{text[end:]}"


def _docs_files(
    docs_dir: Path, loaded: LoadedCatalog, settings: Settings, markers: Mapping[str, Callable[[], str]]
) -> dict[str, bytes]:
    """Every file of the docs folder (but hidden ones, as MkDocs), handbook pages completed.

    The template download is not among them: an engine takes a `.md` file for a page, and a link
    to one for a link to a page. `prfaq finish` puts it into the built site, and the handbook
    links it by its URL under `site_url` (without one, the handbook says there is no download)."""
    links = SourceLinks()
    download = settings.template_download and settings.site_url and urljoin(settings.site_url, settings.template_download)
    files: dict[str, bytes] = {}
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        data = path.read_bytes()
        if rel.endswith(".md") and _is_utf8(data):
            text = handbook.handbook_page(
                data.decode("utf-8"),
                rel,
                catalog=loaded.catalog,
                links=links,
                template_download=download or "",
                markers=markers,
            )
            data = text.encode("utf-8")
        files[rel] = data
    return files


def _is_utf8(data: bytes) -> bool:
    """Whether a page can be completed; one that is not UTF-8 is copied as it is, for the engine to judge."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _clash(path: str, message: str) -> Finding:
    return Finding(path, 1, 1, Severity.ERROR, "export-clash", message)


def export_files(
    loaded: LoadedCatalog,
    settings: Settings,
    site: SiteConfig,
    *,
    copy_docs: bool,
    markers: Mapping[str, Callable[[], str]] = handbook.MARKERS,
    jobs: int = 1,
) -> Export:
    """The folder's files, and what `prfaq finish` needs to know of them."""
    docs_dir = site.docs_dir
    template_dirs = [site.custom_dir] if site.custom_dir else []
    outputs: list[Output] = site_outputs(
        loaded,
        settings,
        site_name=site.site_name,
        has_page=lambda src: (docs_dir / src).is_file(),
        template_dirs=template_dirs,
        source_links=True,
        jobs=jobs,
    )
    generated = {
        o.path: o.copy_of.read_bytes() if o.copy_of else _page_text(o, loaded, settings, template_dirs).encode("utf-8")
        for o in outputs
    }
    files = _docs_files(docs_dir, loaded, settings, markers) if copy_docs and docs_dir.is_dir() else {}
    clashes = []
    for path, data in generated.items():
        if (docs_dir / path).is_file():
            clashes.append(_clash(path, f"{docs_dir.name}/{path} clashes with a page the catalog generates; rename or remove it"))
        else:
            files[path] = data
    docs = docs_dir.name
    edit = {
        o.path: (source_url(site.repo_url, settings.edit_uri, site.edit_uri, docs, o.document.path) or "") if o.document else ""
        for o in outputs
        if o.is_page and o.path in files
    }
    unindexed = [o.path for o in outputs if o.is_page and o.document is None and o.path in files]
    return Export(files, clashes, edit, unindexed)


def _safe(rel: str) -> bool:
    """A manifest entry names a file inside the folder (the manifest is a file anyone may edit)."""
    pure = PurePosixPath(rel)
    return bool(rel) and not pure.is_absolute() and ".." not in pure.parts and rel != MANIFEST


def _read_manifest(folder: Path) -> set[str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    names = data.get("files") if isinstance(data, dict) else None
    return {n for n in names if isinstance(n, str) and _safe(n)} if isinstance(names, list) else set()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` at `path` (whole, through a temporary file) unless it is there already."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, data, mode=0o644)
    return True


def _remove(folder: Path, rel: str) -> bool:
    """Remove a file the command wrote before, and the folders it leaves empty."""
    path = folder / rel
    if not path.is_file() or path.is_symlink():
        return False
    path.unlink()
    parent = posixpath.dirname(rel)
    while parent:
        try:
            (folder / parent).rmdir()
        except OSError:
            break
        parent = posixpath.dirname(parent)
    return True


def read_manifest(folder: Path) -> tuple[dict[str, str], set[str]]:
    """The edit links and the unindexed pages the last export into `folder` kept in its manifest."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, set()
    data = data if isinstance(data, dict) else {}
    edit, unindexed = data.get("edit"), data.get("unindexed")
    links = {k: v for k, v in edit.items() if isinstance(k, str) and isinstance(v, str) and _safe(k)} if isinstance(edit, dict) else {}
    pages = {k for k in unindexed if isinstance(k, str) and _safe(k)} if isinstance(unindexed, list) else set()
    return links, pages


def write_export(folder: Path, export: Export) -> ExportReport:
    """Write the export's files into `folder` as the module says: changed files only, files
    written before and gone removed, files the command did not write left alone (an error
    finding each)."""
    files = export.files
    folder.mkdir(parents=True, exist_ok=True)
    before = _read_manifest(folder)
    report = ExportReport()
    wrote: list[str] = []
    for rel in sorted(files):
        path = folder / rel
        if rel not in before and (path.exists() or path.is_symlink()):
            report.errors.append(_clash(rel, f"{folder}/{rel} was not written by prfaq export; it is left as it is"))
            continue
        wrote.append(rel)
        if write_if_changed(path, files[rel]):
            report.written.append(rel)
        else:
            report.unchanged += 1
    report.removed = [rel for rel in sorted(before - set(wrote)) if _remove(folder, rel)]
    links = {path: url for path, url in sorted(export.edit.items()) if path in wrote}
    unindexed = [path for path in export.unindexed if path in links]
    manifest = {"generator": "prfaq export", "files": wrote, "edit": links, "unindexed": unindexed}
    text = json.dumps(manifest, indent=1) + "\n"
    write_if_changed(folder / MANIFEST, text.encode("utf-8"))
    return report



class ExportRefused(ValueError):
    """The folder cannot be exported into (one line, for the person who asked)."""


@dataclass(frozen=True, slots=True)
class ExportRun:
    """What :func:`export_site` did: with `check_errors`, nothing was written."""

    check_errors: list[Finding]
    #: Generated paths not exported: clashes with docs pages, files the command did not write.
    errors: list[Finding] = field(default_factory=list)
    report: ExportReport | None = None

    def summary(self, folder: str) -> str:
        """One line on what was written into `folder`, or why nothing was."""
        if self.report is None:
            return f"{len(self.check_errors)} error(s); nothing was written to {folder}"
        report = self.report
        return (
            f"{len(report.written)} file(s) written, {report.unchanged} unchanged, {len(report.removed)} removed,"
            f" {len(self.errors)} not exported in {folder}"
        )


def export_site(
    settings: Settings, config_file: Path, folder: Path, *, jobs: int,
    markers: Mapping[str, Callable[[], str]] = handbook.MARKERS,
) -> ExportRun:  # fmt: skip
    """`prfaq export FOLDER`: check the source folder, then write the site's files into `folder`
    (beside the docs folder, or the docs folder itself; never inside it, where an engine would
    build the export into itself)."""
    site = read_site_config(config_file)
    target, docs = folder.resolve(), site.docs_dir.resolve()
    if target != docs and target.is_relative_to(docs):
        raise ExportRefused(f"{folder} is inside the docs folder {site.docs_dir}: export beside it")
    source = settings.source_dir.resolve()
    if source.is_relative_to(target) or target.is_relative_to(source):
        raise ExportRefused(
            f"{folder} holds or is inside the PR/FAQ folder {settings.source_dir}: export into a folder of its own,"
            " such as build/zensical/docs"
        )
    if target.exists() and not target.is_dir():
        raise ExportRefused(f"{folder} is a file, not a folder")
    loaded = load_catalog(settings, jobs=jobs, cache=cache_for(settings))
    if loaded.check.errors:
        return ExportRun(loaded.check.errors)
    export = export_files(loaded, settings, site, copy_docs=target != docs, markers=markers, jobs=jobs)
    try:
        report = write_export(target, export)
    except OSError as exc:
        raise ExportRefused(f"cannot write into {folder}: {exc.strerror or exc} ({exc.filename})") from None
    return ExportRun([], export.clashes + report.errors, report)
