"""The document model: typed accessors that never raise on values of the wrong type."""

from __future__ import annotations

import datetime as dt

import pytest
from corekit import document, variant

from mkdocs_prfaq.core.model import Person, parse_date


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        ("Dana Whitfield <dana@example.com>", "Dana Whitfield", "dana@example.com"),
        ("  Dana Whitfield   <dana@example.com>  ", "Dana Whitfield", "dana@example.com"),
        ("Ana Lima", "Ana Lima", None),
        ("<dana@example.com>", "", "dana@example.com"),
        ("محمد الأحمد <m@example.com>", "محمد الأحمد", "m@example.com"),
        ("Dana <not an email>", "Dana <not an email>", None),
        ("a < b <c@d.e>", "a < b <c@d.e>", None),
        ("", "", None),
    ],
)
def test_person_parse(text: str, name: str, email: str | None) -> None:
    assert Person.parse(text) == Person(name, email)


@pytest.mark.parametrize("text", ["a" + " " * 200_000 + "b", "a" + " " * 200_000 + "<", "<" * 100_000 + "x@y>"])
def test_person_parse_is_linear_on_hostile_names(text: str) -> None:
    """A single regex took cubic time (minutes for 5,000 spaces) on these."""
    assert Person.parse(text).name


def test_accessors_of_a_valid_document() -> None:
    doc = document(
        variant(
            status="approved",
            after="updated: 2026-04-11\ntags: [refunds]\nreviewers: [Ana Lima]\n"
            "decision: {date: 2026-04-20, by: Board, notes: Go}\nsupersedes: [PRFAQ-0000]\n"
            "related:\n  - {title: Policy, url: policy.md}",
        )
    )
    assert (doc.id, doc.status, doc.team, doc.slug) == ("PRFAQ-0001", "approved", "payments", "prfaq-0001")
    assert doc.authors == [Person("Dana Whitfield", "dana@example.com")]
    assert doc.reviewers == [Person("Ana Lima", None)]
    assert (doc.created, doc.updated) == (dt.date(2026, 3, 2), dt.date(2026, 4, 11))
    assert doc.decision is not None and (doc.decision.date, doc.decision.by) == (dt.date(2026, 4, 20), "Board")
    assert doc.supersedes == ["PRFAQ-0000"] and doc.tags == ["refunds"]
    assert [(r.title, r.url) for r in doc.related] == [("Policy", "policy.md")]
    assert doc.summary.startswith("Shoppers who get a damaged parcel")


def test_accessors_never_raise_on_values_of_the_wrong_type() -> None:
    text = (
        "---\nid: 42\ntitle: [a]\nstatus: gone\nauthors: Dana\nteam: no\ncreated: someday\n"
        "tags: [1, ok]\ndecision: yes\nrelated: [1, {title: T}]\nsupersedes: PRFAQ-0001\n---\nBody.\n"
    )
    doc = document(text, "x.md")
    assert (doc.id, doc.status, doc.team, doc.created, doc.decision) == (None, None, None, None, None)
    assert doc.title == "x.md"
    assert (doc.authors, doc.related, doc.supersedes, doc.tags) == ([], [], [], ["ok"])
    assert doc.summary == "Body."


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2026-03-02", dt.date(2026, 3, 2)),
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
        ("2026-02-30", None),
        (20260302, None),
    ],
)
def test_parse_date(value: object, date: dt.date | None) -> None:
    assert parse_date(value) == date
