"""Cross-document rules: ids, references between documents, supersedes chains, teams and tags."""

from __future__ import annotations

from corekit import document, variant

from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.rules.corpus import References, check_corpus


def doc(number: int, after: str = "", slug: str = "x", **fields: str) -> Document:
    doc_id = f"PRFAQ-{number:04d}"
    return document(variant(id=doc_id, after=after, **fields), f"{doc_id}-{slug}.md")


def found(
    documents: list[Document], teams: list[str] | None = None, tags: list[str] | None = None
) -> list[tuple[str, str, int, int, str]]:
    return [
        (d.path, p.rule, p.line, p.col, p.message)
        for d, p in check_corpus([References.of(d) for d in documents], teams=teams, tags=tags)
    ]


def test_a_consistent_corpus_has_no_finding() -> None:
    corpus = [
        doc(1, "superseded_by: PRFAQ-0002", status="superseded"),
        doc(
            2,
            "supersedes: [PRFAQ-0001]\nrelated:\n  - {title: Old, url: PRFAQ-0001}\n  - {title: Web, url: 'https://e.com'}",
        ),
    ]
    assert found(corpus, teams=["payments"], tags=[]) == []


def test_each_repeated_id_names_the_first_file_and_the_first_names_the_others() -> None:
    """Each file with the id is reported: a check of any one of them alone (pre-commit's) fails."""
    corpus = [doc(1, slug="a"), doc(1, slug="b"), doc(1, slug="c"), doc(2)]
    assert sorted(found(corpus)) == [
        (
            "PRFAQ-0001-a.md",
            "duplicate-id",
            2,
            5,
            "id PRFAQ-0001 is also used by PRFAQ-0001-b.md, PRFAQ-0001-c.md: run `prfaq new` for a free id, or "
            "renumber",
        ),
        (
            "PRFAQ-0001-b.md",
            "duplicate-id",
            2,
            5,
            "id PRFAQ-0001 is also used by PRFAQ-0001-a.md: run `prfaq new` for a free id, or renumber",
        ),
        (
            "PRFAQ-0001-c.md",
            "duplicate-id",
            2,
            5,
            "id PRFAQ-0001 is also used by PRFAQ-0001-a.md: run `prfaq new` for a free id, or renumber",
        ),
    ]


def test_references_to_ids_that_do_not_exist() -> None:
    corpus = [
        doc(
            1,
            "supersedes: [PRFAQ-0002, PRFAQ-0404]\nsuperseded_by: PRFAQ-0405\n"
            "related:\n  - {title: Gone, url: PRFAQ-0406}\n  - {title: Not an id, url: PRFAQ-7}",
            status="superseded",
        ),
        doc(2),
    ]
    assert [(rule, line, col, message) for _, rule, line, col, message in found(corpus)] == [
        ("unknown-id", 10, 26, "`supersedes` names PRFAQ-0404, which does not exist: check the id"),
        ("unknown-id", 11, 16, "`superseded_by` names PRFAQ-0405, which does not exist: check the id"),
        ("unknown-id", 13, 24, "`related` names PRFAQ-0406, which does not exist: check the id"),
    ]


def test_body_links_to_ids_must_exist_but_other_links_are_not_ids() -> None:
    body_doc = document(
        variant(id="PRFAQ-0001").replace(
            "About two cents per refund in card fees.",
            "See [this](PRFAQ-0002), [that](PRFAQ-0404) and [the site](https://e.com/PRFAQ-0404).",
        )
    )
    assert [(rule, line, col) for _, rule, line, col, _ in found([body_doc, doc(2)])] == [("unknown-id", 28, 32)]


def test_superseded_by_must_be_answered_by_supersedes() -> None:
    corpus = [doc(1, "superseded_by: PRFAQ-0002", status="superseded"), doc(2)]
    assert found(corpus) == [
        (
            "PRFAQ-0001-x.md",
            "supersedes-mismatch",
            10,
            16,
            "PRFAQ-0002 does not list PRFAQ-0001 in its `supersedes`: add it there",
        ),
    ]


