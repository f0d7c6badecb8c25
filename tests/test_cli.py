"""The `prfaq` command: check, new, list and rules, on a project copied from tests/fixtures/cli.

The project's `mkdocs.yml` sets `source_dir: proposals` and a teams file, next to the
`!!python/name:` tags pymdown-extensions needs: the command must read around them.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sysconfig
from collections.abc import Callable
from pathlib import Path

import pytest

from mkdocs_prfaq.cli import build_parser, main
from mkdocs_prfaq.core.rules.placeholder import PLACEHOLDERS, SAMPLES
from mkdocs_prfaq.core.rules.registry import RULES
from mkdocs_prfaq.core.scaffold import template_download

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = "proposals/PRFAQ-0004-broken-status.md"
STATUS_LINE = (
    f"{BROKEN}:4:9: error status-enum: status 'in review' is not one of draft, in-review, approved, "
    "building, launched, shelved, rejected, superseded (did you mean `in-review`?)"
)


@pytest.fixture
def project(fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clean project (three PR/FAQs and a README), as the working directory."""
    path = fixture_copy("cli/project")
    monkeypatch.chdir(path)
    return path


def add(project: Path, case: str) -> None:
    """Copy the files of tests/fixtures/cli/<case> into the project's source folder."""
    for file in (FIXTURES / "cli" / case).iterdir():
        shutil.copy(file, project / "proposals" / file.name)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- check ----------------------------------------------------------------------------------------
def test_check_a_clean_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check") == (0, "", "3 documents checked: 0 errors, 0 warnings\n")


def test_check_prints_each_finding_with_its_position_then_a_summary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(project, "broken")
    assert run(capsys, "check") == (1, STATUS_LINE + "\n", "4 documents checked: 1 error, 0 warnings\n")


def test_check_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(project, "broken")
    add(project, "warning")  # replaces nothing: another file, PRFAQ-0004-external-only.md
    code, out, err = run(capsys, "check", "--format", "github")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        f"::error file={BROKEN},line=2,col=5,title=duplicate-id::id PRFAQ-0004 is also used by "
        "proposals/PRFAQ-0004-external-only.md: run `prfaq new` for a free id, or renumber",
        f"::error file={BROKEN},line=4,col=9,title=status-enum::status 'in review' is not one of draft, "
        "in-review, approved, building, launched, shelved, rejected, superseded (did you mean `in-review`?)",
        "::error file=proposals/PRFAQ-0004-external-only.md,line=2,col=5,title=duplicate-id::id PRFAQ-0004 is also "
        f"used by {BROKEN}: run `prfaq new` for a free id, or renumber",
        "::warning file=proposals/PRFAQ-0004-external-only.md,line=18,col=1,title=faq-split::the FAQ lacks an "
        "internal part: split it under `## External FAQ` (customers) and `## Internal FAQ` (stakeholders)",
    ]


def test_check_json_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(project, "broken")
    code, out, err = run(capsys, "check", "--format", "json")
    assert code == 1 and err == ""
    assert json.loads(out) == [
        {
            "path": BROKEN,
            "line": 4,
            "col": 9,
            "severity": "error",
            "rule": "status-enum",
            "message": STATUS_LINE.split("status-enum: ", 1)[1],
        }
    ]


