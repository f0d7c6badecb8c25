"""`prfaq export FOLDER` (core/export_folder.py) on a copy of the basic fixture site: what it
writes, that it writes nothing when nothing changed, removes what it wrote and no longer makes,
never touches a file it did not write, and writes nothing at all when the check finds errors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mkdocs_prfaq.cli import main
from mkdocs_prfaq.core.export_folder import MANIFEST

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OUT = "build/docs"


@pytest.fixture
def site(fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = fixture_copy("sites/basic")
    monkeypatch.chdir(root)
    return root


def _export(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", OUT])
    out, err = capsys.readouterr()
    return code, out, err


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime in ns) of every file in the folder."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_export_writes_pages_files_and_the_completed_docs(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _export(capsys)
    assert code == 0, err
    folder = site / OUT
    written = set(json.loads((folder / MANIFEST).read_text())["files"])
    for path in ("prfaqs/prfaq-0001.md", "catalog/index.md", "catalog/activity.md", "catalog/status/launched.md",
                 "catalog/teams/payments.md", "catalog/tags/refunds.md", "catalog/review.md", "catalog/insights.md",
                 "catalog.json", "feed.xml", "insights.json", "assets/prfaq/prfaq.css", "index.md", "handbook.md"):  # fmt: skip
        assert path in written and (folder / path).is_file(), path
    assert json.loads((folder / "catalog.json").read_text())["count"] == 9
    # The handbook page, completed as the plugin completes it: `(PRFAQ-0003#...)` links the page.
    handbook = (folder / "handbook.md").read_text()
    assert "(prfaqs/prfaq-0003.md#external-faq)" in handbook and "(PRFAQ-0003" not in handbook
    # A PR/FAQ page: its front matter escaped, the export's marker first, links to sources.
    page = (folder / "prfaqs/prfaq-0001.md").read_text()
    assert page.split("\n---\n", 1)[1].startswith("<!-- prfaq:page sanitize=1 hosts= -->\n")
    assert 'href="../catalog/teams/payments.md"' in page
    assert "9 file(s)" not in err and "0 unchanged" in err
    assert (site / "docs").is_dir() and not (site / "docs" / "catalog").exists()  # the docs folder stays as written


def test_images_beside_the_prfaqs_are_exported_where_the_pages_link_them(
    fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """tests/fixtures/sites/images: an image at the source folder's top, two in `payments/`."""
    root = fixture_copy("sites/images")
    monkeypatch.chdir(root)
    code, _, err = _export(capsys)
    assert code == 0, err
    folder = root / OUT
    for image in ("refund-flow.png", "payments/checkout.png", "payments/card-form.gif"):
        assert (folder / "prfaqs" / image).read_bytes() == (root / "prfaqs" / image).read_bytes(), image
    assert "prfaqs/payments/checkout.png" in json.loads((folder / MANIFEST).read_text())["files"]
    page = (folder / "prfaqs/prfaq-0003.md").read_text()
    assert "](payments/checkout.png \"The checkout" in page and "](refund-flow.png)" in page
    assert "[form]: payments/card-form.gif" in page


