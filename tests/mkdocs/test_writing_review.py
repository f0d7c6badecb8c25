"""The "Writing review" panel in a real MkDocs build: on drafts and documents in review only."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sitekit import build_site, copy_project, date_back

from mkdocs_prfaq.cli import main

PANEL = re.compile(r'<details class="prfaq-review">(.*?)</details>', re.S)


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project("writing-review", tmp_path_factory.mktemp("writing-review") / "project")
    return build_site(project, strict=True)


def panel(site: Path, slug: str) -> str | None:
    text = (site / "prfaqs" / slug / "index.html").read_text(encoding="utf-8")
    match = PANEL.search(text)
    return match.group(1) if match else None


def article(site: Path, slug: str) -> str:
    text = (site / "prfaqs" / slug / "index.html").read_text(encoding="utf-8")
    return text[text.index("<article") :]


def test_drafts_and_documents_in_review_show_their_findings(review_site: Path) -> None:
    draft = panel(review_site, "prfaq-0001")
    assert draft is not None and "Writing review: 5 findings" in draft
    assert draft.count("<code>future-tense</code>") == 5
    assert "Line 15" in draft
    # Escaped, and linked to the handbook section, relative to the page.
    assert "'will' in the press release" in html.unescape(draft) and "<script" not in draft
    assert 'href="../../learn/writing-style/#write-as-if-it-has-launched"' in draft
    review = panel(review_site, "prfaq-0002")
    assert review is not None and "Writing review: 3 findings" in review
    assert 'href="../../learn/writing-style/#acronyms"' in review
    # The panel says what its findings are worth: a second look, not a verdict on the idea.
    assert "fix what you agree with" in review and "the reviewers do" in review


def test_a_clean_document_in_review_says_so(review_site: Path) -> None:
    clean = panel(review_site, "prfaq-0005")
    assert clean is not None and "Writing review: no findings" in clean and "<li>" not in clean
    assert "The checks found nothing to point at" in clean


@pytest.mark.parametrize("slug", ["prfaq-0003", "prfaq-0004"])
def test_launched_and_decided_documents_do_not_show_it(review_site: Path, slug: str) -> None:
    assert panel(review_site, slug) is None


def test_the_panel_sits_under_the_card(review_site: Path) -> None:
    text = article(review_site, "prfaq-0001")
    card = text.index('class="prfaq-card"')
    assert card < text.index('class="prfaq-review"') < text.index("Shoppers buying a sofa")


def test_the_print_edition_is_linked_and_the_faq_is_marked(review_site: Path) -> None:
    text = (review_site / "prfaqs" / "prfaq-0001" / "index.html").read_text(encoding="utf-8")
    assert "assets/prfaq/prfaq-print.css" in text and "assets/prfaq/prfaq-print.js" in text
    text = article(review_site, "prfaq-0001")
    marker = text.index('class="prfaq-faq-start"')
    assert marker < text.index("External FAQ") and text.count('class="prfaq-faq-start"') == 1


def test_a_build_after_prfaq_check_shows_the_checks_findings_without_running_the_rules_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The panels list what the check found and measured (kept in its cache): a build after
    `prfaq check` runs no writing rule, measures no readability, and shows the same panels as a
    build without a cache."""
    project = copy_project("writing-review", tmp_path / "project")
    date_back(project / "prfaqs")
    first = build_site(project, strict=True, site_dir=str(tmp_path / "first"))
    main(["--config", str(project / "mkdocs.yml"), "check"])  # (its findings fail it: a draft in review)
    from mkdocs_prfaq.core.rules import readability, writing

    ran: list[str] = []
    rules, measure = writing._writing_problems, readability.readability
    monkeypatch.setattr(writing, "_writing_problems", lambda doc, *rest: ran.append(doc.path) or rules(doc, *rest))
    monkeypatch.setattr(readability, "readability", lambda blocks: ran.append("readability") or measure(blocks))
    again = build_site(project, strict=True, site_dir=str(tmp_path / "again"))
    assert ran == []
    for slug in ("prfaq-0001", "prfaq-0002", "prfaq-0005"):
        assert panel(again, slug) == panel(first, slug) is not None
