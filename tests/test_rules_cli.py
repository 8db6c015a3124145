"""`factcheck rules list` and `factcheck rules test`: every shipped rule has examples that pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def factcheck(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_shipped_rules_examples_pass_and_every_rule_has_both() -> None:
    result = factcheck("rules", "test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout and "no examples" not in result.stdout
    rules = {line.split(":")[0].split()[-1] for line in result.stdout.splitlines()}
    for rule in rules:
        assert f"{rule}: fail example 1" in result.stdout and f"{rule}: pass example 1" in result.stdout
    assert "0 failed, 0 rules without examples" in result.stderr


def test_rules_list() -> None:
    lines = factcheck("rules", "list").stdout.splitlines()
    assert len(lines) == 7
    assert lines[0].startswith("future-period  [future_period, warning]")


def test_wrong_examples_fail(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    wrong = rules / "checks" / "same-fact-agrees.yaml"
    wrong.write_text(wrong.read_text(encoding="utf-8").replace("Some 38,000 people", "About 51,000 people"), encoding="utf-8")
    (rules / "checks" / "bare.yaml").write_text("check: agree\ndescription: no examples\nseverity: error\n", encoding="utf-8")
    result = factcheck("rules", "test", "--rules", str(rules))
    assert result.returncode == 1
    assert "FAIL  same-fact-agrees: fail example 1 (38,000 cannot be more than 50,000): expected a finding, found none" in result.stdout
    assert "none  bare: no examples" in result.stdout
    assert factcheck("rules", "test", "nope", "--rules", str(rules)).returncode == 2
