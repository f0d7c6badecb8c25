"""Benchmark: `mkdocs build` with the plugin against a plain build of the same Markdown.

The plain site copies each PR/FAQ body into `docs/` (Material, its lunr search on, not in the
nav); the plugin's site searches with Pagefind 1.6 instead (the checkout's `node_modules`, as
after `npm ci`). A third site is the plugin's with `search: false`: the plugin's own cost apart
from Pagefind's indexing. The builds alternate in one run; CPU time is printed beside the wall
time. Also measures how the build scales (N = 1,000 against N = 4,000) and whether a PR/FAQ
page grows with N.

Last, the same site built with the plugin's `jobs: 1` (one process) and `jobs: 0` (a process per
core), in alternated pairs: what the worker processes save (alone: `python bench/build.py jobs
[N] [ROUNDS]`).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import PLUGIN, compiled, mkdocs_yml, write_project

PLAIN_YML = mkdocs_yml(plugins="  - search\n", nav="  - Home: index.md\n")


def _plain_project(root: Path, source: Path) -> None:
    """The same bodies as plain pages, without the plugin."""
    (root / "docs" / "prfaqs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Bench\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
    for path in (source / "prfaqs").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        body = text[text.find("\n---\n", 4) + 5 :]
        (root / "docs" / "prfaqs" / path.name).write_text(body, encoding="utf-8")


def _build(root: Path) -> float:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    start = time.perf_counter()
    subprocess.run(
        [str(mkdocs), "build", "-q", "-d", str(root / "site")],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # PYTHONPATH passes through: `PYTHONPATH=<checkout>/plugins` benchmarks that checkout's plugin.
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            **{key: os.environ[key] for key in ("PYTHONPATH",) if key in os.environ},
        },
    )
    return time.perf_counter() - start


def _largest_page(root: Path) -> int:
    return max(p.stat().st_size for p in (root / "site" / "prfaqs").glob("*/index.html"))


def _page_size(root: Path, doc_id: str) -> int:
    return (root / "site" / "prfaqs" / doc_id.lower() / "index.html").stat().st_size


def main(ratio_n: int = 2000, small: int = 1000, large: int = 4000, rounds: int = 3) -> dict[str, float]:
    compiled()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        plugin = base / "plugin"
        plain = base / "plain"
        quiet = base / "nosearch"
        write_project(plugin, ratio_n)
        _plain_project(plain, plugin)
        # The same site without its search index: the plugin's own cost, apart from Pagefind's.
        write_project(quiet, ratio_n, config=mkdocs_yml(plugins=f"{PLUGIN}      search: false\n"))
        sides = {"plugin": plugin, "no search": quiet, "plain": plain}
        times: dict[str, list[float]] = {name: [] for name in sides}
        cpu: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(rounds):
            for name, root in sides.items():
                before = _cpu()
                times[name].append(_build(root))
                cpu[name].append(_cpu() - before)
        median = {name: statistics.median(values) for name, values in times.items()}
        ratio = median["plugin"] / median["plain"]
        results["build_ratio"] = ratio
        results["build_ratio_no_search"] = median["no search"] / median["plain"]
        pairs = ", ".join(f"{a:.1f}/{b:.1f} = {a / b:.2f}" for a, b in zip(times["plugin"], times["plain"], strict=True))
        print(f"build: N={ratio_n}: alternated pairs, plugin/plain: {pairs}")
        print(
            f"build: N={ratio_n}: plugin {median['plugin']:.1f} s, plain {median['plain']:.1f} s, "
            f"ratio {ratio:.2f} (goal <= 1.15)"
        )
        print(
            f"build: N={ratio_n}: the plugin without its search index (search: false) {median['no search']:.1f} s, "
            f"ratio {results['build_ratio_no_search']:.2f}; CPU time (medians): "
            + ", ".join(f"{name} {statistics.median(values):.1f} s" for name, values in cpu.items())
        )
        shutil.rmtree(quiet)
        shutil.rmtree(plain)

        sizes: dict[int, float] = {}
        page: dict[int, int] = {}
        for n in (500, small, large):
            project = base / f"n{n}"
            write_project(project, n)
            seconds = _build(project)
            sizes[n] = seconds
            page[n] = _page_size(project, "PRFAQ-00001")
            print(f"build: N={n}: {seconds:.1f} s, largest PR/FAQ page {_largest_page(project):,} bytes, "
                  f"PRFAQ-00001 page {page[n]:,} bytes")
            shutil.rmtree(project)
        results["scaling"] = sizes[large] / sizes[small]
        results["page_growth"] = page[large] / page[500]
        print(f"build: time at N={large} / N={small} = {results['scaling']:.2f} (goal <= 4.4)")
        print(f"build: PRFAQ-00001 page at N={large} / N=500 = {results['page_growth']:.3f} (goal <= 1.10)")
    # The speed code must show its gain: the pages converted in worker processes, and without them.
    results.update(jobs(ratio_n, rounds))
    return results


def _cpu() -> float:
    """CPU time (user and system) of the builds run so far: on a loaded machine, what the extra
    processes cost beside what they save of the wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def jobs(n: int = 2000, rounds: int = 5) -> dict[str, float]:
    """The same site built with one process (`jobs: 1`) and a process per core (`jobs: 0`),
    alternated: the share of the build the extra processes save (median against median), with
    the fastest of each beside it (the build least disturbed by the machine's other work)."""
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for count in (1, 0):
            projects[count] = Path(tmp) / f"jobs{count}"
            write_project(projects[count], n, config=mkdocs_yml(plugins=f"{PLUGIN}      jobs: {count}\n"))
        times: dict[int, list[float]] = {1: [], 0: []}
        cpu: dict[int, list[float]] = {1: [], 0: []}
        for _ in range(rounds):
            for count in (1, 0):
                before = _cpu()
                times[count].append(_build(projects[count]))
                cpu[count].append(_cpu() - before)
    one, many = statistics.median(times[1]), statistics.median(times[0])
    pairs = ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(times[1], times[0], strict=True))
    print(f"build: N={n}: alternated pairs, jobs 1/jobs 0: {pairs}")
    print(f"build: N={n}: jobs 1 {one:.1f} s, jobs 0 {many:.1f} s: the processes save {1 - many / one:.1%} (keep >= 15%)")
    print(f"build: N={n}: fastest jobs 1 {min(times[1]):.1f} s, jobs 0 {min(times[0]):.1f} s; CPU time (medians) "
          f"jobs 1 {statistics.median(cpu[1]):.1f} s, jobs 0 {statistics.median(cpu[0]):.1f} s")
    return {"jobs_one": one, "jobs_default": many, "jobs_saving": 1 - many / one}


if __name__ == "__main__":
    if sys.argv[1:2] == ["jobs"]:
        jobs(*(int(arg) for arg in sys.argv[2:4]))
    else:
        main()
