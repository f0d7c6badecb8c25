"""One pass over a corpus: load every file, run every rule, apply the configured severities."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import (
    CACHE_DIR,
    DICTIONARY_COPY,
    CheckCache,
    Entry,
    Stamp,
    fingerprint,
    stamp,
    user_cache_folder,
)
from .findings import Finding, Problem, Severity
from .forked import can_fork, in_slices
from .loader import Loaded, case_clashes, discover, display_path, display_paths, is_found, load
from .model import IN_WRITING, Document
from .rules.body import check_body
from .rules.corpus import References, check_local_images
from .rules.corpus import check_corpus as check_references
from .rules.fields import check_fields
from .rules.images import remote_image_check
from .rules.limits import limits_check
from .rules.placeholder import check_placeholders
from .rules.readability import MEMO_KEY, Readability
from .rules.registry import DRAFT_CAPPED, RULES, Category
from .rules.safety import check_safety
from .rules.schema import check_schema
from .rules.wordlists import WordLists
from .rules.writing import (
    WRITING_RULES,
    keep_dictionary_in,
    load_dictionary,
    warm_writing,
    with_guide,
    writing_problems,
)
from .settings import Settings, read_vocabulary

if TYPE_CHECKING:
    from .rules.duplicate import Compared

__all__ = ["PARALLEL_MIN_FILES", "CheckResult", "DocumentCheck", "NoSuchPath", "cache_for", "check_documents", "check_files", "check_folder", "corpus_paths", "default_jobs", "findings_of", "in_writing_scope", "named_files", "rules_text", "severity_for"]

#: A check of one document: returns its problems.
DocumentCheck = Callable[[Document], list[Problem]]
#: One file read by a check: its display path, its entry, and what `possible-duplicate` compares of it.
Read = tuple[str, Entry, "Compared | None"]


@dataclass(slots=True)
class CheckResult:
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    teams: dict[str, dict[str, str]] | None = None
    tags: dict[str, dict[str, str]] | None = None
    #: For `check_files`: each named file as its findings show it.
    named: list[str] = field(default_factory=list)
    #: The writing rules' problems of each file they ran on, by display path (every rule's,
    #: before severities apply; no handbook link): the build's writing review panels show them.
    writing: dict[str, tuple[Problem, ...]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def severity_for(settings: Settings, rule: str, status: str | None) -> Severity:
    """The severity of a rule's finding in a document of `status`: the configured one, at most
    a warning in a draft for the body and writing rules."""
    level = settings.severity(rule)
    if status == "draft" and level is Severity.ERROR and RULES[rule].category in DRAFT_CAPPED:
        return Severity.WARNING
    return level


#: A status of each kind, for `prfaq rules`: a draft, a document in review, a record.
_RULES_COLUMNS = (("draft", "draft"), ("in-review", "in-review"), ("records", "launched"))


def rules_text(settings: Settings, config: str) -> str:
    """`prfaq rules`: each rule's severity in a draft, in review and in a record, its category
    and summary, with what `config` (the file `settings` come from) changed; then how to read it."""
    rows = [["rule", *(name for name, _ in _RULES_COLUMNS), "category", "summary"]]
    for rule in RULES.values():
        cells = [
            "never" if not rule.on_records and status not in IN_WRITING
            else "if named" if rule.category is Category.WRITING and status not in IN_WRITING
            else severity_for(settings, rule.name, status).value
            for _, status in _RULES_COLUMNS
        ]  # fmt: skip
        summary = rule.summary
        if rule.name in settings.rules and settings.rules[rule.name] is not rule.default:
            summary += f" [{config} sets {settings.rules[rule.name].value}; default {rule.default.value}]"
        rows.append([rule.name, *cells, rule.category.value, summary])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])), row[-1]]) for row in rows]
    return "\n".join(lines) + (
        "\n\nIn a draft, the body and writing rules report at most a warning. The writing rules run on"
        " documents in draft or in review, and on every file named on the command line (as pre-commit"
        " names them); approved, building, launched, shelved, rejected and superseded documents are"
        " records, not rewritten for style: every other rule still runs on them, but for possible-duplicate,"
        " which asks only whether a document still being written repeats another."
    )


def _severity(settings: Settings, problem: Problem, status: str | None) -> Severity:
    return severity_for(settings, problem.rule, status)


WRITING_SET = frozenset(WRITING_RULES)

#: Below this many files, a second process costs more than it saves.
PARALLEL_MIN_FILES = 400
#: Slices of the files per process: small enough that a process slowed by other work on the
#: machine leaves more of them to the others (a first check at N = 10,000 under load 4 on 2
#: cores: 6.93 s against 7.46 s with 4 slices a process, medians of 6 alternated rounds).
SLICES_PER_JOB = 16

Raw = list[tuple[str, str | None, Problem]]


def _writing_on(settings: Settings) -> bool:
    return any(settings.severity(rule) is not Severity.OFF for rule in WRITING_RULES)


def _document_checks(settings: Settings) -> tuple[list[DocumentCheck], DocumentCheck | None]:
    """The checks every document gets, and the writing rules (None when all are off: they cost
    more than all the others together)."""
    checks: list[DocumentCheck] = [
        check_schema, check_fields, check_body, check_placeholders, check_safety, limits_check(settings.limits),
        remote_image_check(settings.image_hosts),
    ]  # fmt: skip
    if not _writing_on(settings):
        return checks, None
    words, lists = settings.weasel_words, settings.word_lists
    return checks, lambda doc: writing_problems(doc, words, lists)


def in_writing_scope(status: str | None, shown: str, reviewed: Collection[str]) -> bool:
    """Whether the writing rules apply to a file: one still being written (draft, in-review), or
    one named on the command line. A decided or closed document is a record, not rewritten for
    style: a new writing rule must not fail the check of a document decided years ago."""
    return status in IN_WRITING or shown in reviewed


def _lists_key(lists: WordLists) -> tuple[tuple[str, ...], ...]:
    """The word lists in an order that is the same in every run (a set's is not)."""
    return (lists.weasel_words, tuple(sorted(lists.common_acronyms)), tuple(sorted(lists.state_codes)))


def cache_for(settings: Settings) -> CheckCache:
    """The cache of `prfaq check` in the project's root, for these settings. It holds no
    handbook link (added to the writing findings when they are reported, under the site's URL:
    `mkdocs serve`'s is the preview's), so the check, the builds and `serve` share it."""
    options = (
        settings.max_file_size, settings.weasel_words, _writing_on(settings), settings.limits,
        settings.image_hosts, _lists_key(settings.word_lists),
    )  # fmt: skip
    return CheckCache(settings.root / CACHE_DIR, fingerprint(options))


@dataclass(frozen=True, slots=True)
class _Job:
    """What reading and checking a list of files needs; inherited by forked workers."""

    settings: Settings
    paths: list[Path]
    names: list[str]
    clashes: dict[str, str]
    wanted: set[str] | None
    stamps: dict[str, Stamp | None]
    #: Files the writing rules run on whatever their status (named on the command line).
    reviewed: frozenset[str] = frozenset()
    #: Whether `possible-duplicate` runs: each document's words are then sent along with its
    #: entry, so that the rule does not read the files again.
    compare: bool = False
    #: Files whose entry the cache holds, and the entries: read for their document alone, not
    #: checked again (the readability the writing rules measured is taken from the entry).
    settled: Mapping[str, Entry] = field(default_factory=dict)

    def run(self, start: int, stop: int, jobs: int = 1) -> tuple[Loaded, list[Read]]:
        """Read and check the files from `start` to `stop`; their entries, in order."""
        settings, wanted = self.settings, self.wanted
        loaded = load(
            self.paths[start:stop],
            root=settings.root,
            source=settings.source_dir,
            max_bytes=settings.max_file_size,
            bodies_for=wanted,
            names=self.names[start:stop],
            clashes=self.clashes,
        )
        checks, writing = _document_checks(settings)
        reviewing = self._reviewing(loaded.documents, jobs) if writing is not None else set()
        documents = {doc.path: doc for doc in loaded.documents}
        if self.compare:
            from .rules.duplicate import compared  # here: a check without the rule loads none of it
        out: list[Read] = []
        for shown in loaded.files:
            doc = documents.get(shown)
            kept = self.settled.get(shown)
            if kept is not None:
                if kept.readability is not None and doc is not None:
                    doc.memo[MEMO_KEY] = Readability(*kept.readability)  # as the writing rules left it
                continue
            full = wanted is None or shown in wanted
            problems: tuple[Problem, ...] = ()
            if doc is not None and full:
                problems = tuple(p for check in checks for p in check(doc))
                if writing is not None and shown in reviewing:
                    problems += tuple(writing(doc))
            entry = self._entry(shown, doc, loaded, problems, full, shown in reviewing)
            out.append((shown, entry, compared(doc) if self.compare and doc is not None else None))
        return loaded, out

    def _entry(
        self, shown: str, doc: Document | None, loaded: Loaded, problems: tuple[Problem, ...], full: bool, reviewed: bool
    ) -> Entry:
        """A file's entry, with the readability the writing rules measured when they ran on it."""
        measured: Readability | None = doc.memo.get(MEMO_KEY) if doc is not None and reviewed else None
        return Entry(
            self.stamps.get(shown) or (0, 0, 0),
            tuple(loaded.problems.get(shown, ())),
            problems,
            None if doc is None else References.of(doc),
            full,
            reviewed,
            None if measured is None else (measured.words, measured.sentences, measured.syllables),
        )

    def _reviewing(self, documents: list[Document], jobs: int) -> set[str]:
        """The documents the writing rules run on (with several `jobs`, run on many of them
        first, spread over the cores: they cost several times the other rules)."""
        settings, wanted = self.settings, self.wanted
        review = [
            d for d in documents
            if (wanted is None or d.path in wanted) and d.path not in self.settled
            and in_writing_scope(d.status, d.path, self.reviewed)
        ]  # fmt: skip
        if jobs > 1 and len(review) >= PARALLEL_MIN_FILES and can_fork():
            warm_writing(review, settings.weasel_words, jobs, settings.word_lists)
        return {d.path for d in review}


def _in_processes(job: _Job, jobs: int) -> list[Read]:
    """Run `job` in `jobs` forked processes, each on its share of the files.

    Only entries travel back (problems and references: a few small tuples per file, and the
    words `possible-duplicate` compares), which costs far less than sending whole documents
    between processes.
    """
    if _writing_on(job.settings):
        load_dictionary()
    return in_slices(lambda start, stop: job.run(start, stop)[1], len(job.paths), jobs, SLICES_PER_JOB)


def _kept(
    cache: CheckCache, shown: str, current: Stamp, full: bool, writing_on: bool, reviewed: frozenset[str]
) -> Entry | None:
    """The cache's entry for an unchanged file, unless the writing rules must run on it now and
    did not then (it was checked as a record)."""
    entry = cache.get(shown, current, full=full)
    if entry is not None and full and not entry.writing and writing_on:
        refs = entry.references
        if refs is not None and in_writing_scope(refs.status, shown, reviewed):
            return None
    return entry


def _read_and_check(
    settings: Settings,
    paths: Sequence[str | Path],
    wanted: set[str] | None,
    jobs: int,
    cache: CheckCache | None,
    keep_documents: bool,
    reviewed: frozenset[str] = frozenset(),
    every_document: bool = False,
) -> tuple[list[Document], list[str], dict[str, Entry], dict[str, Compared]]:
    """Each file's entry: from the cache when it is unchanged, else read and, when `wanted`,
    checked as one document. The documents read are returned when `keep_documents` (with
    `every_document`, those of unchanged files too, read again but not checked again), and what
    `possible-duplicate` compares of each when the rule runs."""
    names = display_paths(paths, settings.root)
    if cache is not None:
        keep_dictionary_in(user_cache_folder() / DICTIONARY_COPY)
    clashes = case_clashes(names)
    entries: dict[str, Entry] = {}
    stamps: dict[str, Stamp | None] = {}
    fresh: list[Path] = []
    fresh_names: list[str] = []
    settled: dict[str, Entry] = {}
    writing_on = _writing_on(settings)
    for path, shown in zip(paths, names, strict=True):
        if cache is not None and shown not in clashes:
            current = stamps[shown] = stamp(path)
            full = wanted is None or shown in wanted
            entry = None if current is None else _kept(cache, shown, current, full, writing_on, reviewed)
            if entry is not None:
                entries[shown] = entry
                if not every_document:
                    continue
                settled[shown] = entry  # its document is wanted: read again, its rules not run again
        fresh.append(Path(path))
        fresh_names.append(shown)
    compare = settings.severity("possible-duplicate") is not Severity.OFF
    job = _Job(settings, fresh, fresh_names, clashes, wanted, stamps, reviewed, compare, settled)
    documents: list[Document] = []
    if not keep_documents and jobs > 1 and len(fresh) >= PARALLEL_MIN_FILES and can_fork():
        read = _in_processes(job, jobs)
    else:
        loaded, read = job.run(0, len(fresh), jobs)
        documents = loaded.documents
    compared: dict[str, Compared] = {}
    for shown, entry, words in read:
        entries[shown] = entry
        if words is not None:
            compared[shown] = words
        if cache is not None and stamps.get(shown) is not None and shown not in clashes:
            cache.put(shown, entry)
    files = [shown for shown in names if shown in entries]
    return documents, files, entries, compared


@contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a corpus is read.

    Reading creates many small objects that all stay alive; the collector would scan them again
    and again for cycles there are none of (a third of the time of a large check, measured).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_jobs() -> int:
    """Processes for a large check: the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_documents(
    settings: Settings,
    paths: Sequence[str | Path],
    *,
    report: Iterable[str] | None = None,
    jobs: int = 1,
    cache: CheckCache | None = None,
    keep_documents: bool = True,
    reviewed: Iterable[str] = (),
    every_document: bool = False,
) -> CheckResult:
    """Check `paths` as one corpus; with `report`, keep only findings for those display paths.

    The writing rules run on documents in draft or in review, and on the display paths in
    `reviewed` whatever their status.

    With `jobs` > 1, a large corpus is checked in that many processes; the findings are the
    same, in the same order. With a `cache`, unchanged files are not read again, and the
    result's `documents` holds only the files that were; with `every_document` (a catalog is
    made of them all) they are read again for their documents, but their rules do not run
    again. Without `keep_documents` (when only findings are wanted) the result holds no
    document, and the processes share all the work rather than the writing rules alone.
    """
    teams = read_vocabulary(settings.teams_file, "teams")
    tags = read_vocabulary(settings.tags_file, "tags")
    wanted = set(report) if report is not None else None
    named = frozenset(reviewed)
    with _paused_gc():
        documents, files, entries, compared = _read_and_check(
            settings, paths, wanted, jobs, cache, keep_documents or every_document, named, every_document
        )
    if cache is not None:
        cache.save()
    raw, references = _file_problems(files, entries, wanted, named)
    for refs, problem in check_references(
        references, teams=teams, tags=tags, max_facet_values=settings.limits.facet_values, report=wanted
    ):
        raw.append((refs.path, refs.status, problem))
    for refs, problem in check_local_images(references, settings.root, settings.source_dir, wanted):
        raw.append((refs.path, refs.status, problem))
    raw.extend(_possible_duplicates(settings, paths, files, entries, wanted, keep=cache is not None, read=compared))
    findings = [
        finding
        for path, status, problem in raw
        if wanted is None or path in wanted
        for finding in findings_of(settings, path, status, [_guided(problem, settings.site_url)])
    ]
    findings.sort(key=Finding.sort_key)
    writing = {
        shown: tuple(p for p in entry.checked if p.rule in WRITING_SET)
        for shown, entry in entries.items()
        if entry.writing and (wanted is None or shown in wanted)
    }
    return CheckResult(documents, findings, files, teams, tags, writing=writing)


def _guided(problem: Problem, site_url: str) -> Problem:
    """A writing finding's message ends with its handbook link, under the site's URL."""
    return with_guide(problem, site_url) if problem.rule in WRITING_SET else problem


def _file_problems(
    files: list[str], entries: dict[str, Entry], wanted: set[str] | None, named: frozenset[str]
) -> tuple[Raw, list[References]]:
    """Each reported file's own problems, and every file's references for the cross-document
    rules, in corpus order: "also used by" names the first file with an id."""
    raw: Raw = []
    references: list[References] = []
    for shown in files:
        entry = entries[shown]
        if entry.references is not None:
            references.append(entry.references)
        if wanted is not None and shown not in wanted:
            continue  # known for the cross-document rules only
        raw.extend((shown, None, p) for p in entry.read)
        if entry.references is not None:
            status = entry.references.status
            if entry.writing and not in_writing_scope(status, shown, named):
                # Found when the file was named; in a check of the folder, a record is left alone.
                raw.extend((shown, status, p) for p in entry.checked if p.rule not in WRITING_SET)
            else:
                raw.extend((shown, status, p) for p in entry.checked)
    return raw, references


def _possible_duplicates(
    settings: Settings, paths: Sequence[str | Path], files: list[str], entries: dict[str, Entry],
    wanted: set[str] | None, *, keep: bool, read: dict[str, Compared],
) -> Raw:  # fmt: skip
    """`possible-duplicate` (rules/duplicate.py): it depends on every other document, so it is
    found in each check, from the vectors the rule keeps between checks (`keep`; `--no-cache`
    neither reads nor writes them). Only a reported document in writing makes it read anything."""
    if settings.severity("possible-duplicate") is Severity.OFF:
        return []
    reported = [
        shown for shown in files
        if (wanted is None or shown in wanted)
        and (refs := entries[shown].references) is not None and refs.status in IN_WRITING
    ]  # fmt: skip
    if not reported:
        return []
    from .rules.duplicate import check_duplicates

    return [(doc.path, doc.status, problem) for doc, problem in check_duplicates(settings, paths, reported, keep=keep, read=read)]


def findings_of(settings: Settings, path: str, status: str | None, problems: Iterable[Problem]) -> list[Finding]:
    """Problems of one file as findings, with their configured severities (none turned off)."""
    out = []
    for problem in problems:
        severity = _severity(settings, problem, status)
        if severity is not Severity.OFF:
            out.append(Finding(path, problem.line, problem.col, severity, problem.rule, problem.message))
    return out


def _found(settings: Settings, folder: str | Path | None = None) -> list[tuple[str, bool]]:
    """What `discover` finds in `folder` (the source folder by default), but the site's teams and
    tags files, which may sit there: they are read as such, never reported as files with no
    place there."""
    folder = settings.source_dir if folder is None else folder
    if not os.path.isdir(folder):
        return []
    own = _site_files(settings)
    names = {os.path.basename(p) for p in own}
    return [
        (path, link) for path, link in discover(folder)
        if os.path.basename(path) not in names or os.path.realpath(path) not in own
    ]  # fmt: skip


def _site_files(settings: Settings) -> set[str]:
    """The real paths of the site's teams and tags files."""
    return {os.path.realpath(p) for p in (settings.teams_file, settings.tags_file) if p is not None}


