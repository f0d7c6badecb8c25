"""`possible-duplicate` (core/rules/duplicate.py) on a near-duplicate corpus on disk: this
repository's example PR/FAQs and `tests/fixtures/similar/`'s draft, a rewrite of the shelved
PRFAQ-0005 in other words. Checked as `prfaq check` does, on the folder and on one file, with
the check's cache."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from corekit import FIXTURES

from mkdocs_prfaq.cli import main
from mkdocs_prfaq.core import check
from mkdocs_prfaq.core.check import CheckResult, cache_for, check_files, check_folder
from mkdocs_prfaq.core.rules import duplicate
from mkdocs_prfaq.core.rules.duplicate import KEPT
from mkdocs_prfaq.core.settings import Settings, from_options

REPO = Path(__file__).resolve().parents[2]
DRAFT = "PRFAQ-0101-live-video-help-for-assembly.md"
SHELVED = "PRFAQ-0005-video-help-for-furniture-assembly.md"
OLD = time.time() - 3600  # older than the cache's "racy" window


def corpus(tmp_path: Path, draft: str | None = None, **options: object) -> Settings:
    source = tmp_path / "prfaqs"
    source.mkdir(parents=True)
    for path in sorted((REPO / "prfaqs").glob("PRFAQ-*.md")):
        shutil.copyfile(path, source / path.name)
    text = (FIXTURES / "similar" / DRAFT).read_text(encoding="utf-8")
    (source / DRAFT).write_text(text if draft is None else draft, encoding="utf-8")
    for path in source.iterdir():
        os.utime(path, (OLD, OLD))
    return from_options(tmp_path, {"source_dir": "prfaqs", **options})


def duplicates(result: CheckResult) -> list[str]:
    return [f.format() for f in result.findings if f.rule == "possible-duplicate"]


def test_a_rewritten_copy_of_a_shelved_document_is_a_possible_duplicate(tmp_path: Path) -> None:
    found = duplicates(check_folder(corpus(tmp_path)))
    assert len(found) == 1, found
    where, message = found[0].split(" warning possible-duplicate: ")
    assert where == f"prfaqs/{DRAFT}:3:8:"  # the title
    assert message.startswith(
        "very close to PRFAQ-0005, shelved 2025-08-18: Video calls with an assembly expert for flat-pack furniture."
    )
    assert "say so in `supersedes`" in message


def test_the_check_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check's worker processes send the rule each document's words with its findings: the
    rule reads no file itself, and finds what a check in one process finds."""
    settings = corpus(tmp_path)
    alone = duplicates(check_folder(settings, jobs=1))
    monkeypatch.setattr(check, "PARALLEL_MIN_FILES", 1)  # a dozen files, not hundreds

    def read_again(*_: object, **__: object) -> None:
        raise AssertionError("possible-duplicate read the files again")

    monkeypatch.setattr(duplicate, "load", read_again)
    assert len(alone) == 1 and duplicates(check_folder(settings, jobs=2)) == alone
    assert duplicates(check_folder(settings, jobs=1)) == alone


def test_unrelated_drafts_get_nothing(tmp_path: Path) -> None:
    """The examples' other drafts and documents in review each propose their own idea."""
    settings = corpus(tmp_path)
    result = check_folder(settings)
    writing = [d.path for d in result.documents if d.status in {"draft", "in-review"}]
    assert len(writing) >= 3, writing
    assert all(f.path == f"prfaqs/{DRAFT}" for f in result.findings if f.rule == "possible-duplicate")


def test_two_decided_documents_are_never_reported(tmp_path: Path) -> None:
    """The same rewrite, rejected: a record of a decision, not a proposal being written. Even at a
    threshold that flags every loosely related draft, no decided document is reported."""
    text = (FIXTURES / "similar" / DRAFT).read_text(encoding="utf-8")
    rejected = text.replace(
        "status: draft\n", "status: rejected\ndecision: {date: 2026-11-20, by: Ana Lima, rationale: As 0005.}\n"
    )
    assert rejected != text
    result = check_folder(corpus(tmp_path, rejected, duplicate=0.2))
    flagged = {f.path for f in result.findings if f.rule == "possible-duplicate"}
    statuses = {d.path: d.status for d in result.documents}
    assert flagged and all(statuses[path] in {"draft", "in-review"} for path in flagged), flagged
    assert f"prfaqs/{DRAFT}" not in flagged and f"prfaqs/{SHELVED}" not in flagged


def test_the_threshold_setting_decides(tmp_path: Path) -> None:
    assert duplicates(check_folder(corpus(tmp_path, duplicate=0.9))) == []
    settings = corpus(tmp_path / "low", duplicate=0.3)
    assert len(duplicates(check_folder(settings))) > 1


