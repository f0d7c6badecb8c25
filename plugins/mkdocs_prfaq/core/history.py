"""Each PR/FAQ's history from git, read in one pass over the whole source folder.

Four `git` processes per build, however many documents there are (five when files were moved
into the source folder from outside it):

1. `git rev-parse` finds the work tree's top and whether the clone is shallow;
2. one `git log --reverse -M --raw` over the source folder lists every commit that touched a
   PR/FAQ, with the blob of each version and the renames (so a file moved between folders keeps
   its history);
3. one `git log --no-walk` over the commits that added a file there tells which of those files
   were moved in from outside the folder (the source folder itself renamed, say): then the log
   is read again over the folder and those old paths, so that their history comes along;
4. one `git cat-file --batch` reads every distinct blob those commits produced, to tell the
   front matter's `status` at each commit.

Outside a git checkout, in a shallow clone, or without `git`, nothing is filled in and
:attr:`History.message` says why; the documents keep their front-matter dates.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .model import STATUSES, Document

__all__ = ["GitError", "History", "apply_history", "read_history", "status_of"]

#: Fields of a commit header in `git log --format`, separated by US, each commit opened by RS.
_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%ae"
_NULL_BLOB = "0" * 40
_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_STATUS = re.compile(r"""^status:[ \t]*(["']?)([A-Za-z-]+)\1[ \t]*(?:#.*)?$""")
_ENV = {"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


class GitError(RuntimeError):
    """`git` is missing or a command failed."""


def run_git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run one `git` command and return its standard output (the single place `git` runs)."""
    env = {**os.environ, **_ENV}
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=env
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed with status {done.returncode}")
    return done.stdout


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    #: Author date, in UTC, as `YYYY-MM-DDTHH:MM:SSZ`.
    date: str
    author: str
    email: str


@dataclass(slots=True)
class FileHistory:
    """The commits of one file, oldest first, with the blob each commit left."""

    versions: list[tuple[Commit, str]] = field(default_factory=list)

    @property
    def created(self) -> dt.date:
        return dt.date.fromisoformat(self.versions[0][0].date[:10])

    @property
    def updated(self) -> dt.date:
        return dt.date.fromisoformat(self.versions[-1][0].date[:10])

    def contributors(self) -> list[str]:
        """Commit authors as `Name <email>`, in the order of their first commit, each once."""
        seen: dict[str, str] = {}
        for commit, _ in self.versions:
            key = commit.email.lower() or commit.author
            seen.setdefault(key, f"{commit.author} <{commit.email}>" if commit.email else commit.author)
        return list(seen.values())


@dataclass(slots=True)
class History:
    """What git knows, by document path (relative to the project root, as in :attr:`Document.path`)."""

    files: dict[str, FileHistory] = field(default_factory=dict)
    #: The front matter's status in each blob read (None when it has none, or an unknown one).
    statuses: dict[str, str | None] = field(default_factory=dict)
    #: Why there is no history, to be said once; None when it was read.
    message: str | None = None

    @property
    def available(self) -> bool:
        return self.message is None

    def status_history(self, path: str) -> list[dict[str, str]]:
        """Each commit where the status changed, oldest first: `{date, status, author, commit}`.
        The first entry is the status the document was first committed with."""
        out: list[dict[str, str]] = []
        record = self.files.get(path)
        if record is None:
            return out
        last: str | None = None
        for commit, blob in record.versions:
            status = self.statuses.get(blob)
            if status is None or status == last:
                continue
            last = status
            out.append({"date": commit.date, "status": status, "author": commit.author, "commit": commit.sha})
        return out


def status_of(text: str) -> str | None:
    """The `status` of a PR/FAQ's front matter, read cheaply (a top-level `status:` line)."""
    lines = text.split("\n", 200)
    if not lines or not _FENCE.match(lines[0].lstrip("\ufeff").rstrip("\r")):
        return None
    for line in lines[1:200]:
        line = line.rstrip("\r")
        if _CLOSE.match(line):
            return None
        match = _STATUS.match(line)
        if match:
            value = match.group(2)
            return value if value in STATUSES else None
    return None


def _utc(iso: str) -> str:
    when = dt.datetime.fromisoformat(iso).astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_log(data: bytes) -> list[tuple[Commit, list[tuple[str, str, str, str | None]]]]:
    """Parse `git log -z --raw --format=_FORMAT` output: each commit with its changes, as
    `(kind, blob, path, new_path)` where kind is git's letter (A, M, D, R, C, T) and new_path is
    set for renames and copies."""
    out: list[tuple[Commit, list[tuple[str, str, str, str | None]]]] = []
    for chunk in data.decode("utf-8", "surrogateescape").split("\x1e"):
        if not chunk:
            continue
        header, _, rest = chunk.partition("\x00")
        sha, date, author, email = [*header.split("\x1f"), "", "", ""][:4]
        commit = Commit(sha.strip(), _utc(date.strip()), author, email)
        tokens = rest.lstrip("\n").split("\x00")
        changes: list[tuple[str, str, str, str | None]] = []
        i = 0
        while i < len(tokens):
            meta = tokens[i].lstrip("\n")
            i += 1
            if not meta.startswith(":"):
                continue
            fields = meta[1:].split()
            if len(fields) < 5 or i >= len(tokens):
                break
            blob, kind = fields[3], fields[4][:1]
            path = tokens[i]
            i += 1
            new_path: str | None = None
            if kind in "RC" and i < len(tokens):
                new_path = tokens[i]
                i += 1
            changes.append((kind, blob, path, new_path))
        out.append((commit, changes))
    return out


def follow(
    log: Iterable[tuple[Commit, list[tuple[str, str, str, str | None]]]],
) -> dict[str, FileHistory]:
    """Replay the log oldest first: each file's versions under its current path, across renames."""
    live: dict[str, FileHistory] = {}
    for commit, changes in log:
        for kind, blob, path, new_path in changes:
            if kind == "D":
                live.pop(path, None)
            elif kind == "R" and new_path is not None:
                record = live.pop(path, None) or FileHistory()
                record.versions.append((commit, blob))
                live[new_path] = record
            elif kind == "C" and new_path is not None:
                live[new_path] = FileHistory([(commit, blob)])
            elif kind == "A":
                live[path] = FileHistory([(commit, blob)])
            else:
                live.setdefault(path, FileHistory()).versions.append((commit, blob))
    return live


def parse_batch(data: bytes) -> dict[str, str]:
    """Parse `git cat-file --batch` output into text by object id."""
    out: dict[str, str] = {}
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].decode("ascii", "replace").split()
        pos = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        out[header[0]] = data[pos : pos + size].decode("utf-8", "replace")
        pos += size + 1
    return out


#: `git log` as `parse_log` reads it (with `--reverse` or `--no-walk` first, and paths last).
_CHANGES = (
    "-M", "--raw", "--no-abbrev", "-z", "--no-color", "--no-ext-diff", "--no-textconv", f"--format={_FORMAT}",
)  # fmt: skip
_GIT_LOG = ("-c", "core.quotePath=false", "log")
_LOG = (*_GIT_LOG, "--reverse", *_CHANGES)


def _under(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")


def _moved_in(log: list[tuple[Commit, list[tuple[str, str, str, str | None]]]], folder: str, top: Path) -> set[str]:
    """The paths outside `folder` from which files the log shows as added were moved in: a log
    limited to the folder sees such a move as a new file, and would lose what came before (one
    move deep: a file moved twice from outside keeps the history since its first move)."""
    added = [commit.sha for commit, changes in log if any(kind == "A" for kind, *_ in changes)]
    if not added:
        return set()
    # Those commits alone, each against its parent, over the whole tree: moves show as renames.
    show = [*_GIT_LOG, "--no-walk=unsorted", "--stdin", *_CHANGES]
    whole = parse_log(run_git(show, top, ("\n".join(added) + "\n").encode()))
    return {
        path
        for _, changes in whole
        for kind, _, path, new_path in changes
        if kind == "R" and new_path is not None and _under(new_path, folder) and not _under(path, folder)
    }


def read_history(root: Path, source_dir: Path) -> History:
    """Read the history of every file under `source_dir` (paths keyed relative to `root`)."""
    if not source_dir.is_dir():
        return History(message=f"{source_dir} is not a folder")
    try:
        top_text, shallow = run_git(
            ["rev-parse", "--show-toplevel", "--is-shallow-repository"], source_dir
        ).decode("utf-8", "surrogateescape").splitlines()[:2]
    except (GitError, ValueError) as exc:
        reason = str(exc) if isinstance(exc, GitError) else "unexpected output"
        return History(message=f"not a git checkout ({reason})")
    if shallow.strip() == "true":
        return History(message="the git clone is shallow (fetch the full history, e.g. `fetch-depth: 0`)")
    top = Path(top_text).resolve()
    try:
        source_rel = source_dir.resolve().relative_to(top).as_posix()
        root_rel = root.resolve().relative_to(top)
    except ValueError:
        return History(message=f"{source_dir} is outside the git work tree {top}")
    inside = source_rel or "."
    try:
        log = parse_log(run_git([*_LOG, "--", inside], top))
        moved_in = _moved_in(log, source_rel, top)
        if moved_in:
            log = parse_log(run_git([*_LOG, "--", inside, *sorted(moved_in)], top))
    except GitError as exc:
        if "does not have any commits" in str(exc):
            return History()
        return History(message=f"git log failed ({exc})")
    live = {path: record for path, record in follow(log).items() if _under(path, source_rel)}
    blobs = sorted({blob for record in live.values() for _, blob in record.versions if blob != _NULL_BLOB})
    texts: dict[str, str] = {}
    if blobs:
        try:
            texts = parse_batch(run_git(["cat-file", "--batch"], top, ("\n".join(blobs) + "\n").encode()))
        except GitError as exc:
            return History(message=f"git cat-file failed ({exc})")
    history = History(statuses={blob: status_of(text) for blob, text in texts.items()})
    for path, record in live.items():
        try:
            shown = (top / path).relative_to(top / root_rel).as_posix()
        except ValueError:
            continue
        history.files[shown] = record
    return history


def apply_history(documents: Iterable[Document], history: History) -> None:
    """Fill each document's `history`, `git_created`, `git_updated` and `contributors`."""
    for doc in documents:
        record = history.files.get(doc.path)
        if record is None or not record.versions:
            continue
        doc.history = history.status_history(doc.path)
        doc.git_created = record.created
        doc.git_updated = record.updated
        doc.contributors = record.contributors()