def corpus_paths(settings: Settings) -> list[str]:
    return [path for path, _ in _found(settings)]


def check_folder(
    settings: Settings,
    *,
    jobs: int = 1,
    cache: CheckCache | None = None,
    keep_documents: bool = True,
) -> CheckResult:
    return check_documents(
        settings, corpus_paths(settings), jobs=jobs, cache=cache, keep_documents=keep_documents
    )


def check_files(
    settings: Settings,
    files: Sequence[Path],
    *,
    jobs: int = 1,
    cache: CheckCache | None = None,
    keep_documents: bool = True,
    reviewed: Collection[Path] | None = None,
) -> CheckResult:
    """Check the named files in the context of the whole source folder (for cross-references).

    The writing rules run on those of `reviewed` (by default all of `files`: what an author or
    pre-commit names is being written) whatever their status, on the others as in the folder.
    """
    found = _found(settings)
    corpus = [path for path, _ in found]
    # `os.path.realpath`, unlike `Path.resolve` before Python 3.13, never raises on a link loop.
    # Below the source folder's own real path, a file that is no link is where it is found
    # (the search follows no link to a folder): only links need resolving, one by one.
    real_source, prefix = os.path.realpath(settings.source_dir), len(str(settings.source_dir))
    known = {os.path.realpath(path) if link else real_source + str(path)[prefix:]: path for path, link in found}
    # A named file is the corpus's own by its real path, however it was written (`a/../a/x.md`,
    # through a link): its findings are filed under the name the corpus knows it by.
    paths: list[str | Path] = list(corpus)
    shown: list[str] = []
    writing: list[str] = []
    reviewed_real = None if reviewed is None else {os.path.realpath(path) for path in reviewed}
    for named in files:
        real = os.path.realpath(named)
        own = known.get(real)
        if own is None:
            paths.append(named)
            shown.append(display_path(named.absolute(), settings.root))
        else:
            shown.append(display_path(own, settings.root))
        if reviewed_real is None or real in reviewed_real:
            writing.append(shown[-1])
    result = check_documents(
        settings,
        paths,
        report=shown,
        jobs=jobs,
        cache=cache,
        keep_documents=keep_documents,
        reviewed=writing,
    )
    result.named = shown
    return result


