"""Bad input by design: every kind of broken document is named on stderr with what is wrong, the
good documents are still checked, and only --strict turns the broken ones into exit 2."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cli_runs import RULES, factcheck, stderr_lines  # type: ignore[import-not-found]

GOOD = "---\ntitle: Good\ndate: 2024-03-03\n---\nIn 2023, more than 50,000 people were prosecuted for telecom fraud.\n"
CLAIM = "In 2023, 51,000 people were prosecuted for telecom fraud."
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n" for previous, name in zip("abcd", "bcde")
)

# file name, bytes, the line the user sees on stderr (None: read, with no message)
BAD_INPUTS: list[tuple[str, bytes, str | None]] = [
    ("good.md", GOOD.encode(), None),
    ("cp1252.txt", f"Fraud report\nMarch 9, 2024\n\u201c{CLAIM}\u201d officials said.\n".encode("cp1252"),
     "note: in/cp1252.txt: not UTF-8 (byte 0x93 at line 3, column 1); read as windows-1252"),
    ("latin1.txt", f"Report\nMarch 10, 2024\n{CLAIM} \x81\n".encode("latin-1"),
     "note: in/latin1.txt: not UTF-8 (byte 0x81 at line 3, column 59); read as latin-1"),
    ("utf16.md", f"---\ntitle: Wide\ndate: 2024-03-11\n---\n{CLAIM}\n".encode("utf-16"), None),
    ("bom.txt", f"\ufeffMarch 12, 2024\n{CLAIM}\n".encode(), None),
    ("deep.html", ("<body>" + "<div>" * 20000 + f"<p>{CLAIM}</p>" + "</div>" * 20000).encode(), None),
    ("unclosed.html", (f"<body><p>{CLAIM}</p><a title='" + "<a b='" * 20000).encode(), None),
    ("empty.txt", b"", "in/empty.txt: expected some text, found an empty file"),
    ("blank.md", b" \n\t\n", "in/blank.md: expected some text, found an empty file"),
    ("binary.html", b"<p>\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR</p>", "in/binary.html:3: expected text, found binary content (a NUL byte at line 3)"),
    ("bad-utf16.txt", b"\xff\xfeI\x00n\x00\x00\xd8", "in/bad-utf16.txt: expected UTF-16 text after its byte order mark, found an invalid sequence at byte 6"),
    ("bomb.md", f"---\n{BOMB}---\nText.\n".encode(), "in/bomb.md:2:35: expected at most 100000 values (aliases included), found more"),
    ("deep.md", ("---\ntitle: " + "[" * 100 + "]" * 100 + "\n---\nText.\n").encode(), "in/deep.md:2:72: expected YAML front matter nested at most 64 deep, found deeper"),
    ("tag.md", b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nText.\n",
     "in/tag.md:2:8: expected a plain value, found the tag tag:yaml.org,2002:python/object/apply:os.system"),
    ("control.md", b"---\ntitle: bell \x07 here\n---\nText.\n", "in/control.md:2:13: expected printable text in the YAML front matter, found the character #x0007"),
    ("huge-front-matter.md", ("---\n" + "k: v\n" * 30000 + "---\nText.\n").encode(), "in/huge-front-matter.md:2:1: expected front matter of at most 100,000 characters, found 150,000"),
]
SPECIAL = [
    "in/pipe.txt: expected a regular file, found a named pipe",
    "in/zero.txt: expected a regular file, found a device",
    "in/loop.txt: cannot read the file: Too many levels of symbolic links",
]
# Named on the command line: a path that is missing or not a document exits 2 (a typo is no pass).
NAMED = [
    "missing.md: expected a document file or directory, found no such path",
    "in/scan.pdf: expected a document ending in one of .htm, .html, .markdown, .md, .txt, found '.pdf'",
]


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    folder.mkdir()
    for name, content, _ in BAD_INPUTS:
        (folder / name).write_bytes(content)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for ever
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("/dev/zero", folder / "zero.txt")  # reading it would never end
    return root


@pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")
def test_every_bad_input_is_named_and_the_good_ones_are_checked(bad_corpus: Path) -> None:
    args = ("run", "in", "--rules", str(RULES), "--format", "json", "--no-cache", "--claims", "none")
    result = factcheck(*args, cwd=bad_corpus)
    lines = stderr_lines(result)
    expected = [line for _, _, line in BAD_INPUTS if line] + SPECIAL
    assert sorted(line for line in lines if not line.startswith("note: ") or "UTF-8" in line) == sorted(expected)
    report = json.loads(result.stdout)
    assert report["summary"]["articles"] == sum(1 for _, _, line in BAD_INPUTS if line is None or line.startswith("note:"))
    texts = sorted(claim["text"] for finding in report["findings"] for claim in finding["claims"])
    assert result.returncode == 0, texts  # no conflict among the good ones: bad files alone do not fail a run
    strict = factcheck(*args, "--strict", cwd=bad_corpus)
    assert strict.returncode == 2 and strict.stdout == result.stdout
    assert stderr_lines(strict) == lines
    named = factcheck(*args[:2], "missing.md", "in/scan.pdf", *args[2:], cwd=bad_corpus)
    assert named.returncode == 2 and named.stdout == result.stdout
    assert sorted(stderr_lines(named)) == sorted(lines + NAMED)


@pytest.mark.skipif(os.name != "posix", reason="named pipes and /dev/zero")
def test_extract_says_the_same_and_points_into_the_decoded_text(bad_corpus: Path) -> None:
    result = factcheck("extract", "in", "--rules", str(RULES), "--no-cache", cwd=bad_corpus)
    assert result.returncode == 0
    assert "in/cp1252.txt: warning: not UTF-8 (byte 0x93 at line 3, column 1); read as windows-1252" in stderr_lines(result)
    articles = {article["path"]: article for article in json.loads(result.stdout)["articles"]}
    for path, encoding in (("in/cp1252.txt", "cp1252"), ("in/latin1.txt", "latin-1"), ("in/utf16.md", "utf-16"), ("in/bom.txt", "utf-8-sig")):
        source = (bad_corpus / path).read_bytes().decode(encoding)
        (claim,) = articles[path]["claims"]
        line = source.split("\n")[claim["line"] - 1]
        assert line[claim["column"] - 1 :].startswith(claim["text"]), (path, claim)
    assert articles["in/deep.html"]["claims"][0]["text"] == "51,000 people"
    assert articles["in/unclosed.html"]["claims"][0]["text"] == "51,000 people"


def test_the_warning_outlives_the_extraction_cache(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes(f"March 9, 2024\n{CLAIM} \u00a9 caf\u00e9\n".encode("cp1252"))
    args = ("run", "old.txt", "--rules", str(RULES), "--cache", "cache", "--claims", "none")
    cold, warm = factcheck(*args, cwd=tmp_path), factcheck(*args, cwd=tmp_path)
    note = "note: old.txt: not UTF-8 (byte 0xa9 at line 2, column 59); read as windows-1252"
    assert note in stderr_lines(cold) and note in stderr_lines(warm)
    assert any("from the extraction cache" in line for line in stderr_lines(warm))


def test_a_rule_file_that_is_not_valid_stops_the_run_with_its_place(tmp_path: Path) -> None:
    """Rule files are the configuration: a bad one is exit 2 whatever --strict says, never fewer rules."""
    from cli_runs import copy_rules  # type: ignore[import-not-found]

    rules = copy_rules(tmp_path / "rules")
    (rules / "checks" / "bomb.yaml").write_text(f"check: agree\ndescription: x\nseverity: error\n{BOMB}", encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    result = factcheck("run", "a.md", "--rules", str(rules), "--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert stderr_lines(result) == [f"{rules / 'checks' / 'bomb.yaml'}:4:26: expected at most 100000 values (aliases included), found more"]


def test_front_matter_is_read_like_rule_files() -> None:
    """YAML 1.2 scalars ("no" is a word, not false), each key once, control characters located."""
    from factcheck.documents import READERS
    from factcheck.errors import DocumentError

    article = READERS[".md"]("a.md", b"---\ntitle: no\npublisher: 2024\nurl: 1:30\ndate: '2024-03-01'\n---\nText.\n")
    assert (article.title, article.publisher, article.url, str(article.published)) == ("no", "2024", "1:30", "2024-03-01")
    with pytest.raises(DocumentError) as caught:
        READERS[".md"]("a.md", b"---\ntitle: a\ntitle: b\n---\nText.\n")
    assert str(caught.value) == "a.md:3:1: expected each key once, found 'title' again"
    with pytest.raises(DocumentError) as caught:
        READERS[".md"]("a.md", b'---\nid: "x\\n::error::y"\n---\nText.\n')
    assert str(caught.value) == "a.md:2:5: expected 'id' to be letters, digits, '.', '_' or '-', found 'x\\n::error::y'"


@pytest.mark.parametrize(
    ("suffix", "text", "check"),
    [
        # Each took from 3 s to minutes before (quadratic parsing, regex backtracking); now milliseconds.
        (".html", f"<p>{CLAIM}</p>" + "<a b='" * 20000, lambda article: article.text == CLAIM),
        (".html", f"<p>{CLAIM}</p>" + "<!--" * 50000, lambda article: article.text == CLAIM),
        (".html", f"<p>{CLAIM}</p>" + "<a\n" * 20000, lambda article: article.text == CLAIM),
        (".md", "# Title" + " \t" * 20000 + "x\n\n" + CLAIM, lambda article: article.title == "Title" + " \t" * 20000 + "x"),
        (".txt", CLAIM + "\nRead more" + " " * 20000 + "x\n", lambda article: article.text.startswith(CLAIM)),
        (".txt", CLAIM + "\nCopyright\u00a92024 Daily" + "\t" * 20000 + "\n", lambda article: article.publisher == "Daily"),
    ],
    ids=["unclosed-attributes", "unclosed-comments", "unclosed-tags", "heading-blanks", "tail-spaces", "copyright-tabs"],
)
def test_shapes_that_once_took_minutes(suffix: str, text: str, check: Callable[[Any], bool]) -> None:
    from factcheck.documents import READERS

    assert check(READERS[suffix](f"x{suffix}", text.encode()))