def test_turned_off_it_is_not_reported(tmp_path: Path) -> None:
    assert duplicates(check_folder(corpus(tmp_path, rules={"possible-duplicate": "off"}))) == []


def test_a_cached_check_of_one_file_sees_the_other_change(tmp_path: Path) -> None:
    """What the rule keeps never hides a change: once PRFAQ-0005 says something else, a check of
    the draft alone (pre-commit's, the others from the caches) no longer reports it."""
    settings = corpus(tmp_path)
    draft = settings.source_dir / DRAFT
    assert len(duplicates(check_folder(settings, cache=cache_for(settings)))) == 1
    assert len(duplicates(check_files(settings, [draft], cache=cache_for(settings)))) == 1
    other = settings.source_dir / SHELVED
    front = [
        "title: Gift wrapping at checkout" if line.startswith("title:") else line
        for line in other.read_text(encoding="utf-8").split("\n---\n", 1)[0].splitlines()
        if not line.startswith(("customer:", "summary:"))
    ]
    other.write_text("\n".join([*front, "---", "", "# Gift wrapping", "", "Shoppers choose a paper and a card.", ""]))
    os.utime(other, (OLD + 60, OLD + 60))
    assert duplicates(check_files(settings, [draft], cache=cache_for(settings))) == []


def test_a_check_of_decided_documents_loads_no_vectors(tmp_path: Path) -> None:
    """The rule costs the vectors (numpy) only when a reported document is being written, and
    never scikit-learn's import."""
    import subprocess
    import sys

    settings = corpus(tmp_path)
    code = (
        "import sys\nfrom pathlib import Path\nfrom mkdocs_prfaq.core.check import check_files\n"
        "from mkdocs_prfaq.core.settings import from_options\n"
        "s = from_options(Path(sys.argv[1]), {'source_dir': 'prfaqs'})\n"
        "check_files(s, [Path(a) for a in sys.argv[2:]])\nprint('numpy' in sys.modules, 'sklearn' in sys.modules)\n"
    )

    def loads(*names: str) -> str:
        paths = [str(settings.source_dir / name) for name in names]
        return subprocess.run(
            [sys.executable, "-c", code, str(tmp_path), *paths], capture_output=True, text=True, check=True
        ).stdout

    assert loads(SHELVED) == "False False\n"
    assert loads(SHELVED, DRAFT) == "True False\n"


def test_skipped_on_the_command_line_as_the_pre_commit_hook_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`prfaq check FILE` names the duplicate; the hook's `--skip possible-duplicate` leaves it to
    the pull request's check, and every other finding stays; a rule that cannot be off is refused."""
    corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    draft = f"prfaqs/{DRAFT}"
    main(["check", draft])
    plain = capsys.readouterr().out
    assert "possible-duplicate: very close to PRFAQ-0005, shelved" in plain
    main(["check", "--skip", "possible-duplicate", draft])
    skipped = capsys.readouterr().out
    assert "possible-duplicate" not in skipped
    assert skipped.splitlines() == [line for line in plain.splitlines() if "possible-duplicate" not in line]
    assert main(["check", "--skip", "yaml-syntax", draft]) == 2
    assert "--skip yaml-syntax: this rule cannot be turned off" in capsys.readouterr().err
    assert main(["check", "--skip", "no-such-rule", draft]) == 2
    assert "--skip no-such-rule: no such rule; `prfaq rules` lists them" in capsys.readouterr().err
    assert main(["check", "--skip", "possible-duplicates", draft]) == 2
    assert "no such rule (did you mean `possible-duplicate`?)" in capsys.readouterr().err


def _kept(settings: Settings) -> Path:
    return settings.root / ".prfaq_cache" / KEPT


def test_the_vectors_are_kept_and_a_second_check_finds_the_same(tmp_path: Path) -> None:
    """The first check keeps what it read and fitted; the next check of the draft alone reads the
    cache (neither scikit-learn nor scipy is imported) and reports the same finding."""
    import subprocess
    import sys

    settings = corpus(tmp_path)
    first = duplicates(check_folder(settings, cache=cache_for(settings)))
    assert len(first) == 1 and _kept(settings).is_file()
    code = (
        "import sys\nfrom pathlib import Path\nfrom mkdocs_prfaq.core.check import cache_for, check_files\n"
        "from mkdocs_prfaq.core.settings import from_options\n"
        "s = from_options(Path(sys.argv[1]), {'source_dir': 'prfaqs'})\n"
        "r = check_files(s, [Path(sys.argv[2])], cache=cache_for(s))\n"
        "print([f.format() for f in r.findings if f.rule == 'possible-duplicate'], 'sklearn' in sys.modules, 'scipy' in sys.modules)\n"
    )
    again = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), str(settings.source_dir / DRAFT)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert again == f"{first} False False\n"