def test_check_json_of_a_clean_project_is_an_empty_list(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_strict_fails_on_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(project, "warning")
    code, out, err = run(capsys, "check")
    assert code == 0
    assert out.startswith("proposals/PRFAQ-0004-external-only.md:18:1: warning faq-split: ")
    assert err == "4 documents checked: 0 errors, 1 warning\n"
    assert run(capsys, "check", "--strict")[0] == 1


def test_check_named_files_and_folders_reports_only_those(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(project, "broken")
    assert run(capsys, "check", "proposals/PRFAQ-0001-instant-refunds.md") == (
        0,
        "",
        "1 document checked: 0 errors, 0 warnings\n",
    )
    code, out, err = run(capsys, "check", BROKEN, "proposals/PRFAQ-0002-delivery-photos.md")
    assert (code, out) == (1, STATUS_LINE + "\n")
    assert err == "2 documents checked: 1 error, 0 warnings\n"
    assert run(capsys, "check", "proposals")[:2] == (1, STATUS_LINE + "\n")


def test_check_keeps_its_cache_beside_mkdocs_yml_unless_told_not_to(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", "--no-cache")[0] == 0
    assert not (project / ".prfaq_cache").exists()
    assert run(capsys, "check")[0] == 0
    # Never committed by mistake: the folder ignores itself.
    assert (project / ".prfaq_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["check", "proposals/PRFAQ-0404-missing.md"],
            "prfaq check: proposals/PRFAQ-0404-missing.md: no such file or folder",
        ),
        (["--config", "elsewhere/mkdocs.yml", "check"], "prfaq: --config elsewhere/mkdocs.yml: no such file"),
        (["--config", "proposals", "check"], "prfaq: --config proposals: a folder, not a file"),
        (["check", ""], "prfaq check: an empty path"),
    ],
)
def test_check_of_something_that_is_not_there_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "xml"],
        ["list", "--status", "done"],
        ["new", "A title"],
        ["--bogus", "check"],
    ],
)
def test_bad_usage_exits_with_status_2(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage: prfaq" in capsys.readouterr().err


def test_a_configuration_mistake_exits_with_status_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      rules: {faq-splitt: off}\n", encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert (code, out) == (2, "")
    assert "prfaq: unknown rule `faq-splitt` in `rules` (did you mean `faq-split`?)" in err
    assert "Traceback" not in err


def test_an_option_the_plugin_does_not_have_is_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt option would otherwise be ignored without a word (MkDocs warns of it in a build)."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      teams-file: teams.yml\n      bogus: 1\n", encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert (code, out) == (0, "")
    assert (
        "prfaq: mkdocs.yml: `teams-file` is not an option of the prfaq plugin (did you mean `teams_file`?);"
        " it is ignored\n" in err
    )
    assert "prfaq: mkdocs.yml: `bogus` is not an option of the prfaq plugin; it is ignored\n" in err


def test_rule_severities_come_from_mkdocs_yml(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(project, "warning")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      rules: {faq-split: error}\n", encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1 and ": error faq-split: " in out


def test_config_may_be_given_from_another_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """From the folder above the site's (a repository whose site is in `project/`) or one inside it,
    findings name files from there, as an editor opens them and GitHub annotates them."""
    add(project, "broken")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--config", str(project / "mkdocs.yml"), "check")
    assert (code, out) == (1, f"{project.name}/{STATUS_LINE}\n")
    code, out, _ = run(capsys, "--config", f"{project.name}/mkdocs.yml", "check", "--format", "github")
    assert code == 1 and out.startswith(f"::error file={project.name}/{BROKEN},line=4,col=9,title=status-enum::")
    monkeypatch.chdir(project / "proposals")
    code, out, _ = run(capsys, "--config", "../mkdocs.yml", "check")
    assert (code, out) == (1, STATUS_LINE.removeprefix("proposals/") + "\n")
    # `prfaq list` names the files as `check` does; a file outside the folder gets `..`, as in git.
    code, out, _ = run(capsys, "--config", "../mkdocs.yml", "list", "--format", "json")
    assert [r["source"] for r in json.loads(out)][:2] == ["PRFAQ-0001-instant-refunds.md", "PRFAQ-0002-delivery-photos.md"]
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, out, _ = run(capsys, "--config", str(project / "mkdocs.yml"), "check")
    assert (code, out) == (1, f"../{project.name}/{STATUS_LINE}\n")
    monkeypatch.chdir(project / "proposals")
    # `prfaq new` prints the path to open from where it runs, too.
    code, out, _ = run(capsys, "--config", "../mkdocs.yml", "new", "From the folder", "--team", "payments", "--author", "A")
    assert (code, out) == (0, "PRFAQ-0005-from-the-folder.md\n") and Path(out.strip()).is_file()


def test_new_without_a_headline_says_how_to_give_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "  ", "--team", "payments") == (
        2,
        "",
        'prfaq new: give the headline, in quotes: prfaq new "Refunds in one tap" --team payments\n',
    )
    assert not list((project / "proposals").glob("PRFAQ-0004*"))


def test_the_summary_counts_a_stray_file_apart_from_the_documents(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "proposals" / "notes.txt").write_text("to do\n", encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert code == 1 and ": error unread-file: " in out
    assert err == "3 documents and 1 other file checked: 1 error, 0 warnings\n"


# -- new ------------------------------------------------------------------------------------------
def test_new_writes_the_next_free_id_with_a_slug_and_passes_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "new", 'Ça marche: Émojis 🎉 & "quotes"', "--team", "payments", "--author", "Zoë Lind <zoe@example.com>"
    )
    assert (code, out) == (0, "proposals/PRFAQ-0004-ca-marche-emojis-quotes.md\n")
    text = (project / out.strip()).read_text(encoding="utf-8")
    assert 'title: "Ça marche: Émojis 🎉 & \\"quotes\\""' in text
    assert '\n# Ça marche: Émojis 🎉 & "quotes"\n' in text
    assert '  - "Zoë Lind <zoe@example.com>"' in text
    assert "\nteam: payments\n" in text and "\nstatus: draft\n" in text
    # Valid, and a draft: what is left to write is advice, not an error.
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "new", "Another one", "--team", "support", "--author", "Ana Lima")[:2] == (
        0,
        "proposals/PRFAQ-0005-another-one.md\n",
    )


def test_new_outside_a_site_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from `docs/` by mistake: no stray `prfaqs/` with a draft that reuses a taken id."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "new", "Self-service refunds", "--team", "payments", "--author", "Ada")
    assert (code, out) == (2, "") and "no mkdocs.yml in" in err and list(tmp_path.iterdir()) == []


