"""The body's structure: press release, FAQ sections, questions and answers, links, word counts."""

from __future__ import annotations

import pytest

from mkdocs_prfaq.core.body import analyse, count_words, faq_kind, surely_at_most

BODY = """# Instant refunds

Shoppers get their **money** back [at once](https://example.com/refunds).
Second line of the first paragraph.

Another paragraph of the press release.

## External FAQ

### How much does it cost?

Nothing.

### Where is it available?

```text
## not a heading: inside code
```

## Internal FAQ

### Pricing

#### What does it cost us?

Two cents.

### What could go wrong?

## Appendix

Text after the FAQ.
"""


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("FAQ", "faq"),
        ("FAQs", "faq"),
        ("Frequently Asked Questions", "faq"),
        ("Questions and answers", "faq"),
        ("Q&A", "faq"),
        ("External FAQ", "external"),
        ("Customer FAQ", "external"),
        ("Public FAQs", "external"),
        ("Internal FAQ", "internal"),
        ("Stakeholder FAQ", "internal"),
        ("FAQ: business", "internal"),
        ("Frequently asked questions (internal)", "internal"),
        ("Questions", None),
        ("Customers", None),
        ("FAQtory tour", None),
    ],
)
def test_faq_headings_and_their_kind(heading: str, kind: str | None) -> None:
    assert faq_kind(heading) == kind


def test_structure_of_a_full_body() -> None:
    s = analyse(BODY, first_line=11)
    assert s.leading_h1 is not None and (s.leading_h1.text, s.leading_h1.line) == ("Instant refunds", 11)
    assert [(h.text, h.line, kind) for h, kind in s.faq_sections] == [
        ("External FAQ", 18, "external"),
        ("Internal FAQ", 30, "internal"),
    ]
    assert [(q.heading.text, q.answer_words > 0, q.section) for q in s.questions] == [
        ("How much does it cost?", True, "external"),
        ("Where is it available?", True, "external"),  # a code block is an answer
        ("What does it cost us?", True, "internal"),  # "Pricing" groups it: no question itself
        ("What could go wrong?", False, "internal"),
    ]
    assert "## not a heading" not in [h.text for h in s.headings]
    assert s.press_release_line == 11
    assert s.press_release_words == 19
    assert s.first_paragraph == "Shoppers get their money back at once. Second line of the first paragraph."
    assert [(link.target, link.line, link.col) for link in s.links] == [("https://example.com/refunds", 13, 45)]


def test_a_question_is_answered_by_any_text_under_it() -> None:
    s = analyse("## FAQ\n\n### Q1?\n\n- a list\n\n### Q2?\n\n| a | b |\n\n### Q3?\n\n---\n\n### Q4?\n", 1)
    assert [(q.heading.text, q.answer_words > 0) for q in s.questions] == [
        ("Q1?", True),
        ("Q2?", True),
        ("Q3?", False),  # a rule is not an answer
        ("Q4?", False),
    ]


def test_a_heading_at_the_faq_level_ends_the_faq() -> None:
    s = analyse("## FAQ\n\n### Q?\n\n## Appendix\n\n### Not a question\n", 1)
    assert [q.heading.text for q in s.questions] == ["Q?"]
    assert not s.questions[0].answer_words


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("## FAQ ##", "FAQ"),
        ("## FAQ #", "FAQ"),
        ("## C# FAQ", "C# FAQ"),
        # Python-Markdown drops closing `#`s without a space before them too: the page shows "FAQ".
        ("## FAQ#", "FAQ"),
        ("## FAQ\\#", "FAQ\\#"),
        ("## FAQ ##  ", "FAQ ##"),
        ("##\tTabbed", "Tabbed"),
        ("##Tight", "Tight"),
        ("####### seven", "# seven"),
    ],
)
def test_heading_text_as_python_markdown_reads_it(line: str, text: str) -> None:
    (heading,) = analyse(line + "\n", 1).headings
    assert heading.text == text


@pytest.mark.parametrize("line", ["   ## indented by three", " # indented by one", "    ## indented code", "\\## escaped"])
def test_lines_that_are_not_headings(line: str) -> None:
    assert analyse(line + "\n", 1).headings == []


