"""Settings shared by the command line and the MkDocs plugin, read from `mkdocs.yml`.

The command reads the same plugin options as the build, so the two always agree. `mkdocs.yml`
may hold tags such as `!!python/name:` (pymdown-extensions uses them); they are read as
placeholders here, never resolved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .findings import Severity, did_you_mean
from .loader import DEFAULT_MAX_BYTES
from .queue import OVERDUE_DAYS
from .rules.registry import ALWAYS_ON, RULES
from .rules.wordlists import WordLists, word_lists
from .similar import DUPLICATE_SCORE, SIMILAR_SCORE

__all__ = ["DEFAULTS", "LIMIT_OPTIONS", "PLUGIN_NAME", "Limits", "Options", "Settings", "SettingsError", "from_options", "load_settings", "option_fields", "parse_rules", "plugin_options", "read_vocabulary", "require_source_dir"]

PLUGIN_NAME = "prfaq"


class SettingsError(ValueError):
    """A configuration mistake: a usage error (exit status 2), not a finding."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How much the catalog takes from one document, and from all of them together.

    Each tag is a page listing its documents, each abbreviation and footnote work on every
    paragraph: without limits one 70 KB file with 10,000 tags made a 900 MB site in four minutes.
    Past a limit is a finding; a site that needs more raises the limit (the `max_*` options).
    """

    #: Tags per document (`max_tags`).
    tags: int = 20
    #: Distinct tags, and distinct teams, over the whole catalog (`max_facet_values`).
    facet_values: int = 500
    #: Abbreviation definitions (`*[SLA]: ...`) per document body (`max_abbreviations`).
    abbreviations: int = 200
    #: Footnote definitions (`[^1]: ...`) per document body (`max_footnotes`).
    footnotes: int = 200


#: Each limit's option in `mkdocs.yml`, by field of :class:`Limits`.
LIMIT_OPTIONS = {
    "tags": "max_tags",
    "facet_values": "max_facet_values",
    "abbreviations": "max_abbreviations",
    "footnotes": "max_footnotes",
}
_LIMITS = Limits()


def _doc(text: str) -> dict[str, str]:
    """An option's description, one paragraph (the metadata of its field)."""
    return {"doc": " ".join(text.split())}


def _option(default: Any, doc: str) -> Any:
    """A field of :class:`Options`: its default and what it does."""
    return field(default=default, metadata=_doc(doc))


