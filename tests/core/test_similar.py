"""Similar PR/FAQs by their text (core/similar.py), on this repository's examples: documents on
the same idea are each other's neighbours, and a new draft that proposes a shelved idea again is
found to repeat it."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_prfaq.core import similar
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.similar import DUPLICATE_SCORE, SimilarityIndex, document_text

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _read(path: Path) -> Document:
    doc, problems = read_document(path, path.name, path.read_text(encoding="utf-8"))
    assert doc is not None and doc.id, problems
    return doc


@pytest.fixture(scope="module")
def examples() -> dict[str, Document]:
    docs = [_read(p) for p in sorted((REPO / "prfaqs").glob("PRFAQ-*.md"))]
    return {d.id: d for d in docs if d.id}


@pytest.fixture(scope="module")
def index(examples: dict[str, Document]) -> SimilarityIndex:
    return SimilarityIndex({i: document_text(d) for i, d in examples.items()})


def _ids(found: list[similar.Similar]) -> list[str]:
    return [s.id for s in found]


def test_documents_on_the_same_idea_are_neighbours(index: SimilarityIndex) -> None:
    found = index.neighbours()
    # The on-call handoff hub replaced the shared on-call calendar; incident reviews build on it.
    assert _ids(found["PRFAQ-0006"])[:2] == ["PRFAQ-0003", "PRFAQ-0012"]
    assert _ids(found["PRFAQ-0003"])[0] == "PRFAQ-0006"
    # Two help desks for employees: the workplace hub and the replacement laptop.
    assert _ids(found["PRFAQ-0010"])[0] == "PRFAQ-0002"
    assert all(len(v) <= 3 and all(s.score >= similar.SIMILAR_SCORE for s in v) for v in found.values())
    assert all(v == sorted(v, key=lambda s: -s.score) for v in found.values())


def test_a_new_draft_that_repeats_a_shelved_idea_is_found(index: SimilarityIndex) -> None:
    draft = _read(FIXTURES / "similar" / "PRFAQ-0101-live-video-help-for-assembly.md")
    closest = index.closest(document_text(draft))
    assert closest[0].id == "PRFAQ-0005"
    assert closest[0].score >= DUPLICATE_SCORE
    assert all(s.score < DUPLICATE_SCORE for s in closest[1:])


def test_a_document_is_not_its_own_neighbour(examples: dict[str, Document], index: SimilarityIndex) -> None:
    doc = examples["PRFAQ-0005"]
    assert "PRFAQ-0005" not in _ids(index.closest(document_text(doc), exclude=["PRFAQ-0005"]))
    assert all(i not in _ids(v) for i, v in index.neighbours().items())


def test_blocks_give_the_same_answer(
    index: SimilarityIndex, examples: dict[str, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = index.neighbours()
    monkeypatch.setattr(similar, "BLOCK", 5)  # three blocks of rows, the last one short
    assert index.neighbours() == whole


@pytest.mark.parametrize(
    "texts",
    [
        {},
        {"PRFAQ-0001": "refunds for parcels"},
        {"PRFAQ-0001": "", "PRFAQ-0002": "   "},
        {"PRFAQ-0001": "the and of", "PRFAQ-0002": "it is"},
    ],
)
def test_too_little_text_finds_nothing_and_raises_nothing(texts: dict[str, str]) -> None:
    index = SimilarityIndex(texts)
    assert index.neighbours() == {i: [] for i in texts}
    assert index.closest("refunds for parcels") == []


def _scikit_learn(texts: list[str]) -> Any:
    """scikit-learn's vectorizer, set as the module's note says, fitted on `texts`: the reference."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    max_df = 0.5 if len(texts) >= 10 else 1.0
    return TfidfVectorizer(stop_words="english", sublinear_tf=True, max_df=max_df, dtype=np.float32).fit(texts)


@pytest.mark.parametrize("count", [None, 4])
def test_the_vectors_are_scikit_learns(examples: dict[str, Document], count: int | None) -> None:
    """The fitted words, weights and rows are scikit-learn's (in a catalog of 10 documents or
    more, which drops the words in over half of them, and in a smaller one), and so are the rows
    of texts weighed under them (the check's drafts, weighed with kept weights)."""
    import numpy as np

    texts = [document_text(d) for d in examples.values()][:count]
    assert count is not None or len(texts) >= 10
    theirs = _scikit_learn(texts)
    fitted = SimilarityIndex(dict(enumerate(map(str, texts)))).fitted
    assert fitted is not None
    weights, rows = fitted
    assert weights.words == list(theirs.get_feature_names_out())
    assert np.allclose(weights.idf, theirs.idf_, atol=1e-6)
    assert np.allclose(rows.matrix().toarray(), theirs.transform(texts).toarray(), atol=1e-6)
    draft = document_text(_read(FIXTURES / "similar" / "PRFAQ-0101-live-video-help-for-assembly.md"))
    new = [draft, "", "the and of", "Unfitted words only: zyzzyva quokka"]
    ours = similar.weigh([similar.bag_of(text) for text in new], weights).matrix().toarray()
    assert np.allclose(ours, theirs.transform(new).toarray(), atol=1e-6)


def test_the_stop_words_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert similar.stop_words() == ENGLISH_STOP_WORDS


def test_a_build_keeps_its_neighbours_for_the_same_texts(examples: dict[str, Document], tmp_path: Path) -> None:
    """The next build of the same texts reads `.prfaq_cache/similar.json`; a changed text, a
    changed threshold or a damaged file computes them again, as a build without any cache."""
    import json

    from mkdocs_prfaq.core.render.similar import KEPT, neighbours

    texts = {i: document_text(d) for i, d in examples.items()}
    fresh = SimilarityIndex(texts).neighbours()
    assert neighbours(texts, similar.SIMILAR_SCORE, tmp_path) == fresh
    kept = tmp_path / KEPT
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["found"]["PRFAQ-0006"] = [["PRFAQ-0001", 0.99]]  # what this build finds is what was kept
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert neighbours(texts, similar.SIMILAR_SCORE, tmp_path)["PRFAQ-0006"] == [similar.Similar("PRFAQ-0001", 0.99)]
    assert neighbours(texts, 0.3, tmp_path) == SimilarityIndex(texts).neighbours(threshold=0.3)
    changed = {**texts, "PRFAQ-0001": texts["PRFAQ-0001"] + " furniture assembly video"}
    assert neighbours(changed, similar.SIMILAR_SCORE, tmp_path) == SimilarityIndex(changed).neighbours()
    for damaged in ("", "{", '{"key": 1}', json.dumps({**data, "found": {"PRFAQ-0001": [["nobody", 1.0]]}})):
        kept.write_text(damaged, encoding="utf-8")
        assert neighbours(texts, similar.SIMILAR_SCORE, tmp_path) == fresh


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80) | st.text(alphabet=string.printable, max_size=80))
def test_a_bag_holds_scikit_learns_words(text: str) -> None:
    """The words counted are those of scikit-learn's token pattern, lower-cased, without the stop
    words, whether the text is ASCII (read without the pattern) or not."""
    from collections import Counter

    words = [w for w in similar.TOKEN.findall(text.lower()) if w not in similar.stop_words()]
    assert similar.bag_of(text) == dict(Counter(words))
