"""Finding the PR/FAQ files and reading each into a document or into problems, never silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corekit import FIXTURES

from mkdocs_prfaq.core.findings import Problem
from mkdocs_prfaq.core.loader import (
    DEFAULT_MAX_BYTES,
    Loaded,
    attachments,
    discover,
    is_prfaq_name,
    load,
    read_document,
)

CLEAN = (FIXTURES / "check" / "clean" / "PRFAQ-0001-instant-refunds.md").read_text(encoding="utf-8")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8", newline="")
    return path


def load_folder(source: Path, **kwargs: int) -> Loaded:
    return load([Path(p) for p, _ in discover(source)], root=source, source=source, **kwargs)


def only_problem(loaded: Loaded, path: str) -> Problem:
    problems = loaded.problems[path]
    assert len(problems) == 1, problems
    return problems[0]


# -- which files ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PRFAQ-0001-x.md", True),
        ("notes.md", True),  # any Markdown file is a PR/FAQ, and is checked as one
        ("PRFAQ-0001-X.MD", True),
        ("README.md", False),
        ("readme.md", False),
        ("_template.md", False),
        (".draft.md", False),
        ("PRFAQ-0001-x.txt", False),
        ("PRFAQ-0001-x.md.bak", False),
    ],
)
def test_which_names_are_prfaqs(name: str, expected: bool) -> None:
    assert is_prfaq_name(name) is expected


def test_discover_walks_sorted_and_skips_readmes_images_templates_scratch_and_hidden_folders(tmp_path: Path) -> None:
    """Every other file is found, for the loader to report (`unread-file`)."""
    for name in (
        "PRFAQ-0002-b.md",
        "PRFAQ-0001-a.md",
        "README.md",
        "readme.txt",
        "_template.md",
        "teams.yml",
        "diagram.png",
        "archive/PRFAQ-0003-c.md",
        "archive/flow.svg",
        "archive/Chart.JPEG",
        "_drafts/PRFAQ-0004-d.md",
        ".git/PRFAQ-0005-e.md",
        "archive/_old/PRFAQ-0006-f.md",
        "PRFAQ-0001-a.md~",  # editors' backups and autosaves, systems' thumbnails
        "#PRFAQ-0001-a.md#",
        "archive/Thumbs.db",
    ):
        write(tmp_path / name, "x")
    found = [(Path(p).relative_to(tmp_path).as_posix(), link) for p, link in discover(tmp_path)]
    assert found == [
        ("PRFAQ-0001-a.md", False), ("PRFAQ-0002-b.md", False), ("teams.yml", False),
        ("archive/PRFAQ-0003-c.md", False), ("archive/flow.svg", False),
    ]  # fmt: skip
    assert attachments(tmp_path) == ["diagram.png", "archive/Chart.JPEG"]


def test_images_are_files_never_links(tmp_path: Path) -> None:
    """A link could bring any file of the machine into the site under an image's name."""
    write(tmp_path / "outside" / "secret.png", "x")
    write(tmp_path / "prfaqs" / "chart.png", "x")
    (tmp_path / "prfaqs" / "key.png").symlink_to(tmp_path / "outside" / "secret.png")
    (tmp_path / "prfaqs" / "copy.png").symlink_to(tmp_path / "prfaqs" / "chart.png")
    (tmp_path / "prfaqs" / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert attachments(tmp_path / "prfaqs") == ["chart.png"]
    loaded = load_folder(tmp_path / "prfaqs")
    assert {path: [(p.rule, p.message[:40]) for p in problems] for path, problems in loaded.problems.items()} == {
        "copy.png": [("unread-file", "a symbolic link to an image: the site co")],
        "key.png": [("symlink", "symbolic link to a place outside the sou")],
        "linked": [("symlink", "symbolic link to a place outside the sou")],
    }


# -- reading ----------------------------------------------------------------------------------
def test_a_valid_file_becomes_a_document_with_its_body_and_structure(tmp_path: Path) -> None:
    write(tmp_path / "PRFAQ-0001-instant-refunds.md", CLEAN)
    loaded = load_folder(tmp_path)
    assert loaded.problems == {}
    assert loaded.files == ["PRFAQ-0001-instant-refunds.md"]
    (doc,) = loaded.documents
    assert doc.id == "PRFAQ-0001"
    assert doc.body_line == 11
    assert doc.front.end_line == 10
    assert [h.text for h, _ in doc.structure.faq_sections] == ["External FAQ", "Internal FAQ"]


@pytest.mark.parametrize(
    "data",
    [
        ("\ufeff" + CLEAN).encode("utf-8"),
        CLEAN.replace("\n", "\r\n").encode("utf-8"),
        CLEAN.replace("\n", "\r").encode("utf-8"),  # classic Mac line ends
        ("\ufeff" + CLEAN.replace("\n", "\r\n")).encode("utf-8"),
    ],
    ids=["bom", "crlf", "cr", "bom-crlf"],
)
def test_byte_order_mark_and_any_line_ends_read_the_same(tmp_path: Path, data: bytes) -> None:
    write(tmp_path / "PRFAQ-0001-instant-refunds.md", data)
    loaded = load_folder(tmp_path)
    assert loaded.problems == {}
    (doc,) = loaded.documents
    assert doc.meta["customer"] == "Shoppers whose parcel arrives damaged"  # no stray \r
    assert doc.position("team").line == 7
    assert doc.structure.faq_sections[0][0].line == 18


def test_not_utf8_names_the_byte_and_where_it_is(tmp_path: Path) -> None:
    write(tmp_path / "x.md", "---\nid: PRFAQ-0001\ntitle: Caf\xe9 cr\xe8me\n---\n".encode("latin-1"))
    problem = only_problem(load_folder(tmp_path), "x.md")
    assert (problem.rule, problem.line, problem.col) == ("file-encoding", 3, 11)
    assert "not UTF-8: byte 0xE9 is invalid here" in problem.message
    assert "save the file as UTF-8" in problem.message


def test_a_nul_byte_marks_a_binary_file(tmp_path: Path) -> None:
    write(tmp_path / "x.md", b"---\nid: a\x00b\n")
    problem = only_problem(load_folder(tmp_path), "x.md")
    assert (problem.rule, problem.line, problem.col) == ("file-encoding", 2, 6)
    assert "binary file" in problem.message


def test_utf16_is_named_with_what_to_do(tmp_path: Path) -> None:
    """What Windows PowerShell's `>` writes: named as UTF-16, not as a binary file."""
    write(tmp_path / "x.md", "---\nid: PRFAQ-0001\n---\n".encode("utf-16"))
    problem = only_problem(load_folder(tmp_path), "x.md")
    assert (problem.rule, problem.line, problem.col) == ("file-encoding", 1, 1)
    assert problem.message == "UTF-16 text: PR/FAQs are UTF-8; save the file as UTF-8"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    write(tmp_path / "small.md", CLEAN)
    write(tmp_path / "large.md", CLEAN + "x" * 1000)
    loaded = load_folder(tmp_path, max_bytes=len(CLEAN.encode()))
    assert [d.path for d in loaded.documents] == ["small.md"]
    problem = only_problem(loaded, "large.md")
    assert (problem.rule, problem.line, problem.col) == ("file-size", 1, 1)
    assert f"over the {len(CLEAN.encode()):,}-byte limit" in problem.message
    assert DEFAULT_MAX_BYTES == 1_000_000


def test_names_differing_only_in_case_clash(tmp_path: Path) -> None:
    write(tmp_path / "PRFAQ-0001-refunds.md", CLEAN)
    write(tmp_path / "PRFAQ-0001-Refunds.md", CLEAN)
    if len(list(tmp_path.iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    loaded = load_folder(tmp_path)
    assert [d.path for d in loaded.documents] == ["PRFAQ-0001-Refunds.md"]
    problem = only_problem(loaded, "PRFAQ-0001-refunds.md")
    assert problem.rule == "file-name-case"
    assert "differs from `PRFAQ-0001-Refunds.md` only in case" in problem.message


def test_case_clash_is_found_across_folders_too(tmp_path: Path) -> None:
    write(tmp_path / "Archive/PRFAQ-0001-refunds.md", CLEAN)
    write(tmp_path / "archive/PRFAQ-0001-refunds.md", CLEAN)
    if len(list(tmp_path.iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    loaded = load_folder(tmp_path)
    assert only_problem(loaded, "archive/PRFAQ-0001-refunds.md").rule == "file-name-case"


# -- symbolic links -----------------------------------------------------------------------------
def test_a_link_leading_outside_the_source_folder_is_never_read(tmp_path: Path) -> None:
    source = tmp_path / "prfaqs"
    secret = write(tmp_path / "secret.md", "---\npassword: hunter2\n---\n")
    write(source / "PRFAQ-0001-a.md", CLEAN)
    os.symlink(secret, source / "PRFAQ-0002-link.md")
    os.symlink(tmp_path, source / "escape")  # a folder link: also refused, not walked
    loaded = load_folder(source)
    assert [d.path for d in loaded.documents] == ["PRFAQ-0001-a.md"]
    for name in ("PRFAQ-0002-link.md", "escape"):
        problem = only_problem(loaded, name)
        assert (problem.rule, problem.line, problem.col) == ("symlink", 1, 1)
        assert "outside the source folder" in problem.message


def test_a_link_inside_the_source_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path / "_shared/PRFAQ-0001-a.md", CLEAN)
    os.symlink("_shared/PRFAQ-0001-a.md", tmp_path / "PRFAQ-0001-a.md")
    os.symlink("_shared", tmp_path / "shared")  # a folder link inside: its files are found anyway
    loaded = load_folder(tmp_path)
    assert loaded.problems == {}
    assert [d.path for d in loaded.documents] == loaded.files == ["PRFAQ-0001-a.md"]


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_a_broken_link_is_a_finding_not_a_crash(tmp_path: Path, kind: str) -> None:
    if kind == "dangling":
        os.symlink("missing.md", tmp_path / "PRFAQ-0001-a.md")
    else:
        os.symlink("PRFAQ-0002-b.md", tmp_path / "PRFAQ-0001-a.md")
        os.symlink("PRFAQ-0001-a.md", tmp_path / "PRFAQ-0002-b.md")
    loaded = load_folder(tmp_path)
    assert loaded.documents == []
    assert {name for name in loaded.problems} == set(loaded.files)
    for name in loaded.files:
        problem = only_problem(loaded, name)
        assert problem.rule == "symlink"
        assert "broken symbolic link" in problem.message


# -- read_document ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "\n\n", "   \t \n"])
def test_an_empty_file_says_so(text: str) -> None:
    doc, problems = read_document(Path("x.md"), "x.md", text)
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("front-matter", 1, 1)]
    assert "empty file" in problems[0].message


def test_a_document_is_kept_with_its_non_fatal_problems() -> None:
    text = CLEAN.replace("team: payments\n", "team: payments\nteam: support\n")
    doc, problems = read_document(Path("x.md"), "x.md", text)
    assert doc is not None and doc.team == "support"
    assert [p.rule for p in problems] == ["duplicate-key"]
    assert doc.body_line == 12


def test_every_file_is_accounted_for(tmp_path: Path) -> None:
    """Nothing is skipped silently: each file is a document or has an error."""
    for name in ("a", "b", "c", "d", "e"):
        write(tmp_path / f"PRFAQ-000{ord(name) - 96}-{name}.md", CLEAN)
    write(tmp_path / "PRFAQ-0002-b.md", "no front matter")
    write(tmp_path / "PRFAQ-0003-c.md", b"\xff\xfe")
    write(tmp_path / "PRFAQ-0004-d.md", "")
    loaded = load_folder(tmp_path)
    assert len(loaded.files) == 5
    assert {d.path for d in loaded.documents} | set(loaded.problems) == set(loaded.files)
    assert {d.path for d in loaded.documents} == {"PRFAQ-0001-a.md", "PRFAQ-0005-e.md"}


def _name_findings(loaded: Loaded) -> dict[str, list[str]]:
    return {path: [p.message for p in problems if p.rule == "file-name"] for path, problems in loaded.problems.items()}


def test_a_file_whose_name_carries_markup_is_named_even_when_it_cannot_be_read(tmp_path: Path) -> None:
    """The name finding comes from the loader, for every file it considers: a file with a hostile
    name and broken front matter gives both findings, and is never dropped."""
    write(tmp_path / 'PRFAQ-0001-x"><img src=x onerror=alert(1)>.md', "no front matter")
    write(tmp_path / "PRFAQ-0002-a'b.md", CLEAN.replace("PRFAQ-0001", "PRFAQ-0002"))
    loaded = load_folder(tmp_path)
    assert [d.path for d in loaded.documents] == ["PRFAQ-0002-a'b.md"]
    rules = {path: sorted(p.rule for p in problems) for path, problems in loaded.problems.items()}
    assert rules == {
        'PRFAQ-0001-x"><img src=x onerror=alert(1)>.md': ["file-name", "front-matter"],
        "PRFAQ-0002-a'b.md": ["file-name"],
    }
    (message,) = _name_findings(loaded)['PRFAQ-0001-x"><img src=x onerror=alert(1)>.md']
    assert message.startswith("the file name holds `\"` (U+0022), `<` (U+003C), `=` (U+003D), `>` (U+003E):")
    assert message.endswith("rename it to `PRFAQ-0001-x-img src-x onerror-alert(1).md`")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (b"PRFAQ-0001-new\nline.md", "U+000A"),
        (b"PRFAQ-0001-bell\x07.md", "U+0007"),
        (b"PRFAQ-0001-\xe2\x80\xaegnp.md", "U+202E"),  # right-to-left override: the name shows reversed
        (b"PRFAQ-0001-caf\xe9.md", "the byte 0xE9 (not UTF-8)"),
        (b"PRFAQ-0001-a`id`;$(x).md", "`$` (U+0024), `;` (U+003B), `` ` `` (U+0060)"),
    ],
)
def test_control_characters_and_bytes_that_are_not_utf8_in_a_name_are_named(
    tmp_path: Path, name: bytes, shown: str
) -> None:
    with open(os.path.join(os.fsencode(tmp_path), name), "w", encoding="utf-8") as out:
        out.write(CLEAN)
    loaded = load_folder(tmp_path)
    ((path, (message,)),) = _name_findings(loaded).items()
    assert shown in message
    assert [d.path for d in loaded.documents] == [path]  # read all the same


def test_a_folder_below_the_source_is_named_too_and_the_source_itself_is_not(tmp_path: Path) -> None:
    source = tmp_path / "PR&FAQs"  # the site's own choice, not a pull request's
    write(source / "team's" / "PRFAQ-0001-refunds.md", CLEAN)
    loaded = load([Path(p) for p, _ in discover(source)], root=tmp_path, source=source)
    assert _name_findings(loaded) == {
        "PR&FAQs/team's/PRFAQ-0001-refunds.md": [
            "the folder name `team's` holds `'` (U+0027): name files and folders with letters, digits, spaces"
            " and `- _ . , ( ) +` only, e.g. rename it to `team-s`"
        ]
    }


@pytest.mark.parametrize(
    "name", ["PRFAQ-0001-café crème.md", "PRFAQ-0001-cafe\u0301.md", "PRFAQ-0001-東京 (v2), 3+4_final.md", "PRFAQ-0001.md"]
)
def test_letters_of_any_script_and_decomposed_accents_are_fine(tmp_path: Path, name: str) -> None:
    write(tmp_path / name, CLEAN)
    assert load_folder(tmp_path).problems == {}