def test_new_takes_the_id_after_the_highest_anywhere_in_the_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "proposals" / "archive").mkdir()
    shutil.copy(
        project / "proposals" / "PRFAQ-0001-instant-refunds.md", project / "proposals" / "archive" / "PRFAQ-0041-old.md"
    )
    (project / "proposals" / "_template.md").write_text("---\nid: PRFAQ-9999\n---\n", encoding="utf-8")
    code, out, _ = run(capsys, "new", "After the archive", "--team", "payments", "--author", "Ana Lima")
    assert (code, out) == (0, "proposals/PRFAQ-0042-after-the-archive.md\n")


def test_new_prints_the_closest_documents_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Among the repository's examples, live video help to build furniture was proposed and shelved
    (PRFAQ-0005): `prfaq new` names it, with its status, title and score, on stderr (stdout keeps
    the new file's path alone); an unrelated title names nothing."""
    shutil.copytree(FIXTURES.parent.parent / "prfaqs", tmp_path / "prfaqs")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - prfaq:\n      source_dir: prfaqs\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    title, customer = "Live video help to build furniture", "Shoppers stuck assembling flat-pack furniture"
    code, out, err = run(capsys, "new", title, "--customer", customer, "--team", "support", "--author", "Ana Lima")
    assert (code, out) == (0, "prfaqs/PRFAQ-0013-live-video-help-to-build-furniture.md\n")
    lines = err.splitlines()
    assert lines[0] == "Closest existing PR/FAQs: read them before writing this one."
    assert re.fullmatch(r"  PRFAQ-0005  shelved  0\.\d\d  Video calls with an assembly expert for flat-pack furniture", lines[1])
    assert 1 < len(lines) <= 4 and float(lines[1].split()[2]) >= 0.2
    assert f'\ncustomer: "{customer}"\n' in (tmp_path / out.strip()).read_text(encoding="utf-8")
    code, out, err = run(capsys, "new", "Quarterly tax filing for payroll", "--team", "payments", "--author", "Ana Lima")
    assert (code, err) == (0, "")


def test_new_prints_the_titles_of_other_documents_as_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A committed title cannot drive the author's terminal: escapes show as `\\x1b`, a
    right-to-left override as `\\u202e` (tests/fixtures/cli/terminal)."""
    shutil.copy(FIXTURES / "cli" / "terminal" / "PRFAQ-0009-parcel-refunds.md", project / "proposals")
    code, _, err = run(capsys, "new", "Instant parcel refunds", "--team", "payments", "--author", "Ana Lima")
    (line,) = [line for line in err.splitlines() if "PRFAQ-0009" in line]
    assert code == 0 and "\\x1b]0;pwned\\x07\\x1b[31mfor damaged deliveries \\u202edesrever" in line, line
    assert not any(ch in err for ch in "\x1b\x07\u202e")


@pytest.mark.parametrize("title", ["Refunds in one tap #", "Refunds in one tap#", "Issue ## fixed ##", "C# for all"])
def test_new_writes_a_heading_that_keeps_a_closing_hash(project: Path, capsys: pytest.CaptureFixture[str], title: str) -> None:
    """Markdown drops `#`s that end a heading: the draft's heading escapes them, so that it is still
    the title (no `title-mismatch` in a document just made)."""
    code, out, _ = run(capsys, "new", title, "--team", "payments", "--author", "Ana Lima")
    assert code == 0
    code, out, _ = run(capsys, "check", out.strip(), "--skip", "placeholder")
    assert (code, out) == (0, ""), out


def test_new_refuses_an_id_in_use_and_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project / "proposals" / "PRFAQ-0001-instant-refunds.md"
    before = target.read_bytes()
    for title in ("Instant refunds!", "Another plan"):
        code, out, err = run(
            capsys, "new", title, "--team", "payments", "--author", "Ana Lima", "--id", "PRFAQ-0001"
        )
        assert (code, out) == (2, "")
        assert "PRFAQ-0001 is taken" in err
    assert target.read_bytes() == before
    assert len(list((project / "proposals").glob("PRFAQ-0001*"))) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # What the schema and the rules refuse, `new` refuses with `prfaq check`'s own findings.
        (
            ["new", "Refunds", "--team", "refund-squad"],
            "proposals/PRFAQ-0004-refunds.md:7:7: error unknown-team: team 'refund-squad' is not in the teams file",
        ),
        (
            ["new", "Refunds", "--team", "Refund Squad"],
            "error field-format: `team`: 'Refund Squad' is not a slug: use lowercase letters, digits and hyphens,"
            " like `refund-squad`",
        ),
        (["new", "No", "--team", "payments"], "error field-format: `title` is 2 characters long; it must be at least 3"),
        (["new", "x" * 121, "--team", "payments"], "`title` is 121 characters long; it must be at most 120"),
        (
            ["new", "Refunds", "--team", "payments", "--author", "Ana <not an email>"],
            "error field-format: `authors[0]`: 'Ana <not an email>' is not `Name` or `Name <email>`",
        ),
        (
            ["new", "Refunds", "--team", "payments", "--id", "PRFAQ-12"],
            "prfaq new: id 'PRFAQ-12' is not PRFAQ- and four or more digits",
        ),
        (
            ["new", "Refunds", "--team", "payments", "--id", "PRFAQ-" + "9" * 260],
            "prfaq new: cannot write a file named PRFAQ-9999",
        ),
    ],
)
def test_new_refuses_bad_input(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = sorted(p.name for p in (project / "proposals").iterdir())
    code, out, err = run(capsys, *argv, *(["--author", "Ana Lima"] if "--author" not in argv else []))
    assert (code, out) == (2, "")
    assert message in err
    assert sorted(p.name for p in (project / "proposals").iterdir()) == before


def test_new_accepts_any_team_slug_without_a_teams_file_and_asks_git_for_the_author(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      teams_file: teams.yml\n", ""), encoding="utf-8")
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Git Person\n\temail = git@example.com\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    code, out, _ = run(capsys, "new", "A brand new team", "--team", "brand-new-team")
    assert code == 0
    text = (project / out.strip()).read_text(encoding="utf-8")
    assert '  - "Git Person <git@example.com>"' in text and "team: brand-new-team" in text


# -- list -----------------------------------------------------------------------------------------
def test_list_prints_a_table_sorted_by_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "id          status     team         updated     title                                     errors",
        "PRFAQ-0001  in-review  payments     2026-03-02  Instant refunds for damaged deliveries",
        "PRFAQ-0002  approved   fulfillment  2025-09-01  Delivery photos show where the parcel is",
        "PRFAQ-0003  draft      payments     2026-04-01  Split one payment across two cards",
    ]


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (["--status", "approved"], ["PRFAQ-0002"]),
        (["--status", "shelved"], []),
        (["--team", "payments"], ["PRFAQ-0001", "PRFAQ-0003"]),
        (["--tag", "refunds"], ["PRFAQ-0001", "PRFAQ-0002"]),
        (["--tag", "refunds", "--team", "payments"], ["PRFAQ-0001"]),
        (["--team", "nobody"], []),
    ],
)
def test_list_filters(project: Path, capsys: pytest.CaptureFixture[str], filters: list[str], ids: list[str]) -> None:
    code, out, _ = run(capsys, "list", *filters, "--format", "json")
    assert code == 0
    assert [record["id"] for record in json.loads(out)] == ids


@pytest.mark.parametrize(
    ("filters", "said"),
    [
        (["--team", "Payments"], "prfaq list: no document has the team `Payments` (did you mean `payments`?)\n"),
        (["--tag", "refund"], "prfaq list: no document has the tag `refund` (did you mean `refunds`?)\n"),
        (["--team", "nobody"], "prfaq list: no document has the team `nobody`\n"),
        # A value some document has, but none with the other filters too: nothing to say.
        (["--team", "fulfillment", "--status", "draft"], ""),
    ],
)
def test_list_says_when_no_document_has_the_value_asked_for(
    project: Path, capsys: pytest.CaptureFixture[str], filters: list[str], said: str
) -> None:
    code, out, err = run(capsys, "list", *filters)
    assert (code, out.splitlines()[1:], err) == (0, [], said)


def test_list_json_records(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--format", "json", "--status", "approved")
    (record,) = json.loads(out)
    assert record["title"] == "Delivery photos show where the parcel is"
    assert record["team"] == "fulfillment"
    assert record["tags"] == ["delivery", "refunds"]
    assert record["decision"] == {"date": "2025-10-20", "by": "Retail leadership review"}
    assert record["source"] == "proposals/PRFAQ-0002-delivery-photos.md"


def test_list_csv(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "proposals" / "PRFAQ-0003-split-payments.md").write_text(
        (project / "proposals" / "PRFAQ-0003-split-payments.md")
        .read_text(encoding="utf-8")
        .replace("title: Split one payment across two cards", 'title: "Split, pay: \\"two\\" cards"'),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "list", "--format", "csv", "--team", "payments")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert rows == [
        ["id", "status", "team", "updated", "title", "errors"],
        ["PRFAQ-0001", "in-review", "payments", "2026-03-02", "Instant refunds for damaged deliveries", "0"],
        ["PRFAQ-0003", "draft", "payments", "2026-04-01", 'Split, pay: "two" cards', "0"],
    ]


def test_list_lists_what_it_can_read_and_says_the_folder_has_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(project, "broken")
    (project / "proposals" / "PRFAQ-0005-empty.md").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "list", "--format", "json")
    assert code == 1  # the folder has errors, as `prfaq check` would say
    records = json.loads(out)
    assert [(r["id"], r["source"]) for r in records] == [
        ("PRFAQ-0001", "proposals/PRFAQ-0001-instant-refunds.md"),
        ("PRFAQ-0002", "proposals/PRFAQ-0002-delivery-photos.md"),
        ("PRFAQ-0003", "proposals/PRFAQ-0003-split-payments.md"),
        ("PRFAQ-0004", BROKEN),
        (None, "proposals/PRFAQ-0005-empty.md"),  # no front matter: listed by its file, with its error
    ]
    assert [len(r["errors"]) for r in records] == [0, 0, 0, 1, 1]
    assert err == (
        "prfaq list: 2 error(s) in the folder; run `prfaq check`. Every file is listed, with its errors;"
        " values with a finding are left out.\n"
    )


# -- rules ----------------------------------------------------------------------------------------
def test_rules_lists_every_rule_with_its_severity(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      rules: {faq-split: off, document-length: error}\n")
    code, out, _ = run(capsys, "rules")
    assert code == 0
    rows, _, note = out.partition("\n\n")
    header, *lines = rows.splitlines()
    assert header.split() == ["rule", "draft", "in-review", "records", "category", "summary"]
    table = {line.split("  ")[0]: line.split() for line in lines}
    assert list(table) == list(RULES)
    # Configured: off everywhere; error, but at most a warning in a draft (a body rule).
    assert table["faq-split"][1:5] == ["off", "off", "off", "body"]
    assert table["document-length"][1:5] == ["warning", "error", "error", "body"]
    assert "[mkdocs.yml sets off; default warning]" in lines[list(RULES).index("faq-split")]
    assert "[mkdocs.yml sets error; default warning]" in lines[list(RULES).index("document-length")]
    # As `check` reports them: faq-section is an error, a warning in a draft.
    assert table["faq-section"][1:5] == ["warning", "error", "error", "body"]
    assert "sets" not in lines[list(RULES).index("faq-section")]
    assert table["status-enum"][1:5] == ["error", "error", "error", "schema"]
    assert table["weasel-words"][1:3] == ["warning", "warning"] and "if named" in lines[list(RULES).index("weasel-words")]
    assert "The writing rules run on documents in draft or in review, and on every file named" in note
    # possible-duplicate never looks at a record, named or not.
    assert table["possible-duplicate"][1:5] == ["warning", "warning", "never", "cross-document"]


# -- the installed command ------------------------------------------------------------------------
def test_the_installed_prfaq_command_end_to_end(fixture_copy: Callable[[str], Path], tmp_path: Path) -> None:
    script = Path(sysconfig.get_path("scripts")) / ("prfaq.exe" if os.name == "nt" else "prfaq")
    assert script.is_file(), "the console script is installed with the package"
    project = fixture_copy("cli/project")
    config = str(project / "mkdocs.yml")
    clean = subprocess.run(
        [script, "--config", config, "check"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "3 documents checked: 0 errors, 0 warnings\n")
    add(project, "broken")
    broken = subprocess.run(
        [script, "--config", config, "check", "--format", "github"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert broken.returncode == 1
    assert broken.stdout.startswith(f"::error file={project.name}/{BROKEN},line=4,col=9,title=status-enum::")
    usage = subprocess.run([script, "check", "--format"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


# -- what a demanding user tried (each once a bug) --------------------------------------------------
def test_a_file_named_by_another_path_is_still_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`a/../a/x.md` or a link to the folder: the findings are the file's, filed under its name."""
    add(project, "broken")
    (project / "alias").symlink_to(project / "proposals")
    for named in ("proposals/../proposals/PRFAQ-0004-broken-status.md", "alias/PRFAQ-0004-broken-status.md"):
        assert run(capsys, "check", named) == (1, STATUS_LINE + "\n", "1 document checked: 1 error, 0 warnings\n")


def test_a_broken_pipe_does_not_hide_the_errors(project: Path) -> None:
    add(project, "broken")
    script = Path(sysconfig.get_path("scripts")) / "prfaq"
    check = subprocess.Popen([str(script), "check"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert check.stdout is not None and check.stderr is not None
    check.stdout.close()  # as `| head` does when it has read enough
    assert check.wait(timeout=60) == 1
    assert b"Traceback" not in check.stderr.read()


def test_list_json_is_json_whatever_the_front_matter_holds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "proposals" / "PRFAQ-0001-instant-refunds.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\nextra: {score: .inf, ratio: .nan}\n", 1), encoding="utf-8")
    assert run(capsys, "check")[0] == 0

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    code, out, _ = run(capsys, "list", "--format", "json")
    record = next(r for r in json.loads(out, parse_constant=refuse) if r["id"] == "PRFAQ-0001")
    assert code == 0 and record["extra"] == {"score": "inf", "ratio": "nan"}


def test_control_characters_never_reach_the_terminal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "proposals" / "PRFAQ-0001-instant-refunds.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: ", 'status: "in\\x1b[2Jreview"\nold_status: ', 1), encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "\x1b" not in out and "in\\x1b[2Jreview" in out


