"""Limits on what one document asks of the build: tags, abbreviations and footnotes (issue 14).

The review's attacks: 10,000 tags in one 69 KB file (a page per tag: 4 minutes and a 900 MB
site), 40,000 abbreviation definitions, 40,000 footnote marks (Python-Markdown's time grows with
their square). Each gives one finding, at the first item past the limit, however many there are.
"""

from __future__ import annotations

from corekit import CLEAN, document, variant

from mkdocs_prfaq.core.rules.limits import limits_check
from mkdocs_prfaq.core.settings import Limits

FAQ_END = "About two cents per refund in card fees."
#: The line of the clean file's last body line, and of a line added after a blank line.
LAST = CLEAN.split("\n").index(FAQ_END) + 1
ADDED = (CLEAN + "\n\n").count("\n") + 1


def found(text: str, **limits: int) -> list[tuple[str, int, int, str]]:
    return [(p.rule, p.line, p.col, p.message) for p in limits_check(Limits(**limits))(document(text))]


def test_ten_thousand_tags_give_one_finding_at_the_first_past_the_limit() -> None:
    tags = "tags:\n" + "".join(f"  - t{i}\n" for i in range(10_000))
    ((rule, line, col, message),) = found(variant(after=tags.rstrip("\n")))
    assert (rule, line, col) == ("too-many-tags", 11 + 20, 5)
    assert message.startswith("`tags` lists 10,000 tags, over the limit of 20")
    assert "raise `max_tags` in mkdocs.yml" in message


def test_tags_up_to_the_limit_pass() -> None:
    assert found(variant(after="tags: [a, b, c]"), tags=3) == []
    assert [r for r, *_ in found(variant(after="tags: [a, b, c, d]"), tags=3)] == ["too-many-tags"]


def test_abbreviation_definitions_are_counted_where_markdown_reads_them() -> None:
    definitions = "".join(f"*[A{i}]: Abbreviation {i}\n" for i in range(40_000))
    ((rule, line, col, message),) = found(CLEAN + "\n\n" + definitions)
    assert (rule, line, col) == ("too-many-abbreviations", ADDED + 200, 1)
    assert message.startswith("the body defines 40,000 abbreviations")
    # Indented (code) or quoted, a line is no definition.
    assert found(CLEAN + "\n\n" + "".join(f"    *[A{i}]: code\n" for i in range(5)), abbreviations=2) == []
    assert found(CLEAN + "\n\n" + "".join(f"> *[A{i}]: quote\n" for i in range(5)), abbreviations=2) == []


def test_marks_of_one_footnote_count_as_much_as_many_footnotes() -> None:
    """Marks are what cost: 4,000 marks of a single footnote took Python-Markdown 20 s."""
    marks = CLEAN.replace(FAQ_END, FAQ_END + "[^fee]" * 40_000) + "\n[^fee]: Card fees.\n"
    ((rule, line, col, message),) = found(marks)
    assert (rule, line, col) == ("too-many-footnotes", LAST, len(FAQ_END) + 200 * 6 + 1)
    assert message.startswith("the body holds 40,000 footnote marks (`[^...]`), over the limit of 200")
    notes = CLEAN + "\n\n" + "".join(f"[^{i}]: Note {i}.\n" for i in range(300))
    assert [(r, line) for r, line, *_ in found(notes)] == [("too-many-footnotes", ADDED + 200)]
    assert found(CLEAN.replace(FAQ_END, FAQ_END + "[^a][^b]") + "\n[^a]: A.\n[^b]: B.\n", footnotes=2) == []


def test_a_run_of_brackets_is_no_footnote() -> None:
    assert found(CLEAN + "\n\n" + "[^[^[^" * 10_000 + "\n\n" + "*[" * 10_000 + "\n", footnotes=1, abbreviations=1) == []