def test_export_twice_writes_nothing_the_second_time(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(capsys)[0] == 0
    before = _state(site / OUT)
    code, _, err = _export(capsys)
    assert code == 0
    assert "0 file(s) written" in err and "0 removed" in err
    assert _state(site / OUT) == before


def test_a_changed_document_rewrites_only_what_shows_it(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(capsys)[0] == 0
    before = _state(site / OUT)
    source = site / "prfaqs" / "PRFAQ-0008-parcel-lockers.md"
    source.write_text(source.read_text().replace("### Who can use it?", "### Who can use the lockers?"))
    assert _export(capsys)[0] == 0
    after = _state(site / OUT)
    changed = {path for path in after if after[path] != before.get(path)}
    assert "prfaqs/prfaq-0008.md" in changed
    assert "prfaqs/prfaq-0001.md" not in changed and "assets/prfaq/prfaq.css" not in changed


def test_a_removed_document_page_is_removed(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _export(capsys)[0] == 0
    folder = site / OUT
    assert (folder / "prfaqs/prfaq-0006.md").is_file()
    (site / "prfaqs" / "PRFAQ-0006-drone-delivery.md").unlink()
    code, _, err = _export(capsys)
    assert code == 0, err
    assert not (folder / "prfaqs/prfaq-0006.md").exists()
    assert "prfaqs/prfaq-0006.md" not in json.loads((folder / MANIFEST).read_text())["files"]
    assert "0 removed" not in err
    assert json.loads((folder / "catalog.json").read_text())["count"] == 8


def test_a_hand_written_file_is_never_touched(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = site / OUT
    (folder / "prfaqs").mkdir(parents=True)
    mine = folder / "prfaqs" / "prfaq-0001.md"
    mine.write_text("my own page\n")
    notes = folder / "notes.md"
    notes.write_text("# Notes\n")
    code, out, err = _export(capsys)
    assert code == 1
    assert "prfaqs/prfaq-0001.md" in out and "export-clash" in out and "1 not exported" in err
    assert mine.read_text() == "my own page\n" and notes.read_text() == "# Notes\n"
    assert (folder / "prfaqs" / "prfaq-0002.md").is_file()
    written = json.loads((folder / MANIFEST).read_text())["files"]
    assert "prfaqs/prfaq-0001.md" not in written and "notes.md" not in written
    # Nor on the next export, which removes a page it wrote.
    (site / "prfaqs" / "PRFAQ-0004-chat-help.md").unlink()
    assert _export(capsys)[0] == 1
    assert not (folder / "prfaqs" / "prfaq-0004.md").exists()
    assert mine.read_text() == "my own page\n" and notes.read_text() == "# Notes\n"


def test_a_forged_manifest_removes_nothing_outside(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = site / OUT
    folder.mkdir(parents=True)
    outside = site / "keep.txt"
    outside.write_text("keep")
    (folder / MANIFEST).write_text(json.dumps({"files": ["../../keep.txt", str(outside), "../keep.txt"]}))
    assert _export(capsys)[0] == 0
    assert outside.read_text() == "keep"


def test_a_docs_page_taking_a_generated_path_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "docs" / "catalog").mkdir()
    (site / "docs" / "catalog" / "index.md").write_text("# Mine\n")
    code, out, _ = _export(capsys)
    assert code == 1 and "docs/catalog/index.md clashes" in out
    assert (site / OUT / "catalog" / "index.md").read_text() == "# Mine\n"  # the docs page, copied as it is


def test_errors_leave_the_folder_untouched(fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    root = fixture_copy("sites/basic")
    monkeypatch.chdir(root)
    assert _export(capsys)[0] == 0
    before = _state(root / OUT)
    shutil.copy(FIXTURES / "sites/invalid/prfaqs/PRFAQ-0011-bad-status.md", root / "prfaqs")
    code, out, err = _export(capsys)
    assert code == 1 and "status-enum" in out and "nothing was written" in err
    assert _state(root / OUT) == before


def test_a_folder_inside_the_docs_folder_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "docs/generated"]) == 2
    assert not (site / "docs" / "generated").exists()


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("target", [".", "prfaqs", "prfaqs/sub", ""])
def test_a_folder_that_holds_or_is_in_the_source_folder_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """The project's root would take the generated `prfaqs/<id>.md` pages into the PR/FAQ folder,
    where every later check fails on them; an empty name is the current folder."""
    before = _tree(site)
    assert main(["export", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("prfaq export: ") and err.count("\n") == 1, err
    assert "export into a folder of its own" in err or "give the folder to write" in err, err
    assert _tree(site) == before


def test_a_file_is_refused_as_the_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for target in ("mkdocs.yml", "mkdocs.yml/sub"):
        assert main(["export", target]) == 2, target
        err = capsys.readouterr().err
        assert err.startswith("prfaq export: ") and err.count("\n") == 1 and "mkdocs.yml" in err, err


def test_exporting_into_the_docs_folder_writes_only_the_catalog(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handbook = (site / "docs" / "handbook.md").read_text()
    assert main(["export", "docs"]) == 0
    assert (site / "docs" / "handbook.md").read_text() == handbook
    assert (site / "docs" / "prfaqs" / "prfaq-0001.md").is_file()
    assert "handbook.md" not in json.loads((site / "docs" / MANIFEST).read_text())["files"]


def test_docs_files_are_copied_as_they_are(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Files that are not pages are copied byte for byte, a page that is not UTF-8 too; hidden
    files are left out, as MkDocs leaves them out."""
    (site / "docs" / "img").mkdir()
    (site / "docs" / "img" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    (site / "docs" / "latin1.md").write_bytes("# Café crème\n".encode("latin-1"))
    (site / "docs" / ".secret.md").write_text("# hidden\n")
    assert _export(capsys)[0] == 0
    folder = site / OUT
    assert (folder / "img" / "logo.png").read_bytes() == b"\x89PNG\r\n\x1a\n\x00\xff"
    assert (folder / "latin1.md").read_bytes() == "# Café crème\n".encode("latin-1")
    assert not (folder / ".secret.md").exists()


def test_the_site_s_search_data_template_is_used(
    fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `prfaq/search.html` in the theme's `custom_dir` makes the exported pages' search data,
    as it makes the plugin's."""
    root = fixture_copy("sites/templates")
    shutil.copy(FIXTURES / "templates" / "search-desk" / "prfaq" / "search.html", root / "overrides" / "prfaq")
    monkeypatch.chdir(root)
    assert _export(capsys)[0] == 0
    page = (root / OUT / "prfaqs" / "prfaq-0002.md").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="desk[value]"' in page
