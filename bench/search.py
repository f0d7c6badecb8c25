"""Benchmark: the search's payload and speed in a real browser, its share of the build, and the
size Material's lunr index would have for the same corpus, for Pagefind 1.6 (npm) and the Python
wheel's 1.5 side by side in one run.

    .venv/bin/python bench/search.py [N] [N for the build share]    (default 10000 2000)

`make bench` runs it with the defaults (or `BENCH_SEARCH_N`, `BENCH_SEARCH_SHARE_N`). For N
synthetic PR/FAQs of about 1,500 words each, it builds the site once per Pagefind (picked with
`PAGEFIND_BINARY_PATH`), serves it on 127.0.0.1, and in headless Chromium loads the home page,
types a query into the header's search box, and measures every byte the browser fetched from
the start of the page load until the first results show (Playwright's request sizes: headers
and bodies as transferred, from the page and Pagefind's worker), and the time to results: in the
page's own clock, from the search box's `input` event to the first result in the list (the time
the harness takes to type and to notice is printed beside it). Goals (issue 15, at N = 10,000,
for an id, one word in every document and two words in every document): <= 0.5 MB, <= 0.7 s;
the index adds <= 15% to the build time at N = 2,000.

Served by Python's http.server, without compression. Pagefind's index, fragments and WebAssembly
are gzipped by Pagefind itself, but the page, Material's CSS and JavaScript and Pagefind's script
are not: the bytes are also given as a server that compresses text sends them (GitHub Pages,
nginx's `gzip on`, most CDNs), each text file gzipped at level 6; the goal is judged on those.
"""

from __future__ import annotations

import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from corpus import mkdocs_yml

# The browser tests' kit: the same Chromium, flags and HTTP server as the tests use.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from browserkit import CHROMIUM, CHROMIUM_ARGS, serve

from corpus import write_project as corpus_project

#: (label, query): an id, and words that (nearly) every synthetic document holds.
QUERIES = [("an id", "PRFAQ-00042"), ("one word", "laptop"), ("two words", "parcel refund")]
#: The goals: bytes and seconds to the first results, the index's share of the build.
GOAL_BYTES, GOAL_SECONDS, GOAL_SHARE = 0.5e6, 0.7, 0.15

PLUGINS = {
    "pagefind": "  - prfaq:\n      source_dir: prfaqs\n      teams_file: teams.yml\n      history: false\n",
    "no-index": "  - prfaq:\n      source_dir: prfaqs\n      teams_file: teams.yml\n      history: false\n      search: false\n",
    "lunr": "  - search\n  - prfaq:\n      source_dir: prfaqs\n      teams_file: teams.yml\n      history: false\n"
    "      search: false\n",
}


#: In the page: when the query's `input` event fires, and when the first result enters the list.
CLOCK = """() => {
  const input = document.querySelector("[data-prfaq-search-input]");
  input.addEventListener("input", () => { window.prfaqBenchTyped = performance.now(); }, { once: true });
  const seen = new MutationObserver(() => {
    if (document.querySelector("[data-prfaq-search-list] li")) {
      window.prfaqBenchShown = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document.body, { subtree: true, childList: true });
}"""


def write_project(root: Path, count: int) -> None:
    corpus_project(root, count, config=mkdocs_yml(PLUGINS["pagefind"]))


