"""`factcheck explain ID`: from the words in the article to the verdict, for claims and findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def factcheck(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def bundled() -> dict:  # type: ignore[type-arg]
    return json.loads(factcheck("run", "--format", "json", "--html", "").stdout)  # type: ignore[no-any-return]


def test_explain_claim_shows_every_step(bundled: dict) -> None:  # type: ignore[type-arg]
    [claim] = [c for f in bundled["findings"] for c in f["claims"] if c["text"] == "51,000 individuals" and c["source"]]
    result = factcheck("explain", claim["id"])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    steps = [line.split()[1] for line in out.splitlines() if line[:3].strip().isdigit()]
    assert steps == ["value", "unit", "kind", "period", "metric", "scope", "source"]
    # Every identity field says how it was decided and where from.
    decided = [line.strip() for line in out.splitlines() if line.strip().startswith("decided:")]
    assert len(decided) == 4, out
    assert "decided: stated in the claim's sentence ('last year')" in out and "decided: implied by the vocabulary (vocabulary)" in out  # the scopes default, china
    assert f"claim {claim['id']}\n  in        {claim['path']}:{claim['line']}:{claim['column']} (" in out
    assert '  words     "51,000 individuals"' in out
    assert "rounded to the nearest 1,000 (rounding policy: nearest)" in out
    assert "  2 unit     person  [rules/vocabulary/units.yaml:" in out
    assert "the calendar year before 2024-03-09 (anchor: publication date of the article)" in out
    assert "anchor date 2024-03-09" in out
    assert "[topic telecom-fraud rules/vocabulary/metrics.yaml:" in out and "action prosecuted rules/vocabulary/metrics.yaml:" in out
    assert "  7 source   spp-work-report 2024, covering 2023  [rules/vocabulary/sources.yaml:" in out
    assert "  verdict   error same-fact-agrees F-" in out


def test_explain_says_where_a_period_was_carried_from(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ndate: 2024-03-09\n---\nThe 2024 work report was delivered on Friday.\n\n"
        "It says 51,000 people were prosecuted for telecom fraud.\n", encoding="utf-8")
    args = ("--rules", str(REPO / "rules"), "--claims", str(tmp_path / "none"))
    report = json.loads(factcheck("run", "a.md", *args, "--format", "json", cwd=tmp_path).stdout)
    assert report["summary"]["compared"] == 0 and report["summary"]["not_compared_by_reason"] == {"the only claim of its fact": 1}
    extracted = json.loads(factcheck("extract", "a.md", "--rules", str(REPO / "rules"), cwd=tmp_path).stdout)
    [claim] = extracted["articles"][0]["claims"]
    assert claim["identity"]["period"] == {"basis": "carried", "origin": "source"}
    out = factcheck("explain", claim["id"], "a.md", *args, cwd=tmp_path).stdout
    assert "decided: carried from source" in out, out


def test_explain_finding_shows_rule_derivation_and_claims(bundled: dict) -> None:  # type: ignore[type-arg]
    [growth] = [f for f in bundled["findings"] if f["rule"] == "growth-matches-levels"]
    result = factcheck("explain", f"F-{growth['fingerprint']}")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"finding F-{growth['fingerprint']}: error growth-matches-levels\n")
    assert "check kind growth, severity error, defined in rules/checks/growth-matches-levels.yaml" in out
    assert "  derivation\n" in out and growth["derivation"][0] in out
    assert out.count("\n  claim ") == len(growth["claims"])
    # A unique start of the fingerprint is enough.
    assert factcheck("explain", growth["fingerprint"][:8]).stdout == out


def test_explain_claim_without_finding_says_so(bundled: dict) -> None:  # type: ignore[type-arg]
    claims = json.loads(factcheck("extract", "articles").stdout)["articles"]
    in_findings = {c["id"] for f in bundled["findings"] for c in f["claims"]}
    quiet = next(c for a in claims for c in a["claims"] if c["id"] not in in_findings)
    result = factcheck("explain", quiet["id"])
    assert result.returncode == 0, result.stderr
    assert "  verdict   no finding: no rule found a problem with it" in result.stdout


def test_explain_unknown_id_suggests_close_ones(bundled: dict) -> None:  # type: ignore[type-arg]
    claim_id = bundled["findings"][0]["claims"][0]["id"]
    result = factcheck("explain", claim_id[:-1])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"expected the id of a claim (article:hash) or a finding (F-...) of this run, found '{claim_id[:-1]}'; did you mean {claim_id}" in result.stderr
    assert "`factcheck run --format json` lists them" in factcheck("explain", "zzz").stderr


def test_explain_shows_a_suppression(tmp_path: Path, bundled: dict) -> None:  # type: ignore[type-arg]
    finding = bundled["findings"][0]
    path = tmp_path / "s.yaml"
    path.write_text(f"suppressions:\n  - rule: {finding['rule']}\n    fingerprint: '{finding['fingerprint']}'\n    reason: checked with the ministry\n", encoding="utf-8")
    out = factcheck("explain", f"F-{finding['fingerprint']}", "--suppressions", str(path)).stdout
    assert f": {finding['severity']} {finding['rule']} (suppressed)\n" in out
    assert f"  suppressed checked with the ministry ({path}:2): reported, fails nothing" in out
