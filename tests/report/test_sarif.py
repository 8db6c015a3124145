"""SARIF output: valid against the official 2.1.0 schema, and what GitHub code scanning needs.

tests/report/data/sarif-schema-2.1.0.json is the OASIS schema (sarif-spec, Schemata/, errata01),
vendored because tests run without a network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

import factcheck
from factcheck.findings import RunResult
from factcheck.report import sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def run_of(result: RunResult) -> dict[str, Any]:
    log = json.loads(sarif.render(result))
    validate(log)
    (run,) = log["runs"]
    return run  # type: ignore[no-any-return]


def test_vendored_schema_is_sarif_2_1_0() -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert "2.1.0" in SCHEMA["title"] and SCHEMA["id"].endswith("sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_validates(result: RunResult, empty_result: RunResult) -> None:
    log = json.loads(sarif.render(result))
    validate(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    assert run_of(empty_result)["results"] == []


def test_the_schema_catches_mistakes(result: RunResult) -> None:
    """The vendored schema is strict enough to matter: a wrong level or a zero line fails."""
    log = json.loads(sarif.render(result))
    log["runs"][0]["results"][0]["level"] = "info"
    with pytest.raises(jsonschema.ValidationError):
        validate(log)
    log = json.loads(sarif.render(result))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate(log)


def test_driver_and_rules(result: RunResult) -> None:
    run = run_of(result)
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"] == factcheck.__version__
    assert run["columnKind"] == "unicodeCodePoints"
    assert [rule["id"] for rule in driver["rules"]] == sorted(result.rules)
    agree = next(rule for rule in driver["rules"] if rule["id"] == "same-fact-agrees")
    assert agree["shortDescription"]["text"] == result.rules["same-fact-agrees"].description
    assert agree["defaultConfiguration"]["level"] == "error"
    assert agree["properties"]["check"] == "agree"
    assert agree["help"]["text"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver["rules"]}
    assert levels["restated-figures"] == "note" and levels["unit-clash"] == "warning"


def test_results_levels_rules_and_fingerprints(result: RunResult) -> None:
    run = run_of(result)
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(result.findings)
    for entry, finding in zip(run["results"], result.findings):
        assert entry["ruleId"] == finding.rule and rules[entry["ruleIndex"]]["id"] == finding.rule
        assert entry["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert entry["partialFingerprints"] == {"factcheck/v1": finding.fingerprint}
        assert entry["message"]["text"].startswith(finding.message)
        assert entry["properties"]["fact"] == finding.fact


def region(location: dict[str, Any]) -> tuple[str, str, int, int, int, int]:
    physical = location["physicalLocation"]
    found = physical["region"]
    artifact = physical["artifactLocation"]
    return artifact["uri"], artifact["uriBaseId"], found["startLine"], found["startColumn"], found["endLine"], found["endColumn"]


def test_location_is_the_first_outlier_and_related_are_the_others(result: RunResult) -> None:
    agree = run_of(result)["results"][1]
    assert agree["ruleId"] == "same-fact-agrees"
    (primary,) = agree["locations"]
    assert region(primary) == ("articles/court-weekly.html", "%SRCROOT%", 1, 1, 1, 1 + len("Some 38,000 people"))
    related = agree["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert region(related[0]) == ("articles/evening%20post/2024-03-09.txt", "%SRCROOT%", 2, 10, 2, 10 + len("51,000 individuals"))
    assert related[0]["message"]["text"] == '"51,000 individuals" = [50,500, 51,500) person, 2023'
    assert agree["properties"]["consensus"] == {"low": 50500, "high": 51500, "low_open": False, "high_open": True}


def test_without_outliers_the_first_claim_is_the_location(result: RunResult) -> None:
    restated = run_of(result)["results"][3]
    assert restated["ruleId"] == "restated-figures"
    assert region(restated["locations"][0])[0] == "articles/evening%20post/2024-03-09.txt"


def test_a_claim_across_lines_ends_on_its_last_line(result: RunResult) -> None:
    hostile = run_of(result)["results"][2]
    uri, _, line, column, end_line, end_column = region(hostile["locations"][0])
    assert (line, column, end_line, end_column) == (1, 21, 2, len("50,000 people") + 1)
    assert unquote(uri) == "articles/hostile,100%: news.md"
    assert not urlsplit(uri).scheme  # "hostile,100%: news.md" must not read as a scheme


def test_derived_claims_are_no_locations(result: RunResult) -> None:
    growth = run_of(result)["results"][0]
    assert growth["ruleId"] == "growth-matches-levels"
    places = [region(growth["locations"][0])] + [region(r) for r in growth["relatedLocations"]]
    assert [(p[0], p[2], p[3]) for p in places] == [
        ("articles/privacy-2022.md", 1, 10),
        ("articles/privacy-2023.md", 1, 10),
        ("articles/privacy-2023.md", 1, 90),
    ]
    assert "78,000 people in 2023 / (1 + 53.9%)" in growth["message"]["text"]
    assert '"78,000 people, up 53.9 percent" = [50,341, 51,023.7) person, 2022' in growth["message"]["text"]
    (derived,) = growth["properties"]["derivedClaims"]
    assert derived["derivation"] in growth["properties"]["derivation"]


@pytest.mark.parametrize(
    "path,expected",
    [
        ("articles/a.md", {"uri": "articles/a.md", "uriBaseId": "%SRCROOT%"}),
        ("./articles/a b.md", {"uri": "articles/a%20b.md", "uriBaseId": "%SRCROOT%"}),
        ("/srv/news/a.md", {"uri": "file:///srv/news/a.md"}),
        ("C:/news/a.md", {"uri": "file:///C:/news/a.md"}),
    ],
)
def test_artifact_locations(path: str, expected: dict[str, str]) -> None:
    assert sarif.artifact_location(path) == expected


def test_a_finding_without_stated_claims_has_no_location(result: RunResult) -> None:
    from dataclasses import replace

    growth = result.findings[0]
    alone = replace(growth, claims=growth.claims[-1:], outliers=())
    run = run_of(replace(result, findings=(alone,)))
    (entry,) = run["results"]
    assert "locations" not in entry and "relatedLocations" not in entry
    assert entry["properties"]["derivedClaims"][0]["text"] == "78,000 people, up 53.9 percent"
