"""The check's cache: an unchanged file is not read again, yet every finding is the same as
without the cache; a changed file, a changed setting or a broken cache file is seen."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from corekit import FIXTURES, copy_fixture

from mkdocs_prfaq.core.cache import CACHE_DIR, DICTIONARY_COPY
from mkdocs_prfaq.core.check import CheckResult, cache_for, check_files, check_folder
from mkdocs_prfaq.core.pipeline import load_catalog
from mkdocs_prfaq.core.rules.writing import guide_url
from mkdocs_prfaq.core.settings import Settings, load_settings

CACHE = FIXTURES / "cache"
#: Files older than the cache's "racy" window, so that it keeps them.
OLD = time.time() - 3600


def project(tmp_path: Path) -> Settings:
    root = copy_fixture("cache/project", tmp_path)
    for path in (root / "prfaqs").iterdir():
        os.utime(path, (OLD, OLD))
    return load_settings(root / "mkdocs.yml")


def cached(settings: Settings) -> CheckResult:
    return check_folder(settings, cache=cache_for(settings))


def summary(result: CheckResult) -> list[str]:
    return [f.format() for f in result.findings]


def put(settings: Settings, fixture: str, name: str, mtime: float = OLD) -> Path:
    target = settings.source_dir / name
    shutil.copyfile(CACHE / fixture, target)
    os.utime(target, (mtime, mtime))
    return target


def test_a_second_check_reads_nothing_and_finds_the_same(tmp_path: Path) -> None:
    settings = project(tmp_path)
    first = cached(settings)
    assert len(first.documents) == 2 and (settings.root / CACHE_DIR / ".gitignore").read_text().strip().endswith("*")
    second = cached(settings)
    assert second.documents == []
    assert summary(second) == summary(first) == summary(check_folder(settings))
    assert second.files == first.files


def test_a_changed_file_is_read_again_and_its_new_finding_reported(tmp_path: Path) -> None:
    settings = project(tmp_path)
    cached(settings)
    put(settings, "PRFAQ-0001-instant-refunds-edited.md", "PRFAQ-0001-instant-refunds.md", OLD + 1)
    result = cached(settings)
    assert [d.path for d in result.documents] == ["prfaqs/PRFAQ-0001-instant-refunds.md"]
    assert [(f.path, f.rule) for f in result.findings] == [("prfaqs/PRFAQ-0001-instant-refunds.md", "weasel-words")]
    assert summary(result) == summary(check_folder(settings))


def test_one_new_file_is_checked_against_the_cached_others(tmp_path: Path) -> None:
    """As pre-commit runs it: the other documents come from the cache, their ids included."""
    settings = project(tmp_path)
    cached(settings)
    new = put(settings, "PRFAQ-0002-store-credit.md", "PRFAQ-0002-store-credit.md")
    result = check_files(settings, [new], cache=cache_for(settings))
    assert [d.path for d in result.documents] == ["prfaqs/PRFAQ-0002-store-credit.md"]
    assert [f.format() for f in result.findings] == [
        f.format() for f in check_files(settings, [new]).findings if f.path.endswith("store-credit.md")
    ]
    assert [(f.rule, f.message.split(":")[0]) for f in result.findings] == [
        ("duplicate-id", "id PRFAQ-0002 is also used by prfaqs/PRFAQ-0002-card-refunds.md")
    ]


def test_a_deleted_file_no_longer_counts(tmp_path: Path) -> None:
    settings = project(tmp_path)
    cached(settings)
    (settings.source_dir / "PRFAQ-0002-card-refunds.md").unlink()
    result = cached(settings)
    assert result.files == ["prfaqs/PRFAQ-0001-instant-refunds.md"]
    assert [f.rule for f in result.findings] == ["unknown-id"]  # its `superseded_by` now names nothing


def test_a_setting_that_changes_findings_drops_the_cache(tmp_path: Path) -> None:
    settings = project(tmp_path)
    cached(settings)
    config = settings.root / "mkdocs.yml"
    config.write_text(config.read_text() + "      weasel_words: [damaged]\n", encoding="utf-8")
    changed = load_settings(config)
    result = cached(changed)
    assert len(result.documents) == 2
    assert {f.rule for f in result.findings} == {"weasel-words"}


def test_severities_apply_to_cached_findings(tmp_path: Path) -> None:
    settings = project(tmp_path)
    put(settings, "PRFAQ-0001-instant-refunds-edited.md", "PRFAQ-0001-instant-refunds.md")
    cached(settings)
    config = settings.root / "mkdocs.yml"
    config.write_text(config.read_text() + "      rules: {weasel-words: error}\n", encoding="utf-8")
    result = cached(load_settings(config))
    assert result.documents == []
    assert [(f.rule, f.severity.value) for f in result.findings] == [("weasel-words", "error")]


def test_a_broken_cache_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    settings = project(tmp_path)
    cached(settings)
    whole = settings.root / CACHE_DIR / "check.pickle"
    whole.write_bytes(whole.read_bytes()[:-40])  # torn
    assert len(cached(settings).documents) == 2
    assert cached(settings).documents == []


class _Planted:
    """What a pull request could commit as a cache file: unpickling it would create `target`."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.target),)


