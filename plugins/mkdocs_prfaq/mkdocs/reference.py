"""Reference tables for the two adapters: the `prfaq` command's usage and the plugin's options."""

from __future__ import annotations

import argparse
import json

from ..cli import build_parser
from ..core.settings import option_fields
from .config import PrfaqConfig

__all__ = ["cli_markdown", "option_docs", "options_markdown"]


def cli_markdown() -> str:
    parser = build_parser()
    parser.prog = "prfaq"
    sections = [f"```text\n{parser.format_help()}```\n"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                sub.prog = f"prfaq {name}"
                sections.append(f"### `prfaq {name}`\n\n```text\n{sub.format_help()}```\n")
    return "\n".join(sections)


def option_docs() -> list[tuple[str, str, str]]:
    """(name, default, description) of each option of the plugin, in the order of their declaration."""
    defaults = dict(PrfaqConfig._schema)
    return [(o.name, json.dumps(defaults[o.name].default), o.metadata["doc"]) for o in option_fields()]


def options_markdown() -> str:
    rows = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
    for name, default, doc in option_docs():
        cell = doc.replace("|", "\\|")
        rows.append(f"| `{name}` | `{default}` | {cell} |")
    return "\n".join(rows) + "\n"