def test_a_document_cannot_supersede_or_be_superseded_by_itself() -> None:
    assert [
        (rule, line, col, message) for _, rule, line, col, message in found([doc(1, "supersedes: [PRFAQ-0001]")])
    ] == [
        ("supersedes-cycle", 10, 14, "a document cannot supersede itself: remove its own id from `supersedes`"),
    ]
    by_itself = doc(1, "superseded_by: PRFAQ-0001", status="superseded")
    assert [(rule, message) for _, rule, _, _, message in found([by_itself])] == [
        ("supersedes-cycle", "a document cannot be superseded by itself: put the newer document's id in `superseded_by`"),
    ]


def test_a_loop_is_reported_once_with_its_chain() -> None:
    corpus = [
        doc(1, "supersedes: [PRFAQ-0002]"),  # a tail leading into the loop
        doc(2, "supersedes: [PRFAQ-0003]"),
        doc(3, "supersedes: [PRFAQ-0004]"),
        doc(4, "supersedes: [PRFAQ-0002]"),
    ]
    assert found(corpus) == [
        (
            "PRFAQ-0002-x.md",
            "supersedes-cycle",
            10,
            13,
            "supersedes chain loops: PRFAQ-0002 → PRFAQ-0003 → PRFAQ-0004 → PRFAQ-0002: a document cannot"
            " replace one that replaces it; remove the wrong link",
        ),
    ]


def test_a_long_chain_is_walked_without_recursion() -> None:
    corpus = [doc(n, f"supersedes: [PRFAQ-{n - 1:04d}]" if n > 1 else "") for n in range(1, 3001)]
    assert found(corpus) == []
    corpus[0] = doc(1, "supersedes: [PRFAQ-3000]")
    assert [(path, rule) for path, rule, *_ in found(corpus)] == [("PRFAQ-0001-x.md", "supersedes-cycle")]


def test_teams_are_checked_only_when_a_teams_file_is_configured() -> None:
    assert found([doc(1, team="refund-squad")]) == []
    assert found([doc(1, team="refund-squad")], teams=["payments", "fulfillment"]) == [
        (
            "PRFAQ-0001-x.md",
            "unknown-team",
            7,
            7,
            "team 'refund-squad' is not in the teams file (known: fulfillment, payments): use one of its slugs,"
            " or add the team to it",
        ),
    ]
    assert found([doc(1)], teams=[])[0][4].startswith("team 'payments' is not in the teams file (known: none)")
    assert found([doc(1, team="Payments")], teams=["payments"])[0][4].startswith(
        "team 'Payments' is not in the teams file (did you mean `payments`?) (known: payments)"
    )


def test_tags_are_checked_against_the_vocabulary_each_where_it_stands() -> None:
    tagged = doc(1, "tags: [refunds, drones, robots]")
    assert found([tagged]) == []
    fix = ": use a tag from it, or add this one to it"
    assert found([tagged], tags=["refunds", "drone"]) == [
        ("PRFAQ-0001-x.md", "unknown-tag", 10, 17, f"tag 'drones' is not in the tags vocabulary (did you mean `drone`?){fix}"),
        ("PRFAQ-0001-x.md", "unknown-tag", 10, 25, f"tag 'robots' is not in the tags vocabulary{fix}"),
    ]


def test_past_the_facet_limit_each_document_that_brings_new_values_gets_one_finding() -> None:
    many = "tags:\n" + "".join(f"  - t{i}\n" for i in range(10_000))
    corpus = [doc(1, "tags: [a, b]"), doc(2, many.rstrip("\n"), team="logistics"), doc(3, "tags: [a, t5, z]")]
    problems = [
        (d.path, p.line, p.col, p.message)
        for d, p in check_corpus([References.of(d) for d in corpus], teams=None, tags=None, max_facet_values=3)
    ]
    assert problems == [
        (
            "PRFAQ-0002-x.md",
            12,
            5,
            "tag 't1' (and 9,998 more tags here) is past the catalog's limit of 3 distinct tags (10,003 in all),"
            " and gets no page: use a tag other documents use, or raise `max_facet_values` in mkdocs.yml",
        ),
        ("PRFAQ-0003-x.md", 10, 11, problems[1][3]),
    ]
    assert problems[1][3].startswith("tag 't5' (and 1 more tags here)")
    # Within the limit (two teams, here), no finding; without a limit, none either.
    assert check_corpus([References.of(d) for d in corpus], teams=None, tags=None) == []