@dataclass(frozen=True, slots=True)
class Options:
    """The plugin's options as written under `plugins: - prfaq:` in `mkdocs.yml`: their one
    declaration. The MkDocs plugin's config class is made from it, `prfaq` reads the same
    options, and the handbook's plugin reference page shows each one's `doc`."""

    source_dir: str = _option(
        "prfaqs",
        "Folder of the PR/FAQ files, relative to `mkdocs.yml`, with the images they link (copied beside their pages)."
        " Watched by `mkdocs serve`.",
    )
    teams_file: str | None = _option(
        None, "YAML file of teams, `slug: {name, description}`. When set, every document's `team` must be a key of it."
    )
    tags_file: str | None = _option(None, "YAML list (or mapping) of allowed tags. When set, tags outside it are findings.")
    rules: dict[str, str] = field(
        default_factory=dict, metadata=_doc("Severity per rule name: `error`, `warning` or `off`, as for `prfaq check`.")
    )
    max_file_size: int = _option(
        DEFAULT_MAX_BYTES, "Largest PR/FAQ file read, in bytes; bigger files are a `file-size` finding."
    )
    max_tags: int = _option(
        _LIMITS.tags,
        """Most tags one PR/FAQ may carry; more are a `too-many-tags` finding. Each tag is a page
        listing its documents, so a file with thousands of tags would make thousands of pages.""",
    )
    max_facet_values: int = _option(
        _LIMITS.facet_values,
        """Most distinct tags, and most distinct teams, over the whole catalog; past it, each document
        that brings a new one gets a `too-many-facet-values` finding.""",
    )
    max_abbreviations: int = _option(
        _LIMITS.abbreviations,
        """Most abbreviation definitions (`*[SLA]: ...`) in one PR/FAQ; more are a `too-many-abbreviations`
        finding (each one is looked for in every paragraph of the page).""",
    )
    max_footnotes: int = _option(
        _LIMITS.footnotes,
        "Most footnote definitions (`[^1]: ...`) in one PR/FAQ; more are a `too-many-footnotes` finding.",
    )
    weasel_words: list[str] = field(
        default_factory=list, metadata=_doc("Words added to the built-in weasel-word list of the writing rules.")
    )
    word_lists: dict[str, list[str]] = field(
        default_factory=dict,
        metadata=_doc(
            """Files of words that extend the writing rules' built-in lists, by list: `weasel-words`,
            `common-acronyms` (acronyms readers know, never spelled out) or `state-codes`. Each file
            holds one word or phrase a line, `#` starting a comment; paths are relative to `mkdocs.yml`."""
        ),
    )
    sanitize: bool = _option(
        True, "Sanitize the HTML of PR/FAQ bodies with an allowlist. Turn off only for trusted repositories."
    )
    image_hosts: list[str] = field(
        default_factory=list,
        metadata=_doc(
            """Hosts whose images a PR/FAQ body may show, such as `images.example.com`. An image from any
            other host is removed from the page (a reader's browser would tell that host who reads what)
            and is a `remote-image` finding; by default only the site's own images are shown."""
        ),
    )
    history: bool = _option(True, "Read each document's history (dates, contributors, status changes) from git.")
    edit_uri: str | None = _option(
        None,
        """Base of "edit this page" links to PR/FAQ sources, relative to `repo_url` (default: `edit_uri`
        with its docs folder removed).""",
    )
    feed_size: int = _option(50, "How many entries the Atom feed `feed.xml` carries.")
    similar: float = _option(
        SIMILAR_SCORE,
        """How close another PR/FAQ's words must be (cosine similarity of their TF-IDF vectors, a
        number from 0 to 1) for it to be listed among the "Similar PR/FAQs" of a page and of
        `catalog.json` (at most three). `false` turns the similar PR/FAQs off: no list on the pages
        or in `catalog.json`, and no time spent comparing documents in the build.""",
    )
    duplicate: float = _option(
        DUPLICATE_SCORE,
        """How close (the same cosine similarity, from 0 to 1) a draft or a PR/FAQ in review must be to
        another PR/FAQ for `prfaq check` to report it as a `possible-duplicate`.""",
    )
    review_overdue_days: int = _option(
        OVERDUE_DAYS,
        "Days in review after which the review queue (`catalog/review/`) marks a PR/FAQ overdue.",
    )
    mermaid_js: str = _option(
        "node_modules/mermaid/dist/mermaid.min.js",
        """Mermaid's browser bundle, relative to `mkdocs.yml` (installed from npm by `make`). Served
        by the site itself and loaded only on pages with a diagram, so no page asks a CDN for it.""",
    )
    search: bool = _option(
        True,
        """Full-text search with Pagefind: one search box in the header and facets on the catalog, with
        the index built into `site_dir/pagefind/` after every build. Replaces Material's `search` plugin.""",
    )
    jobs: int = _option(
        0,
        """Processes `mkdocs build` and `prfaq check` may use: 0 for one per core, 1 for a single
        process. With several, a large corpus is checked, and its PR/FAQ pages converted, in parallel
        (not under `mkdocs serve`).""",
    )
    template_download: str = _option(
        "practice/prfaq-template.md",
        """Where the site offers the PR/FAQ template (the one `prfaq new` fills in) as a Markdown download,
        relative to the site root; an empty string for none. A handbook page links to it with the
        marker `<!-- prfaq:template-download -->`, which says there is none when there is none.""",
    )


#: The defaults of every option.
DEFAULTS = Options()


def option_fields() -> tuple[Field[Any], ...]:
    """The options, in the order of their declaration: each one's `name`, `type` (its annotation,
    a string), `default` (or `default_factory`) and `metadata["doc"]`."""
    return fields(Options)


