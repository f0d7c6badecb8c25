"""Schema rules: the front matter against the JSON Schema, each error mapped to a rule and a
message that says what to do."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ..findings import Problem
from ..frontmatter import Path
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
    if value is None:
        return f"YAML read `{shown or '(nothing)'}` as null: write a value, quoted if needed"
    if isinstance(value, int | float):
        return f'YAML read `{shown}` as a number: quote it ("{shown}")'
    return f"got {type(value).__name__}"


def _type_example(key: str, expected: Any, value: Any) -> str:
    """How to write the value with the type the schema wants, from what was written."""
    if expected == "array":
        item = value if isinstance(value, str) and "\n" not in value and len(value) <= 60 else "..."
        return f": write `{key}:` and below it one `- ` line per item, e.g. `  - {item}`"
    if expected == "string":
        first = next((v for v in value if isinstance(v, str)), None) if isinstance(value, list) else None
        return f": write one line, e.g. `{key}: {first if first and len(first) <= 60 else '...'}`"
    if expected == "object":
        return f": write `{key}:` with its fields indented below it, e.g. `  date: 2026-01-31`"
    return ""


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _problems(doc: Document, error: ValidationError) -> Iterator[Problem]:
    path: Path = tuple(error.absolute_path)
    pos = doc.front.position(path)
    field = _name(path)
    kind = error.validator
    value: Any = error.instance
    expected: Any = error.validator_value
    subschema: Any = error.schema
    raw = doc.front.raw.get(path)
    if kind == "required":
        missing = [name for name in expected if name not in (value or {})]
        where = doc.front.position(path) if path else None
        line, col = (where.line, where.col) if where else (doc.front.end_line, 1)
        for name in missing:
            inside = f" in `{field}`" if path else ""
            yield Problem("required-field", line, col, f"missing required field `{name}`{inside}: add it")
        return
    if kind == "additionalProperties":
        known = list(subschema.get("properties", {}))
        for key in value:
            if key in known:
                continue
            key_pos = doc.front.key_positions.get((*path, key), pos)
            hint = _suggest(str(key), known) or (" (put local additions under `extra`)" if not path else "")
            yield Problem("unknown-key", key_pos.line, key_pos.col, f"unknown key `{key}`{hint}")
        return
    if kind == "type":
        wanted = _JSON_TYPES.get(expected, expected) if isinstance(expected, str) else "another type"
        if _id_path(path):
            yield Problem(
                "id-format", pos.line, pos.col, f"`{field}` must be an id like PRFAQ-0042; {_yaml_read_as(value, raw)}"
            )
            return
        if isinstance(value, bool | int | float) or value is None:
            if expected == "string" and isinstance(value, int) and _date_path(path):
                yield Problem("date-format", pos.line, pos.col, f"`{field}` must be a date YYYY-MM-DD")
                return
            if expected in ("array", "object"):  # quoting would not help: show the shape
                got = "empty" if value is None else "a boolean" if isinstance(value, bool) else "a number"
                fix = _type_example(str(path[-1]) if path else field, expected, value)
                yield Problem("field-type", pos.line, pos.col, f"`{field}` must be {wanted}, not {got}{fix}")
                return
            yield Problem("field-type", pos.line, pos.col, f"`{field}` must be {wanted}; {_yaml_read_as(value, raw)}")
        else:
            got = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "text"
            fix = _type_example(str(path[-1]) if path else field, expected, value)
            yield Problem("field-type", pos.line, pos.col, f"`{field}` must be {wanted}, not {got}{fix}")
        return
    if kind == "enum":
        if path == ("status",):
            suggestion = _suggest(str(value), list(STATUSES))
            yield Problem(
                "status-enum",
                pos.line,
                pos.col,
                f"status '{value}' is not one of {', '.join(STATUSES)}{suggestion}",
            )
        else:
            yield Problem("field-format", pos.line, pos.col, f"`{field}` must be one of {error.validator_value}")
        return
    if kind == "format":
        yield Problem(
            "date-format",
            pos.line,
            pos.col,
            f"`{field}` is `{value}`, not a real date: write an ISO date YYYY-MM-DD",
        )
        return
    if kind == "pattern":
        if _id_path(path):
            yield Problem(
                "id-format",
                pos.line,
                pos.col,
                f"`{field}` is '{value}', not an id: write PRFAQ- and four or more digits, like PRFAQ-0042",
            )
            return
        if path[:1] == ("related",) and isinstance(value, str) and unsafe_scheme(value):
            return  # reported by the `unsafe-url` rule, with its own advice
        yield Problem("field-format", pos.line, pos.col, f"`{field}`: {_pattern_advice(path, value)}")
        return
    if kind in ("minLength", "maxLength"):
        length = len(value) if isinstance(value, str) else 0
        bound = error.validator_value
        relation = "at least" if kind == "minLength" else "at most"
        yield Problem(
            "field-format",
            pos.line,
            pos.col,
            f"`{field}` is {length} characters long; it must be {relation} {bound}",
        )
        return
    if kind == "minItems":
        yield Problem("field-format", pos.line, pos.col, f"`{field}` must list at least {error.validator_value}")
        return
    if kind == "uniqueItems":
        counts = Counter(str(v) for v in value)
        dupes = [v for v, n in counts.items() if n > 1]
        yield Problem("field-format", pos.line, pos.col, f"`{field}` lists {', '.join(dupes)} more than once")
        return
    yield Problem("field-format", pos.line, pos.col, f"`{field}`: {error.message}")


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
