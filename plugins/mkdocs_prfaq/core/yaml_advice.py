"""What to do about a YAML syntax error in a front matter.

PyYAML says what its grammar expected ("did not find expected key"), not what the author did.
Authors of front matter make a handful of mistakes again and again: a colon in a title, a value
that starts with `[`, a backtick or `@`, a quote never closed, a line without its key. Each is
recognised here from the parser's problem and context and the line it stopped on. The finding
then points where the mistake starts and says how to fix it. PyYAML's own words stay at the end
of the message for anyone who searches for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["Advice", "Mark", "advise"]

#: A key glued to its value (`title:Refunds`): YAML reads the line as one word.
_GLUED_KEY = re.compile(r"^\s*[\w-]+:[^\s:]")
#: A `key: value` line's value, to see how it starts.
_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+(\S)")
#: A value that opens with a quote, and what follows the quote on its line.
_QUOTED_VALUE = re.compile(r"^\s*(?:-\s+|[\w-]+:\s+)([\"'])(.*)$")
#: A double quote that is not escaped (an even run of backslashes may stand before it).
_DOUBLE_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')
_OPENERS = {"[": ("list", "]"), "{": ("mapping", "}")}
_OPENER = re.compile(r"[\[{]")
#: A `#` that starts a comment inside a flow list or mapping: after a space, a comma or the bracket.
_COMMENT_IN_FLOW = re.compile(r"[\s\[{,](#)")
_QUOTE_IN_VALUE = "put the whole value in double quotes"


class Mark(NamedTuple):
    """A place in the front matter: 0-based line and column."""

    line: int
    column: int


class Advice(NamedTuple):
    """How to fix a syntax error, and where the finding points: where the construct that failed
    began (`at_start`: an opening quote or bracket), another place (`at`), or else where the
    parser stopped."""

    text: str
    at_start: bool = False
    at: Mark | None = None


#: Mistakes told by a fragment of the parser's problem and one of its context, whose advice does
#: not depend on the line. The C parser (libyaml) and PyYAML's own word them alike enough.
_KNOWN: tuple[tuple[str, str, Advice], ...] = (
    ("mapping values are not allowed", "", Advice(
        "a colon followed by a space starts a new key, and a key cannot stand inside a value: "
        f'{_QUOTE_IN_VALUE}, as in `title: "Refunds: now in a day"`; a key of its own is not indented'
    )),
    ("end of stream", "quoted scalar", Advice(
        "the quote that opens this value is never closed: end the value with the same quote mark", True
    )),
    ("unknown escape character", "", Advice(
        "a backslash inside double quotes starts an escape such as `\\n`: write `\\\\` for a backslash,"
        " or put the value in single quotes"
    )),
    *(
        ("", f"scanning an {construct}", Advice(
            f"a value that starts with '{char}' is read as a YAML {construct}: {_QUOTE_IN_VALUE}", True
        ))
        for construct, char in (("alias", "*"), ("anchor", "&"))
    ),
    ("", "block scalar", Advice(
        f"'|' or '>' at the start of a value begins a block of lines below it: {_QUOTE_IN_VALUE}"
    )),
    ("sequence entries are not allowed", "", Advice(
        f"a value that starts with '- ' is read as a list: {_QUOTE_IN_VALUE}, or write each item on a"
        " line of its own below the key (`  - item`)"
    )),
)  # fmt: skip


def advise(
    problem: str, context: str, lines: Sequence[str], stop: Mark, start: Mark, first_line: int = 1
) -> Advice | None:
    """Advice for the parser's `problem` (and its `context`) in the front matter's `lines`, given
    where the parser stopped and where the construct that failed began (0-based); `first_line`
    is the file's line number of `lines[0]`. None when the error is none of the known mistakes."""
    for in_problem, in_context, advice in _KNOWN:
        if in_problem in problem and in_context in context:
            return advice
    stopped_on = lines[stop.line] if stop.line < len(lines) else ""
    if "flow" in context:
        return _unclosed_flow(lines, start if "flow node" not in context else stop)
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return _open_quote_above(lines, stop, first_line) or _after_value(stopped_on)
    if "cannot start any token" in problem:
        char = stopped_on[stop.column : stop.column + 1]
        return Advice(f"a value cannot start with {repr(char) if char else 'this character'}: {_QUOTE_IN_VALUE}")
    if "could not find expected ':'" in problem:
        if _GLUED_KEY.match(lines[start.line] if start.line < len(lines) else ""):
            return Advice("a key needs a space after its colon, as in `title: Refunds`", True)
        return Advice(
            "each line of the front matter is `key: value`: add the key and its colon, or indent the line"
            " if it goes on with the value above",
            True,
        )
    return None


