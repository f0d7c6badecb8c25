"""Find the PR/FAQ files in a folder and read each one into a document, or into problems.

Nothing is skipped silently: every file under the folder either becomes a :class:`Document` or
produces at least one error naming it, but for a README, names starting with `_` or `.` (kept
for templates) and the images a site copies beside the pages (:func:`attachments`). A file that
is no PR/FAQ (`notes.txt`, `idea.markdown`) is an `unread-file` error, not left out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .body import BodyStructure, analyse
from .findings import Problem
from .frontmatter import parse_yaml, split
from .model import Document
from .rules.safety import file_name_problems

__all__ = [
    "ATTACHMENT_SUFFIXES", "DEFAULT_MAX_BYTES", "Loaded", "attachments", "case_clashes", "discover", "display_path",
    "display_paths", "is_attachment_name", "is_found", "is_prfaq_name", "load", "not_copied", "read_document",
]  # fmt: skip

DEFAULT_MAX_BYTES = 1_000_000
#: Images an author keeps beside a PR/FAQ and links by a relative path: a site copies them. Not
#: SVG: an SVG file can hold a script, which would run on the site's origin for a reader who
#: opens the image by its address.
ATTACHMENT_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


#: Files that systems and editors leave beside the ones saved (`x.md~`, `#x.md#` are editors').
_SCRATCH = frozenset({"thumbs.db", "desktop.ini"})


def _skipped(name: str) -> bool:
    """Names kept for templates (`_`), hidden ones, and the scratch files of editors and systems."""
    return name.startswith(("_", ".")) or name.endswith("~") or name[:1] == name[-1:] == "#" or name.lower() in _SCRATCH


def _readme(name: str) -> bool:
    lowered = name.lower()
    return lowered == "readme" or lowered.startswith("readme.")


def is_prfaq_name(name: str) -> bool:
    return name.lower().endswith(".md") and not _readme(name) and not _skipped(name)


def is_attachment_name(name: str) -> bool:
    return name.lower().endswith(ATTACHMENT_SUFFIXES) and not _skipped(name)


def _is_read(name: str) -> bool:
    """Whether `discover` yields a file of this name: a PR/FAQ, or a file that has no place in
    the folder (which the loader reports); not a README, an image or a name it skips."""
    return not (_skipped(name) or _readme(name) or is_attachment_name(name))


def is_found(relative: Sequence[str]) -> bool:
    """Whether `discover` yields the file at this path below the source folder (its parts),
    in no folder whose name it skips."""
    return bool(relative) and _is_read(relative[-1]) and not any(_skipped(part) for part in relative[:-1])


@dataclass(slots=True)
class Loaded:
    """What reading a set of files gave: documents, and problems by file."""

    documents: list[Document] = field(default_factory=list)
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    #: Every file considered, in order, as displayed in findings.
    files: list[str] = field(default_factory=list)

    def add(self, path: str, problem: Problem) -> None:
        self.problems.setdefault(path, []).append(problem)


def display_paths(paths: Iterable[str | Path], root: Path) -> list[str]:
    """`display_path` of each path; the common case (below `root`) without a call per path."""
    base = str(root) + "/"
    if os.sep != "/" or base == "//":
        return [display_path(path, root) for path in paths]
    size = len(base)
    return [
        path[size:] if isinstance(path, str) and path.startswith(base) else display_path(path, root)
        for path in paths
    ]


def display_path(path: str | Path, root: Path) -> str:
    text, base = str(path), str(root)
    if os.sep == "/" and text.startswith(base) and text[len(base) : len(base) + 1] == "/" and base != "/":
        return text[len(base) + 1 :]  # the common case, without `relative_to`'s cost (10,000 files: 0.1 s)
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that loops
        return False


def discover(source: str | Path) -> Iterator[tuple[str, bool]]:
    """Yield (path, is_symlink) for every file under `source` the loader reads or reports,
    sorted, recursively: PR/FAQs, files with no place there, links to images (the images
    a site copies are files, never links).

    Symbolic links to folders are yielded, not followed: the loader decides what to do with them.
    Paths are strings: a check of one file among 10,000 has no use for 10,000 `Path` objects,
    which take 30 ms to make.
    """
    try:
        entries = sorted(os.scandir(source), key=lambda e: e.name)
    except OSError:
        return
    folders: list[str] = []
    files: list[tuple[str, bool]] = []
    for entry in entries:  # `DirEntry` knows most of this without another system call
        if _skipped(entry.name):
            continue
        link = entry.is_symlink()
        if entry.is_dir(follow_symlinks=False):
            folders.append(entry.path)
        elif link and _is_dir(entry):
            yield entry.path, True
        elif _is_read(entry.name) or (link and is_attachment_name(entry.name)):
            files.append((entry.path, link))
    yield from files
    for folder in folders:
        yield from discover(folder)


def attachments(source: str | Path) -> list[str]:
    """The images under `source` that a site copies beside its PR/FAQ pages (paths relative to
    `source`, with `/`; a folder's files, then its folders', each sorted): regular files only,
    in no folder or name that is skipped."""
    found: list[str] = []
    base = str(source)
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        for name in sorted(names):
            path = os.path.join(folder, name)
            if is_attachment_name(name) and not_copied(Path(path), Path(source)) is None:
                found.append(os.path.relpath(path, base).replace(os.sep, "/"))
    return found


def not_copied(image: Path, source: Path) -> str | None:
    """Why the file at `image` is not among the images a site copies from `source` (said after
    the image's name), or None when it is: the one test of :func:`attachments` and of the
    `missing-image` rule."""
    if not os.path.lexists(image):
        return "is not there: add it beside the PR/FAQ, or correct the link"
    if os.path.islink(image) or not os.path.isfile(image):
        return "is a symbolic link or not a file: the site copies only images that are files; copy it here"
    try:
        inside = Path(os.path.realpath(image)).relative_to(os.path.realpath(source))
    except ValueError:
        return f"is outside {source.name}/: the site copies only the images in it; move it there"
    if any(_skipped(part) for part in inside.parts):
        return (
            f"is in {inside.parent.as_posix()}/ or has a name the site skips (starting with `_` or `.`):"
            " move or rename it"
        ) if len(inside.parts) > 1 else "has a name the site skips (starting with `_` or `.`): rename it"
    if not is_attachment_name(inside.name):
        return f"is no image the site copies ({', '.join(ATTACHMENT_SUFFIXES)}); an SVG: export it as PNG"
    return None


def _decode(data: bytes) -> tuple[str | None, Problem | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows PowerShell's `>` writes
        return None, Problem("file-encoding", 1, 1, "UTF-16 text: PR/FAQs are UTF-8; save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        col = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, Problem("file-encoding", line, col, "binary file (a NUL byte): PR/FAQs are UTF-8 Markdown text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        return None, Problem(
            "file-encoding",
            line,
            col,
            f"not UTF-8: byte 0x{byte:02X} is invalid here ({exc.reason}); save the file as UTF-8",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def read_document(path: Path, shown: str, text: str, *, body: bool = True) -> tuple[Document | None, list[Problem]]:
    """Parse one file's text; returns the document (if its front matter could be read) and problems.

    With `body=False` the body's structure is not analysed: enough for a document read only as
    context for another's cross-references.
    """
    if not text or text.isspace():
        return None, [Problem("front-matter", 1, 1, "empty file: start from `prfaq new` or the template")]
    parts, problem = split(text)
    if parts is None or parts.front is None:
        return None, [problem] if problem else []
    front, problems = parse_yaml(parts.front, first_line=2)
    if front is None:
        return None, problems
    front.end_line = parts.end_line
    structure = analyse(parts.body, parts.body_line) if body else BodyStructure()
    return Document(shown, front, parts.body, parts.body_line, structure), problems


def case_clashes(shown: Iterable[str]) -> dict[str, str]:
    """For each file name that differs from an earlier one's only in case, that earlier name."""
    first: dict[str, str] = {}
    clashes: dict[str, str] = {}
    for name in shown:
        earlier = first.setdefault(name.lower(), name)
        if earlier != name:
            clashes[name] = earlier
    return clashes


def _name_problems(path: Path, shown: str, source: Path | None, clashes: Mapping[str, str]) -> list[Problem]:
    """What is wrong with a file's name (or, below `source`, its folders' names), and its clash
    with another name that differs only in case (such a file is not read)."""
    below = display_path(path, source) if source is not None else ""
    problems = file_name_problems(below if below and not below.startswith("/") else shown.rsplit("/", 1)[-1])
    if shown in clashes:
        clash = f"differs from `{clashes[shown]}` only in case; the two clash on macOS and Windows: rename one"
        problems = [*problems, Problem("file-name-case", 1, 1, clash)]
    return problems


def _link_problem(link: Path, real_source: Path | None) -> Problem | None:
    """What keeps a symbolic link from being read: a missing target, a loop, a place outside
    the source folder (None when it may be read)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop (RuntimeError before 3.13)
        return Problem("symlink", 1, 1, "broken symbolic link: its target is missing or loops; remove it")
    if real_source is not None and not target.is_relative_to(real_source):
        return Problem(
            "symlink", 1, 1, "symbolic link to a place outside the source folder; it is not read: copy the file instead"
        )
    return None


#: What :func:`_refusal` gives for a link to a folder inside the source folder.
_INSIDE = Problem("symlink", 1, 1, "")


def _refusal(path: Path, real_source: Path | None) -> Problem | None:
    """What keeps a file from being read (a link that is not followed, a name that is no
    PR/FAQ's), :data:`_INSIDE` for a link to a folder inside the source; None to read it."""
    if path.is_symlink():
        refused = _link_problem(path, real_source)
        if refused is not None:
            return refused
        if path.is_dir():
            return _INSIDE
    if is_prfaq_name(path.name):
        return None
    inside = real_source is None or Path(os.path.realpath(path)).is_relative_to(real_source)
    return _unread(path) if inside else Problem("unread-file", 1, 1, "not a PR/FAQ: a PR/FAQ's name ends in `.md`")


_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdx")


def _unread(path: Path) -> Problem:
    """Why a file of the folder is not read, and what to do."""
    name = path.name
    lowered = name.lower()
    if is_attachment_name(name):  # only a link to an image is found
        what = "a symbolic link to an image: the site copies images that are files, not links; copy the image here"
    elif lowered.endswith(".svg"):
        what = (
            "an SVG image: the site does not copy SVG files, which can hold scripts that would run on its pages;"
            " save it as PNG and link that"
        )
    elif lowered.rstrip(". ").endswith(".md") or lowered.endswith(_MARKDOWN_SUFFIXES):
        stem = name.rstrip(". ")
        stem = stem[: -len(".md")] if stem.lower().endswith(".md") else stem.rsplit(".", 1)[0]
        what = f"not read: a PR/FAQ's name ends in `.md`; rename it to `{stem}.md`"
    else:
        images = ", ".join(ATTACHMENT_SUFFIXES)
        what = (
            f"not a PR/FAQ (`.md`) nor an image the site shows ({images}): move it out of the folder,"
            " or rename it if it is a PR/FAQ"
        )
    return Problem("unread-file", 1, 1, what)


def _read_text(path: Path, max_bytes: int) -> str | Problem:
    """The file's text, or why it is not read (not a regular file, too large, unreadable, not UTF-8)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read forever
            return Problem("file-encoding", 1, 1, "not a regular file (a pipe, socket or device): remove it")
        if status.st_size > max_bytes:
            return Problem(
                "file-size",
                1,
                1,
                f"file is {status.st_size:,} bytes, over the {max_bytes:,}-byte limit: move material to an appendix",
            )
        data = path.read_bytes()
    except OSError as exc:
        return Problem("file-encoding", 1, 1, f"cannot read the file: {exc.strerror}")
    text, problem = _decode(data)
    if problem is not None or text is None:
        return problem or Problem("file-encoding", 1, 1, "unreadable")
    return text


def load(
    paths: Iterable[Path],
    *,
    root: Path,
    source: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    bodies_for: Collection[str] | None = None,
    names: Sequence[str] | None = None,
    clashes: Mapping[str, str] | None = None,
) -> Loaded:
    """Read every path. `source` bounds symbolic links: a link leading outside it is refused.

    With `bodies_for`, only the files it names (as displayed) have their body analysed: the
    others are read as context for cross-references, which needs their front matter alone.
    A caller that reads part of a corpus passes the paths' display `names` and the whole
    corpus's :func:`case_clashes`.
    """
    loaded = Loaded()
    real_source = source.resolve() if source is not None else None
    paths = list(paths)
    if names is None:
        names = [display_path(path, root) for path in paths]
    if clashes is None:
        clashes = case_clashes(names)
    for path, shown in zip(paths, names, strict=True):
        loaded.files.append(shown)
        for problem in _name_problems(path, shown, source, clashes):
            loaded.add(shown, problem)
        if shown in clashes:
            continue
        refused = _refusal(path, real_source)
        if refused is _INSIDE:  # a link to a folder inside the source: its files are found where they are
            loaded.files.pop()
            continue
        if refused is not None:
            loaded.add(shown, refused)
            continue
        text = _read_text(path, max_bytes)
        if isinstance(text, Problem):
            loaded.add(shown, text)
            continue
        document, problems = read_document(path, shown, text, body=bodies_for is None or shown in bodies_for)
        for item in problems:
            loaded.add(shown, item)
        if document is not None:
            loaded.documents.append(document)
    return loaded
