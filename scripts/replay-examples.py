"""Replay the example PR/FAQs' lives as git history, dated by the documents themselves.

    python scripts/replay-examples.py [--dry-run] [FOLDER]       (FOLDER: prfaqs by default)

The catalog reads each document's status timeline from git. Examples added in one commit all
show "Created as <their current status>" on the day they were added, later than their own
dates, and teach nothing about the lifecycle. This script removes the examples in one commit,
then commits them again event by event, oldest first, each commit authored by the document's
first author on the day the document says it happened:

- `draft` on `created`;
- `in-review` halfway between `created` and the decision (or `updated`, for a document still in
  review);
- the decision (`approved`, `rejected`, `shelved`) on `decision.date`;
- `building` two weeks after an approval, `launched` on `launch`;
- `superseded` on `updated`.

Each commit holds the document as it is now with only its `status` line set to that moment's
status, so the last commit of each document leaves it exactly as it was. Committer dates stay
the real ones: only the author dates (what the timeline shows) are the documents'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

STATUS_LINE = re.compile(r"^status:.*$", re.MULTILINE)
BUILD_AFTER = dt.timedelta(days=14)


@dataclass(frozen=True)
class Event:
    date: dt.date
    path: Path
    status: str
    author: str
    email: str


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _halfway(start: dt.date, end: dt.date) -> dt.date:
    return start + (end - start) / 2


def lifecycle(front: dict[str, object]) -> list[tuple[dt.date, str]]:
    """The statuses a document went through, with their dates, oldest first."""
    status = str(front["status"])
    created = _date(front["created"])
    assert created is not None
    updated = _date(front.get("updated")) or created
    decision = front.get("decision")
    decided = _date(decision.get("date")) if isinstance(decision, dict) else None
    launch = _date(front.get("launch"))
    steps = [(created, "draft")]
    if status == "draft":
        return steps
    review_ends = decided or updated
    steps.append((_halfway(created, review_ends), "in-review"))
    if status == "in-review":
        return steps
    if status in {"rejected", "shelved"}:
        return [*steps, (decided or updated, status)]
    steps.append((decided or updated, "approved"))
    if status in {"building", "launched"}:
        steps.append(((decided or updated) + BUILD_AFTER, "building"))
    if status == "launched":
        steps.append((launch or updated, "launched"))
    if status == "superseded":
        steps.append((updated, "superseded"))
    return steps


def plan(folder: Path) -> list[Event]:
    events: list[Event] = []
    for path in sorted(folder.glob("PRFAQ-*.md")):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1])
        first = str(front["authors"][0])
        match = re.match(r"(.*?)\s*<([^>]+)>", first)
        author, email = (match[1], match[2]) if match else (first, "")
        events += [Event(date, path, status, author, email) for date, status in lifecycle(front)]
    return sorted(events, key=lambda e: (e.date, e.path.name))


def _git(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", "-c", "core.hooksPath=/dev/null", *args], check=True, env={**os.environ, **(env or {})})


def replay(folder: Path, events: list[Event]) -> None:
    finals = {p: p.read_text(encoding="utf-8") for p in {e.path for e in events}}
    last = {e.path: e for e in events}
    _git("rm", "-q", "--", *map(str, sorted(finals)))
    _git("commit", "-q", "-m", "Examples: removed, to be committed again dated by their own lives (scripts/replay-examples.py)")
    for event in events:
        text = finals[event.path]
        if last[event.path] is not event:
            text = STATUS_LINE.sub(f"status: {event.status}", text, count=1)
        event.path.parent.mkdir(parents=True, exist_ok=True)  # git rm took the emptied folder away
        event.path.write_text(text, encoding="utf-8")
        _git("add", "--", str(event.path))
        stamp = f"{event.date.isoformat()}T10:00:00+00:00"
        doc_id = event.path.name[:10]
        _git(
            "commit", "-q", "-m", f"{doc_id}: {event.status.replace('-', ' ')}",
            env={"GIT_AUTHOR_NAME": event.author, "GIT_AUTHOR_EMAIL": event.email, "GIT_AUTHOR_DATE": stamp},
        )
    for path, text in finals.items():
        assert path.read_text(encoding="utf-8") == text, path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="prfaqs", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="print the commits, make none")
    args = parser.parse_args(argv)
    events = plan(args.folder)
    for event in events:
        print(f"{event.date}  {event.path.name[:10]}  {event.status:<11} {event.author}")
    if args.dry_run:
        return 0
    dirty = subprocess.run(["git", "status", "--porcelain", "--", str(args.folder)], capture_output=True, text=True, check=True)
    if dirty.stdout.strip():
        print(f"replay-examples: {args.folder} has uncommitted changes; commit or discard them first", file=sys.stderr)
        return 1
    replay(args.folder, events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
