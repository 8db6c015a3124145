"""`factcheck rules schema`: the JSON Schema of rule, vocabulary and suppressions files validates
every shipped file, rejects the broken rule files, and the committed copies are up to date."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.errors import RuleFileError
from factcheck.rule_docs import SCHEMAS, schema
from factcheck.yamlfile import load_yaml, parse_yaml
from tests.test_rule_files import BROKEN

REPO = Path(__file__).resolve().parents[1]

# Broken before any schema could look: YAML that does not parse, or that the loader refuses
# (duplicate keys, Python tags, alias bombs). Editors report these as YAML errors.
YAML_LEVEL = {"syntax", "duplicate-key", "python-tag", "alias-bomb"}


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_schemas_are_valid_json_schema() -> None:
    for kind in SCHEMAS:
        jsonschema.Draft202012Validator.check_schema(schema(kind))


@pytest.mark.parametrize("path", sorted((REPO / "rules" / "checks").glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_every_shipped_rule(path: Path) -> None:
    errors = [error.message for error in validator("rule").iter_errors(load_yaml(str(path)).data)]
    assert errors == []


@pytest.mark.parametrize("path", sorted((REPO / "rules" / "vocabulary").glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_every_shipped_vocabulary_file(path: Path) -> None:
    data = load_yaml(str(path)).data
    errors = [error.message for error in validator(data["kind"]).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("name,text,message", BROKEN, ids=[case[0] for case in BROKEN])
def test_schema_rejects_every_broken_rule(name: str, text: str, message: str) -> None:
    try:
        data: Any = parse_yaml(text, "x.yaml").data
    except RuleFileError:
        assert name in YAML_LEVEL, f"{name} should parse as YAML"
        return
    assert name not in YAML_LEVEL
    errors = list(validator("rule").iter_errors(data))
    assert errors, f"the schema accepts the broken rule file {name}"


def test_schema_rejects_a_bad_suppression() -> None:
    bad = {"suppressions": [{"rule": "r", "fingerprint": "xyz", "reason": ""}]}
    assert len(list(validator("suppressions").iter_errors(bad))) == 2  # fingerprint pattern, empty reason
    good = {"suppressions": [{"rule": "r", "fingerprint": "0123456789abcdef", "reason": "ok", "expires": "2027-01-31"}]}
    assert list(validator("suppressions").iter_errors(good)) == []


def test_committed_schemas_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "rules", "schema", "--out", "rules/schema", "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_schema_check_reports_a_stale_file(tmp_path: Path) -> None:
    def factcheck(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=tmp_path, capture_output=True, text=True)

    assert factcheck("rules", "schema", "--out", "schema").returncode == 0
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(f"{kind}.schema.json" for kind in SCHEMAS)
    (tmp_path / "schema" / "units.schema.json").write_text("{}", encoding="utf-8")
    stale = factcheck("rules", "schema", "--out", "schema", "--check")
    assert stale.returncode == 1 and "schema/units.schema.json: out of date" in stale.stderr
    printed = factcheck("rules", "schema", "metrics")
    assert json.loads(printed.stdout)["title"] == "factcheck: a metrics vocabulary file (kind: metrics)"


def test_shipped_files_point_editors_at_the_schema() -> None:
    for path in sorted((REPO / "rules").glob("*/*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "rule" if path.parent.name == "checks" else path.stem
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path
        assert (path.parent / f"../schema/{kind}.schema.json").resolve().is_file()
