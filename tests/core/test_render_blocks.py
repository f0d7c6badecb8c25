"""Generated HTML blocks: the inline form is the page as written, and the placeholder form,
once converted and spliced, gives back the same HTML; a document cannot forge a block."""

from __future__ import annotations

import markdown

from mkdocs_prfaq.core.render.blocks import block, splice, split


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html"])


def test_a_page_without_blocks_is_left_as_it_is() -> None:
    assert split("# Title\n\nText.\n") == ("# Title\n\nText.\n", "# Title\n\nText.\n", ())


def test_spliced_html_equals_the_inline_conversion() -> None:
    card = '<dl class="card"><dt>Id</dt><dd><code>PRFAQ-0001</code></dd></dl>'
    table = "<table><tr><td>*not emphasis*</td></tr></table>"
    page = f"# Title\n\n{block(card)}\n\nSome *prose*.\n\n{block(table)}\n"
    inline, source, blocks = split(page)
    assert inline == f"# Title\n\n{card}\n\nSome *prose*.\n\n{table}\n"
    assert card not in source and table not in source and blocks == (card, table)
    assert splice(convert(source), blocks) == convert(inline)


def test_text_that_looks_like_a_placeholder_stays_text() -> None:
    """A document may write a comment like a placeholder; without the run's token it is not one."""
    forged = "<!--prfaq-block-0000000000000000-0-->"
    _, source, blocks = split(f"{block('<p>ours</p>')}\n\n{forged}\n")
    html = splice(convert(source), blocks)
    assert html.count("<p>ours</p>") == 1 and forged in html
