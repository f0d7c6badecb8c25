"""Benchmark: `prfaq check` against a loop that only reads each file and parses its front matter.

All run as fresh processes (interpreter start-up included), alternated in one run so that the
machine's noise touches both alike. Prints the ratio of the medians, and the wall time of
`prfaq check` on one file, as pre-commit runs it.

`prfaq check` keeps each file's result in `.prfaq_cache/`: a first check (as in CI, on a fresh
clone) reads every file, later ones only what changed. Both are measured: `--no-cache` for the
first, and a check of the unchanged folder with the cache filled for the others.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import STATUSES, compiled, write_project
from mkdocs_prfaq.core.model import IN_WRITING
from mkdocs_prfaq.core.rules.registry import RULES, Category

REFERENCE = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\\n"):
        yaml.load(text[4:text.find("\\n---\\n", 4)], Loader=yaml.CSafeLoader)
"""


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _edited(path: Path) -> None:
    os.utime(path)  # now: a new stamp, as if the author had just saved it


def _commands(root: Path) -> dict[str, list[str]]:
    """The commands timed, by name; writes the configs some of them use into `root`."""
    prfaq = str(Path(sys.executable).parent / "prfaq")
    check = [prfaq, "check"]
    # The same check with the nine writing rules (which cost most) turned off.
    off = ", ".join(f"{r.name}: off" for r in RULES.values() if r.category is Category.WRITING)
    (root / "core.yml").write_text(
        f"site_name: core\nplugins:\n  - prfaq:\n      teams_file: teams.yml\n      rules: {{{off}}}\n",
        encoding="utf-8",
    )
    # The same first check in one process (`jobs: 1`): what the worker processes save.
    (root / "one.yml").write_text(
        "site_name: one\nplugins:\n  - prfaq:\n      teams_file: teams.yml\n      jobs: 1\n", encoding="utf-8"
    )
    return {
        "check": check,
        "cold": [*check, "--no-cache"],
        "cold_nodup": [*check, "--no-cache", "--skip", "possible-duplicate"],
        # possible-duplicate (another rule's cost, found anew in every check) left out of it too.
        "core": [prfaq, "--config", "core.yml", "check", "--no-cache", "--skip", "possible-duplicate"],
        "one_process": [prfaq, "--config", "one.yml", "check", "--no-cache"],
        "reference": [sys.executable, "-c", REFERENCE, "prfaqs"],
        # The pre-commit hook's command: possible-duplicate (every draft against the catalog) left
        # to the pull request's check of the folder.
        "hook": [*check, "--skip", "possible-duplicate"],
    }


def _one_file(tmp: Path, root: Path, commands: dict[str, list[str]]) -> dict[str, list[float]]:
    """As pre-commit runs it: one file, alone, and among all the others (read for cross-references)."""
    hook, check = commands["hook"], commands["check"]
    single = tmp / "single"
    write_project(single, 1, words=600)
    alone = str(next((single / "prfaqs").glob("*.md")))
    first = str(sorted((root / "prfaqs").glob("*.md"))[0].relative_to(root))
    return {
        "alone": [_time([*hook, "--no-cache", alone], single) for _ in range(5)],
        "among": [_time([*hook, "--no-cache", first], root) for _ in range(3)],
        # With the cache filled by an earlier check, and the file just edited: it alone is read.
        # Its median is the target's figure (the minimum beside it: what a quiet machine gives).
        "among_cached": [_edited(root / first) or _time([*hook, first], root) for _ in range(9)],
        # The same by hand (`prfaq check FILE`), possible-duplicate included: the file is in writing.
        "by_hand": [_edited(root / first) or _time([*check, first], root) for _ in range(3)],
    }


def main(count: int = 10_000, rounds: int = 3) -> dict[str, float]:
    compiled()
    loads = [os.getloadavg()[0]]  # the machine's load: figures are comparable only at a like load
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_project(root, count, words=600)
        commands = _commands(root)
        _time(commands["check"], root)  # fills the cache
        timed = ["cold", "cold_nodup", "one_process", "core", "check", "hook", "reference"]
        times: dict[str, list[float]] = {name: [] for name in timed}
        for _ in range(rounds):
            for name in timed:
                times[name].append(_time(commands[name], root))
        times.update(_one_file(Path(tmp), root, commands))
    loads.append(os.getloadavg()[0])
    return _report(count, times, loads)


def _report(count: int, times: dict[str, list[float]], loads: list[float]) -> dict[str, float]:
    median = {name: statistics.median(values) for name, values in times.items()}
    reference = median["reference"]
    ratio, core_ratio, warm_ratio = (median[name] / reference for name in ("cold", "core", "check"))
    # The writing rules run on the documents still being written only (the others are records).
    writing = sum(1 for n in range(1, count + 1) if STATUSES[n % len(STATUSES)] in IN_WRITING) / count
    saved = 1 - median["cold"] / median["one_process"]
    one, among, by_hand = (min(times[name]) for name in ("alone", "among", "by_hand"))
    cached = times["among_cached"]
    print(f"check: N={count}: {writing:.0%} of the documents in draft or in review (the writing rules' share)")
    print(f"check: N={count}: reference {reference:.2f} s")
    print(f"check: N={count}: first check (no cache) {median['cold']:.2f} s, ratio {ratio:.2f} (goal <= 2)")
    print(f"check: N={count}: the same in one process (jobs: 1) {median['one_process']:.2f} s: the worker processes "
          f"save {saved:.0%}")
    print(f"check: N={count}: first check without possible-duplicate {median['cold_nodup']:.2f} s, ratio "
          f"{median['cold_nodup'] / reference:.2f}")
    print(f"check: N={count}: first check without the writing rules (nor possible-duplicate) "
          f"{median['core']:.2f} s, ratio {core_ratio:.2f}")
    print(f"check: N={count}: unchanged folder, cache filled {median['check']:.2f} s, ratio {warm_ratio:.2f}; "
          f"without possible-duplicate {median['hook']:.2f} s")
    print(f"check: one file: {one:.3f} s alone; among {count} others {among:.3f} s without the cache, "
          f"{median['among_cached']:.3f} s with it (median of {len(cached)}, minimum {min(cached):.3f}; goal < 0.3 s); "
          "as the pre-commit hook runs it (--skip possible-duplicate)")
    print(f"check: one file in writing among {count}, by hand with possible-duplicate, cache filled: {by_hand:.3f} s")
    print(f"check: load average {loads[0]:.1f} before, {loads[-1]:.1f} after ({os.cpu_count()} cores)")
    return {
        "check_ratio": ratio, "core_ratio": core_ratio, "warm_ratio": warm_ratio, "jobs_saving": saved,
        "check_seconds": median["cold"], "one_file_seconds": one, "one_among_seconds": among,
        "one_among_cached_seconds": median["among_cached"], "one_by_hand_seconds": by_hand,
        "no_duplicate_ratio": median["cold_nodup"] / reference,
    }  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