@dataclass(slots=True)
class Settings:
    """The options resolved against the folder of `mkdocs.yml` (`root`) and checked."""

    root: Path
    source_dir: Path
    teams_file: Path | None = None
    tags_file: Path | None = None
    rules: dict[str, Severity] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_BYTES
    #: Extra weasel words for the writing rules, added to the built-in list.
    weasel_words: list[str] = field(default_factory=list)
    #: The writing rules' word lists: the built-in ones, extended by the site's files (`word_lists`).
    word_lists: WordLists = field(default_factory=word_lists)
    #: The site's URL (`site_url` in `mkdocs.yml`): handbook links in findings are made absolute with it.
    site_url: str = ""
    #: `use_directory_urls` in `mkdocs.yml`: page URLs end in `/` (else in `.html`).
    directory_urls: bool = True
    #: Processes a large check may use (the `jobs` option): 0 for one per core.
    jobs: int = DEFAULTS.jobs
    limits: Limits = field(default_factory=Limits)
    #: Hosts a body's images may load from (`image_hosts`); images from any other are removed.
    image_hosts: tuple[str, ...] = ()
    sanitize: bool = DEFAULTS.sanitize
    history: bool = DEFAULTS.history
    edit_uri: str | None = DEFAULTS.edit_uri
    feed_size: int = DEFAULTS.feed_size
    #: The cosine from which another document is listed as similar (the `similar` option); None: off.
    similar: float | None = DEFAULTS.similar
    #: The cosine from which a document in writing is a `possible-duplicate` of another.
    duplicate: float = DEFAULTS.duplicate
    review_overdue_days: int = DEFAULTS.review_overdue_days
    mermaid_js: str = DEFAULTS.mermaid_js
    search: bool = DEFAULTS.search
    template_download: str = DEFAULTS.template_download
    #: What is wrong but not fatal in `mkdocs.yml`, for the command line to say: an option the
    #: plugin does not have (MkDocs warns of it in a build, and a strict build fails).
    notices: tuple[str, ...] = ()
    #: Whether there was no MkDocs config to read (the command line then applies the defaults).
    no_config: bool = False

    def severity(self, rule: str) -> Severity:
        return self.rules.get(rule, RULES[rule].default)

    def skipping(self, skipped: Iterable[str]) -> Settings:
        """These settings with the rules `skipped` off (`prfaq check --skip RULE`), as
        `rules: {RULE: off}` would turn them off; an unknown rule, or one that cannot be off, is
        an error."""
        off: dict[str, Severity] = {}
        for rule in skipped:
            if rule not in RULES:
                raise SettingsError(f"--skip {rule}: no such rule{did_you_mean(rule, RULES)}; `prfaq rules` lists them")
            if rule in ALWAYS_ON:
                raise SettingsError(f"--skip {rule}: this rule cannot be turned off: {ALWAYS_ON[rule]}")
            off[rule] = Severity.OFF
        return dataclasses.replace(self, rules={**self.rules, **off}) if off else self


class _TolerantLoader(yaml.SafeLoader):
    pass


