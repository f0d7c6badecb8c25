"""The plugin in a build: validation first, cross-references, and what `mkdocs serve` watches."""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from sitekit import article, build_site, copy_project, date_back, folder_bytes, read_page, resolve

from mkdocs_prfaq.cli import main
from mkdocs_prfaq.core.loader import DEFAULT_MAX_BYTES
from mkdocs_prfaq.core.render.reference import option_docs
from mkdocs_prfaq.core.settings import DEFAULTS, from_options, option_fields
from mkdocs_prfaq.mkdocs.config import PrfaqConfig

BAD_FILES = [
    "prfaqs/PRFAQ-0010-missing-title.md",
    "prfaqs/PRFAQ-0011-bad-status.md",
    "prfaqs/PRFAQ-0012-bad-yaml.md",
    "prfaqs/PRFAQ-0013-unknown-link.md",
    "prfaqs/PRFAQ-0014-unknown-team.md",
    "prfaqs/PRFAQ-0015-bad-date.md",
    "prfaqs/PRFAQ-0016-duplicate-id.md",
    "prfaqs/PRFAQ-0017-no-front-matter.md",
    "prfaqs/PRFAQ-0018-empty.md",
    "prfaqs/PRFAQ-0019-latin1.md",
    "prfaqs/PRFAQ-0020-binary.md",
]


def test_invalid_corpus_fails_naming_every_bad_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_project("invalid", tmp_path / "project")
    site = project / "site"
    site.mkdir()
    (site / "marker.txt").write_text("left by an earlier build\n", encoding="utf-8")
    (site / "index.html").write_text("<p>the published site</p>\n", encoding="utf-8")
    before = folder_bytes(site)
    with caplog.at_level(logging.ERROR), pytest.raises((Abort, PluginError)):
        build_site(project)
    message = "\n".join(r.getMessage() for r in caplog.records)
    for bad in BAD_FILES:
        assert re.search(rf"^{re.escape(bad)}:\d+:\d+: error [a-z-]+: ", message, re.M), bad
    for good in ("PRFAQ-0002 café crème.md", "archive/PRFAQ-0003-archived.md"):
        assert not re.search(rf"^prfaqs/{re.escape(good)}:", message, re.M)
    # Sound, but its id is taken by PRFAQ-0016-duplicate-id.md: told so, and of nothing else.
    good_one = [line for line in message.splitlines() if line.startswith("prfaqs/PRFAQ-0001-good.md:")]
    assert len(good_one) == 1 and "duplicate-id: id PRFAQ-0001 is also used by prfaqs/PRFAQ-0016" in good_one[0]
    assert "README.md" not in message and "_template.md" not in message and ".hidden.md" not in message
    assert folder_bytes(site) == before


def test_invalid_corpus_raises_a_plugin_error_in_pre_build(tmp_path: Path) -> None:
    project = copy_project("invalid", tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    with pytest.raises(PluginError) as raised:
        config.plugins.on_pre_build(config=config)
    text = str(raised.value)
    assert all(bad in text for bad in BAD_FILES)
    assert not (tmp_path / "site").exists()


def test_a_missing_source_folder_fails_the_build_rather_than_publish_an_empty_catalog(tmp_path: Path) -> None:
    project = copy_project("basic", tmp_path / "project")
    config_file = project / "mkdocs.yml"  # a typo: the folder is prfaqs/
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("source_dir: prfaqs", "source_dir: proposals"))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    with pytest.raises(PluginError, match=r"the source folder .*proposals does not exist"):
        config.plugins.on_pre_build(config=config)
    (project / "proposals").mkdir()  # an empty catalog, on purpose, is fine
    assert (build_site(project) / "catalog" / "index.html").is_file()


def test_warnings_are_advice_not_mkdocs_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_project("basic", tmp_path / "project")
    path = project / "prfaqs" / "PRFAQ-0004-chat-help.md"
    text = path.read_text(encoding="utf-8")
    # A draft's missing FAQ is capped at warning: advice, and a strict build still passes.
    path.write_text(text.split("## External FAQ")[0], encoding="utf-8")
    with caplog.at_level(logging.INFO):
        build_site(project, strict=True)
    advice = [r for r in caplog.records if "PRFAQ-0004-chat-help.md" in r.getMessage()]
    assert advice and all(r.levelno == logging.INFO for r in advice)


def test_body_link_to_an_id_resolves(basic_site: Path) -> None:
    content = article(read_page(basic_site, "prfaqs/prfaq-0001/"))
    targets = {resolve("prfaqs/prfaq-0001/", a.attrs["href"]) for a in content.find_all("a") if "href" in a.attrs}
    assert "prfaqs/prfaq-0002/" in targets
    assert "prfaqs/prfaq-0003/#external-faq" in targets
    superseding = article(read_page(basic_site, "prfaqs/prfaq-0009/"))
    assert "prfaqs/prfaq-0008/" in {resolve("prfaqs/prfaq-0009/", a.attrs["href"]) for a in superseding.find_all("a")}