def test_a_planted_cache_file_runs_nothing_and_is_ignored(tmp_path: Path) -> None:
    """The cache is in the working tree: a file there under the right key that names a function
    is refused whole (nothing run, every file read again), and the findings are those found
    without a cache."""
    settings = project(tmp_path)
    cached(settings)
    target = tmp_path / "planted"
    whole = settings.root / CACHE_DIR / "check.pickle"
    kept = pickle.loads(whole.read_bytes())
    kept["entries"]["prfaqs/PRFAQ-0001-instant-refunds.md"] = _Planted(target)
    whole.write_bytes(pickle.dumps(kept))
    result = cached(settings)
    assert not target.exists()
    assert len(result.documents) == 2
    assert summary(result) == summary(check_folder(settings))


def test_a_torn_readability_is_not_trusted(tmp_path: Path) -> None:
    """An entry whose kept readability is not three numbers (a torn or planted file under the
    right key) is dropped: the file is read and checked again, and the catalog and its findings
    are those of a check without a cache."""
    settings = project(tmp_path)
    cached(settings)
    whole = settings.root / CACHE_DIR / "check.pickle"
    kept = pickle.loads(whole.read_bytes())
    measured = [shown for shown, raw in kept["entries"].items() if raw[-1] is not None]
    assert measured, "the fixture has a document in writing, whose readability is kept"
    for shown in measured:
        kept["entries"][shown] = (*kept["entries"][shown][:-1], ("many", "words"))
    whole.write_bytes(pickle.dumps(kept))
    loaded = load_catalog(settings, cache=cache_for(settings))
    assert summary(loaded.check) == summary(check_folder(settings))


def test_the_former_json_cache_is_removed(tmp_path: Path) -> None:
    """A project checked by the version that kept JSON does not keep its megabytes forever."""
    settings = project(tmp_path)
    folder = settings.root / CACHE_DIR
    folder.mkdir()
    (folder / "check.json").write_text('{"key": "", "entries": {}}', encoding="utf-8")
    cached(settings)
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "check.pickle"]


def test_files_changed_seconds_ago_are_not_kept(tmp_path: Path) -> None:
    """Within the clock's resolution a file can change again without its stamp changing."""
    settings = project(tmp_path)
    now = time.time()
    for path in settings.source_dir.iterdir():
        os.utime(path, (now, now))
    cached(settings)
    assert len(cached(settings).documents) == 2


def test_one_changed_file_is_written_beside_the_cache_not_into_it(tmp_path: Path) -> None:
    """In a large catalog, pre-commit's check of one file must not rewrite every entry."""
    settings = project(tmp_path)
    cached(settings)
    whole = settings.root / CACHE_DIR / "check.pickle"
    before = whole.read_bytes()
    put(settings, "PRFAQ-0001-instant-refunds-edited.md", "PRFAQ-0001-instant-refunds.md", OLD + 1)
    assert len(cached(settings).documents) == 1
    assert whole.read_bytes() == before
    assert b"PRFAQ-0001" in (settings.root / CACHE_DIR / "check-recent.pickle").read_bytes()
    # Both files together: nothing to read again, the new finding kept.
    again = cached(settings)
    assert again.documents == [] and [f.rule for f in again.findings] == ["weasel-words"]