def test_names_the_folder_check_leaves_out_are_left_out_when_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pre-commit names every changed file under the folder, its README too."""
    (project / "proposals" / "_notes.md").write_text("Notes, no front matter.\n", encoding="utf-8")
    assert run(capsys, "check", "proposals/README.md", "proposals/_notes.md") == (
        0,
        "",
        "0 documents checked: 0 errors, 0 warnings\n",
    )


def test_a_new_copy_of_an_id_fails_when_checked_alone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The copy sorts before the original: the check of the copy alone (pre-commit's) must fail."""
    original = project / "proposals" / "PRFAQ-0001-instant-refunds.md"
    shutil.copy(original, project / "proposals" / "PRFAQ-0001-a-copy.md")
    code, out, _ = run(capsys, "check", "proposals/PRFAQ-0001-a-copy.md")
    assert code == 1 and "duplicate-id: id PRFAQ-0001 is also used by proposals/PRFAQ-0001-instant-refunds.md" in out


def test_bad_input_around_the_documents_is_a_message_not_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "teams.yml").write_bytes(b"payments: Paiements \xe9quipe\n")
    code, _, err = run(capsys, "check")
    assert code == 2 and "teams file" in err and "not UTF-8" in err
    (project / "teams.yml").write_text("payments: Payments\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "A plan", "--team", "payments", "--author", "Ana Lima", "--id", "PRFAQ-0052\n")
    assert code == 2 and "not PRFAQ-" in err
    code, _, err = run(capsys, "new", "A plan", "--team", "payments", "--author", "A" * 201)
    assert code == 2 and "`authors[0]` is 201 characters long; it must be at most 200" in err


def test_a_source_folder_that_is_a_file_or_missing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(project / "proposals")
    assert run(capsys, "list")[0] == 2
    (project / "proposals").write_text("not a folder\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "A plan", "--team", "payments", "--author", "Ana Lima")
    assert code == 2 and "cannot write into" in err


def test_a_pipe_in_the_folder_is_a_finding_not_a_hang(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(project / "proposals" / "PRFAQ-0009-pipe.md")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "PRFAQ-0009-pipe.md:1:1: error file-encoding: not a regular file" in out


def test_review_names_a_folder_as_a_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "review", "proposals")
    assert (code, out) == (2, "")
    assert err == "prfaq review: proposals: a folder: name its files (prfaq review FOLDER/*.md)\n"


def test_review_fails_on_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(project, "broken")
    assert run(capsys, "review", "--color", "never", BROKEN)[0] == 1
    assert run(capsys, "review", "--color", "never", "proposals/PRFAQ-0001-instant-refunds.md")[0] == 0


def test_a_file_name_that_is_not_utf8_is_printed_escaped(project: Path) -> None:
    clean = (project / "proposals" / "PRFAQ-0001-instant-refunds.md").read_bytes()
    with open(os.path.join(os.fsencode(project / "proposals"), b"PRFAQ-0009-caf\xe9.md"), "wb") as latin:
        latin.write(clean)
    script = Path(sysconfig.get_path("scripts")) / "prfaq"
    for fmt in ("text", "json", "github"):
        done = subprocess.run(
            [str(script), "check", "--format", fmt],
            cwd=project,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
        assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr
        assert b"PRFAQ-0009-caf\\udce9.md" in done.stdout  # escaped, and valid UTF-8
        done.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "title",
    ['=HYPERLINK(\\"https://evil.example\\",\\"Open\\")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"],
)
def test_list_csv_cells_never_run_as_spreadsheet_formulas(
    project: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    source = project / "proposals" / "PRFAQ-0003-split-payments.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: Split one payment across two cards", f'title: "{title}"'),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "list", "--format", "csv", "--team", "payments")
    assert code == 0
    (row,) = [r for r in csv.reader(io.StringIO(out)) if r[0] == "PRFAQ-0003"]
    written = title.replace('\\"', '"')
    assert row[4] == "'" + written  # shown as text, as OWASP recommends
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in csv.reader(io.StringIO(out)) for cell in r)


#: Terminal escapes as a file name or a title may carry them: clear the screen, a hyperlink whose
#: text lies (OSC 8), a C1 control sequence introducer.
CONTROLS = ["\x1b[2J", "\x1b]8;;evil.example\x1b\\", "\x9b31m"]
#: A bidirectional override (not a control character: allowed in a title) reverses what follows.
BIDI = "\u202egnp.exe"


def _visible(payload: str) -> str:
    """How the command shows `payload`: each control character as an escape."""
    return payload.translate({0x1B: "\\x1b", 0x9B: "\\x9b", 0x202E: "\\u202e"})


def _retitle(project: Path, payload: str) -> None:
    source = project / "proposals" / "PRFAQ-0003-split-payments.md"
    escaped = payload.encode("unicode_escape").decode("ascii")
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: Split one payment across two cards", f'title: "Split{escaped}pay"'),
        encoding="utf-8",
    )


