"""Similar PR/FAQs, by their words: TF-IDF vectors compared by cosine similarity.

Each document is read as its title (twice: it names the idea), customer, summary and the first
700 words of its body: the press release, which states the idea in under a page (the FAQ's
answers are detail, and reading them made the comparison three times slower for no better
neighbours on the examples). scikit-learn's vectorizer weighs words by how rare they are in the
catalog; words that more than half the documents hold (the company's name, the template's FAQ
questions) are dropped, since they say nothing about the idea. Vectors are L2-normalised, so the
dot product of two is their cosine. All pairs are compared in blocks of rows of one sparse
product, so memory grows with the block times the catalog, never with the catalog squared.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Document

__all__ = [
    "DUPLICATE_SCORE",
    "SIMILAR_SCORE",
    "TOKEN",
    "Similar",
    "SimilarityIndex",
    "best_of",
    "best_rows",
    "document_text",
    "vector_arrays",
    "vectors",
]

#: Below this cosine two documents share only their field's common words; above it a reader
#: finds them related (on the example catalog: the related pairs 0.20-0.34, the others <= 0.18).
SIMILAR_SCORE = 0.2
#: From this cosine a document in writing most likely repeats the other one. Measured: a hand
#: rewrite of an example 0.69, machine rewrites (bench/similar.py) 0.79 and up; distinct
#: documents at most 0.32 among the examples and 0.64 in the bench's topics of 25 documents
#: sharing a third of their words.
DUPLICATE_SCORE = 0.65
#: How much of the body is compared: about a page, the press release.
BODY_WORDS = 700
#: Rows compared at once: 1,000 rows against 10,000 documents is 40 MB of scores.
BLOCK = 1000


@dataclass(frozen=True, slots=True)
class Similar:
    """Another document, and how close it is (cosine, 0 to 1)."""

    id: str
    score: float


def document_text(doc: Document) -> str:
    """The words a document is compared by."""
    body = " ".join(doc.body.split(maxsplit=BODY_WORDS)[:BODY_WORDS])
    return "\n".join([doc.title, doc.title, doc.customer or "", doc.summary, body])


class SimilarityIndex:
    """The catalog's documents as vectors, by id; built once, asked many times."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # here: a check that asks nothing loads no numpy

        self.ids = list(texts)
        self._vectorizer: Any = None
        self._matrix: Any = None
        if len(self.ids) < 2:
            return
        vectorizer = TfidfVectorizer(
            stop_words="english",
            sublinear_tf=True,
            # In a small catalog every word is in half the documents: keep them all.
            max_df=0.5 if len(self.ids) >= 10 else 1.0,
            dtype=_float32(),
        )
        try:
            self._matrix = vectorizer.fit_transform(texts[i] for i in self.ids)
        except ValueError:  # no word at all, or only stop words
            return
        self._vectorizer = vectorizer

    def neighbours(
        self, *, top: int = 3, threshold: float = SIMILAR_SCORE, of: Iterable[str] | None = None
    ) -> dict[str, list[Similar]]:
        """For each document (or each of `of`), up to `top` others at or above `threshold`,
        closest first (ties by id)."""
        at = {doc_id: index for index, doc_id in enumerate(self.ids)}
        wanted = self.ids if of is None else [i for i in dict.fromkeys(of) if i in at]
        found: dict[str, list[Similar]] = {i: [] for i in wanted}
        if self._matrix is None:
            return found
        return {**found, **best_rows(self._matrix, [at[i] for i in wanted], self.ids, top, threshold)}

    def closest(
        self, text: str, *, top: int = 3, threshold: float = SIMILAR_SCORE, exclude: Iterable[str] = ()
    ) -> list[Similar]:
        """The documents closest to a text that is not (or not yet) in the catalog."""
        if self._vectorizer is None:
            return []
        row = (self._vectorizer.transform([text]) @ self._matrix.T).toarray()[0]
        for skip in set(exclude) & set(self.ids):
            row[self.ids.index(skip)] = 0.0
        return self._best(row, top, threshold)

    def around(
        self, texts: Mapping[str, str], of: Iterable[str], *, top: int = 3, threshold: float = SIMILAR_SCORE
    ) -> dict[str, list[Similar]]:
        """For each of `of`, among `texts` (documents outside the fit, by id), up to `top` others,
        of the index and of `texts`, at or above `threshold`: words weighed by the index's alone."""
        names = list(texts)
        at = {name: len(self.ids) + n for n, name in enumerate(names)}
        wanted = [i for i in dict.fromkeys(of) if i in at]
        found: dict[str, list[Similar]] = {i: [] for i in wanted}
        if self._vectorizer is None or not wanted:
            return found
        from scipy.sparse import vstack  # type: ignore[import-untyped]

        every = vstack([self._matrix, self._vectorizer.transform([texts[i] for i in names])]).tocsr()
        return {**found, **best_rows(every, [at[i] for i in wanted], [*self.ids, *names], top, threshold)}

    @property
    def matrix(self) -> Any:
        """The documents' rows (L2-normalised TF-IDF, float32, in the order of `ids`); None when
        nothing was fitted."""
        return self._matrix

    def weights(self) -> tuple[list[str], Any] | None:
        """The fitted words (by column) and their idf weights; None when nothing was fitted."""
        if self._vectorizer is None:
            return None
        return list(self._vectorizer.get_feature_names_out()), self._vectorizer.idf_

    def _best(self, row: Any, top: int, threshold: float) -> list[Similar]:
        return best_of(row, self.ids, top, threshold)


