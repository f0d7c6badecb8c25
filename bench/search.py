"""Benchmark: the search's payload and speed in a real browser, its share of the build, and the
size Material's lunr index would have for the same corpus.

    .venv/bin/python bench/search.py [N] [N for the build share]    (default 500 500)

`make bench` runs it with the defaults (or `BENCH_SEARCH_N`). For N synthetic PR/FAQs of about
1,500 words each, it builds the site, serves it on 127.0.0.1, and in headless Chromium loads the
home page, types a query into the header's search box, and measures every byte the browser
fetched from the start of the page load until the first results show (Playwright's request
sizes: headers and bodies as transferred, from the page and Pagefind's worker), and the time
to results: in the page's own clock, from the search box's `input` event to the first result in
the list (the time the harness takes to type and to notice, 0.2-0.5 s, is printed beside it). Goals (issue 5, at N = 10,000): <= 1.5 MB, <= 1 s; the index
adds <= 15% to the build time at N = 2,000.

Served by Python's http.server, without compression: Pagefind's own files are gzipped already,
but the page, Material's CSS and JavaScript would be smaller from a server that compresses.
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
from typing import Any

from corpus import mkdocs_yml

# The browser tests' kit: the same Chromium, flags and HTTP server as the tests use.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from browserkit import CHROMIUM, CHROMIUM_ARGS, serve

from corpus import write_project as corpus_project

#: (label, query): common words that match most documents, a rarer word, and an id.
QUERIES = [("common words", "parcel refund"), ("one word", "laptop"), ("an id", "PRFAQ-00042")]

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


def build(root: Path, variant: str) -> float:
    """Build the project with one of the PLUGINS variants into root/site-<variant>; seconds."""
    (root / "mkdocs.yml").write_text(mkdocs_yml(PLUGINS[variant]), encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    start = time.perf_counter()
    subprocess.run(
        [str(mkdocs), "build", "-q", "-d", str(root / f"site-{variant}")],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


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

            total = sum(size(r) for r in finished)
            search = sum(size(r) for r in finished[loaded:])
            rows.append(
                {
                    "label": label,
                    "query": query,
                    "bytes": total,
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


def main(count: int | None = None, share_count: int | None = None, *, lunr: bool = True) -> dict[str, float]:
    count = count or int(os.environ.get("BENCH_SEARCH_N", "500"))
    share_count = share_count or count
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        write_project(root, count)
        seconds = build(root, "pagefind")
        site = root / "site-pagefind"
        index = folder_size(site / "pagefind")
        print(f"search: N={count}: build {seconds:.1f} s, Pagefind index {index / 1e6:.1f} MB on disk "
              f"({len(list((site / 'pagefind' / 'fragment').iterdir()))} fragments)", flush=True)
        for row in measure(site):
            print(
                f"search: N={count}: query {row['query']!r} ({row['label']}): {row['bytes'] / 1e6:.2f} MB fetched "
                f"from page load to first results ({row['search_bytes'] / 1e6:.2f} MB by the search, "
                f"{row['requests']} requests), results in {row['seconds']:.2f} s "
                f"({row['harness_seconds']:.2f} s as the harness sees it); {row['results']} "
                "(goals <= 1.5 MB, <= 1 s)",
                flush=True,
            )
            results[f"bytes_{row['label']}"] = row["bytes"]
            results[f"seconds_{row['label']}"] = row["seconds"]
        if lunr:
            build(root, "lunr")
            lunr_index = root / "site-lunr" / "search" / "search_index.json"
            results["lunr_bytes"] = lunr_index.stat().st_size
            print(f"search: N={count}: Material's lunr index would be {lunr_index.stat().st_size / 1e6:.1f} MB, "
                  "fetched whole by the first search", flush=True)
            shutil.rmtree(root / "site-lunr")
        shutil.rmtree(site)

        if share_count != count:
            shutil.rmtree(root)
            write_project(root, share_count)
        # Alternated, two rounds each: one build of each is too noisy on a shared machine.
        withs, withouts = [], []
        for _ in range(2):
            withs.append(build(root, "pagefind"))
            withouts.append(build(root, "no-index"))
        with_index, without = statistics.median(withs), statistics.median(withouts)
        share = with_index / without - 1
        results["index_share"] = share
        print(f"search: N={share_count}: build with the index {with_index:.1f} s, without {without:.1f} s: "
              f"the index adds {share:.0%} (goal <= 15%)", flush=True)
    return results


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
