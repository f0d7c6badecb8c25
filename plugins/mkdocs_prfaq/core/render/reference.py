"""Reference tables generated from the JSON Schema and the rule registry, so they cannot drift."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import Any

import yaml

from ..rules.registry import RULES
from ..schema import schema
from ..settings import DEFAULTS, option_fields

__all__ = ["fields_markdown", "option_docs", "options_markdown", "rules_markdown", "usage_markdown", "yaml_example"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _as_written(value: Any) -> Any:
    """The example as YAML reads it: ISO dates as dates, so that they are written unquoted."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        return dt.date.fromisoformat(value)
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    return value


def yaml_example(name: str, example: Any) -> str:
    """`name: example` as an author writes it in the front matter, on one line (collections in
    YAML's flow style)."""
    value = yaml.safe_dump(
        _as_written(example), default_flow_style=True, sort_keys=False, allow_unicode=True, width=10_000
    )
    return f"{name}: {value.strip().removesuffix('...').strip()}"


def _type(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        base = defs.get(name, {})
        names = {"id": "id", "date": "date", "line": "text (one line)", "person": "person", "slug": "slug"}
        return names.get(name, str(base.get("type", "")))
    kind = str(spec.get("type", ""))
    if kind == "array":
        return f"list of {_type(spec.get('items', {}), defs)}"
    if kind == "object":
        return "mapping"
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    return {"string": "text"}.get(kind, kind)


def fields_markdown() -> str:
    data = schema()
    defs = data.get("$defs", {})
    required = set(data.get("required", []))
    rows = ["| Field | Required | Type | Meaning | Example |", "| --- | --- | --- | --- | --- |"]
    for name, spec in data["properties"].items():
        example = spec.get("examples", [""])[0]
        shown = f"`{yaml_example(name, example)}`" if example not in ("", None) else ""
        rows.append(
            f"| `{name}` | {'yes' if name in required else 'no'} | {_cell(_type(spec, defs))} | "
            f"{_cell(spec.get('description', ''))} | {_cell(shown)} |"
        )
    decision = data["properties"]["decision"]["properties"]
    rows += ["", "`decision` holds:", "", "| Key | Required | Meaning |", "| --- | --- | --- |"]
    needed = set(data["properties"]["decision"].get("required", []))
    for name, spec in decision.items():
        rows.append(f"| `{name}` | {'yes' if name in needed else 'no'} | {_cell(spec.get('description', ''))} |")
    return "\n".join(rows) + "\n"


def rules_markdown() -> str:
    rows = ["| Rule | Category | Default | What it checks |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        rows.append(f"| `{rule.name}` | {rule.category.value} | {rule.default.value} | {_cell(rule.summary)} |")
    return "\n".join(rows) + "\n"


def option_docs() -> list[tuple[str, str, str]]:
    """(name, default, description) of each option, in the order of their declaration."""
    return [(o.name, json.dumps(getattr(DEFAULTS, o.name)), o.metadata["doc"]) for o in option_fields()]


def options_markdown() -> str:
    rows = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
    rows += [f"| `{name}` | `{default}` | {_cell(doc)} |" for name, default, doc in option_docs()]
    return "\n".join(rows) + "\n"


def usage_markdown(parser: argparse.ArgumentParser) -> str:
    """A command line's help, then each subcommand's under its own heading."""
    sections = [f"```text\n{parser.format_help()}```\n"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                sub.prog = f"{parser.prog} {name}"
                sections.append(f"### `{parser.prog} {name}`\n\n```text\n{sub.format_help()}```\n")
    return "\n".join(sections)
