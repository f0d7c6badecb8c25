"""Reference tables for the two adapters: the `prfaq` command's usage and the plugin's options."""

from __future__ import annotations

import argparse
import ast
import inspect
import json

from ..cli import build_parser
from . import config as config_module


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
    """(name, default, docstring) for each option of :class:`PrfaqConfig`, in source order."""
    tree = ast.parse(inspect.getsource(config_module))
    defaults = {name: option.default for name, option in config_module.PrfaqConfig._schema}
    out: list[tuple[str, str, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ClassDef) and node.name == "PrfaqConfig"):
            continue
        body = node.body
        for index, item in enumerate(body):
            if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
                name = item.targets[0].id
                doc = ""
                following = body[index + 1] if index + 1 < len(body) else None
                if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                    doc = str(following.value.value)
                out.append((name, json.dumps(defaults.get(name)), doc))
    return out


def options_markdown() -> str:
    rows = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
    for name, default, doc in option_docs():
        cell = doc.replace("|", "\\|")
        rows.append(f"| `{name}` | `{default}` | {cell} |")
    return "\n".join(rows) + "\n"
