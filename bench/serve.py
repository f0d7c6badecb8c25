"""Benchmark: a `mkdocs serve` rebuild after one PR/FAQ is edited, with the plugin's memo of
converted pages (mkdocs/conversions.py) and without it, side by side in alternated rounds.

    .venv/bin/python bench/serve.py [N] [ROUNDS]    (default 1000 2)

The memo exists for speed only (an author saves a file and waits for the page), so it must show
its gain here. A rebuild is made as `mkdocs serve` makes it: the configuration read again, the
same plugin instance; "without" is the same sequence with the plugin started for `build`, which
keeps no memo. Each round builds once, edits one document, and times the rebuild.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from corpus import compiled, write_project


def rebuild(root: Path, command: str, round_: int) -> float:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / f"site-{command}"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
        edited = sorted((root / "prfaqs").glob("*.md"))[round_]
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nAn edit, round {round_}.\n", encoding="utf-8")
        again = load_config(str(root / "mkdocs.yml"), site_dir=str(root / f"site-{command}"))
        start = time.perf_counter()
        build(again)
        return time.perf_counter() - start
    finally:
        config.plugins.on_shutdown()


def main(count: int = 1000, rounds: int = 2) -> dict[str, float]:
    compiled()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    times: dict[str, list[float]] = {"serve": [], "build": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        write_project(root, count)
        for round_ in range(rounds):
            for command in ("serve", "build"):
                times[command].append(rebuild(root, command, round_))
    memo, plain = statistics.median(times["serve"]), statistics.median(times["build"])
    print(f"serve: N={count}: a rebuild after one edit {memo:.1f} s with the memo, {plain:.1f} s without "
          f"(rounds {', '.join(f'{a:.1f}/{b:.1f}' for a, b in zip(times['serve'], times['build'], strict=True))}): "
          f"the memo saves {1 - memo / plain:.0%}", flush=True)
    return {"serve_memo": memo, "serve_plain": plain}


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
