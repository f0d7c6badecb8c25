"""The Jinja2 environment the catalog's pages are rendered with: the package's templates, which a
site may override one by one.

The templates live in `mkdocs_prfaq/core/templates/prfaq/`. :func:`environment` looks each name
(`prfaq/card.html`) up in the given folders first, in order, then in the package: a site that
puts `prfaq/card.html` in one of them replaces that template and keeps the others. (A site
engine's adapter passes the site's own folder: for MkDocs, the theme's `custom_dir`, from which
Material's blog plugin reads its templates too.)

Every value printed by a template is escaped, as :func:`~mkdocs_prfaq.core.render.html.esc`
escapes it, unless it is :class:`~markupsafe.Markup`: the HTML of other templates and macros,
and what this module's filters return. Nothing else is trusted.

In `.html` templates, a line break and the indentation after it are not output: a fragment such
as the metadata card is written over many lines but comes out as one, as it must to stay one
HTML block of the page's Markdown. Spaces between words or elements are written within a line.
`.md` templates (whole pages) keep their lines; their block tags take no line of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from ..model import STATUSES
from ..wellformed import yaml_string
from .blocks import block
from .html import esc, md_text

__all__ = ["FOLDER", "STATUS_LABELS", "TemplateFailure", "environment", "refresh", "render"]

#: The folder of the catalog's templates, in the package and in a site's template folders.
FOLDER = "prfaq"

STATUS_LABELS = {
    "draft": "Draft",
    "in-review": "In review",
    "approved": "Approved",
    "building": "Building",
    "launched": "Launched",
    "shelved": "Shelved",
    "rejected": "Rejected",
    "superseded": "Superseded",
}

_BREAK = re.compile(r"\n[ \t]*")


class JoinLines(Extension):
    """Drop the line breaks (and the indentation after them) of `.html` templates' own text."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        if not (stream.name or "").endswith(".html"):
            yield from stream
            return
        line = 0
        for token in stream:
            if token.type == "data":
                text = token.value
                if token.lineno != line:
                    # Text at the start of a line (the line break went with the block tag before it).
                    text = text.lstrip(" \t")
                token = Token(token.lineno, token.type, _BREAK.sub("", text))
            line = token.lineno
            yield token


def _escaped(value: object) -> object:
    """Every printed value as :func:`esc` escapes it. Autoescape's own escaping is the same but
    for how it spells quotes (`&#34;`, `&#39;`): text with a quote, and any value other than text
    and numbers, is escaped here; the rest is left to autoescape (the faster of the two)."""
    if hasattr(value, "__html__") or isinstance(value, int):
        return value
    if isinstance(value, str) and '"' not in value and "'" not in value:
        return value
    return Markup(esc(value))


def _join(items: Iterable[object], separator: str = "") -> Markup:
    """Jinja's `join` filter, escaping the items as every printed value is."""
    return Markup(esc(separator).join(item.__html__() if hasattr(item, "__html__") else esc(item) for item in items))


def _yaml(value: str) -> Markup:
    """A one-line YAML string for front matter (JSON-quoted; the engine reads it, not a browser)."""
    return Markup(yaml_string(value))


def _md_text(value: str) -> Markup:
    """Text for a Markdown line: HTML-escaped, Markdown's marks made inert."""
    return Markup(md_text(value))


def _block(html: str) -> Markup:
    """HTML that a template wrote, marked as a block the engine need not parse."""
    return Markup(block(str(html)))


@lru_cache(maxsize=8)
def _environment(template_dirs: tuple[Path, ...]) -> Environment:
    loaders: list[FileSystemLoader | PackageLoader] = [FileSystemLoader(template_dirs)] if template_dirs else []
    loaders.append(PackageLoader("mkdocs_prfaq.core", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        finalize=_escaped,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[JoinLines],
        # Checked once per build by `refresh`, not on every page (a file's date, for each template
        # a page includes: 16,000 look-ups at 2,000 documents).
        auto_reload=False,
    )
    env.filters.update(join=_join, yaml=_yaml, md_text=_md_text, block=_block)
    env.globals.update(STATUS_LABELS=STATUS_LABELS, STATUSES=STATUSES)
    return env


def environment(template_dirs: Sequence[Path] = ()) -> Environment:
    """The environment whose templates are looked up in `template_dirs` (in order), then in the
    package. One per set of folders, made once."""
    return _environment(tuple(Path(d) for d in template_dirs))


def refresh(template_dirs: Sequence[Path] = ()) -> None:
    """Forget the templates read so far if one of them has changed since: its file edited or
    removed, or a file of its name now in one of `template_dirs` (`mkdocs serve` builds again in
    the same process). Each build of a site calls it once, before rendering."""
    env = environment(template_dirs)
    if env.cache is None:
        return
    for template in env.cache.values():
        name = template.name or ""
        override = next((Path(d) / name for d in template_dirs if (Path(d) / name).is_file()), None)
        if not template.is_up_to_date or (override is not None and Path(template.filename or "") != override):
            env.cache.clear()
            return


class TemplateFailure(Exception):
    """A template that could not be read or rendered (a site's override, most likely): the message
    names its file and line, and says what Jinja found wrong."""


def render(name: str, template_dirs: Sequence[Path] = (), /, **context: Any) -> str:
    """The template `prfaq/<name>` rendered with `context`.

    :raises TemplateFailure: a template (this one, or one it includes) is missing, is not valid
        Jinja, or uses a value it was not given.
    """
    try:
        return environment(template_dirs).get_template(f"{FOLDER}/{name}").render(**context)
    except TemplateSyntaxError as exc:
        raise TemplateFailure(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except TemplateNotFound as exc:
        raise TemplateFailure(f"no template {exc.name} in {[str(d) for d in template_dirs]} or the package") from None
    except TemplateError as exc:
        where = _template_line(exc.__traceback__) or f"{FOLDER}/{name}"
        raise TemplateFailure(f"{where}: {exc.message or exc}") from None


def _template_line(trace: TracebackType | None) -> str | None:
    """`file:line` of the innermost template in a rendering's traceback (Jinja's frames of a
    template carry its file's name)."""
    found = None
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".md")):
            found = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return found
