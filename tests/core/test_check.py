"""One pass over a corpus: every file, every rule, the configured severities and the draft cap."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from corekit import CLEAN, CLEAN_NAME, FIXTURES, check, copy_fixture, variant

from mkdocs_prfaq.core import check as check_module
from mkdocs_prfaq.core.check import CheckResult, check_files, check_folder, named_files
from mkdocs_prfaq.core.findings import Severity
from mkdocs_prfaq.core.pipeline import load_catalog
from mkdocs_prfaq.core.settings import SettingsError, from_options


def severities(result: CheckResult, rule: str) -> list[Severity]:
    return [f.severity for f in result.findings if f.rule == rule]


def set_status(path: Path, status: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: in-review", f"status: {status}", 1), encoding="utf-8")


# -- the draft cap ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "expected"),
    [("in-review", Severity.ERROR), ("draft", Severity.WARNING), ("approved", Severity.ERROR)],
)
def test_body_errors_are_warnings_while_the_document_is_a_draft(
    tmp_path: Path, status: str, expected: Severity
) -> None:
    folder = copy_fixture("rules/faq-section", tmp_path)
    doc = folder / "fail" / CLEAN_NAME
    if status == "approved":
        text = doc.read_text(encoding="utf-8").replace("---\n\n", "decision: {date: 2026-04-20, by: Board}\n---\n\n", 1)
        doc.write_text(text, encoding="utf-8")
    set_status(doc, status)
    result = check(folder, "fail")
    assert [f.format() for f in result.findings if f.rule != "faq-section"] == []
    assert severities(result, "faq-section") == [expected]
    assert result.failed() is (expected is Severity.ERROR)


def test_the_cap_applies_to_rules_configured_as_errors_too(tmp_path: Path) -> None:
    folder = copy_fixture("rules/press-release-length", tmp_path)
    options = {"rules": {"press-release-length": "error", "faq-split": "error"}}
    assert severities(check(folder, "fail", options), "press-release-length") == [Severity.ERROR]
    set_status(folder / "fail" / CLEAN_NAME, "draft")
    assert severities(check(folder, "fail", options), "press-release-length") == [Severity.WARNING]


def test_writing_rules_configured_as_errors_are_capped_too(tmp_path: Path) -> None:
    source = tmp_path / "prfaqs"
    source.mkdir()
    text = CLEAN.replace(
        '"I sent a photo and had my refund before I closed the app," said Ana Lima, a shopper in Lisbon.', ""
    )
    (source / CLEAN_NAME).write_text(text, encoding="utf-8")
    options = {"rules": {"customer-quote": "error"}}
    assert severities(check(tmp_path, "prfaqs", options), "customer-quote") == [Severity.ERROR]
    (source / CLEAN_NAME).write_text(text.replace("status: in-review", "status: draft"), encoding="utf-8")
    assert severities(check(tmp_path, "prfaqs", options), "customer-quote") == [Severity.WARNING]


def test_a_draft_gets_no_cap_on_its_front_matter(tmp_path: Path) -> None:
    folder = copy_fixture("rules/field-type", tmp_path)
    set_status(folder / "fail" / CLEAN_NAME, "draft")
    found = check(folder, "fail").findings
    assert [f.severity for f in found if f.rule == "field-type" and f.path.endswith(CLEAN_NAME)] == [Severity.ERROR]


# -- severities ---------------------------------------------------------------------------------
def test_configured_severities_replace_the_defaults(tmp_path: Path) -> None:
    folder = copy_fixture("rules/faq-split", tmp_path)
    assert severities(check(folder, "fail"), "faq-split") == [Severity.WARNING]
    assert severities(check(folder, "fail", {"rules": {"faq-split": "error"}}), "faq-split") == [Severity.ERROR]
    # YAML reads an unquoted `off` as false: it still means off.
    assert severities(check(folder, "fail", {"rules": {"faq-split": False}}), "faq-split") == []


def test_failed_counts_errors_and_with_strict_warnings(tmp_path: Path) -> None:
    folder = copy_fixture("rules/faq-split", tmp_path)
    result = check(folder, "fail")
    assert result.errors == [] and len(result.warnings) == 1
    assert not result.failed()
    assert result.failed(strict=True)
    clean = check(folder, "pass")
    assert not clean.failed(strict=True)


# -- one pass -------------------------------------------------------------------------------------
def test_every_problem_of_every_file_comes_out_of_one_run_sorted(tmp_path: Path) -> None:
    source = tmp_path / "prfaqs"
    for case in ("team-no", "impossible-date", "not-utf8", "empty-file"):
        shutil.copytree(FIXTURES / "hostile" / case, source / case)
    result = check(tmp_path, "prfaqs")
    assert {(f.path.split("/")[1], f.rule) for f in result.findings} == {
        ("team-no", "field-type"),
        ("impossible-date", "date-format"),
        ("not-utf8", "file-encoding"),
        ("empty-file", "front-matter"),
        # Two of the four files could be read, both PRFAQ-0001: each is told of the other.
        ("impossible-date", "duplicate-id"),
        ("team-no", "duplicate-id"),
    }
    assert [f.sort_key() for f in result.findings] == sorted(f.sort_key() for f in result.findings)


def test_nothing_is_lost_every_file_is_a_document_or_an_error(tmp_path: Path) -> None:
    """Over every hostile fixture at once, plus a binary file."""
    source = tmp_path / "prfaqs"
    for case in sorted((FIXTURES / "hostile").iterdir()):
        if case.is_dir():
            shutil.copytree(case, source / case.name)
    (source / "binary" / "PRFAQ-0900-image.md").parent.mkdir()
    (source / "binary" / "PRFAQ-0900-image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = check(tmp_path, "prfaqs")
    documents = {d.path for d in result.documents}
    with_errors = {f.path for f in result.errors}
    assert len(result.files) == sum(1 for _ in source.rglob("*.md"))
    assert [f for f in result.files if f not in documents | with_errors] == []
    assert "prfaqs/binary/PRFAQ-0900-image.md" in with_errors


def test_check_files_reports_only_the_named_files_with_the_whole_folder_as_context(tmp_path: Path) -> None:
    folder = copy_fixture("rules/unknown-id", tmp_path)
    broken = (FIXTURES / "rules/field-type/fail" / CLEAN_NAME).read_text(encoding="utf-8")
    (folder / "pass" / "PRFAQ-0002-broken.md").write_text(broken.replace("id: PRFAQ-0001", "id: PRFAQ-0002"), encoding="utf-8")
    settings = from_options(folder, {"source_dir": "pass"})
    assert {f.path for f in check_folder(settings).findings} == {"pass/PRFAQ-0002-broken.md"}
    # The named file links to ids that exist elsewhere in the folder; the broken file is not named.
    assert check_files(settings, [folder / "pass" / CLEAN_NAME]).findings == []
    # A file outside the root is checked against the folder too, and shown with its full path.
    outside = tmp_path / "elsewhere" / "PRFAQ-0003-new.md"
    outside.parent.mkdir()
    outside.write_text(variant(id="PRFAQ-0003", after="supersedes: [PRFAQ-0099, PRFAQ-0404]"), encoding="utf-8")
    result = check_files(settings, [outside])
    assert [(f.path, f.rule, f.line, f.col) for f in result.findings] == [(outside.as_posix(), "unknown-id", 10, 26)]


def test_check_files_with_a_file_that_is_not_there_yet_or_a_broken_link(tmp_path: Path) -> None:
    source = tmp_path / "prfaqs"
    source.mkdir()
    (source / CLEAN_NAME).write_text(CLEAN, encoding="utf-8")
    (source / "PRFAQ-0002-loop.md").symlink_to("PRFAQ-0002-loop.md")
    result = check_files(from_options(tmp_path, {"source_dir": "prfaqs"}), [source / "PRFAQ-0002-loop.md"])
    assert [(f.path, f.rule) for f in result.findings] == [("prfaqs/PRFAQ-0002-loop.md", "symlink")]


def test_a_missing_source_folder_is_an_empty_corpus(tmp_path: Path) -> None:
    result = check(tmp_path, "nowhere")
    assert (result.files, result.findings, result.documents) == ([], [], [])


def test_teams_and_tags_files_are_read_once_for_the_check(tmp_path: Path) -> None:
    folder = copy_fixture("rules/unknown-team", tmp_path)
    result = check(folder, "pass", {"teams_file": "teams.yml"})
    assert result.teams == {"payments": {"name": "Payments"}, "fulfillment": {"name": "Fulfillment"}}
    assert result.tags is None


def test_teams_and_tags_files_in_the_source_folder_are_no_unread_files(tmp_path: Path) -> None:
    """A site may keep them beside the PR/FAQs; any other such file is reported."""
    source = tmp_path / "prfaqs"
    source.mkdir()
    (source / CLEAN_NAME).write_text(CLEAN, encoding="utf-8")
    (source / "teams.yml").write_text("payments: {name: Payments}\n", encoding="utf-8")
    (source / "tags.yml").write_text("[refunds, logistics]\n", encoding="utf-8")
    (source / "owners.yml").write_text("payments: [dana]\n", encoding="utf-8")
    settings = from_options(tmp_path, {"source_dir": "prfaqs", "teams_file": "prfaqs/teams.yml", "tags_file": "prfaqs/tags.yml"})
    folder = check_folder(settings)
    assert folder.teams == {"payments": {"name": "Payments"}} and folder.tags is not None
    assert [(f.path, f.rule) for f in folder.findings] == [("prfaqs/owners.yml", "unread-file")]
    assert check_files(settings, [source / CLEAN_NAME]).findings == []
    # Named on the command line, the folder or the file itself: the same.
    for named in (["prfaqs"], ["prfaqs/teams.yml", "prfaqs/owners.yml"]):
        files = named_files(settings, [str(tmp_path / name) for name in named])[0]
        assert [(f.path, f.rule) for f in check_files(settings, files).findings] == [("prfaqs/owners.yml", "unread-file")]
    # A file outside the folder that is no PR/FAQ: said so, with no advice to move it.
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    [finding] = check_files(settings, [tmp_path / "mkdocs.yml"]).findings
    assert (finding.path, finding.rule, finding.message) == ("mkdocs.yml", "unread-file", "not a PR/FAQ: a PR/FAQ's name ends in `.md`")


def test_the_clean_document_is_clean(tmp_path: Path) -> None:
    result = check(copy_fixture("check/clean", tmp_path))
    assert result.findings == [] and [d.id for d in result.documents] == ["PRFAQ-0001"]
    assert variant() == CLEAN


def test_a_parallel_check_gives_the_same_result_as_a_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large corpus is split across processes; the cross-file findings must not depend on where
    the split falls (duplicate ids, names differing in case, references)."""
    source = tmp_path / "prfaqs"
    for case in ("duplicate-ids", "supersedes-cycle", "not-utf8", "team-no", "crlf", "unknown-ids-in-body"):
        shutil.copytree(FIXTURES / "hostile" / case, source / case)
    (source / "crlf" / "PRFAQ-0001-INSTANT-REFUNDS.md").write_bytes(b"")
    monkeypatch.setattr(check_module, "PARALLEL_MIN_FILES", 2)
    settings = from_options(tmp_path, {"source_dir": "prfaqs"})
    serial = check_folder(settings)
    parallel = check_folder(settings, jobs=3)
    assert parallel.findings == serial.findings
    assert parallel.files == serial.files
    assert [d.path for d in parallel.documents] == [d.path for d in serial.documents]
    assert {f.rule for f in serial.findings} >= {"duplicate-id", "file-encoding", "file-name-case", "field-type", "unknown-id"}


