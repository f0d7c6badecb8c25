"""The front-matter JSON Schema shipped with the package: the single source of truth for fields."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_FILE", "SCHEMA_VERSION", "field_names", "schema"]

SCHEMA_FILE = "prfaq.schema.json"
SCHEMA_VERSION = 1


@cache
def schema() -> dict[str, Any]:
    # Beside this module (`importlib.resources` would add 7 ms to every check's start).
    text = Path(__file__).with_name(SCHEMA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def field_names() -> list[str]:
    return list(schema()["properties"])