def _unclosed_flow(lines: Sequence[str], start: Mark) -> Advice | None:
    """A `[` list or `{` mapping not closed on its line: most often a `#` inside it, which starts
    a comment that hides the rest of the line and the closing bracket with it (`tags: [#refunds]`).
    `start` is where the list opened, or for an error at the end of the front matter (no place
    given), where the parser stopped: the nearest line above that opens one is taken."""
    number = next((n for n in range(min(start.line, len(lines) - 1), -1, -1) if _OPENER.search(lines[n])), None)
    if number is None:
        return None
    line = lines[number]
    opened = _OPENER.search(line, start.column if number == start.line else 0) or _OPENER.search(line)
    assert opened is not None  # the line holds one
    opener = opened.group(0)
    kind, closer = _OPENERS[opener]
    comment = _COMMENT_IN_FLOW.search(line, opened.start())
    if comment is not None:
        return Advice(
            f"'#' after a space, a comma or '{opener}' starts a comment, which hides the rest of the line and"
            f" the '{closer}' that closes the {kind}: put the value that starts with '#' in double quotes"
            ' ("#refunds"), or leave the \'#\' out',
            at=Mark(number, comment.start(1)),
        )
    return Advice(
        f"the {kind} opened by '{opener}' here is not closed on its line: close it with '{closer}',"
        f" or, if the value is text, {_QUOTE_IN_VALUE}",
        at=Mark(number, opened.start()),
    )


def _open_quote_above(lines: Sequence[str], stop: Mark, first_line: int) -> Advice | None:
    """A quoted value left open on a line above. YAML reads on, over the lines between, to the
    next quote mark (often the opening quote of the next quoted value), takes it as the closing
    one and stops just after it: an odd number of quote marks before where it stopped, on the
    line it stopped on, tells this case from text after a value's own closing quote."""
    before = lines[stop.line][: stop.column] if stop.line < len(lines) else ""
    if not any(_open(quote, before) for quote in "\"'"):
        return None
    for number in range(min(stop.line, len(lines)) - 1, -1, -1):
        found = _QUOTED_VALUE.match(lines[number])
        if found is not None and _open(found.group(1), found.group(1) + found.group(2)):
            return Advice(
                "the quote that opens this value is not closed on its line: YAML reads on to the next quote"
                f" mark, on line {stop.line + first_line}: end the value with the same quote mark",
                at=Mark(number, found.start(1)),
            )
    return None


def _open(quote: str, text: str) -> bool:
    """Whether `text` leaves a `quote` open: an odd number of them, not counting the escaped
    ones (`\\"` in double quotes, `''` in single quotes)."""
    if quote == '"':
        return len(_DOUBLE_QUOTE.findall(text)) % 2 == 1
    return text.replace("''", "").count("'") % 2 == 1


def _after_value(line: str) -> Advice:
    """A line that goes on where YAML expected the next key: text after a closed quote or
    bracket, or a line indented as no key or list item above it is."""
    start = _VALUE.match(line)
    first = start.group(1) if start is not None else ""
    if first and first in "\"'":
        return Advice(
            "text follows the value's closing quote: quote the whole value, and write a quote inside it"
            " as `\\\"` (in double quotes) or `''` (in single quotes)"
        )
    if first in _OPENERS:
        kind, closer = _OPENERS[first]
        return Advice(
            f"a value that starts with '{first}' is read as a {kind}, and text follows its '{closer}':"
            f' {_QUOTE_IN_VALUE}, as in `title: "{first}Draft{closer} Refunds"`'
        )
    if line.lstrip().startswith("- "):
        return Advice("this list item is indented differently from the ones above it: indent each '-' of a list alike")
    return Advice(
        "this line is indented where YAML expects the next key: start each key at the start of its line,"
        " and indent only a list's items or the fields of a mapping such as `decision:`"
    )