# -- the writing rules' scope ---------------------------------------------------------------------
#: The clean document with two writing problems in its press release: a vague word and "will".
WORDY = CLEAN.replace(
    "the moment they report it.", "the moment they report it, significantly faster. Support will answer."
)
DECIDED = "decision: {date: 2026-04-20, by: Board}"
DECIDED_STATUSES = ("approved", "building", "launched", "shelved", "rejected")


def _wordy(tmp_path: Path, status: str) -> Path:
    source = tmp_path / "prfaqs"
    source.mkdir(exist_ok=True)
    path = source / CLEAN_NAME
    path.write_text(variant(text=WORDY, status=status, after=DECIDED if status in DECIDED_STATUSES else ""), encoding="utf-8")
    return path


@pytest.mark.parametrize("status", DECIDED_STATUSES)
def test_a_record_with_writing_problems_passes_strict(tmp_path: Path, status: str) -> None:
    _wordy(tmp_path, status)
    result = check(tmp_path, "prfaqs")
    assert [f.format() for f in result.findings] == []
    assert not result.failed(strict=True)


@pytest.mark.parametrize("status", ["draft", "in-review"])
def test_the_same_text_still_being_written_gets_the_writing_rules(tmp_path: Path, status: str) -> None:
    _wordy(tmp_path, status)
    result = check(tmp_path, "prfaqs")
    assert [(f.rule, f.severity) for f in result.findings] == [
        ("weasel-words", Severity.WARNING),
        ("future-tense", Severity.WARNING),
    ]
    assert result.failed(strict=True)


