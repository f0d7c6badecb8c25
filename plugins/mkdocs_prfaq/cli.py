"""The `prfaq` command line: check, scaffold, list and review PR/FAQs.

Exit status: 0 when no errors, 1 when there are errors (or warnings with `--strict`), 2 for
usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath

from . import __version__
from .core.check import NoSuchPath, cache_for, check_files, check_folder, default_jobs, named_files, rules_text
from .core.findings import Severity, render, seen_from, seen_path, summary_line
from .core.loader import is_prfaq_name
from .core.model import STATUSES
from .core.settings import Settings, SettingsError, load_settings, require_source_dir

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "run"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> Settings:
    if args.config is not None and not Path(args.config).is_file():
        raise SettingsError(f"--config {args.config}: {'a folder, not a file' if Path(args.config).is_dir() else 'no such file'}")
    settings = load_settings(Path(args.config or "mkdocs.yml"))  # none, if there is none: the defaults
    for notice in settings.notices:
        print(f"prfaq: {notice}", file=sys.stderr)
    return settings


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args).skipping(args.skip)
    cache = None if args.no_cache else cache_for(settings)
    jobs = settings.jobs or default_jobs()
    if args.paths:
        try:
            files, named = named_files(settings, args.paths)
        except NoSuchPath as exc:
            print(f"prfaq check: {exc}", file=sys.stderr)
            return EXIT_USAGE
        result = check_files(settings, files, jobs=jobs, cache=cache, keep_documents=False, reviewed=set(named))
        checked = [str(path) for path in files]
    else:
        require_source_dir(settings)
        result = check_folder(settings, jobs=jobs, cache=cache, keep_documents=False)
        checked = result.files
    documents = sum(1 for path in checked if is_prfaq_name(PurePath(path).name))
    output = render(seen_from(result.findings, settings.root, Path.cwd().resolve()), args.format)
    try:
        if output or args.format == "json":
            print(output)
        if args.format == "text":
            print(summary_line(result.findings, documents, len(checked) - documents), file=sys.stderr)
    except BrokenPipeError:  # `prfaq check | head`: the findings still decide the status
        _quiet_stdout()
    return EXIT_FINDINGS if result.failed(strict=args.strict) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from .core.scaffold import ScaffoldError, default_author, draft, write_draft
    from .core.suggest import closest_text

    if not args.title.strip():
        print('prfaq new: give the headline, in quotes: prfaq new "Refunds in one tap" --team payments', file=sys.stderr)
        return EXIT_USAGE
    settings = _settings(args)
    if settings.no_config:  # not in a site's folder: a draft here would start a stray prfaqs/
        require_source_dir(settings)
    author = args.author or default_author()
    try:
        new = draft(
            settings, title=args.title, team=args.team, author=author, today=dt.date.today(), doc_id=args.id,
            customer=args.customer,
        )  # fmt: skip
        if new.errors:
            print(f"prfaq new: nothing written; `prfaq check` would fail it:\n{render(new.errors, 'text')}", file=sys.stderr)
            return EXIT_USAGE
        print(closest_text(settings, args.title, args.customer), end="", file=sys.stderr)
        write_draft(new)
    except ScaffoldError as exc:
        print(f"prfaq new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    here = Path.cwd().resolve()  # the path to open from here, as check's findings name files
    print(new.path.relative_to(here) if new.path.is_relative_to(here) else new.path)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    # Imported here: `check` starts faster without them.
    from .core.exports import listing_records, listing_text, unmatched_filters
    from .core.pipeline import load_catalog

    settings = _settings(args)
    loaded = load_catalog(settings, jobs=settings.jobs or default_jobs(), cache=cache_for(settings))
    if loaded.check.errors:
        print(
            f"prfaq list: {len(loaded.check.errors)} error(s) in the folder; run `prfaq check`. Every file is listed,"
            " with its errors; values with a finding are left out.",
            file=sys.stderr,
        )
    records = listing_records(loaded, settings.directory_urls, status=args.status, team=args.team, tag=args.tag)
    if not records:
        for reason in unmatched_filters(listing_records(loaded, settings.directory_urls), team=args.team, tag=args.tag):
            print(f"prfaq list: {reason}", file=sys.stderr)
    here = Path.cwd().resolve()
    for record in records:  # named as `prfaq check` names them, from where the command runs
        record["source"] = seen_path(record["source"], settings.root, here)
    print(listing_text(records, args.format), end="")
    return EXIT_FINDINGS if loaded.check.errors else EXIT_OK


def handbook_markers() -> dict[str, Callable[[], str]]:
    """The handbook's markers: the core's, and this command line's usage (`<!-- prfaq:cli -->`),
    which the core cannot import: the MkDocs plugin and `prfaq export` fill the same ones."""
    from .core.render import handbook
    from .core.render.reference import usage_markdown

    return {**handbook.MARKERS, "<!-- prfaq:cli -->": lambda: usage_markdown(build_parser())}


def cmd_export(args: argparse.Namespace) -> int:
    from .core.export_folder import ExportRefused, export_site

    settings = _settings(args)
    if not args.folder.strip():
        print("prfaq export: give the folder to write, such as build/zensical/docs", file=sys.stderr)
        return EXIT_USAGE
    try:
        run = export_site(
            settings, Path(args.config or "mkdocs.yml"), Path(args.folder), jobs=settings.jobs or default_jobs(),
            markers=handbook_markers(),
        )  # fmt: skip
    except ExportRefused as exc:
        print(f"prfaq export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if run.check_errors or run.errors:
        print(render(run.check_errors or run.errors, "text"))
    print(f"prfaq export: {run.summary(args.folder)}", file=sys.stderr)
    return EXIT_FINDINGS if run.report is None or run.errors else EXIT_OK


def cmd_finish(args: argparse.Namespace) -> int:
    from .core.built_site import NotASite, finish_site
    from .core.search_index import SearchIndexError

    try:
        done = finish_site(_settings(args), Path(args.site), export=args.export and Path(args.export), language=args.language)
    except NotASite as exc:
        print(f"prfaq finish: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SearchIndexError as exc:
        print(f"prfaq finish: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    for line in (done.summary(), done.notice):
        if line:
            print(f"prfaq finish: {line}", file=sys.stderr)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    print(rules_text(_settings(args), args.config or "mkdocs.yml"))
    return EXIT_OK


def _use_color(choice: str) -> bool:
    """Colour on a terminal unless NO_COLOR is set (https://no-color.org); never in a pipe."""
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def cmd_review(args: argparse.Namespace) -> int:
    from .core.review import LEFT_OUT, format_review, review_files, reviewable

    settings = _settings(args)
    for given in args.files:
        if not Path(given).is_file():
            what = "a folder: name its files (prfaq review FOLDER/*.md)" if Path(given).is_dir() else "no such file"
            print(f"prfaq review: {given}: {what}", file=sys.stderr)
            return EXIT_USAGE
    reviewed, left_out = reviewable(settings, args.files)
    for given in left_out:
        print(f"prfaq review: {given}: {LEFT_OUT}", file=sys.stderr)
    if not reviewed:
        return EXIT_USAGE
    reviews = review_files(settings, reviewed)
    color = _use_color(args.color)
    print("\n\n".join(format_review(review, color=color) for review in reviews))
    failed = any(f.severity is Severity.ERROR for review in reviews for f in review.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _add_engine_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`export` and `finish`: the catalog for a docs engine that runs no MkDocs plugin (Zensical)."""
    export = sub.add_parser(
        "export", help="write the catalog's pages and files into a folder a docs engine builds from",
        description="Check the source folder, then write the catalog's pages (Markdown), catalog.json, the feeds"
        " and the assets into FOLDER, with a copy of the docs folder whose handbook pages are completed (unless"
        " FOLDER is the docs folder). Only changed files are written; files written before and no longer"
        " generated are removed (the list is FOLDER/.prfaq-export.json); other files are never touched."
        " With errors, nothing is written.",
    )  # fmt: skip
    export.add_argument("folder", metavar="FOLDER", help="the folder to write, e.g. build/zensical/docs")
    export.set_defaults(func=cmd_export)

    finish = sub.add_parser(
        "finish", help="after another engine's build: the site's own Mermaid, then the Pagefind search index",
        description="What the MkDocs plugin does to the pages it builds, for a site another engine built from"
        " `prfaq export`: pages with a diagram load the site's own copy of Mermaid (not a CDN's), the repository"
        " link asks the repository host's API nothing, the generated pages' edit links point at their sources"
        " (--export); then Pagefind indexes SITE into SITE/pagefind/.",
    )  # fmt: skip
    finish.add_argument("site", metavar="SITE", help="the built site's folder, e.g. build/zensical/site")
    finish.add_argument("--language", default="en", help="the index's language (default: en)")
    finish.add_argument(
        "--export", metavar="FOLDER",
        help="the folder `prfaq export` wrote the site from: the generated pages' edit links then point at"
        " each PR/FAQ's source (none on the catalog's own pages), as with the plugin",
    )  # fmt: skip
    finish.set_defaults(func=cmd_finish)


def _add_check_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="validate PR/FAQs and print every finding")
    check.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files or folders (default: the configured source folder); a file named here gets the writing"
        " rules whatever its status",
    )  # fmt: skip
    check.add_argument("--format", choices=("text", "github", "json"), default="text", help="output format (default: text)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--no-cache", action="store_true", help="read every file again, ignoring and leaving alone the results kept in .prfaq_cache/"
    )
    check.add_argument(
        "--skip", action="append", default=[], metavar="RULE",
        help="leave a rule out of this run (repeatable); the pre-commit hook skips possible-duplicate, which"
        " compares the file with every other document, and leaves it to the pull request's check",
    )  # fmt: skip
    check.set_defaults(func=cmd_check)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prfaq", description="Check, scaffold, list and review PR/FAQ documents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help="print the version and exit")
    parser.add_argument(
        "--config", default=None, metavar="FILE", help="the MkDocs config whose `prfaq` plugin options apply (default: mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", help="what to do (each has its own --help)")

    _add_check_command(sub)

    new = sub.add_parser("new", help="write a new PR/FAQ from the template, with the next free id")
    new.add_argument("title", help="the headline, in quotes")
    new.add_argument("--team", required=True, help="the owning team's slug")
    new.add_argument("--author", help="'Name <email>' (default: from git config)")
    new.add_argument("--id", help="use this id instead of the next free one")
    new.add_argument("--customer", help="who it is for, in quotes: written into the draft, and with the title"
                     " compared with the catalog to print the closest PR/FAQs first")
    new.set_defaults(func=cmd_new)

    listing = sub.add_parser(
        "list", help="query the catalog",
        description="List every file of the source folder with its validated values; a value a finding"
        " points at is left out, and a file with errors says how many (run `prfaq check` for them).",
    )  # fmt: skip
    listing.add_argument("--status", choices=STATUSES, help="only documents with this status")
    listing.add_argument("--team", metavar="SLUG", help="only documents of this team (its slug)")
    listing.add_argument("--tag", metavar="TAG", help="only documents with this tag")
    listing.add_argument(
        "--format", choices=("table", "json", "csv"), default="table",
        help="a table for people (default), JSON records (with an `errors` list), or CSV for spreadsheets",
    )  # fmt: skip
    listing.set_defaults(func=cmd_list)

    review = sub.add_parser("review", help="a writing report on PR/FAQs: lengths, reading time, readability, findings")
    review.add_argument("files", nargs="+", metavar="FILE", help="PR/FAQ files; the writing rules run on each, whatever its status")
    review.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour the report (default: on a terminal)"
    )
    review.set_defaults(func=cmd_review)

    _add_engine_commands(sub)
    rules = sub.add_parser(
        "rules", help="list the rules and their severities",
        description="List every rule with its severity in a draft, in review and in a record (approved and"
        " later), as the configuration sets them, and what the configuration changed.",
    )  # fmt: skip
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
