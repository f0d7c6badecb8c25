"""Similar PR/FAQs, by their words: TF-IDF vectors compared by cosine similarity.

Each document is read as its title (twice: it names the idea), customer, summary and the first
700 words of its body: the press release, which states the idea in under a page (the FAQ's
answers are detail, and reading them made the comparison three times slower for no better
neighbours on the examples). The vectors are scikit-learn's `TfidfVectorizer`'s (English stop
words, `sublinear_tf`, smooth idf, L2 norm; tests compare them), computed here with numpy from
each document's :data:`Bag` of words: the bags can be counted where the documents are read (the
check's worker processes), and importing scikit-learn took half a second of every check. Words
weigh by how rare they are in the catalog; words that more than half the documents hold (the
company's name, the template's FAQ questions) are dropped, since they say nothing about the
idea. Vectors are L2-normalised, so the dot product of two is their cosine. All pairs are
compared in blocks of rows of one sparse product, so memory grows with the block times the
catalog, never with the catalog squared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .model import Document

__all__ = [
    "DUPLICATE_SCORE",
    "SIMILAR_SCORE",
    "TOKEN",
    "Bag",
    "Rows",
    "Similar",
    "SimilarityIndex",
    "Weights",
    "bag_of",
    "best_of",
    "best_rows",
    "document_text",
    "fit",
    "stop_words",
    "weigh",
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
        self._fit({key: bag_of(text) for key, text in texts.items()})

    @classmethod
    def of_bags(cls, bags: Mapping[str, Bag]) -> SimilarityIndex:
        """The index of documents already counted (:func:`bag_of`), by id."""
        index = cls.__new__(cls)
        index._fit(bags)
        return index

    def _fit(self, bags: Mapping[str, Bag]) -> None:
        self.ids = list(bags)
        fitted = fit([bags[i] for i in self.ids]) if len(self.ids) >= 2 else None
        self._weights: Weights | None = fitted[0] if fitted is not None else None
        self._rows: Rows | None = fitted[1] if fitted is not None else None
        self._matrix: Any = self._rows.matrix() if self._rows is not None else None

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
        if self._weights is None:
            return []
        row = (weigh([bag_of(text)], self._weights).matrix() @ self._matrix.T).toarray()[0]
        for skip in set(exclude) & set(self.ids):
            row[self.ids.index(skip)] = 0.0
        return best_of(row, self.ids, top, threshold)

    def around(
        self, texts: Mapping[str, str], of: Iterable[str], *, top: int = 3, threshold: float = SIMILAR_SCORE
    ) -> dict[str, list[Similar]]:
        """For each of `of`, among `texts` (documents outside the fit, by id), up to `top` others,
        of the index and of `texts`, at or above `threshold`: words weighed by the index's alone."""
        names = list(texts)
        at = {name: len(self.ids) + n for n, name in enumerate(names)}
        wanted = [i for i in dict.fromkeys(of) if i in at]
        found: dict[str, list[Similar]] = {i: [] for i in wanted}
        if self._weights is None or self._rows is None or not wanted:
            return found
        every = self._rows.then(weigh([bag_of(texts[i]) for i in names], self._weights)).matrix()
        return {**found, **best_rows(every, [at[i] for i in wanted], [*self.ids, *names], top, threshold)}

    @property
    def matrix(self) -> Any:
        """The documents' rows (scipy's CSR matrix of L2-normalised TF-IDF, float32, in the order
        of `ids`); None when nothing was fitted."""
        return self._matrix

    @property
    def fitted(self) -> tuple[Weights, Rows] | None:
        """The fitted words and weights, and the documents' rows; None when nothing was fitted."""
        return None if self._weights is None or self._rows is None else (self._weights, self._rows)


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
#: For ASCII text, the same words in half the time (bench/README.md): every byte that is not a
#: word character (a letter, a digit, `_`) made a space, then split.
_ASCII_WORDS = bytes(b if chr(b).isascii() and (chr(b).isalnum() or b == ord("_")) else ord(" ") for b in range(256))


#: The English stop words, one a line (`#` starts a comment).
STOP_WORDS_FILE = Path(__file__).with_name("stop-words.txt")


@cache
def stop_words() -> frozenset[str]:
    """The words left out of every bag: scikit-learn's English stop words."""
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(word for line in lines if (word := line.strip()) and not word.startswith("#"))


#: A document's words as its vector counts them: each lower-cased word of :data:`TOKEN` that is
#: not a stop word, and how many times it occurs.
Bag = dict[str, int]


def bag_of(text: str) -> Bag:
    """The words of `text` the vectors count, and how often each occurs."""
    lower = text.lower()
    words = lower.encode().translate(_ASCII_WORDS).decode().split() if lower.isascii() else TOKEN.findall(lower)
    counts = Counter(words)
    for word in [w for w in counts if len(w) < 2] + list(counts.keys() & stop_words()):
        del counts[word]
    return dict(counts)