def test_tilde_and_longer_fences_hide_headings_until_closed() -> None:
    s = analyse("~~~~\n# a\n~~~\n# b\n~~~~\n# c\n````\n# d\n```\n````\n# e\n", 1)
    assert [h.text for h in s.headings] == ["c", "e"]


@pytest.mark.parametrize(
    ("line", "links"),
    [
        ("[a](PRFAQ-0001) and [b](https://x.example/y)", [("PRFAQ-0001", 5), ("https://x.example/y", 25)]),
        ('[a](<PRFAQ-0002> "title")', [("PRFAQ-0002", 6)]),
        ("[a](  javascript:alert(1) 'x')", [("javascript:alert(1", 7)]),
        ("![img](data:image/png;base64,AAAA)", [("data:image/png;base64,AAAA", 8)]),
        ("[a](x", []),
        ("](](]( PRFAQ-0003)", [("PRFAQ-0003", 8)]),
        ("no link (here)", []),
    ],
)
def test_link_targets_and_their_columns(line: str, links: list[tuple[str, int]]) -> None:
    s = analyse(line + "\n", 5)
    assert [(link.target, link.col) for link in s.links] == links
    assert all(link.line == 5 for link in s.links)


def test_links_inside_code_are_not_links() -> None:
    assert analyse("```\n[a](javascript:x)\n```\n", 1).links == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("one two  three", 3),
        ("- a list item", 3),
        ("| a | b |", 2),
        ("Don't re-use e.g. U.S. rules — ok?", 6),
        ("東京 配達", 2),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def test_press_release_and_document_words_leave_out_headings_and_code() -> None:
    s = analyse("# Title words here\n\none two three\n\n```\ncode code\n```\n\n## FAQ\n\n### Q?\n\nfour five\n", 1)
    assert s.press_release_words == 3
    assert s.words == 5


@pytest.mark.parametrize(
    "text",
    ["", "one two  three", "- a | b | c", "a\x1cb\x1dc\x1ed\x1ff", "a\vb\fc\rd", "a\u00a0b\u2003c\u3000d", "東京 配達 — x"],
)
def test_surely_at_most_never_says_so_of_more_words(text: str) -> None:
    for limit in range(8):
        if surely_at_most(text, limit):
            assert count_words(text) <= limit


@pytest.mark.parametrize("body", ["one two three four\n\n## FAQ\n\n### Q?\n\nfive six\n", "a\x1cb\x1dc\n\n## FAQ\n\nd\u2003e\n"])
def test_word_limits_agree_with_the_counts(body: str) -> None:
    for limit in range(8):
        s = analyse(body, 1)  # fresh: the counts not yet taken
        assert s.press_release_over(limit) == (s.press_release_words > limit)
        s = analyse(body, 1)
        assert s.words_over(limit) == (s.words > limit)


def test_first_paragraph_strips_inline_markup_and_image_links() -> None:
    s = analyse('# H\n\nSee ![a chart](c.png) and *this* `code` [link](x "t").\n\nNext.\n', 1)
    assert s.first_paragraph == "See a chart and this code link."


def test_no_leading_h1_when_text_comes_first() -> None:
    assert analyse("Intro.\n\n# Late heading\n", 1).leading_h1 is None
    assert analyse("## Not level one\n", 1).leading_h1 is None


@pytest.mark.parametrize(
    "line",
    [
        "# a" + " " * 200_000 + "b",  # a heading regex with a lazy group backtracks on this
        "](" * 200_000,  # one link regex scans to the end of the line from every `](`
        '](x "' * 100_000,
        "](" * 100_000 + " x)",
        "[" * 200_000,  # the summary's link stripping, likewise
        "![a](" * 100_000,
    ],
    ids=["heading-spaces", "open-links", "open-titles", "open-links-closed-late", "brackets", "images"],
)
def test_long_hostile_lines_are_read_in_linear_time(line: str) -> None:
    """Each of these took minutes with a backtracking regex; now they are read at once."""
    s = analyse(line + "\n", 1)
    assert s.words >= 0
