"""Schema rules: each JSON Schema error becomes one finding, at the value, with advice."""

from __future__ import annotations

import json

import pytest
from corekit import CLEAN, document, variant

from mkdocs_prfaq.core.rules.schema import check_schema, validator
from mkdocs_prfaq.core.schema import field_names, schema


def problems(text: str) -> list[tuple[str, int, int, str]]:
    return [(p.rule, p.line, p.col, p.message) for p in check_schema(document(text))]


def only(text: str) -> tuple[str, int, int, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_the_clean_document_is_valid() -> None:
    assert problems(CLEAN) == []


def test_the_schema_is_a_valid_draft_2020_12_schema_listing_every_field() -> None:
    validator().check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert field_names()[:7] == ["id", "title", "status", "authors", "team", "created", "updated"]
    assert set(schema()["required"]) == {"id", "title", "status", "authors", "team", "created", "customer"}


# -- types: say how YAML read the value ---------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "rule", "col", "fragment"),
    [
        ("team", "no", "field-type", 7, 'YAML read `no` as the boolean false: quote it ("no")'),
        ("team", "on", "field-type", 7, "YAML read `on` as the boolean true"),
        ("team", "Yes", "field-type", 7, "YAML read `Yes` as the boolean true"),
        ("customer", "1.5", "field-type", 11, "`customer` must be text; YAML read `1.5` as a number"),
        ("customer", "", "field-type", 10, "YAML read `(nothing)` as null"),
        ("title", "~", "field-type", 8, "YAML read `~` as null"),
        ("id", "0042", "id-format", 5, "`id` must be an id like PRFAQ-0042; YAML read `0042` as a number"),
        ("created", "20260302", "date-format", 10, "`created` must be a date YYYY-MM-DD"),
        ("authors", "Dana Whitfield", "field-type", 10, "`authors` must be a list, not text"),
        ("title", "{a: b}", "field-type", 8, "`title` must be text, not a mapping"),
    ],
)
def test_wrong_types_explain_how_yaml_read_the_value(
    field: str, value: str, rule: str, col: int, fragment: str
) -> None:
    line = CLEAN.split("\n").index(next(x for x in CLEAN.split("\n") if x.startswith(f"{field}:"))) + 1
    got = only(variant(**{field: value}))
    assert got[:3] == (rule, line, col)
    assert fragment in got[3]


@pytest.mark.parametrize("title", ['""', '"   "'])
def test_an_empty_title_is_one_finding_that_says_so(title: str) -> None:
    """Empty breaks both the one-line pattern and the minimum length: one finding, not two
    that speak of lines and lengths."""
    assert only(variant(title=title)) == ("field-format", 3, 8, "`title` is empty: write it")


def test_a_list_written_as_text_gets_the_same_items_in_brackets() -> None:
    rule, line, _, message = only(variant(after="tags: refunds, logistics"))
    assert (rule, line) == ("field-type", 10)
    assert message == (
        "`tags` must be a list, not text: put the items in brackets, `tags: [refunds, logistics]`, or one"
        " `- ` line per item below `tags:`"
    )


def test_id_references_of_the_wrong_type_are_id_format_findings() -> None:
    got = problems(variant(after="supersedes: [7]\nsuperseded_by: 12", status="superseded"))
    assert [(r, line, col) for r, line, col, _ in got] == [("id-format", 10, 14), ("id-format", 11, 16)]
    assert "`supersedes[0]` must be an id like PRFAQ-0042" in got[0][3]


# -- values -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "suggestion"),
    [("aproved", " (did you mean `approved`?)"), ("Draft", " (did you mean `draft`?)"), ("done", "")],
)
def test_status_enum_suggests_the_closest_status(status: str, suggestion: str) -> None:
    rule, line, col, message = only(variant(status=status))
    assert (rule, line, col) == ("status-enum", 4, 9)
    assert message.endswith(f"rejected, superseded{suggestion}")


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("titel", " (did you mean `title`?)"),
        ("superseeded_by", " (did you mean `superseded_by`?)"),
        ("owner", " (put local additions under `extra`)"),
    ],
)
def test_unknown_keys_get_a_suggestion_or_are_sent_to_extra(key: str, hint: str) -> None:
    assert only(variant(after=f"{key}: x")) == ("unknown-key", 10, 1, f"unknown key `{key}`{hint}")


def test_unknown_keys_inside_decision_are_found_at_their_key() -> None:
    text = variant(status="approved", after="decision:\n  date: 2026-04-20\n  by: Board\n  byy: x")
    assert only(text) == ("unknown-key", 13, 3, "unknown key `byy` (did you mean `by`?)")


def test_every_missing_field_is_reported_once() -> None:
    """jsonschema raises one error per missing field; each gave every missing field again."""
    got = problems("---\nid: PRFAQ-0001\ntitle: Only a title\n---\nBody\n")
    assert [(r, line, col) for r, line, col, _ in got] == [("required-field", 4, 1)] * 5
    assert [m.split("`")[1] for *_, m in got] == ["status", "authors", "team", "created", "customer"]


