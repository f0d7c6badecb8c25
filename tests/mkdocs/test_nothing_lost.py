"""Nothing lost: every PR/FAQ file is a page and a catalog.json row, or an error naming it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sitekit import FIXTURES, build_site, copy_project

from mkdocs_prfaq.core.check import check_folder
from mkdocs_prfaq.core.findings import Severity
from mkdocs_prfaq.core.settings import load_settings


def _candidates(source: Path, root: Path) -> set[str]:
    """Every *.md under `source` but README.md and names starting with `_` or `.`, found independently."""
    out: set[str] = set()
    for directory, dirnames, filenames in os.walk(source):
        dirnames[:] = [d for d in dirnames if not d.startswith(("_", "."))]
        for name in filenames:
            if name.lower().endswith(".md") and name.lower() != "readme.md" and not name.startswith(("_", ".")):
                out.add((Path(directory) / name).relative_to(root).as_posix())
    return out


def test_every_file_is_a_page_or_an_error(tmp_path: Path) -> None:
    project = copy_project("invalid", tmp_path / "mixed")
    settings = load_settings(project / "mkdocs.yml")
    result = check_folder(settings)
    files = _candidates(settings.source_dir, project)
    assert set(result.files) == files
    failed = {f.path for f in result.findings if f.severity is Severity.ERROR}
    assert failed <= files
    good = files - failed
    # PRFAQ-0001-good.md is sound, but PRFAQ-0016-duplicate-id.md takes its id: both are errors.
    assert "prfaqs/PRFAQ-0001-good.md" in failed
    assert len(good) == 2 and len(failed) == len(files) - 2

    # The good subset, alone, builds: each good file is a page and a row.
    for bad in failed:
        (project / bad).unlink()
    site = build_site(project, strict=True)
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    rows = {r["source"]: r for r in data["documents"]}
    assert set(rows) == good
    assert data["count"] == len(good)
    for source, row in rows.items():
        page = site / row["url"] / "index.html"
        assert page.is_file(), source
        assert row["title"] in page.read_text(encoding="utf-8")


def test_non_ascii_bom_and_crlf_file_renders(tmp_path: Path) -> None:
    project = copy_project("invalid", tmp_path / "mixed")
    source = project / "prfaqs"
    keep = {"PRFAQ-0001-good.md", "PRFAQ-0002 café crème.md", "PRFAQ-0003-archived.md"}
    for path in list(source.rglob("*.md")):
        if path.name not in keep and path.name.lower() != "readme.md" and not path.name.startswith(("_", ".")):
            path.unlink()
    assert (FIXTURES / "invalid" / "prfaqs" / "PRFAQ-0002 café crème.md").read_bytes().startswith(b"\xef\xbb\xbf")
    site = build_site(project, strict=True)
    text = (site / "prfaqs" / "prfaq-0002" / "index.html").read_text(encoding="utf-8")
    assert "Café crème for everyone — 咖啡" in text
    assert "Coffee drinkers in Zürich and 東京" in text
    assert "Zoë Ångström" in text