def best_rows(
    matrix: Any, rows: Sequence[int], ids: Sequence[str], top: int, threshold: float
) -> dict[str, list[Similar]]:
    """For each of `rows` of the L2-normalised `matrix` (its rows named by `ids`), up to `top`
    other rows at or above `threshold`, closest first; compared in blocks of rows."""
    found: dict[str, list[Similar]] = {}
    for start in range(0, len(rows), BLOCK):
        block = list(rows[start : start + BLOCK])
        scores = (matrix[block] @ matrix.T).toarray()
        for index, row in zip(block, scores, strict=True):
            row[index] = 0.0  # not similar to itself
            found[ids[index]] = best_of(row, ids, top, threshold)
    return found


def best_of(row: Any, ids: Sequence[str], top: int, threshold: float) -> list[Similar]:
    """Of one row of scores (numpy, named by `ids`), up to `top` at or above `threshold`, closest
    first (ties by id)."""
    import numpy as np

    candidates = np.flatnonzero(row >= threshold)
    if len(candidates) > top:
        candidates = candidates[np.argpartition(-row[candidates], top - 1)[:top]]
    ranked = sorted((int(j) for j in candidates), key=lambda j: (-float(row[j]), ids[j]))
    return [Similar(ids[j], round(float(row[j]), 3)) for j in ranked if row[j] > 0]


#: scikit-learn's `token_pattern`: words of two or more letters or digits.
TOKEN = re.compile(r"(?u)\b\w\w+\b")


def vectors(texts: Iterable[str], vocabulary: Mapping[str, int], idf: Any, stop: Collection[str]) -> Any:
    """The rows scikit-learn's fitted vectorizer (`vocabulary`, `idf`) gives `texts`, without
    importing it: lower-cased words of `TOKEN` not in `stop`, 1 + ln(count) times idf, L2 norm."""
    from scipy.sparse import csr_matrix

    data, indices, indptr = vector_arrays(texts, vocabulary, idf, stop)
    return csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(vocabulary)))


def vector_arrays(
    texts: Iterable[str], vocabulary: Mapping[str, int], idf: Any, stop: Collection[str]
) -> tuple[Any, Any, Any]:
    """:func:`vectors` as the three numpy arrays of a CSR matrix (data, indices, indptr)."""
    import numpy as np

    indptr: list[int] = [0]
    columns: list[int] = []
    weights: list[float] = []
    for text in texts:
        counts = Counter(w for w in TOKEN.findall(text.lower()) if w not in stop)
        row = sorted((vocabulary[w], 1.0 + math.log(c)) for w, c in counts.items() if w in vocabulary)
        values = np.asarray([c for _, c in row], dtype=np.float64) * idf[[j for j, _ in row]] if row else np.zeros(0)
        norm = float(np.sqrt(values @ values))
        columns.extend(j for j, _ in row)
        weights.extend((values / norm) if norm else values)
        indptr.append(len(columns))
    return np.asarray(weights, dtype=np.float32), np.asarray(columns, dtype=np.int32), np.asarray(indptr)


def _float32() -> Any:
    import numpy as np

    return np.float32
