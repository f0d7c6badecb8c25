"""Body rules: an FAQ that is there, split and answered; lengths; no script in links."""

from __future__ import annotations

import pytest
from corekit import CLEAN, document, variant

from mkdocs_prfaq.core.rules.body import DOCUMENT_WORDS, PRESS_RELEASE_WORDS, check_body, unsafe_scheme

FRONT, BODY = CLEAN.split("---\n", 2)[1:]
HEAD = f"---\n{FRONT}---\n"  # the body starts on line 11


def problems(body: str, head: str = HEAD) -> list[tuple[str, int, int, str]]:
    return [(p.rule, p.line, p.col, p.message) for p in check_body(document(head + body))]


def test_the_clean_body_passes() -> None:
    assert problems(BODY) == []


def test_no_faq_heading_is_reported_where_the_body_starts() -> None:
    assert problems("\nJust a press release.\n\n## Background\n\nMore.\n") == [
        (
            "faq-section",
            11,
            1,
            "no FAQ section: add `## External FAQ` and `## Internal FAQ` headings with questions under them",
        )
    ]


@pytest.mark.parametrize(
    ("headings", "lacking"),
    [
        (["## External FAQ"], "an internal"),
        (["## Internal FAQ"], "an external"),
        (["## FAQ"], "an external and an internal"),
        (["## Frequently Asked Questions", "## More FAQs"], "an external and an internal"),
    ],
)
def test_faq_split_names_the_missing_part_at_the_first_faq_heading(headings: list[str], lacking: str) -> None:
    body = "\nPress release.\n\n" + "".join(f"{h}\n\n### Why?\n\nBecause.\n\n" for h in headings)
    assert problems(body) == [
        (
            "faq-split",
            14,
            1,
            f"the FAQ lacks {lacking} part: split it under `## External FAQ` (customers) and "
            "`## Internal FAQ` (stakeholders)",
        )
    ]


@pytest.mark.parametrize(
    ("headings", "hint"),
    [
        (["## Externel FAQ", "## Internal FAQ"], " (is `Externel` meant to be `External`?)"),
        (["## External FAQ", "## Stakeholdr FAQ"], " (is `Stakeholdr` meant to be `Stakeholder`?)"),
        (["## General FAQ", "## Internal FAQ"], ""),  # a heading of its own, not a misspelt part
    ],
)
def test_faq_split_names_a_misspelt_part(headings: list[str], hint: str) -> None:
    body = "\nPress release.\n\n" + "".join(f"{h}\n\n### Why?\n\nBecause.\n\n" for h in headings)
    [(rule, _, _, message)] = problems(body)
    assert rule == "faq-split"
    assert message.startswith(f"the FAQ lacks an {'internal' if 'Stakeholdr' in hint else 'external'} part{hint}: split")


def test_every_unanswered_question_is_reported_at_its_heading() -> None:
    body = BODY.replace("Open the order, tap Report damage and add a photo.\n", "").replace(
        "About two cents per refund in card fees.", "  \n### Is it safe?"
    )
    assert problems(body) == [
        ("empty-answer", 20, 1, "question 'How do I report a damaged parcel?' has no answer under it: answer it, or remove it until you can"),
        ("empty-answer", 25, 1, "question 'What does it cost us?' has no answer under it: answer it, or remove it until you can"),
        ("empty-answer", 28, 1, "question 'Is it safe?' has no answer under it: answer it, or remove it until you can"),
    ]


def words(count: int) -> str:
    return " ".join(["word"] * count)


@pytest.mark.parametrize(("count", "flagged"), [(PRESS_RELEASE_WORDS, False), (PRESS_RELEASE_WORDS + 1, True)])
def test_press_release_length_counts_the_words_before_the_first_faq_heading(count: int, flagged: bool) -> None:
    body = f"\n{words(count)}\n\n## External FAQ\n\n### Q?\n\n{words(800)}\n\n## Internal FAQ\n\n### Q?\n\nA.\n"
    found = [p for p in problems(body) if p[0] == "press-release-length"]
    assert found == (
        [("press-release-length", 11, 1, f"the press release has {count} words, over 500 (one page): cut it to one page, starting with the solution paragraph")]
        if flagged
        else []
    )


@pytest.mark.parametrize(("count", "flagged"), [(DOCUMENT_WORDS, False), (DOCUMENT_WORDS + 1, True)])
def test_document_length_counts_every_word_of_the_body(count: int, flagged: bool) -> None:
    body = f"\nPress.\n\n## External FAQ\n\n### Q?\n\n{words(count - 2)}\n\n## Internal FAQ\n\n### Q?\n\nA.\n"
    found = [p for p in problems(body) if p[0] == "document-length"]
    message = f"the document has {count:,} words, over 3,000 (6 pages): move supporting material to appendices"
    assert found == ([("document-length", 11, 1, message)] if flagged else [])


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:alert(1)", "javascript"),
        ("  javascript:alert(1)", "javascript"),
        ("vbscript:msgbox", "vbscript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("https://example.com/javascript:x", None),
        ("mailto:a@example.com", None),
        ("../PRFAQ-0002/", None),
        ("#javascript:", None),
    ],
)
def test_unsafe_schemes(url: str, scheme: str | None) -> None:
    assert unsafe_scheme(url) == scheme


def test_unsafe_links_in_the_body_and_in_related_are_refused_where_they_stand() -> None:
    head = (
        HEAD.removesuffix("---\n")
        + "related:\n  - {title: A, url: 'https://e.com'}\n  - {title: B, url: 'vbscript:x'}\n---\n"
    )
    body = BODY.replace(
        "About two cents per refund in card fees.",
        "About two cents. [Click](javascript:void(0)) or ![x](data:image/svg+xml,<svg/>) or [ok](https://e.com).",
    )
    assert problems(body, head) == [
        ("unsafe-url", 31, 26, "`javascript:` link refused: link to an http(s) page instead"),
        ("unsafe-url", 31, 54, "`data:` link refused: link to an http(s) page instead"),
        ("unsafe-url", 12, 21, "`vbscript:` URL refused: use an http(s) address"),
    ]


def test_links_in_code_blocks_are_not_checked() -> None:
    body = BODY.replace("About two cents per refund in card fees.", "```md\n[x](javascript:alert(1))\n```")
    assert problems(body) == []


def test_rules_read_a_draft_like_any_document() -> None:
    """The draft cap is applied by the check, not by the rule: the rule reports as usual."""
    head = variant(status="draft").split("---\n", 2)[1]
    assert [p[0] for p in problems("\nOnly a press release.\n", f"---\n{head}---\n")] == ["faq-section"]


def test_an_empty_title_is_left_to_field_format_not_compared_with_the_heading() -> None:
    body = "\n# Instant refunds\n\n" + BODY
    titled = [p[0] for p in problems(body)]
    assert "title-mismatch" in titled  # the clean title is not this heading
    untitled = HEAD.replace("title: Instant refunds for damaged deliveries", 'title: ""')
    assert untitled != HEAD
    assert "title-mismatch" not in [p[0] for p in problems(body, head=untitled)]
