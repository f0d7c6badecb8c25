"""Schema rules: the front matter against the JSON Schema, each error mapped to a rule and a
message that says what to do."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ..findings import Problem, did_you_mean
from ..frontmatter import Path, Position
from ..model import STATUSES, Document
from ..schema import schema
from .body import unsafe_scheme

__all__ = ["check_schema", "fast_validator", "validator"]

if TYPE_CHECKING:  # jsonschema is imported only to explain a rejected document (60 ms saved at start)
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

_JSON_TYPES = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a number", "number": "a number"}


@cache
def _regex(pattern: str) -> Any:
    return jsonschema_rs.validator_for({"pattern": pattern})


def _pattern(validator: Validator, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`pattern` by jsonschema-rs's regex engine, which does not backtrack: with Python's `re`,
    some of the schema's patterns take quadratic time on a long string that fails them."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not _regex(pattern).is_valid(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _unique_items(validator: Validator, unique: bool, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`uniqueItems` in linear time; jsonschema compares every pair when a list mixes types."""
    from jsonschema.exceptions import ValidationError

    if not (unique and validator.is_type(instance, "array")):
        return
    seen: set[str] = set()
    for item in instance:
        key = json.dumps(item, sort_keys=True, default=str)
        if key in seen:
            yield ValidationError(f"{instance!r} has non-unique elements")
            return
        seen.add(key)


