"""Suppressions and `factcheck baseline`: reviewed findings are accepted with a reason, reported
as suppressed in every output, survive text moving around them, and stop applying when a claimed
value changes."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import RuleFileError, UserError
from factcheck.findings import RunResult
from factcheck.report import render
from factcheck.report.html import render_html
from factcheck.run import check
from factcheck.suppressions import baseline, load_suppressions, render_suppressions

REPO = Path(__file__).resolve().parents[1]
RULES = str(REPO / "rules")
TODAY = date(2026, 11, 23)

FIRST = """---
title: Fraud figures
date: 2024-03-09
---
Prosecutors released their annual figures this week.

Prosecutors charged more than 50,000 people with telecom fraud in 2023.

Other crimes fell.
"""

SECOND = """---
title: A different count
date: 2024-03-12
---
Some 38,000 people were prosecuted for telecom fraud in 2023, the bureau said.
"""

# The sentence moved to another paragraph, the text around it rewritten.
FIRST_MOVED = """---
title: Fraud figures
date: 2024-03-09
---
A new paragraph opens the article now, and it talks about something else entirely.

Other crimes fell, officials said, as a campaign went on in several provinces.

Prosecutors charged more than 50,000 people with telecom fraud in 2023.
"""


def corpus(tmp_path: Path, first: str = FIRST, second: str = SECOND) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "a.md").write_text(first, encoding="utf-8")
    (folder / "b.md").write_text(second, encoding="utf-8")
    return folder


def run(folder: Path, suppressions: Path | None) -> RunResult:
    from factcheck.vocabulary import load_vocabulary

    result, errors = check([str(folder)], None, [RULES], load_vocabulary([RULES]), str(suppressions) if suppressions else None, TODAY)
    assert not errors
    return result


def write_baseline(folder: Path, target: Path, reason: str = "reviewed: the bureau counts differently") -> None:
    result = run(folder, None)
    text, _ = baseline(result.findings, load_suppressions(str(target)), reason, TODAY)
    target.write_text(text, encoding="utf-8")


def test_baseline_then_run_reports_suppressed_and_passes(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    before = run(folder, None)
    assert before.exit_code("error") == 1
    target = tmp_path / "suppressions.yaml"
    write_baseline(folder, target)
    after = run(folder, target)
    assert after.exit_code("error") == 0
    assert len(after.suppressed) == len(before.findings) and not after.active
    assert after.summary()["error"] == 0 and after.summary()["suppressed"] == len(before.findings)
    assert not after.warnings


def test_suppression_survives_moved_sentence_and_edited_text(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    target = tmp_path / "suppressions.yaml"
    write_baseline(folder, target)
    corpus(tmp_path, first=FIRST_MOVED)
    moved = run(folder, target)
    assert [f.rule for f in moved.suppressed] == ["same-fact-agrees"]
    assert moved.exit_code("error") == 0 and not moved.warnings
    assert moved.suppressed[0].claims[0].line == 9  # was line 7


def test_suppression_stops_applying_when_a_value_changes(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    target = tmp_path / "suppressions.yaml"
    write_baseline(folder, target)
    corpus(tmp_path, second=SECOND.replace("38,000", "36,000"))
    changed = run(folder, target)
    assert [f.rule for f in changed.active] == ["same-fact-agrees"]
    assert not changed.suppressed and changed.exit_code("error") == 1
    assert any("matched no finding" in warning and "suppressions.yaml:" in warning for warning in changed.warnings)


def test_expired_suppression_counts_again_with_a_warning(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    target = tmp_path / "suppressions.yaml"
    write_baseline(folder, target)
    text = target.read_text(encoding="utf-8").replace('    fact:', "    expires: 2026-11-22\n    fact:", 1)
    target.write_text(text, encoding="utf-8")
    result = run(folder, target)
    assert result.exit_code("error") == 1 and not result.suppressed
    assert any("expired on 2026-11-22" in warning for warning in result.warnings)
    # Still in force on its last day.
    target.write_text(text.replace("2026-11-22", "2026-11-23"), encoding="utf-8")
    assert run(folder, target).exit_code("error") == 0


@pytest.mark.parametrize(
    "text,message",
    [
        ("suppressions:\n  - rule: r\n    fingerprint: 0123456789abcdef\n", "x.yaml:2:5: expected the key 'reason', found none in this mapping"),
        ('suppressions:\n  - {rule: r, fingerprint: "0123", reason: x}\n', "x.yaml:2:28: expected text matching ^[0-9a-f]{16}$, found '0123'"),
        ("suppressions:\n  - {rule: r, fingerprint: 0123456789abcdef, reason: x, expires: soon}\n", "expected a date (YYYY-MM-DD), found 'soon'"),
        ("suppressions:\n  - {rule: r, fingerprint: 0123456789abcdef, reason: x}\n  - {rule: r, fingerprint: 0123456789abcdef, reason: y}\n", "x.yaml:3:5: expected each rule and fingerprint once"),
        ("- rule: r\n", "x.yaml:1:1: expected a mapping with the key 'suppressions', found a list"),
        ("suppressions:\n  - {rule: r, fingerprint: 0123456789abcdef, reason: x, colour: red}\n", "expected a known key, found unknown key 'colour'"),
    ],
)
def test_broken_suppressions_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_suppressions(str(path))
    assert message in str(caught.value).replace(str(tmp_path) + "/", "")


def test_written_file_reads_back_whatever_the_strings(tmp_path: Path) -> None:
    hostile = 'quote " back\\slash\nnew line \u2028 separator \x85 next-line \x7f del: {not: yaml} # no comment'
    records = [{"rule": "r", "fingerprint": "123e456789012345", "reason": hostile, "expires": date(2030, 1, 2), "fact": "f: x", "claims": ["'a' (b)", "- c"]}]
    path = tmp_path / "s.yaml"
    path.write_text(render_suppressions(records), encoding="utf-8")
    [entry] = load_suppressions(str(path))
    assert entry.suppression.fingerprint == "123e456789012345"  # a number to YAML if it were plain
    assert entry.suppression.reason == hostile
    assert entry.suppression.expires == date(2030, 1, 2)
    assert entry.suppression.claims == ["'a' (b)", "- c"]


def test_baseline_keeps_reviewed_reasons_and_prunes_unused(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    target = tmp_path / "suppressions.yaml"
    write_baseline(folder, target, reason="first review")
    edited = target.read_text(encoding="utf-8").replace('"first review"', '"checked with the bureau"')
    edited += '  - rule: "gone"\n    fingerprint: "0123456789abcdef"\n    reason: "fixed long ago"\n'
    target.write_text(edited, encoding="utf-8")
    result = run(folder, target)
    text, counts = baseline(result.findings, load_suppressions(str(target)), "second review", TODAY)
    assert counts == {"kept": 2, "added": 0, "dropped": 0, "unmatched": 1}  # kept: the run may cover some articles only
    assert "checked with the bureau" in text and "second review" not in text and '"fixed long ago"' in text
    text, counts = baseline(result.findings, load_suppressions(str(target)), "second review", TODAY, prune=True)
    assert counts == {"kept": 1, "added": 0, "dropped": 1, "unmatched": 1}
    assert "checked with the bureau" in text and "second review" not in text and "gone" not in text
    with pytest.raises(UserError):
        baseline(result.findings, [], "  ", TODAY)


def test_every_output_shows_the_suppression(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    target = tmp_path / "suppressions.yaml"
    write_baseline(folder, target, reason="reviewed <b>twice</b>")
    result = run(folder, target)
    text = render("text", result)
    assert "suppressed (reviewed and accepted)" in text and "reason: reviewed <b>twice</b>" in text
    assert text.rstrip().endswith("0 errors, 0 warnings, 0 info, 1 suppressed; 2 compared, 0 not compared")
    finding = json.loads(render("json", result))["findings"][0]
    assert finding["suppressed"]["reason"] == "reviewed <b>twice</b>"
    assert finding["suppressed"]["where"].endswith("suppressions.yaml:5")  # the entry's line
    sarif = json.loads(render("sarif", result))["runs"][0]["results"][0]
    assert sarif["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "reviewed <b>twice</b>"}]
    suite = ET.fromstring(render("junit", result))
    assert suite.get("skipped") == "1" and suite.get("failures") == "0"
    assert suite.find(".//skipped").get("message") == "suppressed: reviewed <b>twice</b>"  # type: ignore[union-attr]
    github = render("github", result)
    assert "::error" not in github and "1 suppressed" in github
    html = render_html(result)
    assert "data-suppressed" in html and "reviewed &lt;b&gt;twice&lt;/b&gt;" in html


def test_cli_baseline_and_run(tmp_path: Path) -> None:
    corpus(tmp_path)
    (tmp_path / "factcheck.yaml").write_text(f"rules: [{RULES}]\nhtml: ''\n", encoding="utf-8")

    def factcheck(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=tmp_path, capture_output=True, text=True)

    assert factcheck("run").returncode == 1
    missing_reason = factcheck("baseline")
    assert missing_reason.returncode == 2 and "--reason" in missing_reason.stderr
    made = factcheck("baseline", "--reason", "reviewed")
    assert made.returncode == 0, made.stderr
    assert "suppressions.yaml: 1 added, 0 kept, 0 dropped" in made.stderr
    assert (tmp_path / "suppressions.yaml").exists()
    passed = factcheck("run")
    assert passed.returncode == 0 and "1 suppressed" in passed.stdout
    assert factcheck("run", "--suppressions", "").returncode == 1
    absent = factcheck("run", "--suppressions", "nope.yaml")
    assert absent.returncode == 2 and "nope.yaml: expected a suppressions file, found no such file" in absent.stderr
    (tmp_path / "suppressions.yaml").write_text("suppressions:\n  - rule: x\n", encoding="utf-8")
    broken = factcheck("run")
    assert broken.returncode == 2 and "suppressions.yaml:2:5:" in broken.stderr and "Traceback" not in broken.stderr
