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
    wrong.write_text(wrong.read_text(encoding="utf-8").replace("[[Some 38,000 people]]", "About 51,000 people"), encoding="utf-8")
    (rules / "checks" / "bare.yaml").write_text("check: agree\ndescription: no examples\nseverity: error\n", encoding="utf-8")
    result = factcheck("rules", "test", "--rules", str(rules))
    assert result.returncode == 1
    assert "FAIL  same-fact-agrees: fail example 1 (38,000 cannot be more than 50,000)\n      - expected  a finding\n      + found     none\n" in result.stdout
    # The diff shows what the documents gave, so the author sees why nothing fired.
    assert "        example-2 1:1 'About 51,000 people'  [48,500, 53,500) in practice [50,500, 51,500) person  (2023)  telecom-fraud/prosecuted" in result.stdout
    assert "none  bare: no examples" in result.stdout
    assert "1 failed, 1 rules without examples" in result.stderr
    assert factcheck("rules", "test", "nope", "--rules", str(rules)).returncode == 2


def test_marked_claim_must_be_the_one_the_finding_blames(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    path = rules / "checks" / "same-fact-agrees.yaml"
    text = path.read_text(encoding="utf-8").replace("[[Some 38,000 people]]", "Some 38,000 people")
    text = text.replace('"Prosecutors charged more than 50,000 people', '"Prosecutors charged [[more than 50,000 people]]', 1)
    path.write_text(text, encoding="utf-8")
    result = factcheck("rules", "test", "same-fact-agrees", "--rules", str(rules))
    assert result.returncode == 1
    assert "      - expected  a finding naming 'more than 50,000 people' (example-1)" in result.stdout
    assert "      + found     error: figures for telecom-fraud/prosecuted, person, 2023, in china disagree" in result.stdout
    assert "                  not naming 'more than 50,000 people' (example-1)" in result.stdout


def test_marks_in_a_pass_example_are_an_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    path = rules / "checks" / "unit-clash.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("In 2023, 18,000 people", "In 2023, [[18,000 people]]"), encoding="utf-8")
    result = factcheck("rules", "test", "--rules", str(rules))
    assert result.returncode == 2 and "unit-clash.yaml:" in result.stderr
    assert "expected [[...]] marks only in fail examples" in result.stderr and "Traceback" not in result.stderr


def test_unknown_message_field_is_a_load_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    path = rules / "checks" / "unit-clash.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "message: '{value} in {unit}'\n", encoding="utf-8")
    result = factcheck("rules", "list", "--rules", str(rules))
    assert result.returncode == 2
    assert "expected placeholders among {fact}, {value}, {units}, {claims}, {count}, found {unit}" in result.stderr


def test_rules_explain() -> None:
    result = factcheck("rules", "explain", "same-fact-agrees")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "same-fact-agrees  (rules/checks/same-fact-agrees.yaml)"
    assert "  check       agree: figures for the same fact must have values in common." in lines
    assert "  severity    error" in lines
    assert any(line.startswith("  option      soft_severity: warning  (severity when only") for line in lines)
    assert any(line.startswith("  fails on    38,000 cannot be more than 50,000: [2024-03-03] \"Prosecutors") for line in lines)
    assert any(line.startswith("  passes on   a restatement") and line.endswith("(and 1 more)") for line in lines)
    missing = factcheck("rules", "explain", "nope")
    assert missing.returncode == 2 and "expected a rule id (" in missing.stderr


def test_every_check_kind_fills_every_message_field(tmp_path: Path) -> None:
    """A template naming all of a kind's fields renders them all (none falls back to the default)."""
    from factcheck.checks import CHECKS
    from factcheck.rule_examples import run_examples
    from factcheck.rules import load_rules
    from factcheck.vocabulary import load_vocabulary

    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    for path in (rules / "checks").glob("*.yaml"):
        kind = path.read_text(encoding="utf-8").split("check: ", 1)[1].split()[0]
        template = " ".join(f"<{name}={{{name}}}>" for name in CHECKS[kind].MESSAGE_FIELDS)
        path.write_text(path.read_text(encoding="utf-8") + f"message: '{template}'\n", encoding="utf-8")
    vocabulary = load_vocabulary([str(rules)])
    for loaded in load_rules([str(rules)]):
        findings = [f for result in run_examples(loaded, vocabulary) for f in result.findings]
        assert findings, loaded.id
        for name in CHECKS[loaded.check].MESSAGE_FIELDS:
            assert f"<{name}=" in findings[0].message and f"<{name}={{" not in findings[0].message, (loaded.id, name)