@pytest.mark.parametrize("payload", CONTROLS)
def test_list_never_prints_a_title_with_control_characters(
    project: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    """Such a title is a `control-character` error: listed without it, by its file, with the mark."""
    _retitle(project, payload)
    for fmt in ("table", "csv", "json"):
        code, out, _ = run(capsys, "list", "--format", fmt, "--team", "payments")
        assert code == 1 and payload not in out and "Split" not in out, fmt
        assert "proposals/PRFAQ-0003-split-payments.md" in out, fmt
    (record,) = [r for r in json.loads(out) if r["source"].endswith("split-payments.md")]
    assert record["title"] is None and [e["rule"] for e in record["errors"]] == ["control-character"]


def test_list_shows_a_bidirectional_override_as_an_escape(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _retitle(project, BIDI)
    for fmt in ("table", "csv", "json"):
        code, out, _ = run(capsys, "list", "--format", fmt, "--team", "payments")
        assert code == 0 and BIDI not in out and f"Split{_visible(BIDI)}pay" in out, fmt
    (record,) = [r for r in json.loads(out) if r["id"] == "PRFAQ-0003"]
    assert record["title"] == f"Split{BIDI}pay"  # a JSON escape: a program reads the title as written


@pytest.mark.parametrize("payload", [*CONTROLS, BIDI])
def test_no_output_format_passes_a_terminal_escape_from_a_file_name(
    project: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    """A file name is printed by every format of `check`, and by `list` (as the source)."""
    clean = (project / "proposals" / "PRFAQ-0001-instant-refunds.md").read_text(encoding="utf-8")
    name = f"PRFAQ-0009-x{payload}y.md"
    (project / "proposals" / name).write_text(clean.replace("PRFAQ-0001", "PRFAQ-0009"), encoding="utf-8")
    for command in (["check"], ["check", "--format", "github"]):
        code, out, _ = run(capsys, *command)
        assert code == 1 and payload not in out, command
        assert f"PRFAQ-0009-x{_visible(payload)}y.md" in out, command  # visible, as an escape
    for command in (["list", "--format", "json"], ["check", "--format", "json"]):
        code, out, _ = run(capsys, *command)
        assert code == 1 and payload not in out, command
        assert f"proposals/{name}" in [item.get("source") or item.get("path") for item in json.loads(out)], command


# -- what is left to write: the placeholder rule on the template ----------------------------------
def test_new_then_check_names_each_placeholder_left_to_write(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "Refunds in one tap", "--team", "payments", "--author", "Ana Lima")
    path = out.strip()
    lines = (project / path).read_text(encoding="utf-8").split("\n")
    code, out, err = run(capsys, "check")
    assert code == 0 and err == f"4 documents checked: 0 errors, {len(PLACEHOLDERS)} warnings\n"
    findings = out.splitlines()
    assert len(findings) == len(PLACEHOLDERS)
    for placeholder, finding in zip(PLACEHOLDERS, findings, strict=True):  # in the template's order
        where, _, message = finding.partition(": warning placeholder: ")
        line, col = (int(n) for n in where.split(":")[1:3])
        # The finding points at the placeholder itself, and names it.
        assert lines[line - 1][col - 1 :].startswith(placeholder.text), finding
        assert placeholder.text.split(" ")[0] in message and placeholder.instead in message, finding
    assert run(capsys, "check", "--strict")[0] == 1


@pytest.mark.parametrize("status", ["in-review", "approved", "launched"])
def test_the_unedited_template_fails_from_in_review_on(
    project: Path, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    _, out, _ = run(capsys, "new", "Refunds in one tap", "--team", "payments", "--author", "Ana Lima")
    path = project / out.strip()
    decision = "decision: {date: 2026-06-01, by: Board}\n" if status != "in-review" else ""
    text = path.read_text(encoding="utf-8").replace("status: draft\n", f"status: {status}\n{decision}", 1)
    path.write_text(re.sub(r"\ncreated: .*\n", "\ncreated: 2026-01-01\n", text), encoding="utf-8")  # before the decision
    code, out, _ = run(capsys, "check", "--format", "json")
    errors = [f for f in json.loads(out) if f["rule"] == "placeholder"]
    assert code == 1 and len(errors) == len(PLACEHOLDERS) and {f["severity"] for f in errors} == {"error"}


def test_the_template_download_flags_its_sample_title_author_and_team(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "prfaqs").mkdir()
    (tmp_path / "prfaqs" / "PRFAQ-0000-template.md").write_text(template_download(), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    code, out, _ = run(capsys, "--config", str(tmp_path / "mkdocs.yml"), "check", "--format", "json")
    assert code == 0  # a draft: what is left to write is advice
    messages = [f["message"] for f in json.loads(out) if f["rule"] == "placeholder"]
    assert len(messages) == len(PLACEHOLDERS) + len(SAMPLES)
    for sample in SAMPLES:
        assert any(f"'{sample.text}'" in m for m in messages), sample


def test_list_on_a_broken_folder_lists_every_file_once_with_only_valid_values(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid status, an impossible date, authors as text, a duplicated id, a YAML error."""
    add(project, "list-broken")
    code, out, err = run(capsys, "list", "--format", "json")
    assert code == 1 and "error(s) in the folder" in err
    records = {r["source"].removeprefix("proposals/"): r for r in json.loads(out)}
    assert len(records) == len(json.loads(out)) == 7  # every file, once
    status = records["PRFAQ-0004-broken-status.md"]
    assert status["status"] is None and status["id"] == "PRFAQ-0004" and status["title"] == "Gift cards at checkout"
    assert [e["rule"] for e in status["errors"]] == ["status-enum"]
    values = records["PRFAQ-0005-bad-values.md"]
    assert "authors" not in values and "created" not in values and values["updated"] is None
    assert values["status"] == "draft" and {e["rule"] for e in values["errors"]} == {"field-type", "date-format"}
    # The id two files claim: neither is listed under it, so no two rows share a page.
    for name in ("PRFAQ-0001-a-copy.md", "PRFAQ-0001-instant-refunds.md"):
        assert (records[name]["id"], records[name]["url"]) == (None, None)
        assert [e["rule"] for e in records[name]["errors"]] == ["duplicate-id"]
    broken = records["PRFAQ-0006-yaml-error.md"]
    assert broken["id"] is None and [e["rule"] for e in broken["errors"]] == ["yaml-syntax"]
    assert [r["errors"] for r in records.values() if r["id"] in ("PRFAQ-0002", "PRFAQ-0003")] == [[], []]
    # The table and the CSV: the same rows, the raw values nowhere, the errors counted.
    _, table, _ = run(capsys, "list")
    _, text, _ = run(capsys, "list", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["id", "status", "team", "updated", "title", "errors"] and len(rows) == 8
    for out in (table, text):
        assert "in review" not in out and "2026-13-45" not in out
    assert sorted(row[5] for row in rows[1:]) == ["0", "0", "1", "1", "1", "1", "2"]
    assert ["", "", "", "", "proposals/PRFAQ-0006-yaml-error.md", "1"] in rows
    assert "proposals/PRFAQ-0006-yaml-error.md        1 error" in table


# -- the command itself ---------------------------------------------------------------------------
def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"prfaq {importlib.metadata.version('mkdocs-prfaq')}\n"


def test_every_option_of_every_command_says_what_it_does() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in [("prfaq", parser), *commands.choices.items()]:
        for action in sub._actions:
            assert action.help, f"{name} {action.option_strings or action.dest}"


# -- make serve -----------------------------------------------------------------------------------
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("taken", ["listening", "not a number"])
def test_make_serve_says_in_one_line_that_the_port_is_taken(taken: str) -> None:
    """`make serve PORT=...` with the port in use: a line that says what to do, not MkDocs' traceback."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = str(other.getsockname()[1]) if taken == "listening" else "80a"
        # `-o`: the set-up targets count as done (the suite runs in the set-up checkout).
        # A make of its own, as a user types it: under `make test`, the parent's MAKEFLAGS and
        # MAKELEVEL would make it print "Entering directory" lines.
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
        done = subprocess.run(
            ["make", "-o", ".venv/.installed", "-o", "node_modules/.installed", "serve", f"PORT={port}"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode != 0 and "Traceback" not in done.stderr and done.stdout == ""
    first = done.stderr.splitlines()[0]
    if taken == "listening":
        assert first == (
            f"make serve: port {port} is taken (Address already in use): stop the other server, "
            f"or run make serve PORT={int(port) + 1}"
        )
    else:
        assert first == "make serve: PORT=80a is not a port number (1 to 65535)"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("authors: Dana Whitfield", "`authors` must be a list, not text: write `authors:` and below it one `- ` line per item, e.g. `  - Dana Whitfield`"),
        ("title: [Split, pay]", "`title` must be text, not a list: write one line, e.g. `title: Split`"),
        ("decision: yes", "`decision` must be a mapping, not a boolean: write `decision:` with its fields indented below it"),
        ("tags: no", "`tags` must be a list, not a boolean: write `tags:` and below it one `- ` line per item"),
    ],
)
def test_a_type_message_shows_how_to_write_the_value(
    project: Path, capsys: pytest.CaptureFixture[str], written: str, message: str
) -> None:
    source = project / "proposals" / "PRFAQ-0003-split-payments.md"
    key = written.split(":")[0]
    text = re.sub(rf"\n{key}:.*\n(  - .*\n)*", "\n", source.read_text(encoding="utf-8"), count=1)
    source.write_text(text.replace("\n---\n", f"\n{written}\n---\n", 1), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(source))
    assert code == 1 and message in out, out


def test_finish_refuses_an_export_folder_without_its_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped --export would leave every edit link wrong without a word."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html><body><p>Home</p></body></html>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "finish", "site", "--export", "no/such/folder")
    assert (code, out) == (2, "")
    assert err == "prfaq finish: --export no/such/folder: no .prfaq-export.json there; give the folder `prfaq export` wrote\n"


def test_finish_says_when_the_wheels_pagefind_built_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`prfaq finish` tells, as a MkDocs build does, that the index came from the Python wheel's
    Pagefind 1.5 and how to get 1.6; with Pagefind 1.6 it says nothing of it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Home</h1><p>Some words.</p></main></body></html>',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["finish", "site"]) == 0  # PAGEFIND_BINARY_PATH names 1.6 (tests/conftest.py)
    err = capsys.readouterr().err
    assert "search index of 1 pages built" in err and "Python wheel" not in err
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)  # and no node_modules here
    assert main(["finish", "site"]) == 0
    err = capsys.readouterr().err
    assert "prfaq finish: search index by Pagefind 1.5" in err and "run `npm ci` for Pagefind 1.6" in err
