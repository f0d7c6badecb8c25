"""Split a PR/FAQ into front matter and body, and read the YAML with a position for every value.

MkDocs swallows YAML errors and PyYAML silently keeps the last of two duplicate keys, so the
front matter is read here from PyYAML's event stream (the C parser when available) into plain
Python values. Reading events, not nodes, lets us refuse aliases, anchors and custom tags before
anything is constructed, bound the nesting depth without recursion, and remember where each value
stood so that every finding points at the real line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .findings import Problem
from .yaml_advice import Mark, advise

__all__ = ["CONTROL", "LOADERS", "MAX_DEPTH", "FrontMatter", "Path", "Position", "SplitText", "parse_yaml", "split"]

#: The parsers to read with, fastest first: libyaml's when PyYAML was built with it.
LOADERS: tuple[type, ...] = (
    (yaml.CSafeLoader, yaml.SafeLoader) if hasattr(yaml, "CSafeLoader") else (yaml.SafeLoader,)
)

Path = tuple[str | int, ...]

MAX_DEPTH = 12
_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
#: C0 but tab, newline and carriage return; DEL; C1; surrogates; Unicode's non-characters: what
#: no value may hold (the `control-character` rule).
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
#: CONTROL's ASCII characters: in ASCII text, a search for these is ten times faster.
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A comment after a value's place on its line: ` # text`.
_COMMENT = re.compile(r"[ \t]*(#.*?)[ \t]*$")
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_resolver = Resolver()
_constructor = SafeConstructor()


class Position(NamedTuple):
    """A 1-based line and column (a named tuple: one is made for every value read)."""

    line: int
    col: int


@dataclass(slots=True)
class FrontMatter:
    """The parsed front matter: values, where each stood, and the raw text of each scalar."""

    data: dict[str, Any]
    #: Position of each value, by path (`("decision", "date")`, `("tags", 1)`); `()` is the mapping.
    positions: dict[Path, Position] = field(default_factory=dict)
    #: Position of each mapping key, by the path of its value.
    key_positions: dict[Path, Position] = field(default_factory=dict)
    #: The scalar as written, by path, to explain how YAML read it (`no` read as false).
    raw: dict[Path, str] = field(default_factory=dict)
    #: The line of the closing `---`.
    end_line: int = 1
    #: Whether every key and value is made of the source's own characters, none of them in
    #: CONTROL: an ASCII source without backslash (YAML's escapes) or CONTROL character. Then
    #: no value can hold one, and the `control-character` rule need not look at each.
    verbatim: bool = False

    def position(self, path: Path) -> Position:
        """Where the value at `path` stood, or the nearest parent that exists."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))


@dataclass(slots=True)
class SplitText:
    front: str | None
    body: str
    body_line: int
    end_line: int


def split(text: str) -> tuple[SplitText | None, Problem | None]:
    """Find the `---` fences. Returns the parts, or a `front-matter` problem.

    Walks the front matter's lines only: the body, often most of the file, is sliced off whole.
    """
    end = text.find("\n")
    if not _FENCE.match(text[: end if end >= 0 else len(text)]):
        return None, Problem(
            "front-matter",
            1,
            1,
            "no front matter: the file must start with a line `---`, then the YAML fields, then `---`"
            " (notes that are not a PR/FAQ can stay in the folder under a name that starts with `_`)",
        )
    number, start = 2, end + 1
    while end >= 0:
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        if _CLOSE.match(line):
            return (
                SplitText(
                    front=text[text.find("\n") + 1 : max(start - 1, text.find("\n") + 1)],
                    body=text[end + 1 :] if end >= 0 else "",
                    body_line=number + 1,
                    end_line=number,
                ),
                None,
            )
        number, start = number + 1, end + 1
    return None, Problem("front-matter", 1, 1, "unterminated front matter: add a line `---` after the last field")


