"""What `prfaq check` learnt about each file, kept between runs.

Pre-commit runs the check on the files of a commit, yet every other document must be known for
the cross-document rules; and a second check of an unchanged folder should not redo the work of
the first. So each file's result (the problems found reading and checking it, and its
:class:`References`) is kept in `.prfaq_cache/` at the project's root, as ruff and pytest keep
theirs. An entry is used only while the file's size, modification time and inode are those it
was read with, and the whole cache only while the program and the settings that change a
document's findings are those it was made with. Severities are applied after, so changing them
keeps the cache.

The file is a pickle of plain tuples, strings and numbers, read by an unpickler that refuses
every class and function: a file planted in the working tree can give no more than data, which
is used only under this program's key. It loads in a third of the time of the same entries as
JSON and needs no conversion back to tuples (one file checked among 10,000: 50 ms less, measured
in bench/README.md). It is written whole to a temporary name and renamed, so that two checks
running at once never leave a torn file; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat as _stat
import sys
import time
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Any, NamedTuple

from .findings import Problem
from .rules.corpus import References

__all__ = ["CACHE_DIR", "DICTIONARY_COPY", "CheckCache", "Entry", "Stamp", "fingerprint", "keep", "keepable", "kept_stamp", "load_plain", "stamp", "user_cache_folder"]

#: The folder, at the project's root.
CACHE_DIR = ".prfaq_cache"
_FILE = "check.pickle"
_RECENT = "check-recent.pickle"
#: The files of the JSON cache before it: removed at the first full write.
_FORMER = ("check.json", "check-recent.json")
#: The parsed hyphenation dictionary of the readability rule (see `keep_dictionary_in`), in the
#: user's cache folder: it is the same for every project, and a pickle must never be read from
#: the working tree, where a pull request could put one.
DICTIONARY_COPY = "hyphenation-patterns.pickle"
#: Entries learnt since the last full write that `check-recent.pickle` may hold.
_RECENT_MAX = 256
#: A file changed this recently may change again within the clock's resolution without its
#: stamp changing: such a file is not kept (git's "racy" entries).
_RACY_NS = 2_000_000_000

#: (size, modification time in ns, inode): what says a file is unchanged.
Stamp = tuple[int, int, int]


def user_cache_folder() -> Path:
    """This program's folder in the user's cache: `$XDG_CACHE_HOME/prfaq` or `~/.cache/prfaq`,
    `~/Library/Caches/prfaq` on macOS, `%LOCALAPPDATA%/prfaq/Cache` on Windows (platformdirs'
    choices; platformdirs itself takes 25 ms to import, a tenth of a pre-commit check)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "prfaq" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "prfaq"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return Path(xdg if os.path.isabs(xdg) else Path.home() / ".cache") / "prfaq"


def stamp(path: str | Path) -> Stamp | None:
    """The file's stamp; None for a symbolic link (whose target may change unseen) or a file
    that cannot be read."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return None if _stat.S_ISLNK(st.st_mode) else (st.st_size, st.st_mtime_ns, st.st_ino)


def _open_folder(folder: Path) -> None:
    """Make the cache folder, which ignores itself in git. Raises `OSError`."""
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Made by `prfaq check`; safe to delete.\n*\n", encoding="utf-8")


def keep(folder: Path, name: str, data: bytes) -> None:
    """`data` as the file `name` of the cache folder `folder` (`.prfaq_cache/`), written whole
    under a temporary name, then renamed; a cache that cannot be written is skipped."""
    from .files import write_whole  # only when writing: a check that learns nothing starts sooner

    try:
        _open_folder(folder)
        write_whole(folder / name, data)
    except OSError:
        return


def keepable(current: Stamp | None, now: int) -> bool:
    """Whether a file of stamp `current` can be kept by its stamp at `now` (ns): it was changed
    long enough ago that a change within the clock's resolution would have changed its stamp."""
    return current is not None and now - current[1] > _RACY_NS


def kept_stamp(current: Stamp | None, now: int) -> list[int] | None:
    """`current` as a file of kept results records it (a list, for JSON or numpy's files), or
    None when it is not :func:`keepable`: the file is read again next time."""
    return list(current) if current is not None and keepable(current, now) else None


class Entry(NamedTuple):
    """One file's result: problems from reading it, from the checks of one document, and what
    other documents can refer to (None when no document could be read)."""

    stamp: Stamp
    read: tuple[Problem, ...]
    checked: tuple[Problem, ...]
    references: References | None
    #: False when the file was read only as context (front matter, no body): its body's checks
    #: have not run and its links are not known.
    full: bool
    #: Whether the writing rules ran on it (they run only where they apply: see `check`).
    writing: bool = False
    #: The press release's readability (words, sentences, syllables), when the writing rules
    #: measured it: the writing review panel of a document read again shows it unmeasured.
    readability: tuple[int, int, int] | None = None

    def plain(self) -> tuple[Any, ...]:
        """The entry as plain tuples, as the cache file keeps it."""
        return (
            self.stamp,
            tuple((p.rule, p.line, p.col, p.message) for p in self.read),
            tuple((p.rule, p.line, p.col, p.message) for p in self.checked),
            None if self.references is None else _shared(self.references),
            self.full,
            self.writing,
            self.readability,
        )

    @classmethod
    def from_plain(cls, data: tuple[Any, ...]) -> Entry:
        """The inverse of :meth:`plain`."""
        st, read, checked, refs, full, writing, readability = data
        if readability is not None:
            words, sentences, syllables = map(int, readability)  # a torn entry raises here, not later
            readability = (words, sentences, syllables)
        return cls(
            st,
            tuple(Problem(*p) for p in read) if read else (),
            tuple(Problem(*p) for p in checked) if checked else (),
            None if refs is None else References._make(refs),
            full,
            writing,
            readability,
        )