@pytest.mark.parametrize(
    ("created", "message"),
    [
        ("2026-13-45", "`created` is `2026-13-45`, not a real date"),
        ("2026-03-02T10:00:00Z", "`created` is `2026-03-02T10:00:00Z`, not a real date"),
        ("'March 2, 2026'", "`created` is `March 2, 2026`, not a real date"),
        # Written with slashes or dots: the ISO form, both when day and month could be either.
        ("03/02/2026", "YYYY-MM-DD: `2026-03-02` if the month came first, `2026-02-03` if the day did"),
        ("13.02.2026", "YYYY-MM-DD, here `2026-02-13`"),
        ("04/04/2026", "YYYY-MM-DD, here `2026-04-04`"),
        ("31/31/2026", "not a real date: write an ISO date YYYY-MM-DD"),
    ],
)
def test_dates_must_be_real_iso_dates(created: str, message: str) -> None:
    rule, line, col, got = only(variant(created=created))
    assert (rule, line, col) == ("date-format", 8, 10)
    assert message in got


@pytest.mark.parametrize(
    ("after", "position", "fragment"),
    [
        ("tags: [refunds, refunds]", (10, 7), "`tags` lists refunds more than once"),
        (
            "tags: [Same Day]",
            (10, 8),
            "'Same Day' is not a slug: use lowercase letters, digits and hyphens, like `same-day`",
        ),
        ("reviewers: [Ana <ana>]", (10, 13), "'Ana <ana>' is not `Name` or `Name <email>`"),
        ("summary: ''", (10, 10), "`summary` is empty: write it"),
        (
            "related:\n  - {title: FTP, url: 'ftp://example.com/x'}",
            (11, 23),
            "is not an http(s) URL, a relative path or a PR/FAQ id",
        ),
    ],
)
def test_format_findings_say_what_shape_is_expected(after: str, position: tuple[int, int], fragment: str) -> None:
    rule, line, col, message = only(variant(after=after))
    assert (rule, line, col) == ("field-format", *position)
    assert fragment in message


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("title", "Hi", "`title` is 2 characters long; it must be at least 3"),
        ("title", '"Two\\nlines"', "`title`: must be a single line of text"),
        ("title", "|\n  A title that ends with a newline", "`title`: must be a single line of text"),
    ],
)
def test_one_line_fields(field: str, value: str, fragment: str) -> None:
    rule, _, _, message = only(variant(**{field: value}))
    assert rule == "field-format"
    assert fragment in message


def test_authors_must_list_someone() -> None:
    text = CLEAN.replace("authors:\n  - Dana Whitfield <dana@example.com>", "authors: []")
    assert only(text) == ("field-format", 5, 10, "`authors` must list at least 1")


@pytest.mark.parametrize(
    "url", ["//evil.example/login", "\\\\evil.example\\share", "/\\evil.example", "https:\\\\evil.example", "docs\\x.md"]
)
def test_a_related_url_that_browsers_read_as_another_host_is_refused(url: str) -> None:
    rule, _, _, message = only(variant(after=f"related:\n  - {{title: X, url: {json.dumps(url)}}}"))
    assert rule == "field-format"
    assert "another host without saying so" in message and "write the full `https://` URL" in message


@pytest.mark.parametrize("url", ["https://example.com/a", "/handbook/x/", "../policies/refunds.md", "PRFAQ-0002"])
def test_full_urls_and_relative_paths_are_related_urls(url: str) -> None:
    assert problems(variant(after=f"related:\n  - {{title: X, url: {json.dumps(url)}}}")) == []


def test_an_unsafe_related_url_is_left_to_the_unsafe_url_rule() -> None:
    assert problems(variant(after="related:\n  - {title: X, url: 'javascript:alert(1)'}")) == []


# -- hostile sizes: linear time ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", json.dumps("a" * 300_000 + "\nb"), ["`title` is 300002 characters long", "single line"]),
        ("customer", json.dumps("x " * 150_000 + "\n"), ["`customer` is 300001 characters long", "single line"]),
        ("authors", "\n  - " + json.dumps("a" + " " * 300_000 + "b"), ["`authors[0]` is 300002 characters long"]),
        ("authors", "\n  - " + json.dumps("a" * 300_000 + "<"), ["`authors[0]` is 300001", "not `Name`"]),
    ],
    ids=["title-newline", "customer-newline", "author-spaces", "author-bracket"],
)
def test_very_long_strings_are_refused_at_once(field: str, value: str, expected: list[str]) -> None:
    """Python's `re` took quadratic time (minutes here) to fail the schema's patterns on these."""
    messages = [m for _, _, _, m in problems(variant(**{field: value}))]
    assert len(messages) == len(expected), messages
    for fragment in expected:
        assert any(fragment in m for m in messages), (fragment, messages)


def test_a_long_list_of_mixed_types_is_checked_in_linear_time() -> None:
    """jsonschema compared every pair of items of a list it could not sort."""
    tags = ", ".join(str(i) if i % 2 else f"t{i}" for i in range(40_000))
    found = problems(variant(after=f"tags: [{tags}, t0]"))
    assert ("field-format", 10, 7, "`tags` lists t0 more than once") in found
    assert sum(1 for r, *_ in found if r == "field-type") == 20_000