def test_a_draft_edited_after_the_check_is_weighed_again(tmp_path: Path) -> None:
    """With the settled documents unchanged, an edited draft is compared under the kept weights:
    turned into an unrelated proposal it is no longer reported; turned back into the copy it is,
    with the same score as a check without any cache."""
    settings = corpus(tmp_path)
    draft = settings.source_dir / DRAFT
    copy = draft.read_text(encoding="utf-8")
    assert len(duplicates(check_files(settings, [draft], cache=cache_for(settings)))) == 1
    unrelated = copy.split("\n---\n", 1)[0] + "\n---\n\n# Gift wrapping\n\nShoppers choose a paper and a card.\n"
    draft.write_text(unrelated.replace("Live video help", "Gift wrapping"), encoding="utf-8")
    assert duplicates(check_files(settings, [draft], cache=cache_for(settings))) == []
    draft.write_text(copy, encoding="utf-8")
    kept = duplicates(check_files(settings, [draft], cache=cache_for(settings)))
    _kept(settings).unlink()
    assert kept == duplicates(check_files(settings, [draft], cache=cache_for(settings))) and len(kept) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a zip"),
        lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
        lambda path: path.write_bytes(b""),
    ],
    ids=["garbage", "torn", "empty"],
)
def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path, damage: Callable[[Path], object]) -> None:
    settings = corpus(tmp_path)
    draft = settings.source_dir / DRAFT
    expected = duplicates(check_files(settings, [draft], cache=cache_for(settings)))
    damage(_kept(settings))
    assert duplicates(check_files(settings, [draft], cache=cache_for(settings))) == expected
    assert duplicates(check_files(settings, [draft], cache=cache_for(settings))) == expected


def test_a_cache_from_another_folder_gives_no_wrong_finding(tmp_path: Path) -> None:
    """The cache of a folder where the draft is a copy of PRFAQ-0005, planted in one where the
    draft proposes something else (same file names, same sizes would not matter: the stamps
    differ), finds nothing; and the other way round."""
    copy = corpus(tmp_path / "copy")
    text = (FIXTURES / "similar" / DRAFT).read_text(encoding="utf-8")
    unrelated = text.split("\n---\n", 1)[0] + "\n---\n\n# Gift wrapping\n\nShoppers choose a paper and a card.\n"
    other = corpus(tmp_path / "other", unrelated)
    assert len(duplicates(check_files(copy, [copy.source_dir / DRAFT], cache=cache_for(copy)))) == 1
    assert duplicates(check_files(other, [other.source_dir / DRAFT], cache=cache_for(other))) == []
    shutil.copyfile(_kept(copy), _kept(other))
    assert duplicates(check_files(other, [other.source_dir / DRAFT], cache=cache_for(other))) == []
    shutil.copyfile(_kept(other), _kept(copy))
    assert len(duplicates(check_files(copy, [copy.source_dir / DRAFT], cache=cache_for(copy)))) == 1


def test_a_few_drafts_and_many_are_compared_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check of a few files compares them in plain numpy, a check of many in sparse products:
    the same findings either way, at a threshold low enough to flag many drafts."""
    from mkdocs_prfaq.core.rules import duplicate

    settings = corpus(tmp_path, duplicate=0.3)
    few = duplicates(check_folder(settings, cache=cache_for(settings)))
    assert len(few) > 1
    monkeypatch.setattr(duplicate, "FEW", 0)
    assert duplicates(check_folder(settings, cache=cache_for(settings))) == few


def test_no_cache_neither_reads_nor_keeps_the_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`prfaq check --no-cache` (a first check, as in CI) fits the vectors anew and leaves
    `.prfaq_cache/` as it was: no file written, a kept one neither read nor touched."""
    settings = corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache"])
    assert "possible-duplicate: very close to PRFAQ-0005" in capsys.readouterr().out
    assert not _kept(settings).exists()
    main(["check"])
    cached = capsys.readouterr().out
    kept = _kept(settings).read_bytes()
    # A cache of the same folder whose draft was since rewritten: --no-cache must not trust it.
    draft = settings.source_dir / DRAFT
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.split("\n---\n", 1)[0] + "\n---\n\n# Gift wrapping\n\nShoppers choose a card.\n", encoding="utf-8")
    os.utime(draft, (OLD, OLD))
    main(["check", "--no-cache"])
    assert "possible-duplicate" not in capsys.readouterr().out
    assert _kept(settings).read_bytes() == kept
    assert "possible-duplicate" in cached
