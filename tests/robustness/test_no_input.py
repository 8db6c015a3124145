"""No input is not a pass (issue 11): a path named that is missing or not a document exits 2, and so
does a command whose inputs yield no document at all, each with a message saying which."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runs import RULES, factcheck, stderr_lines  # type: ignore[import-not-found]

GOOD = "---\ntitle: Good\ndate: 2024-03-03\n---\nIn 2023, more than 50,000 people were prosecuted for telecom fraud.\n"
KNOWN = ".htm, .html, .markdown, .md, .txt"
TYPO = "artciles: expected a document file or directory, found no such path"
PDF = "notes.pdf: expected a document ending in one of .htm, .html, .markdown, .md, .txt, found '.pdf'"

# command (run in a folder with articles/a.md, an empty folder empty/ and notes.pdf), the lines on stderr
CASES: list[tuple[tuple[str, ...], list[str]]] = [
    (("run", "artciles"), [TYPO]),
    (("run", "empty"), [f"expected at least one document ({KNOWN}) or claim file in empty, found none"]),
    (("run", "notes.pdf"), [PDF]),
    (("run", "articles", "artciles"), [TYPO]),
    (("extract", "artciles"), [TYPO]),
    (("extract", "empty"), [f"expected at least one document ({KNOWN}) in empty, found none"]),
    (("extract", "--check", "--out", "claims", "artciles"), [TYPO]),
    (("extract", "--check", "--out", "claims", "empty"), [f"expected at least one document ({KNOWN}) in empty, found none"]),
    (("extract", "--out", "claims", "empty"), [f"expected at least one document ({KNOWN}) in empty, found none"]),
    (("baseline", "--reason", "accepted", "artciles"), [TYPO]),
    (("baseline", "--reason", "accepted", "empty"), [f"expected at least one document ({KNOWN}) or claim file in empty, found none"]),
    (("explain", "F-0", "artciles"), [TYPO]),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


@pytest.mark.parametrize(("args", "lines"), CASES, ids=[" ".join(args) for args, _ in CASES])
def test_no_input_exits_2_and_says_why(folder: Path, args: tuple[str, ...], lines: list[str]) -> None:
    options = ("--rules", str(RULES), "--no-cache") if args[0] in ("run", "extract") else ("--rules", str(RULES))
    result = factcheck(*args, *options, cwd=folder)
    assert result.returncode == 2, result.stderr
    assert [line for line in stderr_lines(result) if not line.startswith("note: ")] == lines
    assert not (folder / "suppressions.yaml").exists()  # baseline wrote nothing


def test_the_documents_named_that_exist_are_still_checked(folder: Path) -> None:
    result = factcheck("run", "articles", "artciles", "--rules", str(RULES), "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode == 2
    assert '"articles": 1' in result.stdout
