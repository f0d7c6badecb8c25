"""Benchmark: similar PR/FAQs (core/similar.py) on catalogs of N documents, N = 1,000 to 10,000.

    .venv/bin/python bench/similar.py [N ...]    (default 1000 10000)

The synthetic check corpus draws every word from 60, so every word is in every document; here
each document of about 1,500 words draws from a vocabulary of 20,000 made-up words with a Zipf
law, as prose does, and a third of its words from a topic of 40 words that about 25 other
documents share. Each is cut to the first 700 words, as `document_text` cuts a body. Printed: seconds to build the vectors, seconds to find every document's three
closest, the peak memory of the process, and how many documents found their topic's others.
Nothing here is a goal of an issue; the figures show what `mkdocs build` and `prfaq check` pay.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from mkdocs_prfaq.core.similar import BODY_WORDS, DUPLICATE_SCORE, SimilarityIndex

VOCABULARY = 20_000
TOPIC_WORDS = 40
PER_TOPIC = 25


def _words(rng: random.Random) -> list[str]:
    syllables = ["ka", "lo", "mi", "ter", "son", "va", "pel", "dru", "nor", "bis", "cal", "fen", "gor", "hul"]
    seen: set[str] = set()
    while len(seen) < VOCABULARY:
        seen.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    return sorted(seen)


def corpus(count: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    words = _words(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    topics = [rng.sample(words[2000:], TOPIC_WORDS) for _ in range(count // PER_TOPIC + 1)]
    texts = {}
    for n in range(count):
        topic = topics[n // PER_TOPIC]
        body = rng.choices(words, weights, k=1000) + rng.choices(topic, k=500)
        rng.shuffle(body)
        texts[f"PRFAQ-{n:05d}"] = " ".join(body[:BODY_WORDS])  # as document_text() cuts a body
    return texts


def rewrite(text: str, rng: random.Random, words: list[str]) -> str:
    """A rewritten copy, as a second author would write the same proposal: a quarter of the
    words dropped, one in ten replaced by another word, and the paragraphs (runs of 60 words)
    in another order."""
    kept = [w if rng.random() > 0.1 else rng.choice(words) for w in text.split() if rng.random() > 0.25]
    runs = [kept[i : i + 60] for i in range(0, len(kept), 60)]
    rng.shuffle(runs)
    return " ".join(w for run in runs for w in run)


def quality(count: int = 2000, copies: int = 200, seed: int = 11) -> None:
    """Precision and recall of `possible-duplicate` at DUPLICATE_SCORE, on `count` documents and
    rewritten copies of `copies` of them; and how often the copy's first match is its original."""
    rng = random.Random(seed)
    texts = corpus(count)
    words = _words(random.Random(7))
    originals = rng.sample(sorted(texts), copies)
    for n, original in enumerate(originals):
        texts[f"PRFAQ-9{n:04d}"] = rewrite(texts[original], rng, words)
    truth = {f"PRFAQ-9{n:04d}": original for n, original in enumerate(originals)}
    found = SimilarityIndex(texts).neighbours(top=3, threshold=0.0)
    flagged = {(a, s.id) for a, near in found.items() for s in near if s.score >= DUPLICATE_SCORE}
    true_pairs = {(copy, original) for copy, original in truth.items()} | {(o, c) for c, o in truth.items()}
    hits = flagged & true_pairs
    precision = len(hits) / len(flagged) if flagged else 1.0
    recall = len({c for c, o in truth.items() if (c, o) in flagged}) / copies
    first = sum(1 for c, o in truth.items() if found[c] and found[c][0].id == o) / copies
    print(f"similar: {count} documents and {copies} rewritten copies: at the duplicate threshold "
          f"{DUPLICATE_SCORE}, precision {precision:.2f}, recall {recall:.2f}; the copy's first match is its "
          f"original for {first:.0%}", flush=True)


def main(counts: list[int] | None = None) -> None:
    for count in counts or [1000, 10_000]:
        texts = corpus(count)
        start = time.perf_counter()
        index = SimilarityIndex(texts)
        built = time.perf_counter() - start
        start = time.perf_counter()
        found = index.neighbours()
        compared = time.perf_counter() - start
        same_topic = sum(
            1 for i, near in found.items() if near and all(int(s.id[6:]) // PER_TOPIC == int(i[6:]) // PER_TOPIC for s in near)
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"similar: N={count}: vectors {built:.2f} s, three closest of every document {compared:.2f} s; "
              f"peak memory {peak:.0f} MB; {same_topic / count:.0%} found only their topic's documents", flush=True)
    quality()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or None)
