"""Advice on YAML syntax errors: the common mistakes, named where they start, with their fix.

The mistakes themselves are files: tests/fixtures/rules/yaml-syntax/fail/ (their findings are
in its `_expected.yml`, checked by test_rules.py). Here: the advice does not depend on which
parser PyYAML has (libyaml's or its own), and the parser's own words stay in the message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from corekit import FIXTURES

from mkdocs_prfaq.core.frontmatter import parse_yaml, split

MISTAKES = sorted((FIXTURES / "rules" / "yaml-syntax" / "fail").glob("*.md"))


def _front(path: Path) -> str:
    parts, problem = split(path.read_text(encoding="utf-8"))
    assert problem is None and parts is not None
    return parts.front


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_both_parsers_give_the_same_advice_at_the_same_line(path: Path) -> None:
    front = _front(path)
    (fast,) = parse_yaml(front, 2)[1]
    (pure,) = parse_yaml(front, 2, (yaml.SafeLoader,))[1]
    assert (fast.rule, pure.rule) == ("yaml-syntax", "yaml-syntax")
    assert fast.line == pure.line
    assert fast.message.split(" (the parser: ")[0] == pure.message.split(" (the parser: ")[0]
    assert " (the parser: " in fast.message  # PyYAML's words, for a search


@pytest.mark.parametrize(
    ("source", "line", "advice"),
    [
        # An escaped quote does not close the value: the quote opened on line 2 is still open.
        ('id: PRFAQ-0001\ntitle: "Say \\"hi\nteam: "payments"\n', 3, "on line 4"),
        # Closed on its line (by a quote after an escaped backslash): the error is the text after.
        ('id: PRFAQ-0001\ntitle: "C:\\\\" drive\n', 3, "text follows the value's closing quote"),
        ("id: PRFAQ-0001\ntitle: 'It''s here\nteam: 'payments'\n", 3, "on line 4"),
        # A quoted value may span lines: the mistake is the text after the next value's quote.
        ('summary: "A summary\n  on two lines"\ntitle: "Refunds" for all\n', 4, "text follows the value's closing quote"),
    ],
)
def test_a_quote_left_open_is_found_on_its_own_line(source: str, line: int, advice: str) -> None:
    (problem,) = parse_yaml(source, 2)[1]
    assert problem.line == line and advice in problem.message, problem


def test_an_unknown_mistake_keeps_the_parsers_words() -> None:
    (problem,) = parse_yaml("id: PRFAQ-0001\n%YAML 1.1\n", 2)[1]
    assert (problem.rule, problem.line) == ("yaml-syntax", 4)
    assert problem.message == "invalid YAML: did not find expected <document start>"


@pytest.mark.parametrize("loader", [yaml.CSafeLoader, yaml.SafeLoader], ids=["libyaml", "pure"])
def test_a_comment_that_hides_a_closing_bracket_on_the_last_line_is_named(loader: type) -> None:
    """On the front matter's last line YAML stops at its end and gives no place: the bracket's
    line is found above."""
    (problem,) = parse_yaml("id: PRFAQ-0001\ntags: [refunds, #same-day]\n", 2, (loader,))[1]
    assert (problem.line, problem.col) == (3, 17)
    assert problem.message.startswith("invalid YAML: '#' after a space, a comma or '[' starts a comment")
