"""Settings: the plugin options of `mkdocs.yml`, shared by the command and the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corekit import FIXTURES, check

from mkdocs_prfaq.core.findings import Severity
from mkdocs_prfaq.core.loader import DEFAULT_MAX_BYTES
from mkdocs_prfaq.core.rules.registry import RULES
from mkdocs_prfaq.core.settings import (
    Limits,
    SettingsError,
    from_options,
    load_settings,
    parse_rules,
    plugin_options,
    read_vocabulary,
    require_source_dir,
)


def test_defaults(tmp_path: Path) -> None:
    settings = from_options(tmp_path, {})
    assert settings.source_dir == tmp_path / "prfaqs"
    assert (settings.teams_file, settings.tags_file) == (None, None)
    assert settings.max_file_size == DEFAULT_MAX_BYTES
    assert settings.rules == {}
    assert all(settings.severity(name) is rule.default for name, rule in RULES.items())


def test_paths_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    settings = from_options(tmp_path, {"source_dir": "docs/prfaqs", "teams_file": "teams.yml", "tags_file": "t.yml"})
    assert settings.source_dir == tmp_path / "docs" / "prfaqs"
    assert settings.teams_file == tmp_path / "teams.yml"
    assert settings.tags_file == tmp_path / "t.yml"


@pytest.mark.parametrize(
    ("value", "severity"),
    [("error", Severity.ERROR), ("Warning", Severity.WARNING), ("OFF", Severity.OFF), (False, Severity.OFF)],
)
def test_rule_severities(value: object, severity: Severity) -> None:
    assert parse_rules({"faq-split": value}) == {"faq-split": severity}
    settings = from_options(Path("."), {"rules": {"faq-split": value}})
    assert settings.severity("faq-split") is severity
    assert settings.severity("faq-section") is Severity.ERROR  # others keep their default


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"faq-splits": "off"}, "unknown rule `faq-splits` in `rules`"),
        ({"faq-split": "fatal"}, "rule `faq-split`: severity must be error, warning or off, not 'fatal'"),
        ({"faq-split": True}, "severity must be error, warning or off, not True"),  # YAML's unquoted `on`
        (["faq-split"], "`rules` must map rule names to error, warning or off"),
    ],
)
def test_bad_rules_are_settings_errors(rules: object, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        from_options(Path("."), {"rules": rules})


@pytest.mark.parametrize("size", [0, -1, True, "1MB", 1.5])
def test_max_file_size_must_be_a_positive_number_of_bytes(size: object) -> None:
    with pytest.raises(SettingsError, match="`max_file_size` must be a positive number of bytes"):
        from_options(Path("."), {"max_file_size": size})
    assert from_options(Path("."), {"max_file_size": 10}).max_file_size == 10


def test_limits_default_to_the_documented_values_and_each_is_an_option() -> None:
    assert from_options(Path("."), {}).limits == Limits(tags=20, facet_values=500, abbreviations=200, footnotes=200)
    options = {"max_tags": 3, "max_facet_values": 4, "max_abbreviations": 5, "max_footnotes": 6}
    assert from_options(Path("."), options).limits == Limits(tags=3, facet_values=4, abbreviations=5, footnotes=6)


@pytest.mark.parametrize("option", ["max_tags", "max_facet_values", "max_abbreviations", "max_footnotes"])
@pytest.mark.parametrize("value", [0, -5, True, "20", 2.5, None])
def test_a_limit_must_be_a_positive_whole_number(option: str, value: object) -> None:
    with pytest.raises(SettingsError, match=f"`{option}` must be a positive whole number"):
        from_options(Path("."), {option: value})


def test_weasel_words_must_be_a_list_of_words() -> None:
    with pytest.raises(SettingsError, match="`weasel_words` must be a list of words"):
        from_options(Path("."), {"weasel_words": "synergy"})
    assert from_options(Path("."), {"weasel_words": ["synergy"]}).weasel_words == ["synergy"]


@pytest.mark.parametrize("jobs", [-1, True, "2", 1.5])
def test_jobs_must_be_a_number_of_processes(jobs: object) -> None:
    with pytest.raises(SettingsError, match="`jobs` must be 0"):
        from_options(Path("."), {"jobs": jobs})
    assert from_options(Path("."), {"jobs": 1}).jobs == 1 and from_options(Path("."), {}).jobs == 0


@pytest.mark.parametrize("value", [0, 0.0, -0.1, 1.5, True, "0.3", None])
def test_similar_is_a_threshold_above_0_and_at_most_1(value: object) -> None:
    with pytest.raises(SettingsError, match="`similar` must be a number above 0 and at most 1"):
        from_options(Path("."), {"similar": value})
    assert from_options(Path("."), {}).similar == 0.2
    assert from_options(Path("."), {"similar": 0.35}).similar == 0.35 and from_options(Path("."), {"similar": 1}).similar == 1.0


def test_similar_false_turns_the_similar_documents_off() -> None:
    assert from_options(Path("."), {"similar": False}).similar is None


@pytest.mark.parametrize("value", [0, -0.1, 1.5, False, "0.7", None])
def test_duplicate_is_a_threshold_above_0_and_at_most_1(value: object) -> None:
    with pytest.raises(SettingsError, match=r"`duplicate` must be a number above 0 and at most 1, such as 0\.65"):
        from_options(Path("."), {"duplicate": value})
    assert from_options(Path("."), {}).duplicate == 0.65 and from_options(Path("."), {"duplicate": 0.8}).duplicate == 0.8


@pytest.mark.parametrize("days", [0, -3, True, "42", 4.5])
def test_review_overdue_days_is_a_positive_number_of_days(days: object) -> None:
    with pytest.raises(SettingsError, match="`review_overdue_days` must be a positive number of days"):
        from_options(Path("."), {"review_overdue_days": days})
    assert from_options(Path("."), {}).review_overdue_days == 42
    assert from_options(Path("."), {"review_overdue_days": 10}).review_overdue_days == 10


def test_page_urls_follow_use_directory_urls(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    assert load_settings(config).directory_urls
    config.write_text("site_name: X\nuse_directory_urls: false\nplugins: [prfaq]\n", encoding="utf-8")
    assert not load_settings(config).directory_urls


@pytest.mark.parametrize(
    ("config", "options"),
    [
        ({"plugins": ["search", {"prfaq": {"source_dir": "x"}}]}, {"source_dir": "x"}),
        ({"plugins": ["search", "prfaq"]}, {}),
        ({"plugins": {"search": {}, "prfaq": {"source_dir": "y"}}}, {"source_dir": "y"}),
        ({"plugins": [{"prfaq": None}]}, {}),
        ({"plugins": ["search"]}, {}),
        ({}, {}),
    ],
)
def test_plugin_options_from_either_form_of_plugins(config: dict[str, object], options: dict[str, object]) -> None:
    assert plugin_options(config) == options


def test_load_settings_reads_mkdocs_yml_tolerantly(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\n"
        "site_url: https://handbook.example.com/\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: mermaid\n"
        "          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "extra:\n"
        "  analytics: !ENV [ANALYTICS, '']\n"
        "plugins:\n"
        "  - search\n"
        "  - prfaq:\n"
        "      source_dir: proposals\n"
        "      rules: {faq-split: off, document-length: error}\n",
        encoding="utf-8",
    )
    settings = load_settings(config)
    assert settings.root == tmp_path.resolve()
    assert settings.source_dir == tmp_path.resolve() / "proposals"
    assert settings.rules == {"faq-split": Severity.OFF, "document-length": Severity.ERROR}


def test_no_mkdocs_yml_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "mkdocs.yml")
    assert settings.source_dir == tmp_path.resolve() / "prfaqs"
    # Run from the wrong folder: the message says so, not only that `prfaqs/` is missing.
    with pytest.raises(SettingsError, match=r"^no mkdocs.yml in .*: run prfaq in the folder of the site's mkdocs.yml"):
        require_source_dir(settings)
    with pytest.raises(SettingsError, match="does not exist: create it"):
        require_source_dir(load_settings(FIXTURES / "settings" / "inherit" / "payments" / "mkdocs.yml"))


def test_inherit_is_followed_as_mkdocs_follows_it() -> None:
    """The command line and the build read the same options from a config that inherits them."""
    site = FIXTURES / "settings" / "inherit" / "payments"
    settings = load_settings(site / "mkdocs.yml")
    assert settings.source_dir == site / "proposals" and settings.teams_file == site / "teams.yml"
    assert settings.severity("faq-section") is Severity.WARNING
    assert settings.site_url == "https://payments.example.com/"


def test_an_inherit_loop_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match=r"b.yml: `INHERIT: a.yml` leads back to this file"):
        load_settings(FIXTURES / "settings" / "inherit-loop" / "a.yml")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plugins: [\n", "cannot read"),
        (b"site_name: caf\xe9\n", "cannot read"),
        (b"plugins:\n  - prfaq:\n      rules: {no-such-rule: off}\n", "unknown rule `no-such-rule`"),
    ],
)
def test_an_unreadable_config_is_a_settings_error(tmp_path: Path, content: bytes, message: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_bytes(content)
    with pytest.raises(SettingsError, match=message):
        load_settings(config)


def test_a_config_that_is_not_a_mapping_gives_defaults(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("- just\n- a list\n", encoding="utf-8")
    assert load_settings(config).source_dir == tmp_path.resolve() / "prfaqs"


# -- teams and tags files -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "payments:\n  name: Payments\n  description: Refunds\nsupport:\n  description: Help\n",
            {
                "payments": {"name": "Payments", "description": "Refunds"},
                "support": {"description": "Help", "name": "support"},
            },
        ),
        ("payments: Payments\nsupport:\n", {"payments": {"name": "Payments"}, "support": {"name": "support"}}),
        ("- refunds\n- delivery\n", {"refunds": {"name": "refunds"}, "delivery": {"name": "delivery"}}),
    ],
)
def test_vocabulary_files_in_each_accepted_form(tmp_path: Path, content: str, expected: dict[str, object]) -> None:
    path = tmp_path / "teams.yml"
    path.write_text(content, encoding="utf-8")
    assert read_vocabulary(path, "teams") == expected


def test_no_vocabulary_file_configured_means_no_check() -> None:
    assert read_vocabulary(None, "tags") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "teams file .*: No such file"), ("a: [\n", "invalid YAML"), ("just text\n", "must be a mapping of slugs")],
)
def test_bad_vocabulary_files_are_settings_errors(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "teams.yml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        read_vocabulary(path, "teams")


def test_a_rule_whose_files_would_be_lost_cannot_be_turned_off(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot be turned off"):
        from_options(tmp_path, {"rules": {"file-encoding": "off"}})
    # It can still be made a warning: the file is named, not lost.
    settings = from_options(tmp_path, {"rules": {"file-encoding": "warning"}})
    assert settings.severity("file-encoding").value == "warning"


def test_image_hosts_are_host_names(tmp_path: Path) -> None:
    assert from_options(tmp_path, {"image_hosts": ["Images.Example.com"]}).image_hosts == ("images.example.com",)
    assert from_options(tmp_path, {}).image_hosts == ()
    for bad in ("images.example.com", ["https://images.example.com/"], [""], [3]):
        with pytest.raises(SettingsError, match="image_hosts"):
            from_options(tmp_path, {"image_hosts": bad})


def test_a_site_extends_the_writing_rules_word_lists() -> None:
    """`word_lists` adds a site's own file to a built-in list: a word only that file names is flagged."""
    root = FIXTURES / "word-lists"
    plain = [f for f in check(root, "prfaqs").findings if f.rule == "weasel-words"]
    extended = check(root, "prfaqs", {"word_lists": {"weasel-words": ["style/weasel.txt"]}}).findings
    flagged = [f for f in extended if f.rule == "weasel-words"]
    assert plain == []
    assert [("'synergy'" in f.message, f.line) for f in flagged] == [(True, 12)]


@pytest.mark.parametrize(
    ("lists", "message"),
    [
        ({"jargon": ["style/weasel.txt"]}, "no word list 'jargon' to extend: the lists are weasel-words"),
        ({"weasel-words": ["style/missing.txt"]}, "cannot read"),
        ({"weasel-words": "style/weasel.txt"}, "must map a list's name to a list of files"),
    ],
)
def test_word_lists_that_cannot_be_used_say_why(lists: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        from_options(FIXTURES / "word-lists", {"word_lists": lists})


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("empty.yml", "empty.yml: `INHERIT` must name the file to inherit from"),
        ("listed.yml", "listed.yml: `INHERIT` must name the file to inherit from"),
        ("on-a-list.yml", "on-a-list.yml: `INHERIT` names .*a-list.yml, which is not a mapping of settings"),
    ],
)
def test_a_broken_inherit_is_a_settings_error_not_the_defaults(config: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(FIXTURES / "settings" / "inherit-broken" / config)