def test_handbook_link_to_an_id_resolves(basic_site: Path) -> None:
    content = article(read_page(basic_site, "handbook/"))
    hrefs = [a.attrs["href"] for a in content.find_all("a") if "href" in a.attrs and a.attrs.get("rel") != "edit"]
    targets = {resolve("handbook/", href) for href in hrefs if not href.startswith("#")}
    assert {"prfaqs/prfaq-0001/", "prfaqs/prfaq-0003/#external-faq"} <= targets
    for target in targets:
        assert (basic_site / target.split("#")[0] / "index.html").is_file(), target


def test_unknown_id_in_a_body_fails_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_project("basic", tmp_path / "project")
    path = project / "prfaqs" / "PRFAQ-0005-refund-status-by-chat.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee also [the lost plan](PRFAQ-0999).\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises((Abort, PluginError)):
        build_site(project)
    message = "\n".join(r.getMessage() for r in caplog.records)
    assert re.search(r"prfaqs/PRFAQ-0005-refund-status-by-chat\.md:\d+:\d+: error unknown-id: .*PRFAQ-0999", message)
    assert not (project / "site").exists()


def test_unknown_id_in_a_handbook_page_fails_a_strict_build(tmp_path: Path) -> None:
    project = copy_project("basic", tmp_path / "project")
    handbook = project / "docs" / "handbook.md"
    handbook.write_text(handbook.read_text(encoding="utf-8") + "\nAnd [a ghost](PRFAQ-0999).\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, strict=True)


def test_directory_urls_off(tmp_path: Path) -> None:
    project = copy_project("basic", tmp_path / "project")
    site = build_site(project, use_directory_urls=False)
    page = (site / "prfaqs" / "prfaq-0001.html").read_text(encoding="utf-8")
    assert 'href="prfaq-0002.html"' in page
    assert 'href="../catalog/teams/payments.html"' in page
    assert (site / "catalog" / "index.html").is_file()
    # The exports link to the pages as they are: `prfaq-0001.html`, not `prfaq-0001/`.
    documents = json.loads((site / "catalog.json").read_text(encoding="utf-8"))["documents"]
    record = next(d for d in documents if d["id"] == "PRFAQ-0001")
    assert record["url"] == "prfaqs/prfaq-0001.html" and (site / record["url"]).is_file()
    assert "/prfaqs/prfaq-0001.html" in (site / "feed.xml").read_text(encoding="utf-8")
    # And so do the search results: the home page is `index.html`, not the folder.
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{") :])["url"])
    assert {"/index.html", "/prfaqs/prfaq-0001.html"} <= urls and "/" not in urls


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_sources(basic_project: Path) -> None:
    config = load_config(str(basic_project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    server = _Server()
    config.plugins.on_serve(server, config=config, builder=lambda: None)
    assert str(basic_project / "prfaqs") in server.watched
    assert str(basic_project / "teams.yml") in server.watched


# -- the options: declared once, in the core ------------------------------------------------------
def test_the_plugin_config_is_made_from_the_core_options() -> None:
    """Names and order, defaults, types and descriptions: MkDocs validates exactly the options
    the core declares, and its defaults give the settings `prfaq` reads from an empty entry."""
    fields = option_fields()
    schema = dict(PrfaqConfig._schema)
    assert list(schema) == [f.name for f in fields]
    config = PrfaqConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    for field in fields:
        assert config[field.name] == getattr(DEFAULTS, field.name), field.name
        assert field.metadata["doc"] and "\n" not in field.metadata["doc"], field.name
        wrong = PrfaqConfig()
        wrong.load_dict({field.name: object()})
        assert [name for name, _ in wrong.validate()[0]] == [field.name]  # of a type MkDocs checks
    assert config["max_file_size"] == DEFAULT_MAX_BYTES
    assert from_options(Path("."), dict(config)) == from_options(Path("."), {})
    assert [name for name, _, _ in option_docs()] == [f.name for f in fields]


def test_a_whole_number_is_a_number_for_a_float_option() -> None:
    """`similar: 1` in mkdocs.yml is a threshold like `1.0`, not a type error."""
    for value, errors in ((1, []), (0.5, []), (False, []), ("high", ["similar"])):
        config = PrfaqConfig()
        config.load_dict({"similar": value})
        assert [name for name, _ in config.validate()[0]] == errors, value


def test_serve_checks_again_only_what_changed_from_prfaq_checks_cache(tmp_path: Path, checked: list[str]) -> None:
    """`mkdocs serve` runs the rules only on the files changed since `prfaq check` or its last
    build, from the check's own cache, which holds no link: its findings link to the preview's
    address (the handbook's sections), the check's to the site's, and neither throws the
    other's entries away."""
    project = copy_project("basic", tmp_path / "project")
    date_back(project / "prfaqs")
    main(["--config", str(project / "mkdocs.yml"), "check"])
    kept = project / ".prfaq_cache" / "check.pickle"
    before = kept.read_bytes()
    for _ in range(2):
        checked.clear()
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.site_url = "http://127.0.0.1:8000/"  # as `mkdocs serve` sets it
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        assert checked == []  # every file unchanged since the check
    assert kept.read_bytes() == before