@cache
def validator() -> Validator:
    """The reference validator, whose errors carry the paths and keywords the messages need."""
    from jsonschema import Draft202012Validator, validators

    reference: Any = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _pattern, "uniqueItems": _unique_items}
    )
    checker: Validator = reference(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return checker


@cache
def fast_validator() -> Any:
    """A compiled validator of the same schema (jsonschema-rs) that only answers valid or not.

    Nearly every document is valid, and this answers in about a microsecond, against a few
    hundred for the reference validator; only documents it rejects are validated again, by the
    reference validator, to explain why.
    """
    return jsonschema_rs.validator_for(schema(), validate_formats=True)


def _name(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"


def _yaml_read_as(value: Any, raw: str | None) -> str:
    """Describe how YAML read an unquoted scalar, for a 'quote it' hint."""
    shown = raw if raw is not None else repr(value)
    if isinstance(value, bool):
        return f'YAML read `{shown}` as the boolean {str(value).lower()}: quote it ("{shown}")'
    if value is None and shown.startswith("#"):
        return f'YAML read ` {shown}` as a comment and the value as null: quote it ("{shown}")'
    if value is None:
        return f"YAML read `{shown or '(nothing)'}` as null: write a value, quoted if needed"
    if isinstance(value, int | float):
        return f'YAML read `{shown}` as a number: quote it ("{shown}")'
    return f"got {type(value).__name__}"


def _type_example(key: str, expected: Any, value: Any) -> str:
    """How to write the value with the type the schema wants, from what was written."""
    if expected == "array":
        one_line = isinstance(value, str) and "\n" not in value and len(value) <= 80
        items = [part.strip() for part in value.split(",") if part.strip()] if one_line and "," in value else []
        if len(items) > 1:  # `tags: refunds, logistics`: a list written as text
            return f": put the items in brackets, `{key}: [{', '.join(items)}]`, or one `- ` line per item below `{key}:`"
        item = value if one_line else "..."
        return f": write `{key}:` and below it one `- ` line per item, e.g. `  - {item}`"
    if expected == "string":
        first = next((v for v in value if isinstance(v, str)), None) if isinstance(value, list) else None
        return f": write one line, e.g. `{key}: {first if first and len(first) <= 60 else '...'}`"
    if expected == "object":
        return f": write `{key}:` with its fields indented below it, e.g. `  date: 2026-01-31`"
    return ""


@dataclass(frozen=True, slots=True)
class _Error:
    """One schema error, with what its message needs: where it is, the field's name, the value."""

    doc: Document
    error: ValidationError
    path: Path
    pos: Position
    field: str
    value: Any
    expected: Any
    raw: str | None

    def problem(self, rule: str, message: str) -> Problem:
        return Problem(rule, self.pos.line, self.pos.col, message)


def _problems(doc: Document, error: ValidationError) -> Iterator[Problem]:
    path: Path = tuple(error.absolute_path)
    e = _Error(
        doc, error, path, doc.front.position(path), _name(path), error.instance, error.validator_value,
        doc.front.raw.get(path),
    )
    yield from _EXPLAIN.get(str(error.validator), _other)(e)


def _required(e: _Error) -> Iterator[Problem]:
    where = e.doc.front.position(e.path) if e.path else None
    line, col = (where.line, where.col) if where else (e.doc.front.end_line, 1)
    inside = f" in `{e.field}`" if e.path else ""
    for name in (n for n in e.expected if n not in (e.value or {})):
        yield Problem("required-field", line, col, f"missing required field `{name}`{inside}: add it")


def _unknown_keys(e: _Error) -> Iterator[Problem]:
    subschema: Any = e.error.schema
    known = list(subschema.get("properties", {}))
    for key in e.value:
        if key in known:
            continue
        key_pos = e.doc.front.key_positions.get((*e.path, key), e.pos)
        hint = did_you_mean(str(key), known) or (" (put local additions under `extra`)" if not e.path else "")
        yield Problem("unknown-key", key_pos.line, key_pos.col, f"unknown key `{key}`{hint}")


def _type(e: _Error) -> Iterator[Problem]:
    field, value, expected = e.field, e.value, e.expected
    wanted = _JSON_TYPES.get(expected, expected) if isinstance(expected, str) else "another type"
    example = _type_example(str(e.path[-1]) if e.path else field, expected, value)
    if _id_path(e.path):
        yield e.problem("id-format", f"`{field}` must be an id like PRFAQ-0042; {_yaml_read_as(value, e.raw)}")
    elif not (isinstance(value, bool | int | float) or value is None):
        got = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "text"
        yield e.problem("field-type", f"`{field}` must be {wanted}, not {got}{example}")
    elif expected == "string" and isinstance(value, int) and _date_path(e.path):
        yield e.problem("date-format", f"`{field}` must be a date YYYY-MM-DD")
    elif expected in ("array", "object"):  # quoting would not help: show the shape
        got = "empty" if value is None else "a boolean" if isinstance(value, bool) else "a number"
        yield e.problem("field-type", f"`{field}` must be {wanted}, not {got}{example}")
    else:
        yield e.problem("field-type", f"`{field}` must be {wanted}; {_yaml_read_as(value, e.raw)}")


def _enum(e: _Error) -> Iterator[Problem]:
    if e.path == ("status",):
        suggestion = did_you_mean(str(e.value), list(STATUSES))
        yield e.problem("status-enum", f"status '{e.value}' is not one of {', '.join(STATUSES)}{suggestion}")
    else:
        yield e.problem("field-format", f"`{e.field}` must be one of {e.expected}")


def _format(e: _Error) -> Iterator[Problem]:
    yield e.problem(
        "date-format", f"`{e.field}` is `{e.value}`, not a real date: write an ISO date YYYY-MM-DD{_iso_of(str(e.value))}"
    )


#: A date written day and month first, in either order, then the year: `03/02/2026`, `3.2.2026`.
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _iso_of(value: str) -> str:
    """How a date written with slashes or dots reads in ISO form; both readings when the day and
    the month could be either (`03/02/2026` is 2 March in the US and 3 February elsewhere)."""
    found = _NUMERIC_DATE.match(value)
    if found is None:
        return ""
    first, second, year = (int(part) for part in found.groups())
    readings: list[str] = []
    for month, day in ((first, second), (second, first)):
        with contextlib.suppress(ValueError):
            readings.append(dt.date(year, month, day).isoformat())
    if len(set(readings)) == 2:
        return f": `{readings[0]}` if the month came first, `{readings[1]}` if the day did"
    return f", here `{readings[0]}`" if readings else ""


def _pattern_problem(e: _Error) -> Iterator[Problem]:
    if _id_path(e.path):
        yield e.problem(
            "id-format", f"`{e.field}` is '{e.value}', not an id: write PRFAQ- and four or more digits, like PRFAQ-0042"
        )
    elif _blank(e.value):
        yield _empty(e)
    elif not (e.path[:1] == ("related",) and isinstance(e.value, str) and unsafe_scheme(e.value)):
        # (an unsafe `related` URL is reported by the `unsafe-url` rule, with its own advice)
        yield e.problem("field-format", f"`{e.field}`: {_pattern_advice(e.path, e.value)}")


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _empty(e: _Error) -> Problem:
    """One finding for an empty value, which breaks both a field's pattern and its minimum length:
    the same problem from each, kept once."""
    return e.problem("field-format", f"`{e.field}` is empty: write it")


def _length(e: _Error) -> Iterator[Problem]:
    if e.error.validator == "minLength" and _blank(e.value):
        yield _empty(e)
        return
    length = len(e.value) if isinstance(e.value, str) else 0
    relation = "at least" if e.error.validator == "minLength" else "at most"
    yield e.problem("field-format", f"`{e.field}` is {length} characters long; it must be {relation} {e.expected}")


def _min_items(e: _Error) -> Iterator[Problem]:
    yield e.problem("field-format", f"`{e.field}` must list at least {e.expected}")


def _unique(e: _Error) -> Iterator[Problem]:
    counts = Counter(str(v) for v in e.value)
    dupes = [v for v, n in counts.items() if n > 1]
    yield e.problem("field-format", f"`{e.field}` lists {', '.join(dupes)} more than once")


def _other(e: _Error) -> Iterator[Problem]:
    yield e.problem("field-format", f"`{e.field}`: {e.error.message}")


#: How each kind of schema error is explained, by the JSON Schema keyword that failed.
_EXPLAIN: dict[str, Callable[[_Error], Iterator[Problem]]] = {
    "required": _required,
    "additionalProperties": _unknown_keys,
    "type": _type,
    "enum": _enum,
    "format": _format,
    "pattern": _pattern_problem,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _min_items,
    "uniqueItems": _unique,
}


def _id_path(path: Path) -> bool:
    return path in (("id",), ("superseded_by",)) or (len(path) == 2 and path[0] == "supersedes")


def _date_path(path: Path) -> bool:
    return path in (("created",), ("updated",), ("launch",), ("decision", "date"))


def _pattern_advice(path: Path, value: Any) -> str:
    top = path[0] if path else ""
    if top in ("authors", "reviewers"):
        return f"'{value}' is not `Name` or `Name <email>`"
    if top in ("team", "tags"):
        return f"'{value}' is not a slug: use lowercase letters, digits and hyphens, like `{_slugify(str(value))}`"
    if top == "related":
        if isinstance(value, str) and (value.startswith("//") or "\\" in value):
            return (
                f"'{value}' points at another host without saying so (browsers read `//host`,"
                " `\\\\host` and backslashes as such): write the full `https://` URL, or a relative path with `/`"
            )
        return f"'{value}' is not an http(s) URL, a relative path or a PR/FAQ id"
    return "must be a single line of text"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "team-name"


def check_schema(doc: Document) -> list[Problem]:
    if fast_validator().is_valid(doc.meta):
        return []
    problems: list[Problem] = []
    for error in validator().iter_errors(doc.meta):
        problems.extend(_problems(doc, error))
    # jsonschema reports each missing field of a mapping as its own error: keep one finding each.
    return list(dict.fromkeys(problems))
