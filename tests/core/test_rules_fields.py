"""Cross-field rules: decision by status, superseded_by iff superseded, id in the file name, dates."""

from __future__ import annotations

import pytest
from corekit import CLEAN, document, variant

from mkdocs_prfaq.core.model import DECIDED, STATUSES
from mkdocs_prfaq.core.rules.fields import check_fields

DECISION = "decision:\n  date: 2026-04-20\n  by: Retail leadership review"


def problems(text: str, name: str = "PRFAQ-0001-instant-refunds.md") -> list[tuple[str, int, int, str]]:
    return [(p.rule, p.line, p.col, p.message) for p in check_fields(document(text, name))]


@pytest.mark.parametrize("status", sorted(DECIDED))
def test_decided_statuses_need_a_decision(status: str) -> None:
    assert problems(variant(status=status)) == [
        (
            "decision-required",
            4,
            9,
            f"status '{status}' records a decision: add `decision:` with `date:` and `by:`",
        )
    ]
    assert problems(variant(status=status, after=DECISION)) == []


@pytest.mark.parametrize("status", sorted(set(STATUSES) - DECIDED - {"superseded"}))
def test_undecided_statuses_may_carry_a_decision_or_not(status: str) -> None:
    assert problems(variant(status=status)) == []
    assert problems(variant(status=status, after=DECISION)) == []


def test_superseded_needs_superseded_by_and_only_superseded_may_have_it() -> None:
    assert [p[:3] for p in problems(variant(status="superseded"))] == [("superseded-status", 4, 9)]
    assert problems(variant(status="superseded", after="superseded_by: PRFAQ-0002")) == []
    found = problems(variant(status="draft", after="superseded_by: PRFAQ-0002"))
    assert found == [
        (
            "superseded-status",
            10,
            1,
            "`superseded_by` is set but status is 'draft': set status to 'superseded' or remove the field",
        )
    ]


def test_an_unknown_status_leaves_superseded_by_to_the_schema() -> None:
    assert problems(variant(status="gone", after="superseded_by: PRFAQ-0002")) == []


@pytest.mark.parametrize(
    "name",
    [
        "PRFAQ-0001-instant-refunds.md",
        "PRFAQ-0001.md",
        "PRFAQ-0001 café crème.md",
        "archive/2026/PRFAQ-0001-x.md",
    ],
)
def test_file_names_that_start_with_the_id(name: str) -> None:
    assert problems(CLEAN, name) == []


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("PRFAQ-0002-instant-refunds.md", "PRFAQ-0001-instant-refunds.md"),
        ("prfaq-0001-refunds.md", "PRFAQ-0001-refunds.md"),
        ("PRFAQ-00012-refunds.md", "PRFAQ-0001-refunds.md"),  # a longer id is another id
        ("refunds.md", "PRFAQ-0001-refunds.md"),
        ("archive/PRFAQ-0100.md", "PRFAQ-0001-title.md"),
    ],
)
def test_file_names_that_do_not_start_with_the_id(name: str, suggested: str) -> None:
    assert problems(CLEAN, name) == [
        ("id-filename", 2, 5, f"the file name must start with the id: rename it to {suggested}")
    ]


def test_a_malformed_id_is_left_to_the_schema() -> None:
    assert problems(variant(id="PRFAQ-1"), "x.md") == []


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("updated: 2026-03-02", []),
        ("updated: 2026-03-01", [("date-order", 10, 10, "`updated` 2026-03-01 is before `created` 2026-03-02")]),
        (
            "updated: 2025-12-31\n" + DECISION.replace("2026-04-20", "2026-01-01"),
            [
                ("date-order", 10, 10, "`updated` 2025-12-31 is before `created` 2026-03-02"),
                ("date-order", 12, 9, "`decision.date` 2026-01-01 is before `created` 2026-03-02"),
            ],
        ),
        ("updated: 2026-02-30", []),  # not a date: the schema says so, not this rule
        ("launch: 2020-01-01", []),  # a launch date may be anything
    ],
)
def test_dates_are_not_before_created(after: str, expected: list[tuple[str, int, int, str]]) -> None:
    found = problems(variant(after=after))
    assert [p[:3] for p in found] == [e[:3] for e in expected]
    for (_, _, _, message), (_, _, _, fragment) in zip(found, expected, strict=True):
        assert message.startswith(fragment)


def test_no_date_order_without_a_readable_created() -> None:
    assert problems(variant(created="someday", after="updated: 2020-01-01")) == []
