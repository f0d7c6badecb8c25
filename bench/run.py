"""`make bench`: every benchmark, one after the other, on synthetic corpora in temporary folders."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHMARKS = ["check", "build", "serve", "search", "similar", "engines"]


def main() -> None:
    only = sys.argv[1:] or BENCHMARKS
    for name in only:
        if not (Path(__file__).parent / f"{name}.py").exists():
            print(f"bench: {name}: not present")
            continue
        print(f"== {name} ==", flush=True)
        importlib.import_module(name).main()


if __name__ == "__main__":
    main()
