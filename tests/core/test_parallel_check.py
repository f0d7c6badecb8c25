"""A large corpus checked by several processes gives the same findings as one process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mkdocs_prfaq.core.check import PARALLEL_MIN_FILES, check_folder
from mkdocs_prfaq.core.settings import from_options

BENCH = Path(__file__).resolve().parents[2] / "bench"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "invalid" / "prfaqs"


def test_parallel_check_matches_a_single_process(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from corpus import write_corpus
    finally:
        sys.path.remove(str(BENCH))
    source = tmp_path / "prfaqs"
    write_corpus(source, PARALLEL_MIN_FILES + 20, words=120)
    # Bad files spread through the corpus, including a case clash across chunks.
    for bad in sorted(FIXTURES.glob("*.md")):
        shutil.copy(bad, source / bad.name)
    first = sorted(source.glob("PRFAQ-00001-*.md"))[0]
    shutil.copy(first, source / first.name.upper().replace(".MD", ".md"))
    settings = from_options(tmp_path, {"source_dir": "prfaqs"})

    one = check_folder(settings, jobs=1)
    two = check_folder(settings, jobs=2)
    # As `prfaq check` runs: the processes share all the work and send back findings only.
    shared = check_folder(settings, jobs=2, keep_documents=False)

    assert two.findings == one.findings
    assert two.files == one.files
    assert [d.path for d in two.documents] == [d.path for d in one.documents]
    assert any(f.rule == "file-name-case" for f in two.findings)
    assert len(one.documents) >= PARALLEL_MIN_FILES
    assert (shared.findings, shared.files, shared.documents) == (one.findings, one.files, [])
