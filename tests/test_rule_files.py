"""Broken check rule files: each is reported as file:line:col with what was expected and found,
exit 2 and no traceback; never a run with fewer rules."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import RuleFileError
from factcheck.rules import load_rules
from factcheck.yamlfile import quoted_yaml

REPO = Path(__file__).resolve().parents[1]
GOOD = "check: agree\ndescription: Same fact, same figure.\nseverity: error\n"

BROKEN: list[tuple[str, str, str]] = [
    ("syntax", "check: agree\ndescription: [unclosed\n", "x.yaml:3:1: expected valid YAML, found a syntax error"),
    ("unknown-key", GOOD + "colour: red\n", "x.yaml:4:1: expected a known key, found unknown key 'colour'"),
    ("unknown-key-in-select", GOOD + "select:\n  metric: [a]\n", "x.yaml:5:3: expected a known key, found unknown key 'metric'"),
    ("wrong-type", "check: agree\ndescription: [a, b]\nseverity: error\n", "x.yaml:2:14: expected a string, found a list"),
    ("missing-field", "check: agree\nseverity: error\n", "x.yaml:1:1: expected the key 'description', found none in this mapping"),
    ("unknown-check", "check: agreee\ndescription: x\nseverity: error\n", "x.yaml:1:8: expected 'check' to be one of"),
    ("no-check", "description: x\nseverity: error\n", "x.yaml:1:1: expected the key 'check' naming a check kind"),
    ("bad-regex", GOOD + "select:\n  sentence: 'fraud ('\n", "x.yaml:5:13: expected a valid regular expression, found 'fraud ('"),
    ("yaml-no-is-not-false", "check: agree\ndescription: x\nseverity: no\n", "x.yaml:3:11: expected one of 'error', 'warning' or 'info', found 'no'"),
    ("sexagesimal-is-not-a-number", GOOD + "select:\n  matched_only: 1:30\n", "x.yaml:5:17: expected true or false, found '1:30'"),
    ("duplicate-key", GOOD + "severity: warning\n", "x.yaml:4:1: expected each key once, found 'severity' again"),
    ("empty-file", "", "x.yaml:1:1: expected a mapping with a 'check' key, found an empty file"),
    ("top-level-list", "- check: agree\n", "x.yaml:1:1: expected a mapping with a 'check' key, found a list"),
    ("bad-kind-in-select", GOOD + "select:\n  kinds: [counts]\n", "x.yaml:5:11: expected one of"),
    ("empty-example", GOOD + "examples:\n  fail:\n    - documents: []\n", "x.yaml:6:18: expected at least 1 item(s), found 0"),
    ("example-bad-date", GOOD + "examples:\n  fail:\n    - documents: [{text: x, date: 2024-13-01}]\n", "x.yaml:6:35: expected a date (YYYY-MM-DD), found '2024-13-01'"),
    ("python-tag", "check: !!python/object/apply:os.system [ls]\n", "x.yaml:1:8: expected a plain value, found the tag"),
    ("alias-bomb", GOOD + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", "expected at most 100000 values"),
    ("soft-severity-value", GOOD + "soft_severity: loud\n", "x.yaml:4:16: expected one of"),
]


def rules_dir(tmp_path: Path, name: str, text: str | bytes) -> Path:
    folder = tmp_path / "rules" / "checks"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return tmp_path / "rules"


@pytest.mark.parametrize("name,text,message", BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_rule_file(tmp_path: Path, name: str, text: str, message: str) -> None:
    rules = rules_dir(tmp_path, "x.yaml", text)
    with pytest.raises(RuleFileError) as caught:
        load_rules([str(rules)])
    shown = str(caught.value).replace(str(rules / "checks") + os.sep, "")
    assert message in shown, shown
    assert shown.startswith("x.yaml:")


def test_not_utf8(tmp_path: Path) -> None:
    rules = rules_dir(tmp_path, "x.yaml", GOOD.encode() + b"help: caf\xe9\n")
    with pytest.raises(RuleFileError, match=r"x.yaml:4:1: expected UTF-8 text, found byte 0xe9"):
        load_rules([str(rules)])


def test_bad_file_name(tmp_path: Path) -> None:
    rules = rules_dir(tmp_path, "Same Fact.yaml", GOOD)
    with pytest.raises(RuleFileError, match=r"Same Fact.yaml:1:1: expected a file name of lowercase letters"):
        load_rules([str(rules)])


def test_duplicate_rule_id_across_directories(tmp_path: Path) -> None:
    first = rules_dir(tmp_path / "a", "same.yaml", GOOD)
    second = rules_dir(tmp_path / "b", "same.yaml", GOOD)
    with pytest.raises(RuleFileError, match=r"same.yaml:1:1: expected each rule id once, found 'same' also in"):
        load_rules([str(first), str(second)])


def test_yaml_12_scalars_are_kept_as_written(tmp_path: Path) -> None:
    rules = rules_dir(tmp_path, "x.yaml", GOOD + "select:\n  units: [no, person]\n  metrics: ['1:30']\n")
    (loaded,) = load_rules([str(rules)])
    assert loaded.rule.select.units == ["no", "person"]


def test_shipped_rules_load() -> None:
    loaded = load_rules([str(REPO / "rules")])
    assert {rule.check for rule in loaded} == {"agree", "restatement", "report_period", "part_within_whole", "growth", "unit_clash", "future_period"}


def test_broken_rule_file_in_run_exits_2_without_traceback(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    (rules / "checks" / "broken.yaml").write_text(GOOD + "colour: red\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("In 2023, 51,000 people were prosecuted for telecom fraud.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "run", "a.txt", "--rules", str(rules)],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"{rules / 'checks' / 'broken.yaml'}:4:1: expected a known key, found unknown key 'colour'"
    assert result.stdout == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=st.text(alphabet=st.sampled_from("{}[].!:0fact claims x"), max_size=30) | st.text(max_size=30))
def test_any_message_template_loads_or_is_a_located_error(tmp_path: Path, message: str) -> None:
    """Whatever a rule's message template holds, loading gives a rule or a file:line:col error."""
    text = GOOD + "message: " + quoted_yaml(message) + "\n"
    rules = rules_dir(tmp_path, "x.yaml", text)
    try:
        (loaded,) = load_rules([str(rules)])
    except RuleFileError as exc:
        assert str(exc).startswith(str(rules / "checks" / "x.yaml") + ":")
    else:
        assert loaded.rule.message == message