class _Frame:
    __slots__ = ("container", "key", "keys", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.keys: dict[str, int] = {}


@lru_cache(maxsize=8192)
def _implicit_tag(value: str) -> str:
    """The tag YAML gives a plain scalar (`no` is a bool, `0042` an int); cached, as values repeat."""
    tag: str = _resolver.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _scalar_value(event: yaml.ScalarEvent) -> tuple[Any, str | None]:
    """Construct a scalar as YAML's safe loader would; returns (value, error message)."""
    if event.tag not in (None, "!") and event.tag not in _STANDARD_TAGS:
        return None, f"custom YAML tag `{_shown_tag(event.tag)}` is refused; remove it and write a plain value"
    if event.tag in (None, "!"):
        tag = _implicit_tag(event.value) if event.implicit[0] else "tag:yaml.org,2002:str"
    else:
        tag = event.tag
    if tag == "tag:yaml.org,2002:timestamp":
        # Keep dates as written: the schema checks them, with a precise message.
        return event.value, None
    if tag == "tag:yaml.org,2002:str":
        return event.value, None
    node = ScalarNode(tag, event.value, None, None, event.style)
    try:
        return _constructor.construct_object(node, deep=True), None
    except (ConstructorError, ValueError) as exc:
        return event.value, f"cannot read `{event.value}` as {tag.rsplit(':', 1)[-1]}: {exc}"


def _library_limit(exc: yaml.YAMLError) -> bool:
    """Whether the parser gave up on a limit of its own (libyaml >= 0.2.5 stops at 1,000 levels).

    The C scanner reads ahead up to 1,024 characters to find simple keys, so on `[[[[...` its own
    limit fires before our depth check sees the events; the pure-Python parser has no such limit.
    """
    return "nesting depth" in str(exc)


def parse_yaml(
    source: str, first_line: int, loaders: tuple[type, ...] = LOADERS
) -> tuple[FrontMatter | None, list[Problem]]:
    """Read a YAML mapping from `source`, whose first line is line `first_line` of the file.

    Reads with the first of `loaders`; if that parser stops on a nesting limit of its own, the
    next one reads again, so that deep nesting always gets this module's finding (MAX_DEPTH),
    at the value that crosses it, whatever PyYAML's version or build.
    """
    for number, line in enumerate(source.split("\n") if "\t" in source else (), start=first_line):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return None, [
                Problem(
                    "yaml-syntax",
                    number,
                    indent.index("\t") + 1,
                    "tab used for indentation; YAML needs spaces: indent with two spaces",
                )
            ]
    for index, loader in enumerate(loaders):
        try:
            front, problems = _parse_events(loader(source), first_line)
            if front is not None:
                front.verbatim = "\\" not in source and source.isascii() and _ASCII_CONTROL.search(source) is None
                if "#" in source:
                    _note_comments(front, source, first_line)
            return front, problems
        except yaml.YAMLError as exc:
            if index + 1 < len(loaders) and _library_limit(exc):
                continue
            return None, [_yaml_error(exc, first_line, source)]
    raise AssertionError("no YAML loader")  # pragma: no cover - loaders is never empty


def _note_comments(front: FrontMatter, source: str, first_line: int) -> None:
    """Keep, as the raw text of an empty value, the comment that follows it on its line: in
    `title: #1 in refunds`, YAML reads ` #` as the start of a comment and the title as null, and
    the finding should say so."""
    lines = source.split("\n")
    for path, raw in front.raw.items():
        if raw == "":
            pos = front.positions[path]
            comment = _COMMENT.match(lines[pos.line - first_line], pos.col - 1)
            if comment is not None:
                front.raw[path] = comment.group(1)


def _yaml_error(exc: yaml.YAMLError, first_line: int, source: str = "") -> Problem:
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # A control character typed as is (not as an escape): YAML refuses it before parsing, at
        # its first occurrence (libyaml counts its position in bytes, PyYAML in characters).
        at = max(source.find(chr(exc.character)), 0)
        start = source.rfind("\n", 0, at) + 1
        return Problem(
            "yaml-syntax",
            first_line + source.count("\n", 0, start),
            at - start + 1,
            f"invalid YAML: the character U+{exc.character:04X} (a control character or a non-character) cannot"
            " stand in YAML, even quoted: remove it",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = ", ".join(part for part in (exc.problem, exc.context) if part) or "invalid YAML"
        if mark is None:  # pragma: no cover - PyYAML marks every syntax error
            return Problem("yaml-syntax", first_line, 1, f"invalid YAML: {what}")
        stopped = Mark(mark.line, mark.column)
        began = Mark(exc.context_mark.line, exc.context_mark.column) if exc.context_mark is not None else stopped
        advice = advise(exc.problem or "", exc.context or "", source.split("\n"), stopped, began, first_line)
        if advice is None:
            return Problem("yaml-syntax", stopped.line + first_line, stopped.column + 1, f"invalid YAML: {what}")
        where = advice.at or (began if advice.at_start else stopped)
        return Problem(
            "yaml-syntax", where.line + first_line, where.column + 1, f"invalid YAML: {advice.text} (the parser: {what})"
        )
    return Problem("yaml-syntax", first_line, 1, f"invalid YAML: {exc}")  # pragma: no cover - errors without marks


class _Stop(Exception):
    """The front matter cannot be read further: the problems found so far say why."""


class _EventReader:
    """Builds the values of one front matter from the parser's events, with the position of each
    value and key, and the problems met on the way (a refusal stops it with `_Stop`)."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.problems: list[Problem] = []
        self.result = FrontMatter(data={})
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_seen = False
        self.documents = 0

    def at(self, mark: Any) -> Position:
        return Position(mark.line + self.first_line, mark.column + 1)

    def refuse(self, rule: str, pos: Position, message: str) -> NoReturn:
        self.problems.append(Problem(rule, pos.line, pos.col, message))
        raise _Stop

    def attach(self, value: Any, pos: Position, raw: str | None) -> Path | None:
        """Put `value` where the parser is: the root, the next item of a list, or the value of the
        key just read."""
        result = self.result
        if not self.stack:
            if self.root_seen:
                return None
            self.root, self.root_seen = value, True
            result.positions[()] = pos
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        else:
            assert frame.key is not None
            path = (*frame.path, frame.key)
            frame.container[frame.key] = value
            frame.key = None
        result.positions[path] = pos
        if raw is not None:
            result.raw[path] = raw
        return path

    def awaits_key(self) -> _Frame | None:
        """The mapping whose next scalar is a key, if the parser is in one."""
        frame = self.stack[-1] if self.stack else None
        return frame if frame is not None and isinstance(frame.container, dict) and frame.key is None else None

    def node(self, event: Any) -> None:
        """Anchors and aliases are refused: a small file could expand into a huge value."""
        if isinstance(event, yaml.AliasEvent):
            pos = self.at(event.start_mark)
            self.refuse("yaml-alias", pos, f"YAML alias `*{event.anchor}` is refused: write the value out")
        if event.anchor is not None:
            pos = self.at(event.start_mark)
            self.refuse("yaml-alias", pos, f"YAML anchor `&{event.anchor}` is refused: remove it")

    def scalar(self, event: Any) -> None:
        pos = self.at(event.start_mark)
        frame = self.awaits_key()
        if frame is not None:
            key = event.value
            if key in frame.keys:
                self.problems.append(
                    Problem(
                        "duplicate-key",
                        pos.line,
                        pos.col,
                        f"key `{key}` appears twice (first on line {frame.keys[key]}); keep one",
                    )
                )
            frame.keys[key] = pos.line
            frame.key = key
            self.result.key_positions[(*frame.path, key)] = pos
            return
        value, error = _scalar_value(event)
        if error is not None:
            if error.startswith("custom YAML tag"):
                self.refuse("yaml-tag", pos, error)
            self.problems.append(Problem("yaml-syntax", pos.line, pos.col, error))
        self.attach(value, pos, event.value if event.implicit[0] else None)

    def collection(self, event: Any) -> None:
        pos = self.at(event.start_mark)
        if event.tag not in (None, "!") and event.tag not in _STANDARD_TAGS:
            self.refuse("yaml-tag", pos, f"custom YAML tag `{_shown_tag(event.tag)}` is refused; remove it")
        if self.awaits_key() is not None:
            self.refuse("yaml-syntax", pos, "a mapping key must be a plain word, not a list or mapping")
        if len(self.stack) >= MAX_DEPTH:
            self.refuse("yaml-syntax", pos, f"front matter nested deeper than {MAX_DEPTH} levels")
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self.attach(container, pos, None)
        self.stack.append(_Frame(container, path if path is not None else ()))

    def read(self, loader: Any) -> None:
        """Every event of the document, straight from the (C) parser: `yaml.parse` would add a
        generator step per event. The commonest events are told by their exact class first (a
        chain of `isinstance` took a third of the time); any other takes the general way."""
        scalar, ends = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while (event := loader.get_event()) is not None:
            kind = type(event)
            if kind is scalar and event.anchor is None:
                self.scalar(event)
            elif kind in ends:
                self.stack.pop()
            elif not self.other(event):
                return

    def other(self, event: Any) -> bool:
        """Any other event; False when reading stops (a second document)."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                line = self.at(event.start_mark).line
                self.problems.append(Problem("yaml-syntax", line, 1, "more than one YAML document"))
                return False
        elif isinstance(event, yaml.NodeEvent):
            self.node(event)
            if isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self.collection(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
        return True

    def finish(self) -> tuple[FrontMatter | None, list[Problem]]:
        """The front matter read, if it is a mapping."""
        root, problems = self.root, self.problems
        if not self.root_seen or root is None:
            line = max(self.first_line - 1, 1)
            problems.append(Problem("front-matter", line, 1, "front matter is empty: add the required fields"))
            return None, problems
        if not isinstance(root, dict):
            kind = "a list" if isinstance(root, list) else "a single value"
            pos = self.result.positions[()]
            problems.append(
                Problem("front-matter", pos.line, pos.col, f"front matter is {kind}; it must be a mapping of `field: value` lines")
            )
            return None, problems
        self.result.data = root
        return self.result, problems


def _parse_events(loader: Any, first_line: int) -> tuple[FrontMatter | None, list[Problem]]:
    """Build the values from the parser's events; YAML errors propagate to `parse_yaml`."""
    reader = _EventReader(first_line)
    try:
        reader.read(loader)
    except _Stop:
        return None, reader.problems
    return reader.finish()
