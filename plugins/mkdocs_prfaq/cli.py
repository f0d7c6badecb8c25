"""The `prfaq` command line: check, scaffold, list and review PR/FAQs.

Exit status: 0 when no errors, 1 when there are errors (or warnings with `--strict`), 2 for
usage errors.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.check import cache_for, check_files, check_folder, default_jobs, severity_for
from .core.findings import Finding, Severity, printable, printable_json, render, spreadsheet_cell, summary_line
from .core.loader import discover, is_found
from .core.model import ID_PATTERN, IN_WRITING, STATUSES
from .core.rules.registry import RULES, Category
from .core.settings import Settings, SettingsError, load_settings, require_source_dir

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> Settings:
    if args.config is None:
        return load_settings(Path("mkdocs.yml"))  # none, if there is none: the defaults
    if not Path(args.config).is_file():
        raise SettingsError(f"--config {args.config}: no such file")
    return load_settings(Path(args.config))


def _skipped_by_the_folder(settings: Settings, path: Path) -> bool:
    """Whether a check of the whole source folder leaves `path` out (a README, a name starting
    with `_` or `.`, or in such a folder): named on the command line, as pre-commit names every
    changed file, it is left out too."""
    try:
        inside = Path(os.path.realpath(path)).relative_to(os.path.realpath(settings.source_dir))
    except ValueError:
        return False  # outside the folder: checked because it was asked for
    return not is_found(inside.parts)


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    cache = None if args.no_cache else cache_for(settings)
    if args.paths:
        files: list[Path] = []
        named: list[Path] = []  # files named one by one get the writing rules whatever their status
        for given in args.paths:
            path = Path(given)
            if not given:
                print("prfaq check: an empty path", file=sys.stderr)
                return EXIT_USAGE
            if path.is_dir():
                files.extend(Path(p) for p, _ in discover(path))
            elif path.exists() or path.is_symlink():
                if not _skipped_by_the_folder(settings, path):
                    files.append(path)
                    named.append(path)
            else:
                print(f"prfaq check: {given}: no such file or folder", file=sys.stderr)
                return EXIT_USAGE
        files = list({os.path.realpath(f): f for f in files}.values())  # a file named twice is one
        result = check_files(
            settings, files, jobs=settings.jobs or default_jobs(), cache=cache, keep_documents=False, reviewed=set(named)
        )
        checked = len(files)
    else:
        require_source_dir(settings)
        result = check_folder(settings, jobs=settings.jobs or default_jobs(), cache=cache, keep_documents=False)
        checked = len(result.files)
    code = EXIT_FINDINGS if result.failed(strict=args.strict) else EXIT_OK
    output = render(result.findings, args.format)
    try:
        if args.format == "json":
            print(output)
        else:
            if output:
                print(output)
            if args.format == "text":
                print(summary_line(result.findings, checked), file=sys.stderr)
    except BrokenPipeError:  # `prfaq check | head`: the findings still decide the status
        _quiet_stdout()
    return code


def _git_author() -> str | None:
    try:
        import subprocess  # only `new` asks git

        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, check=False).stdout.strip()
        email = subprocess.run(["git", "config", "user.email"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return None
    if not name:
        return None
    return f"{name} <{email}>" if email else name


def cmd_new(args: argparse.Namespace) -> int:
    from .core.rules.placeholder import AUTHOR
    from .core.scaffold import fill_template, next_id, slugify

    settings = _settings(args)
    title = " ".join(args.title.split())
    if not 3 <= len(title) <= 120:
        print("prfaq new: the title must be 3 to 120 characters on one line", file=sys.stderr)
        return EXIT_USAGE
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.team):
        print(f"prfaq new: team '{args.team}' is not a slug: try '{slugify(args.team)}'", file=sys.stderr)
        return EXIT_USAGE
    from .core.settings import read_vocabulary

    teams = read_vocabulary(settings.teams_file, "teams")
    if teams is not None and args.team not in teams:
        print(f"prfaq new: team '{args.team}' is not in {settings.teams_file} (known: {', '.join(sorted(teams))})", file=sys.stderr)
        return EXIT_USAGE
    author = args.author or _git_author() or AUTHOR.text
    if "\n" in author or not re.fullmatch(r"[^<>]+( <[^<>\s@]+@[^<>\s@]+>)?", author.strip()):
        print("prfaq new: --author must be 'Name' or 'Name <email>'", file=sys.stderr)
        return EXIT_USAGE
    if len(author.strip()) > 200:
        print("prfaq new: --author is longer than 200 characters", file=sys.stderr)
        return EXIT_USAGE
    doc_id = args.id or next_id(settings.source_dir)
    if not ID_PATTERN.match(doc_id):
        print(f"prfaq new: id {doc_id!r} is not PRFAQ- and four or more digits", file=sys.stderr)
        return EXIT_USAGE
    if args.id and any(
        re.match(rf"{re.escape(doc_id)}(?![0-9])", os.path.basename(p), re.I) for p, _ in discover(settings.source_dir)
    ):
        print(f"prfaq new: {doc_id} is taken; leave out --id for the next free one", file=sys.stderr)
        return EXIT_USAGE
    text = fill_template(doc_id=doc_id, title=title, author=author.strip(), team=args.team, today=dt.date.today())
    target = settings.source_dir / f"{doc_id}-{slugify(title)}.md"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"prfaq new: cannot write into {target.parent}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"prfaq new: {target} exists; not overwriting", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"prfaq new: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(target.relative_to(settings.root) if target.is_relative_to(settings.root) else target)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    settings = _settings(args)
    require_source_dir(settings)
    result = check_folder(settings, jobs=settings.jobs or default_jobs())
    code = EXIT_FINDINGS if result.errors else EXIT_OK
    if result.errors:
        print(
            f"prfaq list: {len(result.errors)} error(s) in the folder; run `prfaq check`. Every file is listed,"
            " with its errors; values with a finding are left out.",
            file=sys.stderr,
        )
    from .core.exports import listing_record  # imported by the commands that use them: `check` starts faster
    from .core.history import apply_history, read_history

    # The same dates as the site: `updated`, when absent, and the history come from git.
    apply_history(result.documents, read_history(settings.root, settings.source_dir))
    documents = {doc.path: doc for doc in result.documents}
    findings: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings.setdefault(finding.path, []).append(finding)
    records = [
        listing_record(path, documents.get(path), findings.get(path, []), settings.directory_urls)
        for path in result.files
    ]
    records = [
        r
        for r in records
        if (args.status is None or r["status"] == args.status)
        and (args.team is None or r["team"] == args.team)
        and (args.tag is None or (isinstance(r.get("tags"), list) and args.tag in r["tags"]))
    ]
    records.sort(key=lambda r: (r["id"] is None, r["id"] or "", r["source"]))
    if args.format == "json":
        print(printable_json(json.dumps(records, ensure_ascii=False, indent=2, allow_nan=False)))
        return code
    header = ["id", "status", "team", "updated", "title", "errors"]
    rows = [
        [
            *(str(r[key] or "") for key in ("id", "status", "team", "updated")),
            str(r["title"] or r["source"]),
            str(len(r["errors"])),
        ]
        for r in records
    ]
    if args.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
        print(out.getvalue(), end="")
        return code
    for row in rows:
        count = int(row[-1])
        row[-1] = f"{count} error{'s' * (count != 1)}" if count else ""
    cells = [[printable(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return code


#: A status of each kind, for `prfaq rules`: a draft, a document in review, a record.
_RULES_COLUMNS = (("draft", "draft"), ("in-review", "in-review"), ("records", "launched"))


def cmd_rules(args: argparse.Namespace) -> int:
    settings = _settings(args)
    config = args.config or "mkdocs.yml"
    header = ["rule", *(name for name, _ in _RULES_COLUMNS), "category", "summary"]
    rows = []
    for rule in RULES.values():
        cells = [rule.name]
        for _, status in _RULES_COLUMNS:
            if rule.category is Category.WRITING and status not in IN_WRITING:
                cells.append("if named")
            else:
                cells.append(severity_for(settings, rule.name, status).value)
        summary = rule.summary
        if rule.name in settings.rules and settings.rules[rule.name] is not rule.default:
            summary += f" [{config} sets {settings.rules[rule.name].value}; default {rule.default.value}]"
        rows.append([*cells, rule.category.value, summary])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        print("  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])), row[-1]]))
    print(
        "\nIn a draft, the body and writing rules report at most a warning. The writing rules run on"
        " documents in draft or in review, and on every file named on the command line (as pre-commit"
        " names them); approved, building, launched, shelved, rejected and superseded documents are"
        " records, not rewritten for style: every other rule still runs on them."
    )
    return EXIT_OK


def _use_color(choice: str) -> bool:
    """Colour on a terminal unless NO_COLOR is set (https://no-color.org); never in a pipe."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def cmd_review(args: argparse.Namespace) -> int:
    from .core.review import format_review, review_files

    settings = _settings(args)
    for given in args.files:
        if not Path(given).is_file():
            print(f"prfaq review: {given}: no such file", file=sys.stderr)
            return EXIT_USAGE
    reviews = review_files(settings, [Path(given) for given in args.files])
    color = _use_color(args.color)
    print("\n\n".join(format_review(review, color=color) for review in reviews))
    failed = any(f.severity is Severity.ERROR for review in reviews for f in review.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


class _Version(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked (reading the
    package's metadata takes a tenth of a second, a third of a pre-commit check)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("mkdocs-prfaq")
        except PackageNotFoundError:  # run from a checkout that is not installed
            number = "unknown"
        print(f"{parser.prog} {number}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prfaq", description="Check, scaffold, list and review PR/FAQ documents.")
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    parser.add_argument(
        "--config", default=None, metavar="FILE", help="the MkDocs config whose `prfaq` plugin options apply (default: mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", help="what to do (each has its own --help)")

    check = sub.add_parser("check", help="validate PR/FAQs and print every finding")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: the configured source folder); a file named here gets the writing"
        " rules whatever its status",
    )
    check.add_argument("--format", choices=("text", "github", "json"), default="text", help="output format (default: text)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file again, ignoring and leaving alone the results kept in .prfaq_cache/",
    )
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="write a new PR/FAQ from the template, with the next free id")
    new.add_argument("title", help="the headline, in quotes")
    new.add_argument("--team", required=True, help="the owning team's slug")
    new.add_argument("--author", help="'Name <email>' (default: from git config)")
    new.add_argument("--id", help="use this id instead of the next free one")
    new.set_defaults(func=cmd_new)

    listing = sub.add_parser(
        "list",
        help="query the catalog",
        description="List every file of the source folder with its validated values; a value a finding"
        " points at is left out, and a file with errors says how many (run `prfaq check` for them).",
    )
    listing.add_argument("--status", choices=STATUSES, help="only documents with this status")
    listing.add_argument("--team", metavar="SLUG", help="only documents of this team (its slug)")
    listing.add_argument("--tag", metavar="TAG", help="only documents with this tag")
    listing.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="a table for people (default), JSON records (with an `errors` list), or CSV for spreadsheets",
    )
    listing.set_defaults(func=cmd_list)

    review = sub.add_parser(
        "review", help="a writing report on PR/FAQs: lengths, reading time, readability, findings"
    )
    review.add_argument(
        "files", nargs="+", metavar="FILE", help="PR/FAQ files; the writing rules run on each, whatever its status"
    )
    review.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour the report (default: on a terminal)"
    )
    review.set_defaults(func=cmd_review)

    rules = sub.add_parser(
        "rules",
        help="list the rules and their severities",
        description="List every rule with its severity in a draft, in review and in a record (approved and"
        " later), as the configuration sets them, and what the configuration changed.",
    )
    rules.set_defaults(func=cmd_rules)
    return parser


def _quiet_stdout() -> None:
    """After a broken pipe: send what is left of the output nowhere, so that Python's own last
    flush does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 (kept as surrogates) is printed escaped, never a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        code: int = args.func(args)
    except SettingsError as exc:
        print(f"prfaq: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `prfaq list | head`
        _quiet_stdout()
        return EXIT_OK
    return code


def run() -> int:
    """The installed command: `main` in a process of its own.

    Such a short-lived process keeps nearly every object it makes to its end: the cyclic
    garbage collector would only scan them again and again (half a second of a check of 10,000
    documents, measured), so it is off. `main` leaves it alone, for callers in a longer process.
    """
    gc.disable()
    return main()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
