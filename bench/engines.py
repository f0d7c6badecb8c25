"""Benchmark: the same site built by each engine, side by side in one run (issue 19).

- MkDocs 1.6 + Material, the plugin: `mkdocs build`;
- ProperDocs 1.6 + Material, the same plugin: `properdocs build -f mkdocs.yml`;
- Zensical from `prfaq export`, the steps of `make zensical`: `prfaq check`, `prfaq export`,
  `zensical build --clean` (cold: without its cache, as the others build), `prfaq finish`
  (the site's Mermaid, the Pagefind index).

On this repository's own site and on a synthetic catalog of N = 1,000 documents (bench/corpus.py).
Every project links this checkout's node_modules, so each engine's site gets Pagefind 1.6 and
the site's Mermaid. The engines alternate round by round; the figure is each one's median.

`python bench/engines.py [N] [ROUNDS]`
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import REPO, link_node_modules, write_project

BIN = Path(sys.executable).parent
ZENSICAL_STEPS = (
    ("check", ["prfaq", "check"]),
    ("export", ["prfaq", "export", "build/zensical/docs"]),
    ("zensical build", ["zensical", "build", "--clean", "-f", "zensical.yml"]),
    ("finish", ["prfaq", "finish", "build/zensical/site"]),
)


def _run(args: list[str], root: Path) -> float:
    env = {
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/tmp"),
        **{key: os.environ[key] for key in ("PYTHONPATH",) if key in os.environ},
    }
    start = time.perf_counter()
    done = subprocess.run([str(BIN / args[0]), *args[1:]], cwd=root, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"bench engines: {' '.join(args)} failed in {root}:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def _repository(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("docs", "prfaqs"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "teams.yml"):
        shutil.copy(REPO / name, root / name)
    return root


def _synthetic(root: Path, n: int) -> Path:
    write_project(root, n)
    return root


def _prepare(root: Path) -> None:
    shutil.copy(REPO / "zensical.yml", root / "zensical.yml")
    link_node_modules(root)


def _round(root: Path) -> dict[str, float]:
    times = {
        "MkDocs": _run(["mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site-mkdocs"], root),
        "ProperDocs": _run(["properdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site-properdocs"], root),
    }
    steps = {name: _run(args, root) for name, args in ZENSICAL_STEPS}
    times["Zensical (all steps)"] = sum(steps.values())
    times.update({f"  {name}": seconds for name, seconds in steps.items()})
    shutil.rmtree(root / "build")  # the next round exports into an empty folder, as a fresh clone does
    return times


def _measure(label: str, root: Path, rounds: int) -> dict[str, float]:
    _prepare(root)
    runs = [_round(root) for _ in range(rounds)]
    medians = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    print(f"{label}: median of {rounds} rounds")
    for name, seconds in medians.items():
        print(f"  {name:<24} {seconds:7.2f} s")
    return medians


def main(n: int = 1000, rounds: int = 3) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        results = {
            "repository": _measure("this repository's site", _repository(Path(tmp) / "repository"), rounds),
            f"N={n}": _measure(f"synthetic catalog, N = {n:,}", _synthetic(Path(tmp) / f"n{n}", n), rounds),
        }
    return results


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
