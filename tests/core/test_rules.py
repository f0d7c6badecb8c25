"""Every rule of the registry, on its fixture folder: `tests/fixtures/rules/<rule>/`.

`fail/` must give exactly the findings listed in `_expected.yml` (rule, file, line, column,
severity and a fragment of the message) and nothing else; `pass/`, a near miss, must give no
finding at all. `options` in `_expected.yml` are plugin options, with paths relative to the
rule's folder. The writing rules have their own fixtures (tests/fixtures/writing, see
test_rules_writing.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from corekit import FIXTURES, assert_findings, check, copy_fixture, expectations

from mkdocs_prfaq.core.check import CheckResult, check_files, named_files
from mkdocs_prfaq.core.findings import Severity
from mkdocs_prfaq.core.rules.registry import ALWAYS_ON, RULES, Category
from mkdocs_prfaq.core.settings import SettingsError, from_options

RULE_FIXTURES = FIXTURES / "rules"
CHECKED = sorted(name for name, rule in RULES.items() if rule.category is not Category.WRITING)


def _case_twin(source: Path) -> None:
    # Made here: a checkout on a case-insensitive file system could not hold the pair.
    shutil.copy(source / "PRFAQ-0001-instant-refunds.md", source / "PRFAQ-0001-Instant-Refunds.md")


def _markup_name(source: Path) -> None:
    # Made here: Windows cannot hold `"`, `<` or `>` in a file name.
    text = (source / "PRFAQ-0001-instant-refunds.md").read_text(encoding="utf-8").replace("PRFAQ-0001", "PRFAQ-0004")
    (source / 'PRFAQ-0004-x"><img src=x onerror=alert(1)>.md').write_text(text, encoding="utf-8")


def _link_outside(source: Path) -> None:
    os.symlink("../outside/PRFAQ-0002-elsewhere.md", source / "PRFAQ-0002-elsewhere.md")


def _link_inside(source: Path) -> None:
    os.symlink("_shared/PRFAQ-0002-shared.md", source / "PRFAQ-0002-shared.md")


#: Cases that cannot be files in a repository, made in the temporary copy: (rule, kind) -> maker.
MADE: dict[tuple[str, str], Callable[[Path], None]] = {
    ("file-name-case", "fail"): _case_twin,
    ("file-name", "fail"): _markup_name,
    ("symlink", "fail"): _link_outside,
    ("symlink", "pass"): _link_inside,
}


def run(
    rule: str, kind: str, tmp_path: Path, severities: dict[str, object] | None = None
) -> tuple[CheckResult, dict[str, Any]]:
    """Check a copy of the rule's `fail/` or `pass/` folder; `severities` go under `rules:`."""
    folder = copy_fixture(f"rules/{rule}", tmp_path)
    maker = MADE.get((rule, kind))
    if maker is not None:
        maker(folder / kind)
    expected = expectations(folder)
    options = {**(expected.get("options") or {}), **({"rules": severities} if severities else {})}
    result = check(folder, kind, options)
    # The same folder through `check_files`, naming every file (a README, an image or a name
    # starting with `_` is left out as by the folder's check): the same findings.
    settings = from_options(folder, {"source_dir": kind, **options})
    every = sorted(str(path) for path in (folder / kind).iterdir() if not path.is_dir())
    named = check_files(settings, named_files(settings, every)[0])
    assert named.findings == result.findings
    return result, expected


def test_every_rule_has_a_failing_and_a_passing_fixture() -> None:
    folders = {p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(CHECKED)
    for rule in CHECKED:
        assert list((RULE_FIXTURES / rule / "fail").glob("*.md")), rule
        assert list((RULE_FIXTURES / rule / "pass").rglob("*.md")), rule
        assert expectations(RULE_FIXTURES / rule)["fail"], rule


@pytest.mark.parametrize("rule", CHECKED)
def test_failing_fixture_gives_exactly_the_expected_findings(rule: str, tmp_path: Path) -> None:
    result, expected = run(rule, "fail", tmp_path)
    assert_findings(result, expected["fail"], rule=rule, prefix="fail/")
    # The expected severity is the rule's default: nothing in the fixtures changes it.
    assert {f.severity for f in result.findings} == {RULES[rule].default}


@pytest.mark.parametrize("rule", CHECKED)
def test_passing_fixture_gives_no_finding(rule: str, tmp_path: Path) -> None:
    result, _ = run(rule, "pass", tmp_path)
    assert [f.format() for f in result.findings] == []
    assert len(result.documents) == len(result.files)


@pytest.mark.parametrize("rule", CHECKED)
def test_a_rule_set_to_off_is_silent_and_to_warning_only_warns(rule: str, tmp_path: Path) -> None:
    if rule in ALWAYS_ON:
        # Silencing these would lose a document, or part of one, without a word.
        with pytest.raises(SettingsError, match="cannot be turned off"):
            run(rule, "fail", tmp_path / "off", {rule: "off"})
    else:
        off, _ = run(rule, "fail", tmp_path / "off", {rule: "off"})
        assert [f for f in off.findings if f.rule == rule] == []
    warned, _ = run(rule, "fail", tmp_path / "warning", {rule: "warning"})
    mine = [f for f in warned.findings if f.rule == rule]
    assert mine
    assert {f.severity for f in mine} == {Severity.WARNING}
    assert not warned.failed()
    assert warned.failed(strict=True)