def pagefinds() -> dict[str, Path]:
    """The Pagefind programs to compare, by label: 1.6 from npm, and the Python wheel's."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    from mkdocs_prfaq.core.search_index import npm_binaries

    found: dict[str, Path] = {}
    npm = next((p for p in npm_binaries(Path(__file__).resolve().parents[1]) if p.is_file()), None)
    if npm is not None:
        found["1.6 npm"] = npm
    else:
        print("search: no node_modules/@pagefind: run `npm ci` to measure Pagefind 1.6", flush=True)
    found["1.5 wheel"] = Path(get_executable())
    return found


#: CPU seconds (user and system, the build's processes and Pagefind's) of each build, by site name.
CPU: dict[str, list[float]] = {}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(root: Path, variant: str, pagefind: Path | None = None, name: str | None = None) -> float:
    """Build the project with one of the PLUGINS variants (and the given Pagefind) into
    root/site-<name or variant>; seconds (the CPU time goes to CPU)."""
    (root / "mkdocs.yml").write_text(mkdocs_yml(PLUGINS[variant]), encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if pagefind is not None:
        env["PAGEFIND_BINARY_PATH"] = str(pagefind)
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [str(mkdocs), "build", "-q", "-d", str(root / f"site-{name or variant}")],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    CPU.setdefault(name or variant, []).append(_cpu() - cpu)
    return time.perf_counter() - start


#: Files a compressing server sends gzipped; Pagefind's own are compressed already.
TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def compressed(site: Path, url: str, served: int, headers: int) -> int:
    """Bytes a server that gzips text would send for `url`: its headers, and the file gzipped at
    level 6 when it is text; else as served."""
    path = urlsplit(url).path.lstrip("/")
    file = site / path
    if file.is_dir() or not path:
        file = file / "index.html"
    if file.suffix not in TEXT or not file.is_file():
        return served
    return headers + len(gzip.compress(file.read_bytes(), 6, mtime=0))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(site: Path) -> list[dict[str, Any]]:
    """Bytes and time to the first results of each query, each in a fresh browser context."""
    from playwright.sync_api import Request, sync_playwright

    rows: list[dict[str, Any]] = []
    with serve(site) as server, sync_playwright() as p:
        url = server.url()
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, query in QUERIES:
            context = browser.new_context()
            finished: list[Request] = []
            context.on("requestfinished", lambda request, into=finished: into.append(request))
            page = context.new_page()
            page.goto(url, wait_until="load")
            loaded = len(finished)
            page.evaluate(CLOCK)
            start = time.perf_counter()
            page.fill("[data-prfaq-search-input]", query)
            page.wait_for_selector("[data-prfaq-search-list] li", timeout=60_000)
            harness = time.perf_counter() - start
            seconds = page.evaluate("() => (window.prfaqBenchShown - window.prfaqBenchTyped) / 1000")
            page.wait_for_timeout(50)  # let the responses that showed the results report their sizes

            def size(request: Request) -> int:
                sizes = request.sizes()
                return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])

            def gzipped(request: Request) -> int:
                sizes = request.sizes()
                return compressed(site, request.url, size(request), int(sizes["responseHeadersSize"]))

            total = sum(size(r) for r in finished)
            total_gzip = sum(gzipped(r) for r in finished)
            search = sum(size(r) for r in finished[loaded:])
            rows.append(
                {
                    "label": label,
                    "query": query,
                    "bytes": total,
                    "bytes_gzip": total_gzip,
                    "search_bytes": search,
                    "requests": len(finished),
                    "seconds": seconds,
                    "harness_seconds": harness,
                    "results": page.locator("[data-prfaq-search-meta]").inner_text().strip(),
                }
            )
            context.close()
        browser.close()
    return rows


def _slug(label: str) -> str:
    return label.replace(" ", "-").replace(".", "")


def main(count: int | None = None, share_count: int | None = None, *, lunr: bool = True) -> dict[str, float]:
    count = count or int(os.environ.get("BENCH_SEARCH_N", "10000"))
    share_count = share_count or int(os.environ.get("BENCH_SEARCH_SHARE_N", "2000"))
    results: dict[str, float] = {}
    versions = pagefinds()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        write_project(root, count)
        rows: dict[str, list[dict[str, Any]]] = {}
        for label, binary in versions.items():
            seconds = build(root, "pagefind", binary, _slug(label))
            site = root / f"site-{_slug(label)}"
            index = site / "pagefind"
            print(f"search: N={count}, Pagefind {label}: build {seconds:.1f} s, index {folder_size(index) / 1e6:.1f} MB "
                  f"on disk in {sum(1 for p in index.rglob('*') if p.is_file())} files "
                  f"({sum(1 for _ in (index / 'fragment').iterdir())} fragment files)", flush=True)
            rows[label] = measure(site)
            shutil.rmtree(site)
        for i, (query_label, query) in enumerate(QUERIES):
            for label, measured in rows.items():
                row = measured[i]
                ok = row["bytes_gzip"] <= GOAL_BYTES and row["seconds"] <= GOAL_SECONDS
                print(
                    f"search: N={count}: {query!r} ({query_label}), Pagefind {label}: {row['bytes_gzip'] / 1e6:.2f} MB "
                    f"from a compressing server ({row['bytes'] / 1e6:.2f} MB as served here) from page load to first results ({row['search_bytes'] / 1e6:.2f} MB by the search, "
                    f"{row['requests']} requests), results in {row['seconds']:.2f} s "
                    f"({row['harness_seconds']:.2f} s as the harness sees it); {row['results']} "
                    f"[{'meets' if ok else 'misses'} <= {GOAL_BYTES / 1e6:g} MB, <= {GOAL_SECONDS:g} s]",
                    flush=True,
                )
                results[f"bytes_{query_label}_{label}"] = row["bytes"]
                results[f"bytes_gzip_{query_label}_{label}"] = row["bytes_gzip"]
                results[f"seconds_{query_label}_{label}"] = row["seconds"]
        if lunr:
            build(root, "lunr")
            lunr_index = root / "site-lunr" / "search" / "search_index.json"
            results["lunr_bytes"] = lunr_index.stat().st_size
            print(f"search: N={count}: Material's lunr index would be {lunr_index.stat().st_size / 1e6:.1f} MB, "
                  "fetched whole by the first search", flush=True)
            shutil.rmtree(root / "site-lunr")

        if share_count != count:
            shutil.rmtree(root)
            write_project(root, share_count)
        # Alternated, two rounds each: one build of each is too noisy on a shared machine.
        times: dict[str, list[float]] = {label: [] for label in versions}
        without: list[float] = []
        for _ in range(2):
            for label, binary in versions.items():
                times[label].append(build(root, "pagefind", binary, _slug(label)))
            without.append(build(root, "no-index"))
        base = statistics.median(without)
        base_cpu = statistics.median(CPU["no-index"][-len(without):])
        for label, measured_times in times.items():
            with_index = statistics.median(measured_times)
            share = with_index / base - 1
            cpu = statistics.median(CPU[_slug(label)][-len(measured_times):])
            results[f"index_share_{label}"] = share
            print(f"search: N={share_count}, Pagefind {label}: build with the index {with_index:.1f} s, without "
                  f"{base:.1f} s: the index adds {share:.0%} (goal <= {GOAL_SHARE:.0%}); CPU time "
                  f"{cpu:.1f} s against {base_cpu:.1f} s (+{cpu / base_cpu - 1:.0%}); builds "
                  f"{', '.join(f'{t:.1f}' for t in measured_times)} s against {', '.join(f'{t:.1f}' for t in without)} s",
                  flush=True)
    return results


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
