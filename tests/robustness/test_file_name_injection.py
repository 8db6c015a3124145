"""File names are text from outside: a newline in one must not start a line (in GitHub Actions a
"::error::" line is a command), a bidirectional control must not reorder what a terminal shows,
and a backslash must not become a folder in a SARIF URI."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.printable import printable
from factcheck.report.sarif import artifact_location

from cli_runs import RULES, factcheck, stderr_lines  # type: ignore[import-not-found]

PRINTABLE = [
    ("plain text, unchanged", "plain text, unchanged"),
    ("a\n::error::b", "a\\n::error::b"),
    ("tab\there\r", "tab\\there\\r"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("\x85next line", "\\x85next line"),
    ("line\u2028paragraph\u2029", "line\\u2028paragraph\\u2029"),
    # Embeddings and overrides: "txt.exe\u202e" shows as "exe.txt" in a terminal.
    ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
    ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
    ("\u2066isolates\u2067\u2068\u2069", "\\u2066isolates\\u2067\\u2068\\u2069"),
    ("marks\u200e\u200f\u061c", "marks\\u200e\\u200f\\u061c"),
    ("caf\udce9.txt", "caf\\xe9.txt"),  # a byte that is not UTF-8, as a file name keeps it
    ("\ud800 lone", "\\ud800 lone"),
    ("Arabic \u0627\u0644\u0639\u0631\u0628\u064a\u0629 and Hebrew \u05e2\u05d1\u05e8\u05d9\u05ea", "Arabic \u0627\u0644\u0639\u0631\u0628\u064a\u0629 and Hebrew \u05e2\u05d1\u05e8\u05d9\u05ea"),
    ("\u4e2d\u6587 caf\u00e9 \u2014 \u00a5", "\u4e2d\u6587 caf\u00e9 \u2014 \u00a5"),
]


@pytest.mark.parametrize(("text", "shown"), PRINTABLE)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # printing twice changes nothing


LOCATIONS = [
    ("a\\b.md", {"uri": "a%5Cb.md", "uriBaseId": "%SRCROOT%"}),
    ("x\\..\\..\\etc.md", {"uri": "x%5C..%5C..%5Cetc.md", "uriBaseId": "%SRCROOT%"}),
    ("c:\\x.md", {"uri": "c%3A%5Cx.md", "uriBaseId": "%SRCROOT%"}),
    ("\\\\server\\share\\x.md", {"uri": "%5C%5Cserver%5Cshare%5Cx.md", "uriBaseId": "%SRCROOT%"}),
    ("/srv/a\\b.md", {"uri": "file:///srv/a%5Cb.md"}),
    ("C:/news/a\\b.md", {"uri": "file:///C:/news/a%5Cb.md"}),
]


@pytest.mark.parametrize(("path", "location"), LOCATIONS)
def test_a_backslash_is_part_of_a_file_name_in_sarif(path: str, location: dict[str, str]) -> None:
    assert artifact_location(path) == location


NAME = "a\n::error::injected\u202e.txt"
SHOWN = "a\\n::error::injected\\u202e.txt"
CLAIM = "In 2023, 51,000 people were prosecuted for telecom fraud.\n"


def assert_escaped(lines: list[str]) -> None:
    assert not any(line.startswith("::") for line in lines), lines
    assert not any("\u202e" in line for line in lines), lines
    assert all(SHOWN.removesuffix(".txt") in line for line in lines if "injected" in line), lines


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="file names with newlines")
def test_a_file_name_reaches_no_note_unescaped(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / NAME).write_bytes(f"March 9, 2024\n\u201c{CLAIM.strip()}\u201d\n".encode("cp1252"))
    run = factcheck("run", "in", "--rules", str(RULES), "--no-cache", "--claims", "claims", cwd=tmp_path)
    lines = stderr_lines(run)
    assert f"note: in/{SHOWN}: not UTF-8 (byte 0x93 at line 2, column 1); read as windows-1252" in lines
    assert_escaped(lines)

    check = factcheck("extract", "in", "--rules", str(RULES), "--no-cache", "--check", "--out", "claims", cwd=tmp_path)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [f"claims/{SHOWN.removesuffix('.txt')}.yaml: missing"]  # stdout: one line, no command
    assert_escaped(stderr_lines(check))

    first = factcheck("extract", "in", "--rules", str(RULES), "--no-cache", "--out", "claims", cwd=tmp_path)
    assert first.returncode == 0
    assert_escaped(stderr_lines(first))
    (tmp_path / "in" / NAME).write_bytes(f"March 9, 2024\n\u201c{CLAIM.strip().replace('51,000', '52,000')}\u201d\n".encode("cp1252"))
    stale = factcheck("run", "in", "--rules", str(RULES), "--no-cache", "--claims", "claims", cwd=tmp_path)
    assert_escaped(stderr_lines(stale))
    again = factcheck("extract", "in", "--rules", str(RULES), "--no-cache", "--out", "claims", cwd=tmp_path)
    lines = stderr_lines(again)
    assert f"claims/{SHOWN.removesuffix('.txt')}.yaml: re-extracted: in/{SHOWN} changed since the claims were extracted" in lines
    assert_escaped(lines)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="file names with backslashes")
def test_a_backslash_in_a_file_name_stays_in_the_name_in_sarif(tmp_path: Path) -> None:
    import json

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c:\\x.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(CLAIM.replace("51,000", "38,000"), encoding="utf-8")
    result = factcheck("run", "in", "--rules", str(RULES), "--no-cache", "--claims", "none", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["runs"][0]["results"]
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in finding["locations"] + finding.get("relatedLocations", [])}
    assert uris == {"in/b.txt", "in/c%3A%5Cx.txt"}
