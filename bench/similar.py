"""Benchmark: similar PR/FAQs (core/similar.py) on catalogs of N documents, N = 1,000 to 10,000.

    .venv/bin/python bench/similar.py [N ...]    (default 1000 10000)
    .venv/bin/python bench/similar.py build [N] [ROUNDS]    (default 10000 2)

`build`: the whole `mkdocs build` of bench/corpus.py's project with the similar PR/FAQs and
without them (`similar: false`), alternated, each build's peak memory (its largest process).

The synthetic check corpus draws every word from 60, so every word is in every document; here
each document of about 1,500 words draws from a vocabulary of 20,000 made-up words with a Zipf
law, as prose does, and a third of its words from a topic of 40 words that about 25 other
documents share. Each is cut to the first 700 words, as `document_text` cuts a body. Printed: seconds to build the vectors, seconds to find every document's three
closest, the peak memory of the process, and how many documents found their topic's others.
Nothing here is a goal of an issue; the figures show what `mkdocs build` and `prfaq check` pay.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs_prfaq.core.model import IN_WRITING
from mkdocs_prfaq.core.pipeline import LoadedCatalog, load_catalog, site_outputs
from mkdocs_prfaq.core.settings import Settings, load_settings
from mkdocs_prfaq.core.similar import BODY_WORDS, DUPLICATE_SCORE, SimilarityIndex
from mkdocs_prfaq.core.suggest import suggestions

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
    # As `possible-duplicate` compares: the copies are the drafts, words weighed by the others.
    copies_text = {c: texts[c] for c in truth}
    settled = SimilarityIndex({k: v for k, v in texts.items() if k not in truth})
    near = settled.around(copies_text, list(truth), top=3, threshold=DUPLICATE_SCORE)
    flagged = {(c, s.id) for c, found_near in near.items() for s in found_near}
    hits = {(c, o) for c, o in flagged if truth.get(c) == o}
    print(f"similar: possible-duplicate as the check runs it (copies in writing, weighed by the others): "
          f"precision {len(hits) / len(flagged) if flagged else 1.0:.2f}, recall {len(hits) / copies:.2f}", flush=True)


def _project(root: Path, count: int) -> Settings:
    """bench/corpus.py's project (600-word documents, a quarter of them drafts or in review), each
    body led by a paragraph of this bench's Zipf text: the check corpus draws every word from 60,
    which the vectorizer drops as words every document holds."""
    from corpus import write_project

    write_project(root, count, words=600)
    texts = list(corpus(count).values())
    for path, text in zip(sorted((root / "prfaqs").glob("*.md")), texts, strict=True):
        source = path.read_text(encoding="utf-8")
        end = source.index("\n---\n", 4) + 5
        path.write_text(f"{source[:end]}\n{' '.join(text.split()[:300])}\n{source[end:]}", encoding="utf-8")
    return load_settings(root / "mkdocs.yml")


def site(count: int = 10_000, rounds: int = 2) -> None:
    """The core render (`site_outputs`: every page, catalog.json, feeds) at N = `count`, with the
    similar PR/FAQs and without (`similar: false`), alternated in one process; the peak memory
    after the runs without them, then after those with them."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = _project(Path(tmp), count)
        loaded = load_catalog(settings, jobs=2)
        off = replace(settings, similar=None)
        import numpy  # noqa: F401  # once per build: left out of the rounds
        import scipy.sparse  # noqa: F401

        times: dict[str, list[float]] = {"off": [], "on": []}
        peaks = {}
        for _ in range(rounds):
            for name, chosen in (("off", off), ("on", settings)):
                # What a build keeps for the next one (render/similar.py) is not used here: each
                # render compares anew; `build` measures the repeated builds.
                (settings.root / ".prfaq_cache" / "similar.json").unlink(missing_ok=True)
                start = time.perf_counter()
                site_outputs(loaded, chosen, site_name="bench", has_page=lambda _: True)
                times[name].append(time.perf_counter() - start)
                peaks[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        on, off_time = statistics.median(times["on"]), statistics.median(times["off"])
        print(f"similar: site_outputs at N={count}: with similar {on:.1f} s, without {off_time:.1f} s "
              f"(rounds {times['on']} / {times['off']}), +{on / off_time - 1:.0%}; peak memory "
              f"{peaks['off']:.0f} MB without, {peaks['on']:.0f} MB with", flush=True)
        _new_and_check(settings, loaded)


def _mkdocs_build(root: Path) -> tuple[float, float, float]:
    """Seconds, CPU seconds (the build's processes, user and system) and peak memory (MB, its
    largest process) of one `mkdocs build`."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        # `PYTHONPATH=<checkout>/plugins` benchmarks that checkout's plugin.
        **{key: os.environ[key] for key in ("PYTHONPATH",) if key in os.environ},
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(mkdocs), "build", "-q", "-d", str(root / "site")],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"similar: mkdocs build failed in {root} ({process.returncode})")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(count: int = 10_000, rounds: int = 2) -> None:
    """The whole `mkdocs build` at N = `count`, with the similar PR/FAQs and without (`similar:
    false`), each side its own copy of the project, alternated. Each round builds each side
    first without `.prfaq_cache/` (a first build: nothing kept), then again with what that build
    kept (a repeated build, `mkdocs serve`'s case). Medians, every round, CPU time, peak memory
    and the machine's load."""
    from corpus import PLUGIN, mkdocs_yml

    with tempfile.TemporaryDirectory() as tmp:
        projects = {"on": Path(tmp) / "on", "off": Path(tmp) / "off"}
        _project(projects["on"], count)
        shutil.copytree(projects["on"], projects["off"])
        off_yml = mkdocs_yml(plugins=f"{PLUGIN}      similar: false\n")
        (projects["off"] / "mkdocs.yml").write_text(off_yml, encoding="utf-8")
        runs: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        loads = [os.getloadavg()[0]]
        for _ in range(rounds):
            for kind in ("first", "repeated"):
                for name in ("off", "on"):
                    if kind == "first":
                        shutil.rmtree(projects[name] / ".prfaq_cache", ignore_errors=True)
                    runs.setdefault((kind, name), []).append(_mkdocs_build(projects[name]))
                    loads.append(os.getloadavg()[0])
                    seconds, cpu, peak = runs[(kind, name)][-1]
                    print(f"similar: {kind} build, similar {name}: {seconds:.1f} s, CPU {cpu:.1f} s, {peak:.0f} MB, "
                          f"load {loads[-1]:.1f}", flush=True)
        for kind in ("first", "repeated"):
            on, off = runs[(kind, "on")], runs[(kind, "off")]
            wall = [statistics.median(r[0] for r in side) for side in (on, off)]
            cpu = [statistics.median(r[1] for r in side) for side in (on, off)]
            print(
                f"similar: mkdocs build at N={count}, {kind} builds, {rounds} alternated rounds: with similar "
                f"{wall[0]:.1f} s, without {wall[1]:.1f} s ({[round(r[0], 1) for r in on]} / "
                f"{[round(r[0], 1) for r in off]}): {wall[0] / wall[1] - 1:+.1%}; CPU {cpu[0]:.1f} s against "
                f"{cpu[1]:.1f} s: {cpu[0] / cpu[1] - 1:+.1%}; peak memory {max(r[2] for r in on):.0f} MB against "
                f"{max(r[2] for r in off):.0f} MB",
                flush=True,
            )
        print(f"similar: load during the builds {min(loads):.1f}-{max(loads):.1f}", flush=True)


def _new_and_check(settings: Settings, loaded: LoadedCatalog, rounds: int = 3) -> None:
    """`prfaq new` at this N, the whole command, with its kept headings (.prfaq_cache/headings.json)
    and without, alternated; `prfaq check` on one draft against one decided document, the others
    from the cache (pre-commit's case)."""
    count = len(loaded.catalog.documents)
    prfaq = str(Path(sys.executable).parent / "prfaq")
    subprocess.run([prfaq, "check"], cwd=settings.root, capture_output=True, check=False)  # fills the cache
    title, customer = "Synthetic proposal for parcel refund", "Shoppers who need parcel help"
    command = [prfaq, "new", title, "--customer", customer, "--team", "payments", "--author", "Bench"]
    times: dict[str, list[float]] = {"read": [], "kept": []}
    for _ in range(rounds):
        for name in ("read", "kept"):
            if name == "read":
                (settings.root / ".prfaq_cache" / "headings.json").unlink(missing_ok=True)
            start = time.perf_counter()
            made = subprocess.run(command, cwd=settings.root, check=True, capture_output=True, text=True)
            times[name].append(time.perf_counter() - start)
            (settings.root / made.stdout.strip()).unlink()
    found = len(suggestions(settings, title, customer))
    print(f"similar: prfaq new at N={count} ({found} suggestions), the whole command: every file read "
          f"{statistics.median(times['read']):.2f} s, headings kept {statistics.median(times['kept']):.2f} s "
          f"(rounds {[round(t, 2) for t in times['read']]} / {[round(t, 2) for t in times['kept']]})", flush=True)
    draft = next(d.path for d in loaded.catalog.documents if d.status in IN_WRITING)
    decided = next(d.path for d in loaded.catalog.documents if d.status not in IN_WRITING)
    checks: dict[str, list[float]] = {draft: [], decided: []}
    for _ in range(rounds):
        for path in checks:
            start = time.perf_counter()
            subprocess.run([prfaq, "check", path], cwd=settings.root, capture_output=True, check=False)
            checks[path].append(time.perf_counter() - start)
    print(f"similar: prfaq check on one file among {count}, cache filled: a draft (possible-duplicate) "
          f"{statistics.median(checks[draft]):.2f} s, a decided document {statistics.median(checks[decided]):.2f} s",
          flush=True)


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
    site()


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        build(*(int(arg) for arg in sys.argv[2:4]))
    else:
        main([int(a) for a in sys.argv[1:]] or None)