def test_a_record_named_on_the_command_line_gets_the_writing_rules(tmp_path: Path) -> None:
    """Pre-commit and an author name the files they are changing: those get the feedback."""
    path = _wordy(tmp_path, "launched")
    settings = from_options(tmp_path, {})
    named = check_files(settings, [path])
    assert [f.rule for f in named.findings] == ["weasel-words", "future-tense"]
    # Found under a named folder, it is a record like any other; `reviewed` names the files that are not.
    assert check_files(settings, [path], reviewed=[]).findings == []


def test_the_cache_keeps_the_scope_whatever_ran_before(tmp_path: Path) -> None:
    path = _wordy(tmp_path, "launched")
    settings = from_options(tmp_path, {})
    cache = check_module.cache_for
    old = 1_000_000_000
    os.utime(path, (old, old))  # old enough for the cache to keep it
    # Named first: its entry holds writing findings, which a check of the folder leaves out.
    assert [f.rule for f in check_files(settings, [path], cache=cache(settings)).findings] == ["weasel-words", "future-tense"]
    assert check_folder(settings, cache=cache(settings)).findings == []
    assert check_folder(settings, cache=cache(settings)).documents == []  # from the cache
    # Checked first as a record in the folder: named later, the writing rules run on it.
    shutil.rmtree(tmp_path / ".prfaq_cache")
    assert check_folder(settings, cache=cache(settings)).findings == []
    assert [f.rule for f in check_files(settings, [path], cache=cache(settings)).findings] == ["weasel-words", "future-tense"]