@dataclass(frozen=True, slots=True)
class Weights:
    """The fitted words, by column, and their idf weights (numpy)."""

    columns: dict[str, int]
    idf: Any

    @property
    def words(self) -> list[str]:
        return list(self.columns)


class Rows(NamedTuple):
    """Rows of vectors as the three numpy arrays of a CSR matrix: kept, read and compared
    without importing scipy (:meth:`matrix` does)."""

    data: Any
    indices: Any
    indptr: Any
    columns: int

    def take(self, picks: Sequence[int]) -> Rows:
        import numpy as np

        starts, ends = self.indptr[:-1][picks], self.indptr[1:][picks]
        spans = [slice(a, b) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        data = np.concatenate([self.data[:0], *(self.data[span] for span in spans)])
        indices = np.concatenate([self.indices[:0], *(self.indices[span] for span in spans)])
        return Rows(data, indices, np.concatenate([[0], np.cumsum(ends - starts)]), self.columns)

    def then(self, other: Rows) -> Rows:
        import numpy as np

        indptr = np.concatenate([self.indptr, other.indptr[1:] + self.indptr[-1]])
        return Rows(
            np.concatenate([self.data, other.data]), np.concatenate([self.indices, other.indices]), indptr, self.columns
        )

    def scores(self, n: int) -> Any:
        """The dot product of row `n` with every row (their cosines, the rows being L2-normalised)."""
        import numpy as np

        dense = np.zeros(self.columns)
        start, end = self.indptr[n], self.indptr[n + 1]
        dense[self.indices[start:end]] = self.data[start:end]
        sums = np.concatenate([[0.0], np.cumsum(self.data * dense[self.indices])])
        return sums[self.indptr[1:]] - sums[self.indptr[:-1]]

    def matrix(self) -> Any:
        from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

        return csr_matrix((self.data, self.indices, self.indptr), shape=(len(self.indptr) - 1, self.columns))


def fit(bags: Sequence[Bag]) -> tuple[Weights, Rows] | None:
    """The words and weights fitted on `bags`, and their rows, as scikit-learn's vectorizer fits
    them; None when no word is left (none at all, or all in over half the documents)."""
    import numpy as np

    n = len(bags)
    vocabulary = sorted(set().union(*bags))
    rows, columns, counts = _entries(bags, dict(zip(vocabulary, range(len(vocabulary)), strict=True)))
    frequency = np.bincount(columns, minlength=len(vocabulary))
    # In a small catalog every word is in half the documents: keep them all.
    kept = frequency <= (0.5 * n if n >= 10 else n)
    if not vocabulary or not kept.any():
        return None
    renumbered = np.cumsum(kept) - 1
    weights = Weights(
        {word: int(j) for word, j, keep in zip(vocabulary, renumbered.tolist(), kept.tolist(), strict=True) if keep},
        np.log((1 + n) / (1 + frequency[kept])) + 1.0,
    )
    taken = kept[columns]
    return weights, _normalised(rows[taken], renumbered[columns[taken]], counts[taken], weights, n)


def weigh(bags: Sequence[Bag], weights: Weights) -> Rows:
    """The rows of `bags` under fitted `weights` (a word not fitted counts for nothing)."""
    rows, columns, counts = _entries(bags, weights.columns)
    taken = columns >= 0
    return _normalised(rows[taken], columns[taken], counts[taken], weights, len(bags))


def _entries(bags: Sequence[Bag], column: Mapping[str, int]) -> tuple[Any, Any, Any]:
    """Every (row, column, count) of `bags` as three numpy arrays, in row order; -1 for the
    column of a word `column` does not know."""
    import numpy as np

    words = list(chain.from_iterable(bags))
    columns = np.fromiter(map(column.get, words, repeat(-1)), np.int64, len(words))
    counts = np.fromiter(chain.from_iterable(bag.values() for bag in bags), np.float64, len(words))
    rows = np.repeat(np.arange(len(bags)), np.fromiter(map(len, bags), np.int64, len(bags)))
    return rows, columns, counts


def _normalised(rows: Any, columns: Any, counts: Any, weights: Weights, n: int) -> Rows:
    """Rows from (row, column, count) entries in row order: tf 1 + ln(count) times idf, L2 norm."""
    import numpy as np

    values = (1.0 + np.log(counts)) * weights.idf[columns]
    norms = np.sqrt(np.bincount(rows, values * values, minlength=n))
    values /= norms[rows]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    return Rows(values.astype(np.float32), columns.astype(np.int32), indptr, len(weights.columns))
