"""`prfaq new`'s suggestions (core/suggest.py): the plain-Python vectors give the scores of the
similar PR/FAQs' (scikit-learn's, tests/core/test_similar.py), on this repository's examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.similar import SimilarityIndex
from mkdocs_prfaq.core.suggest import HeadingIndex, heading_text

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def headings() -> dict[str, str]:
    out = {}
    for path in sorted((REPO / "prfaqs").glob("PRFAQ-*.md")):
        doc, _ = read_document(path, path.name, path.read_text(encoding="utf-8"))
        assert doc is not None and doc.id
        out[doc.id] = heading_text(doc.title, doc.customer, doc.summary)
    return out


@pytest.mark.parametrize(
    ("title", "customer"),
    [
        ("Live video help to build furniture", "Shoppers stuck assembling flat-pack furniture"),
        ("Refunds for broken parcels", "Shoppers whose delivery arrives damaged"),
        ("On-call handoff for engineers", None),
        ("Quarterly tax filing", "Payroll clerks"),
    ],
)
def test_the_scores_are_scikit_learns(headings: dict[str, str], title: str, customer: str | None) -> None:
    text = heading_text(title, customer)
    ours = HeadingIndex(headings).closest(text, top=5, threshold=0.01)
    theirs = SimilarityIndex(headings).closest(text, top=5, threshold=0.01)
    assert [s.id for s in ours] == [s.id for s in theirs]
    assert [s.score for s in ours] == pytest.approx([s.score for s in theirs], abs=0.0015)


def test_kept_headings_give_the_same_suggestions_and_a_changed_file_is_read_again(tmp_path: Path) -> None:
    import os
    import shutil
    import time

    from mkdocs_prfaq.core.settings import from_options
    from mkdocs_prfaq.core.suggest import suggestions

    shutil.copytree(REPO / "prfaqs", tmp_path / "prfaqs")
    old = time.time() - 3600  # outside the window in which a file may change unseen
    for path in (tmp_path / "prfaqs").iterdir():
        os.utime(path, (old, old))
    settings = from_options(tmp_path, {"source_dir": "prfaqs"})
    ask = ("Live video help to build furniture", "Shoppers stuck assembling flat-pack furniture")
    first = suggestions(settings, *ask)
    assert (tmp_path / ".prfaq_cache" / "headings.json").is_file()
    assert first[0].id == "PRFAQ-0005" and suggestions(settings, *ask) == first == suggestions(settings, *ask, cache=False)
    shelved = next((tmp_path / "prfaqs").glob("PRFAQ-0005-*.md"))
    text = shelved.read_text(encoding="utf-8")
    shelved.write_text(text.replace("title: Video calls with", "title: Live video calls with", 1), encoding="utf-8")
    os.utime(shelved, (old + 60, old + 60))
    assert suggestions(settings, *ask)[0].title == "Live video calls with an assembly expert for flat-pack furniture"