# -- the pipeline: check, history, catalog ------------------------------------------------------
def test_load_catalog_keeps_every_document_and_every_finding(tmp_path: Path) -> None:
    """`prfaq list` and the site read the catalog from one pipeline: documents with errors are
    in it, their findings beside it, in `prfaq check`'s order."""
    folder = copy_fixture("check/clean", tmp_path)
    (folder / "PRFAQ-0002-broken.md").write_text(variant(id="PRFAQ-0002", team="Not A Slug"), encoding="utf-8")
    loaded = load_catalog(from_options(folder, {"source_dir": ".", "history": False}))
    assert [d.id for d in loaded.catalog.documents] == ["PRFAQ-0001", "PRFAQ-0002"]
    assert loaded.check.files == [CLEAN_NAME, "PRFAQ-0002-broken.md"]
    assert loaded.check.findings == check(folder).findings
    assert [(f.path, f.rule) for f in loaded.check.errors] == [("PRFAQ-0002-broken.md", "field-format")]
    assert loaded.history_unavailable is None  # not asked for


def test_load_catalog_says_why_git_has_no_history_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    folder = copy_fixture("check/clean", tmp_path)
    loaded = load_catalog(from_options(folder, {"source_dir": "."}))
    assert loaded.history_unavailable is not None and "not a git checkout" in loaded.history_unavailable
    assert [d.updated for d in loaded.catalog.documents] == [dt.date(2026, 3, 2)]  # from the front matter
    with pytest.raises(SettingsError, match="does not exist"):
        load_catalog(from_options(folder, {"source_dir": "missing"}))
