"""Synthetic PR/FAQ corpora for the benchmarks: valid documents of realistic length."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

STATUSES = ["draft", "in-review", "approved", "building", "launched", "shelved", "rejected"]
TEAMS = ["payments", "fulfillment", "support", "workplace", "platform", "search", "mobile", "data"]
TAGS = ["refunds", "logistics", "mobile", "internal-tools", "on-call", "checkout", "search", "sellers", "hr", "api"]
WORDS = ["customer", "order", "parcel", "refund", "team", "store", "price", "week", "month", "report", "shift", "page", "review", "answer", "question", "launch", "build", "plan", "cost", "risk", "data", "support", "agent", "seller", "buyer", "payment", "card", "delivery", "driver", "photo", "calendar", "laptop", "request", "ticket", "minute", "hour", "day", "people", "number", "share", "choice", "screen", "phone", "email", "update", "change", "test", "pilot", "region", "city", "market", "rule", "limit", "goal", "result", "time", "money", "help", "tool"]

#: This checkout, whose `node_modules` (`npm ci`) the bench projects link.
REPO = Path(__file__).resolve().parents[1]

PLUGIN = "  - prfaq:\n      source_dir: prfaqs\n      teams_file: teams.yml\n"

MKDOCS_YML = """site_name: Bench
site_url: https://bench.example.com/
theme:
  name: material
  font: false
plugins:
{plugins}markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
nav:
{nav}"""
NAV = "  - Home: index.md\n  - Catalog: catalog/index.md\n"


def compiled() -> None:
    """Write the bytecode of the package under test, as an install does. With
    PYTHONDONTWRITEBYTECODE set and sources edited since their last compilation, every timed
    process compiles them again: 16 ms of a one-file check of 10,000 documents, measured."""
    import compileall

    import mkdocs_prfaq

    compileall.compile_dir(str(Path(mkdocs_prfaq.__file__).parent), quiet=1)


def mkdocs_yml(plugins: str = PLUGIN, nav: str = NAV) -> str:
    """A config for a bench site: Material, the given `plugins:` entries, a small nav."""
    return MKDOCS_YML.format(plugins=plugins, nav=nav)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def document(number: int, rng: random.Random, words: int = 1500) -> tuple[str, str]:
    """(file name, text) of one valid PR/FAQ of about `words` words."""
    doc_id = f"PRFAQ-{number:05d}"
    status = STATUSES[number % len(STATUSES)]
    created = dt.date(2022, 1, 1) + dt.timedelta(days=number % 1400)
    lines = [
        "---",
        f"id: {doc_id}",
        f"title: Synthetic proposal number {number} for {rng.choice(WORDS)} {rng.choice(WORDS)}",
        f"status: {status}",
        "authors:",
        f"  - Author {number % 97} <author{number % 97}@example.com>",
        f"team: {TEAMS[number % len(TEAMS)]}",
        f"created: {created.isoformat()}",
        f"customer: Shoppers who need {rng.choice(WORDS)} help",
        f"tags: [{TAGS[number % len(TAGS)]}, {TAGS[(number * 7 + 3) % len(TAGS)]}]",
    ]
    if lines[-1].split("[")[1].split(",")[0] == TAGS[(number * 7 + 3) % len(TAGS)]:
        lines[-1] = f"tags: [{TAGS[number % len(TAGS)]}]"
    if status in {"approved", "building", "launched", "shelved", "rejected"}:
        lines += ["decision:", f"  date: {(created + dt.timedelta(days=30)).isoformat()}", "  by: Bench review"]
    lines += ["---", "", f"**Customers get {rng.choice(WORDS)} in one step.**", ""]
    # About a third of the words in the press release, the rest in the FAQ.
    press = max(words // 3, 60)
    while press > 0:
        lines += [_paragraph(rng, 5), ""]
        press -= 65
    lines += [
        f'"It took one step and no phone call," said Customer {number}, a shopper in Leeds.',
        "",
        "To get started, visit [the help page](https://example.com/start).",
        "",
        "## External FAQ",
        "",
    ]
    remaining = words - words // 3
    count = 0
    while remaining > 0:
        section = "## Internal FAQ" if count == 4 else None
        question = f"What about the {rng.choice(WORDS)} {count}?"
        if section:
            lines += [section, ""]
            question = "What are the risks, and what does it cost?"
        lines += [f"### {question}", "", _paragraph(rng, 5), ""]
        remaining -= 70
        count += 1
    if count <= 4:
        lines += ["## Internal FAQ", "", "### What are the risks?", "", _paragraph(rng, 3), ""]
    slug = f"synthetic-{number}"
    return f"{doc_id}-{slug}.md", "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, words: int = 1500, seed: int = 42) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        name, text = document(number, rng, words)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_project(root: Path, count: int, *, words: int = 1500, config: str | None = None) -> Path:
    """A MkDocs project with `count` documents and the prfaq plugin (or `config`); returns mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Bench\n\nA synthetic catalog.\n", encoding="utf-8")
    (root / "teams.yml").write_text("".join(f"{t}: {t.title()}\n" for t in TEAMS), encoding="utf-8")
    (root / "mkdocs.yml").write_text(config or mkdocs_yml(), encoding="utf-8")
    write_corpus(root / "prfaqs", count, words=words)
    link_node_modules(root)
    return root / "mkdocs.yml"


def link_node_modules(root: Path) -> None:
    """Link this checkout's `node_modules` into the project `root`, so that its builds run what a
    user's do after `npm ci`: Pagefind 1.6 and the site's own Mermaid (not the Python wheel's
    Pagefind 1.5, which indexes slower)."""
    if (REPO / "node_modules").is_dir() and not (root / "node_modules").exists():
        (root / "node_modules").symlink_to(REPO / "node_modules")
