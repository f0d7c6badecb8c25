"""Front matter: finding the fences, and reading the YAML with a position for every value."""

from __future__ import annotations

import pytest
import yaml

from mkdocs_prfaq.core.findings import Problem
from mkdocs_prfaq.core.frontmatter import LOADERS, MAX_DEPTH, FrontMatter, Position, parse_yaml, split


def parse(source: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse YAML as if it stood in a file from line 2 (after the opening `---`)."""
    return parse_yaml(source, first_line=2)


# -- split ------------------------------------------------------------------------------------
def test_split_returns_front_matter_body_and_where_the_body_starts() -> None:
    parts, problem = split("---\nid: PRFAQ-0001\ntitle: T\n---\n# Headline\n\nText\n")
    assert problem is None and parts is not None
    assert parts.front == "id: PRFAQ-0001\ntitle: T"
    assert parts.body == "# Headline\n\nText\n"
    assert (parts.end_line, parts.body_line) == (4, 5)


@pytest.mark.parametrize("closing", ["...", "---  ", "...\t"])
def test_split_accepts_the_yaml_document_end_markers(closing: str) -> None:
    parts, problem = split(f"---\nid: x\n{closing}\nbody")
    assert problem is None and parts is not None and parts.body == "body"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Headline\n---\nid: x\n---\n", "no front matter"),
        ("\n---\nid: x\n---\n", "no front matter"),  # the fence must be the very first line
        (" ---\nid: x\n---\n", "no front matter"),
        ("---\nid: x\ntitle: y\n", "unterminated front matter"),
        ("---\nid: x\n----\n", "unterminated front matter"),  # four dashes close nothing
    ],
)
def test_split_reports_missing_or_unterminated_front_matter_at_line_1(text: str, message: str) -> None:
    parts, problem = split(text)
    assert parts is None and problem is not None
    assert (problem.rule, problem.line, problem.col) == ("front-matter", 1, 1)
    assert message in problem.message


# -- values and positions -----------------------------------------------------------------------
def test_values_are_plain_python_and_dates_stay_as_written() -> None:
    front, problems = parse(
        "id: PRFAQ-0001\ncreated: 2026-03-02\ncount: 3\nratio: 0.5\nok: true\nnothing: null\n"
        "tags: [a, b]\ndecision:\n  date: 2026-04-20\n  by: Board\n"
    )
    assert problems == [] and front is not None
    assert front.data == {
        "id": "PRFAQ-0001",
        "created": "2026-03-02",  # the schema checks dates, so they are kept as text
        "count": 3,
        "ratio": 0.5,
        "ok": True,
        "nothing": None,
        "tags": ["a", "b"],
        "decision": {"date": "2026-04-20", "by": "Board"},
    }


def test_every_value_and_key_has_its_line_and_column_in_the_file() -> None:
    front, _ = parse("id: PRFAQ-0001\ntags: [refunds, logistics]\ndecision:\n  date: 2026-04-20\n  by: Board\n")
    assert front is not None
    assert front.positions[("id",)] == Position(2, 5)
    assert front.positions[("tags", 1)] == Position(3, 17)
    assert front.positions[("decision",)] == Position(5, 3)
    assert front.positions[("decision", "by")] == Position(6, 7)
    assert front.key_positions[("decision", "date")] == Position(5, 3)
    assert front.key_positions[("tags",)] == Position(3, 1)


def test_position_of_a_missing_path_falls_back_to_its_nearest_parent() -> None:
    front, _ = parse("decision:\n  date: 2026-04-20\n")
    assert front is not None
    assert front.position(("decision", "by")) == Position(3, 3)
    assert front.position(("nowhere", 3)) == Position(2, 1)  # the mapping itself


def test_raw_keeps_plain_scalars_as_written_for_quote_it_hints() -> None:
    front, _ = parse('team: no\nid: 0042\ntitle: "no"\n')
    assert front is not None
    assert front.data == {"team": False, "id": 34, "title": "no"}  # YAML 1.1: octal
    assert front.raw[("team",)] == "no"
    assert front.raw[("id",)] == "0042"
    assert ("title",) not in front.raw  # quoted: read as written, no hint needed


def test_standard_tags_are_honoured() -> None:
    front, problems = parse("team: !!str 123\ncount: !!int '7'\nextra: !!map {a: 1}\n")
    assert problems == [] and front is not None
    assert front.data == {"team": "123", "count": 7, "extra": {"a": 1}}


def test_a_standard_tag_on_a_value_it_cannot_read_is_a_syntax_finding() -> None:
    _, problems = parse("count: !!int seven\n")
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-syntax", 2, 8)]
    assert "cannot read `seven` as int" in problems[0].message


# -- refusals ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "line", "col", "fragment"),
    [
        ("team: !!python/name:os.system\n", 2, 7, "custom YAML tag `!!python/name:os.system` is refused"),
        ("team: !!binary aGVsbG8=\n", 2, 7, "custom YAML tag `!!binary` is refused"),
        ("team: !local x\n", 2, 7, "custom YAML tag `!local` is refused"),
        ("extra: !!set {a, b}\n", 2, 8, "custom YAML tag `!!set` is refused"),
        ("extra: !!python/object/apply:os.system [ls]\n", 2, 8, "`!!python/object/apply:os.system` is refused"),
    ],
)
def test_custom_tags_are_refused_before_anything_is_constructed(
    source: str, line: int, col: int, fragment: str
) -> None:
    front, problems = parse(source)
    assert front is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-tag", line, col)]
    assert fragment in problems[0].message


def test_anchors_and_aliases_are_refused_at_the_first_one() -> None:
    front, problems = parse("a: &x [1, 2]\nb: *x\n")
    assert front is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-alias", 2, 4)]
    front, problems = parse("a: 1\nb: *nowhere\n")
    assert front is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-alias", 3, 4)]
    assert "alias `*nowhere`" in problems[0].message


def test_duplicate_keys_are_found_at_every_level_and_the_document_is_still_read() -> None:
    front, problems = parse("id: a\ndecision:\n  by: X\n  by: Y\nid: b\n")
    assert front is not None
    assert [(p.rule, p.line, p.col) for p in problems] == [("duplicate-key", 5, 3), ("duplicate-key", 6, 1)]
    assert "key `by` appears twice (first on line 4)" in problems[0].message
    assert front.data["id"] == "b"


def test_the_same_key_in_two_mappings_is_not_a_duplicate() -> None:
    front, problems = parse("title: T\nrelated:\n  - {title: A, url: a}\n  - {title: B, url: b}\n")
    assert problems == [] and front is not None
    assert [r["title"] for r in front.data["related"]] == ["A", "B"]


# Both parsers PyYAML may run: libyaml's (a limit of its own at 1,000 levels since PyYAML 6.0.3's
# wheels) and the pure-Python one (no limit). The finding must be ours either way.
LOADER_IDS = {yaml.SafeLoader: "python", getattr(yaml, "CSafeLoader", None): "libyaml"}
ALL_LOADERS = [pytest.param((loader,), id=LOADER_IDS[loader]) for loader in LOADERS]


@pytest.mark.parametrize("loaders", [*ALL_LOADERS, pytest.param(LOADERS, id="default")])
def test_nesting_is_bounded(loaders: tuple[type, ...]) -> None:
    deep = "extra: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    front, problems = parse_yaml(deep, first_line=2, loaders=loaders)
    assert front is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-syntax", 2, 7 + MAX_DEPTH)]
    assert f"nested deeper than {MAX_DEPTH} levels" in problems[0].message
    shallow = "extra: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_yaml(shallow, first_line=2, loaders=loaders)[1] == []


@pytest.mark.parametrize(
    "loaders", [pytest.param((yaml.SafeLoader,), id="python"), pytest.param(LOADERS, id="default")]
)
@pytest.mark.parametrize(
    ("source", "col", "fragment"),
    [
        # Past libyaml's 1,000 levels, and unclosed: its scanner reads ahead before giving events.
        ("extra: " + "[" * 5_000, 7 + MAX_DEPTH, f"nested deeper than {MAX_DEPTH} levels"),
        ("extra: " + "[ " * 3_000, 6 + 2 * MAX_DEPTH, f"nested deeper than {MAX_DEPTH} levels"),
        ("extra: " + "{a: " * 2_000, 4 + 4 * MAX_DEPTH, f"nested deeper than {MAX_DEPTH} levels"),
        ("extra: " + "{" * 5_000, 9, "a mapping key must be a plain word"),
    ],
    ids=["brackets", "spaced-brackets", "flow-mappings", "mapping-as-key"],
)
def test_deep_flow_nesting_gets_our_finding_where_it_is_crossed(
    loaders: tuple[type, ...], source: str, col: int, fragment: str
) -> None:
    front, problems = parse_yaml(source, first_line=2, loaders=loaders)
    assert front is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-syntax", 2, col)]
    assert fragment in problems[0].message


@pytest.mark.parametrize(
    ("source", "line", "col", "fragment"),
    [
        ("id: x\n\tteam: y\n", 3, 1, "tab used for indentation"),
        ("authors:\n  \t- Dana\n", 3, 3, "tab used for indentation"),
        # Where the list was opened, not where the parser gave up (line 3).
        ("tags: [a, b\nteam: x\n", 2, 7, "the list opened by '[' here is not closed"),
        ("title: a: b\n", 2, 9, "mapping values are not allowed"),
        ("? [a, b]\n: c\n", 2, 3, "a mapping key must be a plain word"),
        ("id: x\n---\nid: y\n", 3, 1, "more than one YAML document"),
    ],
)
def test_syntax_problems_point_at_the_line_and_column(source: str, line: int, col: int, fragment: str) -> None:
    _, problems = parse(source)
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-syntax", line, col)]
    assert fragment in problems[0].message


def test_a_tab_inside_a_value_is_not_indentation() -> None:
    front, problems = parse('title: "A\ttab"\nsummary: one\ttwo\n')
    assert problems == [] and front is not None
    assert front.data == {"title": "A\ttab", "summary": "one\ttwo"}


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("", 1, "front matter is empty"),
        ("# only a comment\n", 1, "front matter is empty"),
        ("null\n", 1, "front matter is empty"),
        ("- a\n- b\n", 2, "front matter is a list"),
        ("just text\n", 2, "front matter is a single value"),
        ("42\n", 2, "front matter is a single value"),
    ],
)
def test_front_matter_must_be_a_mapping(source: str, line: int, fragment: str) -> None:
    front, problems = parse(source)
    assert front is None
    assert [(p.rule, p.line) for p in problems] == [("front-matter", line)]
    assert fragment in problems[0].message
