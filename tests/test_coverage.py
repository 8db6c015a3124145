"""Coverage and fact identity end to end: every output says how many claims were compared and why
the others were not, the HTML report lists each claim under one fact, and fingerprints come from
fact keys."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def factcheck(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, env=environment)


def uncomparable(tmp_path: Path) -> list[str]:
    """Two articles whose figures state no period: before issue 12 they were one fact, 'no period'."""
    (tmp_path / "a.md").write_text("---\ndate: 2024-03-12\n---\nSome 38,000 people were prosecuted for telecom fraud.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2024-03-09\n---\nAbout 51,000 people were prosecuted for telecom fraud.\n", encoding="utf-8")
    return ["a.md", "b.md", "--rules", str(REPO / "rules"), "--claims", str(tmp_path / "none")]


def test_claims_without_a_period_are_not_compared_and_every_output_says_so(tmp_path: Path) -> None:
    args = uncomparable(tmp_path)
    text = factcheck("run", *args, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert text.stdout.endswith("2 articles, 2 claims: 0 errors, 0 warnings, 0 info; nothing was compared (2 no period)\n")
    summary = json.loads(factcheck("run", *args, "--format", "json", cwd=tmp_path).stdout)["summary"]
    assert (summary["compared"], summary["not_compared"], summary["not_compared_by_reason"]) == (0, 2, {"no period": 2})
    sarif = json.loads(factcheck("run", *args, "--format", "sarif", cwd=tmp_path).stdout)
    assert sarif["runs"][0]["properties"]["summary"]["not_compared_by_reason"] == {"no period": 2}
    junit = ET.fromstring(factcheck("run", *args, "--format", "junit", cwd=tmp_path).stdout.split("\n", 1)[1])
    [coverage] = [suite for suite in junit if suite.get("name") == "coverage"]
    assert coverage.find("testcase/skipped") is not None and coverage.get("skipped") == "1"
    github = factcheck("run", *args, "--format", "github", cwd=tmp_path).stdout
    assert "::warning title=factcheck coverage::nothing was compared (2 no period)" in github
    assert github.rstrip().endswith("nothing was compared (2 no period)")
    page = tmp_path / "report.html"
    factcheck("run", *args, "--html", str(page), cwd=tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "NOTHING COMPARED" in html and "PASS" not in html
    section = html[html.index('<section id="not-compared">'):html.index('<section id="articles">')]
    assert "<strong>no period</strong> — 2 claims" in section and section.count("data-claim=") == 2
    facts = html[html.index('<section id="facts">'):html.index("<h3>Timelines</h3>")]
    assert "data-claim=" not in facts  # a claim of no fact is under none


def test_html_lists_each_claim_under_one_fact(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    factcheck("run", "--html", str(page), "--format", "json", "--output", str(tmp_path / "out.json"))
    html = page.read_text(encoding="utf-8")
    facts = html[html.index('<section id="facts">'):html.index("<h3>Timelines</h3>")]
    listed = re.findall(r'<tr data-claim="([^"]+)"', facts)
    assert listed and len(listed) == len(set(listed))
    # A fact stated once is still a fact: its claim is listed there and under "Not compared".
    not_compared = html[html.index('<section id="not-compared">'):html.index('<section id="articles">')]
    assert "<strong>the only claim of its fact</strong> — 22 claims" in not_compared


def test_fingerprints_are_those_of_earlier_runs() -> None:
    """Fingerprints hash FactKey.canonical, which is the fact text of earlier versions: the
    suppressions and code-scanning alerts keyed on them stay (part_within_whole's changed once,
    when its key became the part's fact and the whole's)."""
    findings = json.loads(factcheck("run", "--format", "json").stdout)["findings"]
    by_rule = {(f["rule"], f["fact"]): f["fingerprint"] for f in findings}
    assert by_rule[("same-fact-agrees", "telecom-fraud/prosecuted, person, 2023, in china")] == "1bc9f96253098444"
    assert by_rule[("growth-matches-levels", "personal-information/prosecuted, person, 2022, in china")] == "2b69c8c2a61e71f7"