def test_the_parsed_dictionary_is_kept_in_the_user_cache_and_a_broken_copy_is_parsed_again(tmp_path: Path) -> None:
    """Pre-commit's check of one edited file loads the readability rule's dictionary from the
    user's cache folder, never from the project (a pull request could plant a pickle there); a
    copy that cannot be read costs time, never a finding."""
    settings = project(tmp_path)
    dense = put(settings, "PRFAQ-0003-dense-prose.md", "PRFAQ-0003-dense-prose.md")
    prfaq = Path(sys.executable).with_name("prfaq")
    user_cache = tmp_path / "user-cache"

    def check_dense(*options: str) -> str:
        os.utime(dense)  # just edited: read again, and its readability measured again
        done = subprocess.run(
            [str(prfaq), "check", *options, str(dense)],
            capture_output=True,
            text=True,
            cwd=settings.root,
            env={**os.environ, "XDG_CACHE_HOME": str(user_cache)},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    copy = user_cache / "prfaq" / DICTIONARY_COPY
    first = check_dense("--no-cache")  # no cache of any kind
    assert "warning readability: the press release scores -104" in first and not copy.exists()
    assert check_dense() == first and copy.stat().st_size > 100_000
    assert check_dense() == first  # read from the copy
    copy.write_bytes(b"not a pickle")
    assert check_dense() == first and copy.stat().st_size > 100_000
    # In the project's folder, only the check's own entries (plain data): no dictionary.
    assert {p.name for p in (settings.root / CACHE_DIR).iterdir()} <= {".gitignore", "check.pickle", "check-recent.pickle"}


def test_a_catalog_reads_every_document_and_checks_only_the_changed_ones(tmp_path: Path, checked: list[str]) -> None:
    """A build needs every document (`load_catalog` with the cache): the unchanged files are read
    again for their documents, but their rules do not run again; the findings are those of a
    check without the cache."""
    settings = project(tmp_path)
    first = load_catalog(settings, cache=cache_for(settings))
    assert len(checked) == 2
    put(settings, "PRFAQ-0001-instant-refunds-edited.md", "PRFAQ-0001-instant-refunds.md", OLD + 1)
    checked.clear()
    again = load_catalog(settings, cache=cache_for(settings))
    assert checked == ["prfaqs/PRFAQ-0001-instant-refunds.md"]
    assert [d.path for d in again.catalog.documents] == [d.path for d in first.catalog.documents]
    assert summary(again.check) == summary(load_catalog(settings).check)
    assert [(f.path, f.rule) for f in again.check.findings] == [("prfaqs/PRFAQ-0001-instant-refunds.md", "weasel-words")]


def test_one_cache_serves_every_site_url(tmp_path: Path, checked: list[str]) -> None:
    """The cache holds no handbook link: a check under another site URL (`mkdocs serve`'s, the
    preview's address) runs no rule again, and links its writing findings under its own URL."""
    settings = replace(project(tmp_path), site_url="https://prfaq.example.com/")
    put(settings, "PRFAQ-0001-instant-refunds-edited.md", "PRFAQ-0001-instant-refunds.md")
    preview = replace(settings, site_url="http://127.0.0.1:8000/")
    first = cached(settings)
    checked.clear()
    again = cached(preview)
    assert checked == []
    writing = [(f.rule, f.message) for f in first.findings if f.rule == "weasel-words"]
    found = [(f.rule, f.message) for f in again.findings if f.rule == "weasel-words"]
    assert writing and found == [(rule, text.replace(settings.site_url, preview.site_url)) for rule, text in writing]
    assert all(text.endswith(f"(handbook: {guide_url(rule, preview.site_url)})") for rule, text in found)


def test_the_kept_results_belong_to_this_programs_code_and_data() -> None:
    """The digest that keys every kept result covers the core's code, its schema and the word
    lists its rules read (the writing rules' lists, the similar PR/FAQs' stop words): a release
    that changes any of them never reads results kept by the one before."""
    from mkdocs_prfaq.core import cache

    core = Path(cache.__file__).parent
    covered = {p.relative_to(core).as_posix() for p in cache._files(core)}
    assert {"check.py", "prfaq.schema.json", "template.md", "stop-words.txt", "rules/words/weasel-words.txt"} <= covered


def test_an_image_added_or_removed_is_seen_though_the_document_is_cached(tmp_path: Path) -> None:
    """`missing-image` looks at the files on every check, not at what the cache kept."""
    settings = project(tmp_path)
    doc = settings.source_dir / "PRFAQ-0001-instant-refunds.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n![The refund screen](screen.png)\n", encoding="utf-8")
    os.utime(doc, (OLD, OLD))
    image = settings.source_dir / "screen.png"
    assert [f.rule for f in cached(settings).findings] == ["missing-image"]
    shutil.copyfile(FIXTURES / "sites" / "images" / "prfaqs" / "refund-flow.png", image)
    again = cached(settings)
    assert again.documents == [] and again.findings == []  # read from the cache, the image seen
    image.unlink()
    assert [f.rule for f in cached(settings).findings] == ["missing-image"]
