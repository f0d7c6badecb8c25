"""The reference's front-matter table (core/render/reference.py) shows each example as YAML an
author can paste: it reads back as exactly the schema's example, under the field's name."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml

from mkdocs_prfaq.core.render.reference import fields_markdown, yaml_example
from mkdocs_prfaq.core.schema import schema

FIELDS = schema()["properties"]


def _plain(value: Any) -> Any:
    """What YAML read, with dates back to the ISO text the schema's examples hold."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("name", [n for n, spec in FIELDS.items() if spec.get("examples")])
def test_each_example_reads_back_as_the_schemas(name: str) -> None:
    example = FIELDS[name]["examples"][0]
    shown = yaml_example(name, example)
    assert "\n" not in shown and "['" not in shown and "{'" not in shown
    assert _plain(yaml.safe_load(shown)) == {name: example}


def test_the_table_shows_the_yaml_not_python() -> None:
    table = fields_markdown()
    examples = re.findall(r"\| `([^`]*)` \|\n", table)
    assert len(examples) >= 10
    assert "`authors: [Dana Whitfield <dana@example.com>]`" in table
    assert "`created: 2026-03-02`" in table  # a date as authors write it, not quoted
