"""The GitHub Actions workflows: valid by GitHub's schema, clean by a static security audit, and
running the very commands the README lists."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
SITE_PATHS = {
    "prfaqs/**", "docs/**", "mkdocs.yml", "teams.yml", "plugins/**", "pyproject.toml", "package.json", "package-lock.json"
}


def tool(name: str) -> str:
    """A command installed beside this Python (the project's .venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: `pip install -e '.[test]'`")
    return found


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_commands(workflow: dict[Any, Any]) -> list[str]:
    lines: list[str] = []
    for step in steps(workflow):
        for line in str(step.get("run", "")).splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## CI\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "README.md has no `## CI` section"
    block = re.search(r"```sh\n(.*?)```", section.group(1), re.S)
    assert block, "the README's CI section has no sh block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def zizmor(*targets: Path | str) -> list[dict[str, Any]]:
    """zizmor's findings of medium severity and above, under the project's policy (zizmor.yml)."""
    done = subprocess.run(
        [tool("zizmor"), "--offline", "--config", str(ROOT / "zizmor.yml"), "--min-severity", "medium",
         "--format", "json", *map(str, targets)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    return findings


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_workflow_is_valid_by_githubs_schema(path: Path) -> None:
    done = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    findings = zizmor(WORKFLOWS)
    assert findings == [], json.dumps(findings, indent=1)


def test_workflows_run_the_readmes_commands() -> None:
    expected = readme_commands()
    assert "prfaq check --format github" in expected and "mkdocs build --strict" in expected
    for path in (PULL_REQUEST, PUBLISH):
        assert run_commands(load(path)) == expected, path.name


def test_pull_request_workflow() -> None:
    workflow = load(PULL_REQUEST)
    assert set(workflow["on"]) == {"pull_request"}
    assert set(workflow["on"]["pull_request"]["paths"]) == SITE_PATHS
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]
    uploads = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert len(uploads) == 1 and uploads[0]["with"]["path"].rstrip("/") == "site"


def test_publish_workflow() -> None:
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    uses = [str(s.get("uses", "")).split("@")[0] for s in steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_checkout_has_full_history_and_no_persisted_credentials(path: Path) -> None:
    checkouts = [s for s in steps(load(path)) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["fetch-depth"] == 0
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_every_action_follows_the_pinning_policy(path: Path) -> None:
    """GitHub's own actions on a major-version tag (zizmor.yml says why), anything else on a hash."""
    uses = [str(s["uses"]) for s in steps(load(path)) if "uses" in s]
    assert uses
    for ref in uses:
        if ref.startswith("actions/"):
            assert re.fullmatch(r"actions/[\w.-]+@(v\d+|[0-9a-f]{40})", ref), ref
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref


def test_the_policy_refuses_a_third_party_action_on_a_tag() -> None:
    """The exemption for `actions/*` must not let another owner's moved tag through."""
    workflows = ROOT / "tests" / "fixtures" / "workflows"
    on_a_tag = zizmor(workflows / "third-party-on-a-tag.yml")
    assert [(f["ident"], f["determinations"]["severity"]) for f in on_a_tag] == [("unpinned-uses", "High")]
    assert zizmor(workflows / "third-party-on-a-hash.yml") == []