class NoSuchPath(ValueError):
    """A path named for a check that names nothing."""


def _skipped_by_the_folder(settings: Settings, path: Path) -> bool:
    """Whether a check of the whole source folder leaves `path` out (a README, a name starting
    with `_` or `.`, or in such a folder): named on the command line, as pre-commit names every
    changed file, it is left out too."""
    try:
        inside = Path(os.path.realpath(path)).relative_to(os.path.realpath(settings.source_dir))
    except ValueError:
        return False  # outside the folder: checked because it was asked for
    return not is_found(inside.parts)


def named_files(settings: Settings, given: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """The files a check of the paths `given` covers (a folder's found files, each once), and
    those named one by one, which get the writing rules whatever their status. NoSuchPath for a
    path that names nothing."""
    files: list[Path] = []
    named: list[Path] = []
    own = _site_files(settings)
    for text in given:
        path = Path(text)
        if not text:
            raise NoSuchPath("an empty path")
        if path.is_dir():
            files.extend(Path(p) for p, _ in _found(settings, path))
        elif path.exists() or path.is_symlink():
            if not _skipped_by_the_folder(settings, path) and os.path.realpath(path) not in own:
                files.append(path)
                named.append(path)
        else:
            raise NoSuchPath(f"{text}: no such file or folder")
    return list({os.path.realpath(f): f for f in files}.values()), named  # a file named twice is one
