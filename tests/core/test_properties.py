"""Property-based tests: whatever the input, the loader and the checks return findings and never
raise, and every file ends up as a document or as an error that names it."""

from __future__ import annotations

import math
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from corekit import CLEAN, CLEAN_NAME
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.core.cache import Entry, load_plain
from mkdocs_prfaq.core.check import check_folder
from mkdocs_prfaq.core.findings import Severity
from mkdocs_prfaq.core.frontmatter import MAX_DEPTH, parse_yaml
from mkdocs_prfaq.core.loader import load, read_document
from mkdocs_prfaq.core.rules.body import check_body
from mkdocs_prfaq.core.rules.corpus import References, check_corpus
from mkdocs_prfaq.core.rules.fields import check_fields
from mkdocs_prfaq.core.rules.registry import RULES
from mkdocs_prfaq.core.rules.schema import check_schema
from mkdocs_prfaq.core.rules.writing import writing_problems
from mkdocs_prfaq.core.settings import from_options

EXAMPLES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
FIELDS = ["id", "title", "status", "authors", "team", "created", "updated", "customer", "tags", "decision",
          "supersedes", "superseded_by", "related", "extra", "summary", "launch", "reviewers"]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["no", "on", "0042", "2026-13-45", "2026-03-02", "PRFAQ-0001", "null", "~", "- x", "a: b", "*x"]),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
front_matters = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=10)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def all_rules_on(doc: Any) -> None:
    """Every check of a document, as `check_folder` runs them."""
    for check in (check_schema, check_fields, check_body, writing_problems):
        for problem in check(doc):
            assert problem.rule in RULES and problem.line >= 1 and problem.col >= 1
    refs = References.of(doc)
    # What the check's cache keeps of it comes back the same, through its plain-data unpickler.
    entry = Entry((1, 2, 3), (), tuple(check_schema(doc)), refs, True, True)
    assert Entry.from_plain(load_plain(pickle.dumps(entry.plain()))) == entry
    check_corpus([refs, refs], teams=["payments"], tags=["refunds"])


def read(text: str) -> None:
    doc, problems = read_document(Path(CLEAN_NAME), CLEAN_NAME, text)
    assert all(p.rule in RULES and p.line >= 1 and p.col >= 1 for p in problems)
    if doc is None:
        # Not a document: then at least one problem, and it is an error by default.
        assert any(RULES[p.rule].default is Severity.ERROR for p in problems)
    else:
        all_rules_on(doc)


@EXAMPLES
@given(front=front_matters, body=st.text(max_size=200))
def test_any_front_matter_dumped_as_yaml_gives_findings_never_an_exception(front: dict[str, Any], body: str) -> None:
    read("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)


@EXAMPLES
@given(front=front_matters)
def test_the_reader_agrees_with_pyyaml_on_plain_yaml(front: dict[str, Any]) -> None:
    """Without anchors, tags or duplicate keys, the event reader gives what `yaml.safe_load` gives,
    and a position for every value."""
    dumped = yaml.safe_dump(front, allow_unicode=True, width=math.inf)
    assume(depth(front) < MAX_DEPTH)
    # A line-based reader cannot tell a tab-indented continuation line from tab indentation.
    assume(not any(line[: len(line) - len(line.lstrip(" \t"))].count("\t") for line in dumped.split("\n")))
    parsed, problems = parse_yaml(dumped, first_line=2)
    assert problems == [] and parsed is not None
    assert parsed.data == yaml.safe_load(dumped)

    def paths(value: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
        return [path, *(p for key, child in items for p in paths(child, (*path, key)))]

    assert set(paths(parsed.data, ())) <= set(parsed.positions)


@EXAMPLES
@given(text=st.text(max_size=400))
def test_any_text_gives_a_document_or_an_error(text: str) -> None:
    read(text)


@EXAMPLES
@given(text=st.lists(st.sampled_from([*"-:[]{}&*!|>'\"#\n\t %@`,?", "---\n", "a", "é"]), max_size=80).map("".join))
def test_yaml_punctuation_soup_gives_a_document_or_an_error(text: str) -> None:
    read("---\n" + text + "\n---\nBody\n")


def lines_of(data: bytes) -> int:
    return data.count(b"\n") + 1


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@EXAMPLES
@given(data=st.binary(max_size=600))
def test_any_bytes_give_a_document_or_an_error_that_names_the_file(folder: Path, data: bytes) -> None:
    path = folder / CLEAN_NAME
    path.write_bytes(data)
    loaded = load([path], root=folder, source=folder)
    assert loaded.files == [CLEAN_NAME]
    if not loaded.documents:
        assert any(RULES[p.rule].default is Severity.ERROR for p in loaded.problems[CLEAN_NAME])
    for problem in loaded.problems.get(CLEAN_NAME, []):
        assert 1 <= problem.line <= lines_of(data) and problem.col >= 1


def _truncate(data: bytes, at: int, _: bytes) -> bytes:
    return data[: at % (len(data) + 1)]


def _insert(data: bytes, at: int, extra: bytes) -> bytes:
    at %= len(data) + 1
    return data[:at] + extra + data[at:]


def _shuffle(data: bytes, at: int, _: bytes) -> bytes:
    lines = data.split(b"\n")
    at %= len(lines)
    return b"\n".join(lines[at:] + lines[:at])


def _drop_line(data: bytes, at: int, _: bytes) -> bytes:
    lines = data.split(b"\n")
    del lines[at % len(lines)]
    return b"\n".join(lines)


def _change_value(data: bytes, at: int, extra: bytes) -> bytes:
    lines = data.split(b"\n")
    index = at % min(len(lines), 9)  # one of the front matter's lines, while there are some
    key = lines[index].split(b":")[0]
    lines[index] = key + b": " + (extra or b"[]")
    return b"\n".join(lines)


MUTATIONS = [_truncate, _insert, _shuffle, _drop_line, _change_value]


@EXAMPLES
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(MUTATIONS),
            st.integers(min_value=0),
            st.binary(max_size=12)
            | st.sampled_from(
                [
                    b"no",
                    b"0042",
                    b"null",
                    b"[a, b]",
                    b"{x: 1}",
                    b"&a x",
                    b"*a",
                    b"!!python/name:os.system",
                    b"2026-13-45",
                    b"\t",
                    b"---",
                    b"\xff",
                    b"\x00",
                ]
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_valid_files_give_findings_never_an_exception(folder: Path, steps: list[Any]) -> None:
    data = CLEAN.encode()
    for mutate, at, extra in steps:
        data = mutate(data, at, extra)
    source = folder / "mutated"
    source.mkdir(exist_ok=True)
    (source / CLEAN_NAME).write_bytes(data)
    (source / "PRFAQ-0002-clean.md").write_text(CLEAN.replace("PRFAQ-0001", "PRFAQ-0002"), encoding="utf-8")
    result = check_folder(from_options(folder, {"source_dir": "mutated", "teams_file": None}))
    named = {d.path for d in result.documents} | {f.path for f in result.errors}
    assert set(result.files) == named | {"mutated/PRFAQ-0002-clean.md"}
    for finding in result.findings:
        assert finding.line >= 1 and finding.col >= 1
