"""Hostile input, second pass (issue 14), in a real browser: a file name that tries to end the edit
link's attribute, and a body that tries to take the names the theme's scripts look up (DOM
clobbering: `id="__config"` before Material's own configuration). No script of theirs runs,
the theme keeps its own configuration, and no request leaves the site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import FIXTURES, Server, serve, watched
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

NAMES = {
    "clobber.md": "PRFAQ-0013-clobber.md",
    "named.md": "PRFAQ-0014\"><img src=x onerror=alert('XSS-name')>.md",
    "named-2.md": "PRFAQ-0015'><svg onload=alert('XSS-name2')>x.md",
}
PAGES = ["prfaqs/prfaq-0013/", "prfaqs/prfaq-0014/", "prfaqs/prfaq-0015/", "catalog/", "catalog/tags/refunds/"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    project = tmp_path_factory.mktemp("hostile-names") / "project"
    shutil.copytree(FIXTURES / "sites" / "hostile", project)
    # `prfaq check` refuses such names (rule file-name); a site that relaxes the rule must still be safe.
    config_file = project / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(
            "      history: false\n", "      history: false\n      rules: {file-name: warning}\n"
        ),
        encoding="utf-8",
    )
    for fixture, name in NAMES.items():
        shutil.copy(FIXTURES / "sites" / "hostile-names" / fixture, project / "prfaqs" / name)
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
    build(config)
    with serve(Path(config.site_dir)) as running:
        yield running


def test_no_script_runs_and_the_theme_keeps_its_configuration(browser: Browser, server: Server) -> None:
    with watched(browser) as (page, recorder):
        for path in PAGES:
            for fragment in ("", "#__search"):
                page.goto("about:blank")  # so that the fragment's URL is a new load, not a scroll
                response = page.goto(server.url(path) + fragment)
                assert response is not None and response.ok, path
                page.wait_for_load_state("load")
                # The theme read its own configuration: the element with that id is its script.
                assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT", path
                assert page.evaluate("JSON.parse(document.getElementById('__config').textContent).base") != (
                    "https://evil.example"
                )
                assert page.evaluate("document.querySelectorAll('#__config, [name=__config]').length") == 1, path
                for name in ("__search", "__drawer", "__toc", "document$"):
                    hits = page.evaluate(
                        f"[...document.querySelectorAll('article [id], article [name]')]"
                        f".filter(e => e.id === {name!r} || e.getAttribute('name') === {name!r}).length"
                    )
                    assert hits == 0, (path, name)
                article = page.locator("article")
                for hover in article.get_by_text("Hover here", exact=True).all() + article.locator("abbr").all():
                    hover.hover()
                injected = page.eval_on_selector_all(
                    "[onerror],[onload],img[src=x],svg", "els => els.filter(e => /XSS/.test(e.outerHTML)).length"
                )
                assert injected == 0, path
        # The edit link of the named documents goes to their file, percent-encoded, as one attribute.
        page.goto(server.url("prfaqs/prfaq-0014/"))
        edit = page.locator("a[rel=edit]")
        expect(edit).to_have_count(1)
        href = edit.get_attribute("href") or ""
        assert href.endswith("PRFAQ-0014%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%28%27XSS-name%27%29%3E.md"), href
    assert recorder.dialogs == []
    assert recorder.errors == []
    assert recorder.hosts() == {"127.0.0.1"}, sorted(set(recorder.urls))