def _placeholder(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("", _placeholder)


def parse_rules(value: object) -> dict[str, Severity]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SettingsError("`rules` must map rule names to error, warning or off")
    out: dict[str, Severity] = {}
    for name, level in value.items():
        if name not in RULES:
            raise SettingsError(
                f"unknown rule `{name}` in `rules`{did_you_mean(str(name), RULES)}; `prfaq rules` lists them"
            )
        try:
            out[str(name)] = Severity(str(level).lower() if level is not False else "off")
        except ValueError:
            raise SettingsError(f"rule `{name}`: severity must be error, warning or off, not {level!r}") from None
        if out[str(name)] is Severity.OFF and name in ALWAYS_ON:
            raise SettingsError(f"rule `{name}` cannot be turned off: {ALWAYS_ON[name]} (make it a warning instead)")
    return out


def from_options(
    root: Path, options: Mapping[str, Any], *, site_url: str = "", directory_urls: bool = True
) -> Settings:
    """Settings from the plugin's options (as written under `plugins: - prfaq:`)."""

    def path_or_none(key: str) -> Path | None:
        value = options.get(key)
        return (root / str(value)) if value else None

    limits = Limits(
        **{
            name: _positive(options, option, getattr(DEFAULTS, option), "a positive whole number")
            for name, option in LIMIT_OPTIONS.items()
        }
    )
    return Settings(
        root=root,
        source_dir=root / str(options.get("source_dir") or DEFAULTS.source_dir),
        teams_file=path_or_none("teams_file"),
        tags_file=path_or_none("tags_file"),
        rules=parse_rules(options.get("rules")),
        max_file_size=_positive(options, "max_file_size", DEFAULTS.max_file_size, "a positive number of bytes"),
        weasel_words=_words(options),
        word_lists=_word_lists(options, root),
        site_url=site_url,
        directory_urls=directory_urls,
        jobs=_jobs(options),
        limits=limits,
        image_hosts=_hosts(options),
        similar=None if options.get("similar") is False else _threshold(options, "similar"),
        duplicate=_threshold(options, "duplicate"),
        review_overdue_days=_positive(options, "review_overdue_days", DEFAULTS.review_overdue_days, "a positive number of days"),
        **{name: _plain(options, name) for name in _PLAIN},
    )


#: The options taken as they are written, once of the type of their default.
_PLAIN = ("sanitize", "history", "edit_uri", "feed_size", "mermaid_js", "search", "template_download")
_KINDS = {bool: "true or false", int: "a whole number", str: "a string"}


def _plain(options: Mapping[str, Any], name: str) -> Any:
    default = getattr(DEFAULTS, name)
    value = options.get(name, default)
    kind = str if default is None else type(default)
    if not (isinstance(value, kind) or (value is None and default is None)):
        raise SettingsError(f"`{name}` must be {_KINDS[kind]}")
    return value


def _threshold(options: Mapping[str, Any], name: str) -> float:
    default = getattr(DEFAULTS, name)
    value = options.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        off = " (or false)" if name == "similar" else ""
        raise SettingsError(f"`{name}` must be a number above 0 and at most 1{off}, such as {default}")
    return float(value)


def _jobs(options: Mapping[str, Any]) -> int:
    jobs = options.get("jobs", DEFAULTS.jobs)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
        raise SettingsError("`jobs` must be 0 (one process per core) or a number of processes")
    return jobs


def _words(options: Mapping[str, Any]) -> list[str]:
    words = options.get("weasel_words") or []
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise SettingsError("`weasel_words` must be a list of words")
    return list(words)


def _word_lists(options: Mapping[str, Any], root: Path) -> WordLists:
    extra = options.get("word_lists") or {}
    if not isinstance(extra, dict) or not all(
        isinstance(files, list) and all(isinstance(f, str) for f in files) for files in extra.values()
    ):
        raise SettingsError("`word_lists` must map a list's name to a list of files, such as `weasel-words: [style/weasel.txt]`")
    try:
        return word_lists({str(name): [root / f for f in files] for name, files in extra.items()})
    except ValueError as exc:
        raise SettingsError(f"`word_lists`: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"`word_lists`: cannot read {exc.filename}: {exc.strerror}") from None


def _hosts(options: Mapping[str, Any]) -> tuple[str, ...]:
    hosts = options.get("image_hosts") or []
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h and "/" not in h for h in hosts):
        raise SettingsError("`image_hosts` must be a list of host names, such as images.example.com")
    return tuple(h.strip().lower() for h in hosts)


def _positive(options: Mapping[str, Any], key: str, default: int, what: str) -> int:
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise SettingsError(f"`{key}` must be {what}")
    return value


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The options of the `prfaq` entry in a config's `plugins` (a list or a mapping)."""
    plugins = config.get("plugins") or []
    entries: list[tuple[object, object]] = []
    if isinstance(plugins, Mapping):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        for item in plugins:
            if isinstance(item, str):
                entries.append((item, None))
            elif isinstance(item, Mapping):
                entries.extend(item.items())
    for name, options in entries:
        if name == PLUGIN_NAME:
            return dict(options) if isinstance(options, Mapping) else {}
    return {}


def load_settings(config_file: Path) -> Settings:
    """Settings from `mkdocs.yml`; defaults when it is absent or has no `prfaq` plugin entry."""
    root = config_file.parent.resolve()
    if not config_file.is_file():
        return dataclasses.replace(from_options(root, {}), no_config=True)
    config = _read_config(config_file, ())
    site_url = config.get("site_url")
    options = plugin_options(config)
    settings = from_options(
        root, options, site_url=site_url if isinstance(site_url, str) else "",
        directory_urls=config.get("use_directory_urls") is not False,
    )  # fmt: skip
    known = [option.name for option in option_fields()]
    unknown = [str(key) for key in options if key not in known]
    if not unknown:
        return settings
    notices = []
    for key in unknown:
        notices.append(f"{config_file}: `{key}` is not an option of the prfaq plugin{did_you_mean(key, known)}; it is ignored")
    return dataclasses.replace(settings, notices=tuple(notices))


def _read_config(path: Path, inheriting: tuple[Path, ...]) -> dict[str, Any]:
    """A MkDocs config as MkDocs reads it: with `INHERIT: base.yml`, the file it names (relative
    to it) is read first, and this one's values are merged into it: mappings key by key, any other
    value (a list of plugins) replaced whole."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from None
    if not isinstance(config, dict):
        if inheriting:  # MkDocs refuses it too
            raise SettingsError(f"{inheriting[-1]}: `INHERIT` names {path}, which is not a mapping of settings")
        return {}
    if "INHERIT" not in config:
        return config
    parent = config.pop("INHERIT")
    if not isinstance(parent, str) or not parent.strip():
        raise SettingsError(f"{path}: `INHERIT` must name the file to inherit from, such as `INHERIT: base.yml`")
    base, chain = (path.parent / parent).resolve(), (*inheriting, path.resolve())
    if base in chain:
        raise SettingsError(f"{path}: `INHERIT: {parent}` leads back to this file: MkDocs would never end")
    if not base.is_file():
        raise SettingsError(f"{path}: `INHERIT: {parent}`: no such file ({base})")
    return _merged(_read_config(base, chain), config)


def _merged(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        merged[key] = _merged(old, value) if isinstance(old, dict) and isinstance(value, Mapping) else value
    return merged


def require_source_dir(settings: Settings) -> None:
    """A missing source folder is an error, not an empty catalog: else a typo in `source_dir`
    would check nothing, or publish a site without a document, without a word."""
    if not settings.source_dir.is_dir():
        if settings.no_config:
            raise SettingsError(
                f"no mkdocs.yml in {settings.root}, and no {settings.source_dir.name}/ folder: run prfaq in the"
                " folder of the site's mkdocs.yml, or name it with --config"
            )
        raise SettingsError(
            f"the source folder {settings.source_dir} does not exist: create it (it may be empty) "
            "or set `source_dir` in mkdocs.yml"
        )


def read_vocabulary(path: Path | None, what: str) -> dict[str, dict[str, str]] | None:
    """Read a teams or tags file: a mapping `slug: name` or `slug: {name, description}`, or a list."""
    if path is None:
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{what} file {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{what} file {path}: not UTF-8 (byte {exc.start}): save it as UTF-8") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{what} file {path}: invalid YAML: {exc}") from None
    out: dict[str, dict[str, str]] = {}
    if isinstance(data, list):
        for item in data:
            out[str(item)] = {"name": str(item)}
        return out
    if not isinstance(data, Mapping):
        raise SettingsError(f"{what} file {path}: must be a mapping of slugs")
    for slug, value in data.items():
        if isinstance(value, Mapping):
            out[str(slug)] = {k: str(v) for k, v in value.items() if v is not None}
            out[str(slug)].setdefault("name", str(slug))
        else:
            out[str(slug)] = {"name": str(value) if value is not None else str(slug)}
    return out
