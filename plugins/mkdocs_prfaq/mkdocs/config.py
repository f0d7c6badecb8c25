"""The plugin's config class, made from the core's one declaration of the options
(:class:`~mkdocs_prfaq.core.settings.Options`): MkDocs checks each option's type and fills in
its default, then the core reads them all (`from_options`)."""

from __future__ import annotations

from dataclasses import Field
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.settings import DEFAULTS, option_fields

__all__ = ["PrfaqConfig", "config_option"]

#: The Python type each annotation of `Options` names.
_TYPES: dict[str, type] = {
    "str": str, "int": int, "bool": bool, "dict[str, str]": dict, "dict[str, list[str]]": dict, "list[str]": list
}  # fmt: skip


def config_option(option: Field[Any]) -> base.BaseConfigOption[Any]:
    """MkDocs' config option for one field of `Options`: of its type, with its default."""
    annotation = str(option.type)
    if annotation.endswith(" | None"):
        return c.Optional(c.Type(_TYPES[annotation.removesuffix(" | None")]))
    if annotation == "list[str]":
        return c.ListOfItems(c.Type(str), default=[])
    if annotation == "float":  # `similar: 1` is a number too; the core checks the range
        return c.Type(cast(type, (int, float)), default=getattr(DEFAULTS, option.name))
    return c.Type(_TYPES[annotation], default=getattr(DEFAULTS, option.name))


#: `plugins: - prfaq:` in `mkdocs.yml`, as MkDocs validates it.
PrfaqConfig: type[base.Config] = type(
    "PrfaqConfig", (base.Config,), {option.name: config_option(option) for option in option_fields()}
)