def _shared(refs: References) -> tuple[Any, ...]:
    """`refs` as a plain tuple, its status, team and tags interned: the pickle then holds each
    such word once for all entries (10,000 entries load in a fifth less time, measured)."""
    intern = sys.intern
    team = refs.team
    return tuple(
        refs._replace(
            status=None if refs.status is None else intern(refs.status),
            team=None if team is None else (intern(team[0]), team[1], team[2]),
            tags=tuple((intern(tag), line, col) for tag, line, col in refs.tags),
        )
    )


class _PlainUnpickler(pickle.Unpickler):
    """Reads pickles of plain data only: any class or function named in the file is refused."""

    def find_class(self, module: str, name: str, /) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} in the check's cache: not plain data")


def load_plain(data: bytes) -> Any:
    """The data of a pickle that holds plain data only (see `_PlainUnpickler`)."""
    return _PlainUnpickler(BytesIO(data)).load()


def fingerprint(options: Iterable[object]) -> str:
    """A digest of this program (every file of the core: its code, the schema and the word lists
    included), the Python that runs it, and `options`: the settings a document's findings depend on."""
    digest = hashlib.sha256(sys.version.encode())
    # The package's folder as a path: `importlib.resources` would add 7 ms to every check's start.
    core = Path(__file__).parent
    for item in sorted(_files(core), key=str):
        digest.update(str(item).encode())
        digest.update(item.read_bytes())
    digest.update(json.dumps([repr(o) for o in options]).encode())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    out = []
    for item in folder.iterdir():
        if item.is_dir():
            if item.name != "__pycache__":
                out.extend(_files(item))
        elif item.name.endswith((".py", ".json", ".md", ".txt")):
            out.append(item)
    return out


class CheckCache:
    """Entries by file (as displayed in findings), read from and written to `folder`.

    Two files: `check.pickle` holds every entry as of its last full write, and `check-recent.pickle`
    the entries learnt since, as long as they are few. A check of one changed file among
    thousands (pre-commit's case) then writes a few kilobytes, not the whole cache again.
    """

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self._old: dict[str, Any] = {}
        #: The entries of `check-recent.pickle`, and the generation of `check.pickle` they extend.
        self._recent: dict[str, Any] = {}
        self._generation: str | None = None
        #: Entries of this run: those found unchanged (as read, not parsed again to be written)
        #: and those learnt anew.
        self._kept: dict[str, Any] = {}
        self._new: dict[str, Entry] = {}
        self._now = time.time_ns()
        base = self._read(_FILE)
        if base is None or not isinstance(base.get("generation"), str):
            return
        self._old, self._generation = base["entries"], base["generation"]
        recent = self._read(_RECENT)
        if recent is not None and recent.get("generation") == self._generation:
            self._recent = recent["entries"]
            self._old.update(self._recent)

    def _read(self, name: str) -> dict[str, Any] | None:
        try:
            data = load_plain((self.folder / name).read_bytes())
        except Exception:  # a torn or planted file: whatever the unpickler raises
            return None
        if isinstance(data, dict) and data.get("key") == self.key and isinstance(data.get("entries"), dict):
            return data
        return None

    def get(self, shown: str, current: Stamp, *, full: bool) -> Entry | None:
        """The entry for an unchanged file; with `full`, only one whose body was checked."""
        raw = self._old.get(shown)
        if raw is None:
            return None
        try:
            if raw[0] != current or (full and not raw[4]):
                return None
            entry = Entry.from_plain(raw)
        except (TypeError, ValueError, IndexError, KeyError):
            return None
        self._kept[shown] = raw
        return entry

    def put(self, shown: str, entry: Entry) -> None:
        if keepable(entry.stamp, self._now):
            self._new[shown] = entry

    def save(self) -> None:
        """Write the entries of this run (files no longer there are dropped)."""
        if not self._new and self._kept.keys() == self._old.keys():
            return
        learnt = {shown: e.plain() for shown, e in self._new.items()}
        current = {**self._kept, **learnt}
        recent = {shown: current[shown] for shown in self._recent.keys() | learnt.keys() if shown in current}
        stale = len(self._old.keys() - current.keys())
        try:
            _open_folder(self.folder)
            if self._generation is not None and len(recent) + stale <= _RECENT_MAX:
                self._write(_RECENT, {"key": self.key, "generation": self._generation, "entries": recent})
            else:
                import secrets

                generation = secrets.token_hex(8)
                self._write(_FILE, {"key": self.key, "generation": generation, "entries": current})
                for name in (_RECENT, *_FORMER):
                    (self.folder / name).unlink(missing_ok=True)
        except OSError:
            return

    def _write(self, name: str, data: dict[str, Any]) -> None:
        from .files import write_whole  # only when writing: a check that learns nothing starts sooner

        write_whole(self.folder / name, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
