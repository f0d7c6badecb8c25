"""A body nested deeper than the Markdown converter can follow stops the build with a finding.

Python-Markdown recurses once per level of lists, block quotes and Markdown-reading HTML blocks:
a 500-level list (about 250 KB) passed `prfaq check` and crashed `mkdocs build` with a
RecursionError traceback. Now `body-nesting` names the file, line and column, and nothing is built;
a site that makes the rule a warning gets the body shown as text instead of a crash.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from sitekit import article, build_site, copy_project, read_page, set_plugin_option

LIST = "\n".join("  " * level + f"- level {level + 1}" for level in range(500))
QUOTE = ">" * 1000 + " a quote a thousand deep"
BOXES = '<div markdown="1">\n' * 1000 + "boxed\n" + "</div>\n" * 1000


def _insert(path: Path, text: str) -> int:
    """Put `text` before the document's first FAQ heading; the line it starts on."""
    source = path.read_text(encoding="utf-8")
    at = source.index("\n## ") + 1
    path.write_text(source[:at] + text + "\n\n" + source[at:], encoding="utf-8")
    return source[:at].count("\n") + 1


def test_deep_nesting_stops_the_build_with_a_finding_not_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project("basic", tmp_path / "project")
    prfaqs = project / "prfaqs"
    # A draft too: the converter reads drafts, so the finding is not capped at a warning.
    listed = _insert(prfaqs / "PRFAQ-0004-chat-help.md", LIST)
    quoted = _insert(prfaqs / "PRFAQ-0002-weekend-delivery-windows.md", QUOTE)
    boxed = _insert(prfaqs / "PRFAQ-0003-split-payment.md", BOXES)
    assert len(LIST) > 250_000
    with caplog.at_level(logging.ERROR), pytest.raises((Abort, PluginError)):
        build_site(project)
    message = caplog.text
    assert "RecursionError" not in message and "Traceback" not in message
    # The first line past 20 levels: the 41st list item (2 columns a level: 80 columns, 20 levels, and its mark).
    assert f"prfaqs/PRFAQ-0004-chat-help.md:{listed + 40}:81: error body-nesting: nested past 20 levels" in message
    assert f"prfaqs/PRFAQ-0002-weekend-delivery-windows.md:{quoted}:1002: error body-nesting:" in message
    assert f"prfaqs/PRFAQ-0003-split-payment.md:{boxed + 20}:1: error body-nesting:" in message
    assert "flatten it into headings and shorter lists" in message
    assert not (project / "site").exists()


def test_made_a_warning_the_body_is_shown_as_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_project("basic", tmp_path / "project")
    _insert(project / "prfaqs" / "PRFAQ-0004-chat-help.md", LIST + "\n\n" + QUOTE)
    set_plugin_option(project, "rules", "{body-nesting: warning}")
    with caplog.at_level(logging.INFO):
        site = build_site(project)
    assert re.search(r"PRFAQ-0004-chat-help\.md:\d+:81: warning body-nesting", caplog.text)
    content = article(read_page(site, "prfaqs/prfaq-0004/"))
    code = content.one("pre").clean_text
    assert "- level 500" in code and "> a quote a thousand deep" in code.replace(">" * 999, "")
    # Not converted: no list inside a list, no block quote.
    assert not content.find_all("blockquote")
    assert all(len(item.find_all("ul")) == 0 for item in content.find_all("li"))
