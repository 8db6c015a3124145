"""`factcheck parse` and `factcheck extract`: output contract, claim files, --check, corrections."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]

ARTICLE = """---
title: Fraud figures
date: 2024-03-12
publisher: Test Daily
---
# Fraud figures

Prosecutors charged more than 50,000 people with telecom fraud last year.

The 2024 work report says over 2.16 million court rulings were disclosed online.
"""


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args, "--rules", str(REPO / "rules")] if args and args[0] in ("parse", "extract") else [sys.executable, "-m", "factcheck", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "fraud.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_parse_json_contract(tmp_path: Path) -> None:
    result = run("parse", "Prosecutors charged more than 50,000 people with telecom fraud in 2023.", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    claim = data["claims"][0]
    for key in ("id", "text", "start", "end", "line", "column", "sentence", "value", "soft", "qualifier", "unit", "metric", "period", "kind", "source"):
        assert key in claim
    assert claim["value"] == {"low": 50000, "high": None, "low_open": True, "high_open": True}
    assert claim["period"] == {"start": "2023-01-01", "end": "2023-12-31"}


def test_parse_date_resolves_relative_periods(tmp_path: Path) -> None:
    with_date = run("parse", "1,976 judicial staff were prosecuted last year.", "--date", "2024-03-12", "--format", "json", cwd=tmp_path)
    without = run("parse", "1,976 judicial staff were prosecuted last year.", "--format", "json", cwd=tmp_path)
    assert json.loads(with_date.stdout)["claims"][0]["period"]["start"] == "2023-01-01"
    claim = json.loads(without.stdout)["claims"][0]
    assert claim["period"] is None and "no date" in claim["how"]["period"]


def test_parse_stdin_one_json_object_per_line(tmp_path: Path) -> None:
    result = run("parse", "-", cwd=tmp_path, stdin="over 2.16 million court rulings\nnothing here\n\n40.8% of cases\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["input"] for line in lines] == ["over 2.16 million court rulings", "nothing here", "", "40.8% of cases"]
    assert [len(line["claims"]) for line in lines] == [1, 0, 0, 1]


def test_parse_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run("parse", "5 people", "--date", "2024-13-01", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_extract_json(corpus: Path) -> None:
    result = run("extract", "articles", cwd=corpus)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["articles"][0]
    assert (article["id"], article["published"], article["title"]) == ("fraud", "2024-03-12", "Fraud figures")
    texts = [c["text"] for c in article["claims"]]
    assert texts == ["more than 50,000 people", "over 2.16 million court rulings"]
    rulings = article["claims"][1]
    assert rulings["source"] == "spp-work-report 2024" and rulings["period"]["end"] == "2023-12-31"
    # Locations point into the original file, front matter included.
    assert (article["claims"][0]["line"], article["claims"][0]["column"]) == (8, 21)


def test_extract_yaml_format(corpus: Path) -> None:
    result = run("extract", "articles", "--format", "yaml", cwd=corpus)
    assert yaml.safe_load(result.stdout)["articles"][0]["id"] == "fraud"


def test_claim_files_check_missing_stale_and_fresh(corpus: Path) -> None:
    missing = run("extract", "articles", "--check", "--out", "claims", cwd=corpus)
    assert missing.returncode == 1 and "missing" in missing.stdout
    written = run("extract", "articles", "--out", "claims", cwd=corpus)
    assert written.returncode == 0, written.stderr
    stored = yaml.safe_load((corpus / "claims" / "fraud.yaml").read_text(encoding="utf-8"))
    assert len(stored["article"]["sha256"]) == 64
    assert run("extract", "articles", "--check", "--out", "claims", cwd=corpus).returncode == 0
    article = corpus / "articles" / "fraud.md"
    article.write_text(ARTICLE.replace("50,000", "52,000"), encoding="utf-8")
    stale = run("extract", "articles", "--check", "--out", "claims", cwd=corpus)
    assert stale.returncode == 1 and "stale" in stale.stdout
    rewritten = run("extract", "articles", "--out", "claims", cwd=corpus)
    assert "changed since the claims were extracted" in rewritten.stderr
    assert run("extract", "articles", "--check", "--out", "claims", cwd=corpus).returncode == 0


def test_check_reads_claims_dir_from_config(corpus: Path) -> None:
    (corpus / "pyproject.toml").write_text('[tool.factcheck]\npaths = ["articles"]\nclaims = "reviewed"\n', encoding="utf-8")
    assert run("extract", "--out", "reviewed", cwd=corpus).returncode == 0
    assert run("extract", "--check", cwd=corpus).returncode == 0


def test_hand_correction_survives_reextraction(corpus: Path) -> None:
    run("extract", "articles", "--out", "claims", cwd=corpus)
    path = corpus / "claims" / "fraud.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"][0]["metric"] = "telecom-fraud/charged-by-hand"
    data["claims"][0]["corrected"] = True
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    # Move the corrected sentence below the other paragraph: its id and correction survive.
    text = ARTICLE.split("\n")
    moved = "\n".join(text[:7] + text[9:] + ["", text[7]]) + "\n"
    (corpus / "articles" / "fraud.md").write_text(moved, encoding="utf-8")
    assert run("extract", "articles", "--out", "claims", cwd=corpus).returncode == 0
    claims = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    corrected = [c for c in claims if c["corrected"]]
    assert len(corrected) == 1 and corrected[0]["metric"] == "telecom-fraud/charged-by-hand"
    assert corrected[0]["line"] == 11  # re-located to where the sentence now stands
    assert run("extract", "articles", "--check", "--out", "claims", cwd=corpus).returncode == 0


def test_correction_whose_sentence_is_gone_is_kept_as_orphaned(corpus: Path) -> None:
    run("extract", "articles", "--out", "claims", cwd=corpus)
    path = corpus / "claims" / "fraud.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"][0]["corrected"] = True
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (corpus / "articles" / "fraud.md").write_text(ARTICLE.replace("Prosecutors charged more than 50,000 people with telecom fraud last year.", "Nothing."), encoding="utf-8")
    result = run("extract", "articles", "--out", "claims", cwd=corpus)
    assert "no longer in the article" in result.stderr
    stored = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [c["text"] for c in stored["orphaned"]] == ["more than 50,000 people"]


def test_bad_documents_do_not_lose_the_good_ones(corpus: Path) -> None:
    (corpus / "articles" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # binary: NUL bytes
    (corpus / "articles" / "empty.md").write_text("", encoding="utf-8")
    result = run("extract", "articles", cwd=corpus)
    assert result.returncode == 0
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["fraud"]
    for name in ("broken.txt", "empty.md"):
        assert name in result.stderr
    assert "Traceback" not in result.stderr
    assert run("extract", "articles", "--strict", cwd=corpus).returncode == 2
    # A path named that does not exist is a typo, not a bad document: exit 2, the others still extracted.
    named = run("extract", "articles", "missing.txt", cwd=corpus)
    assert named.returncode == 2 and named.stdout == result.stdout
    assert "missing.txt: expected a document file or directory, found no such path" in named.stderr


def test_broken_claim_file_is_a_located_error(corpus: Path) -> None:
    (corpus / "claims").mkdir()
    (corpus / "claims" / "fraud.yaml").write_text("article:\n  id: fraud\n  path: x\n  sha256: nothex\nclaims: []\n", encoding="utf-8")
    result = run("extract", "articles", "--out", "claims", cwd=corpus)
    assert result.returncode == 2
    assert result.stderr.startswith("claims/fraud.yaml:4:11: expected")
    assert "Traceback" not in result.stderr


def test_output_is_deterministic(corpus: Path) -> None:
    first = run("extract", "articles", cwd=corpus).stdout
    assert first == run("extract", "articles", cwd=corpus).stdout


def test_help_lists_commands(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0 and "extract" in result.stdout and "parse" in result.stdout
