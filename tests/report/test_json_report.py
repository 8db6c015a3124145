"""The JSON output: DESIGN.md's contract, key for key."""

from __future__ import annotations

import json

from factcheck.findings import RunResult
from factcheck.report import json_report

CLAIM_KEYS = {
    "id", "text", "start", "end", "line", "column", "sentence", "value", "soft", "qualifier", "unit",
    "metric", "period", "kind", "source",
}
FINDING_KEYS = ["rule", "severity", "message", "fact", "check", "fingerprint", "consensus", "outliers", "derivation", "claims", "suppressed", "guessed"]


def test_contract_keys(result: RunResult) -> None:
    report = json.loads(json_report.render(result))
    assert list(report) == ["findings", "summary"]
    assert list(report["summary"]) == ["articles", "claims", "error", "warning", "info", "suppressed"]
    for finding in report["findings"]:
        assert list(finding) == FINDING_KEYS
        for claim in finding["claims"]:
            assert CLAIM_KEYS | {"article", "path"} <= set(claim)
            assert set(claim["value"]) == {"low", "high", "low_open", "high_open"}


def test_values(result: RunResult) -> None:
    report = json.loads(json_report.render(result))
    assert report["summary"] == {"articles": 6, "claims": 7, "error": 2, "warning": 1, "info": 1, "suppressed": 0}
    assert [(f["severity"], f["rule"]) for f in report["findings"]] == [
        ("error", "growth-matches-levels"),
        ("error", "same-fact-agrees"),
        ("warning", "unit-clash"),
        ("info", "restated-figures"),
    ]
    agree = report["findings"][1]
    assert agree["fact"] == "telecom-fraud/prosecuted, person, 2023"
    assert agree["check"] == "agree"
    assert agree["consensus"] == {"low": 50500, "high": 51500, "low_open": False, "high_open": True}
    assert agree["fingerprint"] == result.findings[1].fingerprint
    assert agree["outliers"] == [result.findings[1].claims[0].id]
    first = agree["claims"][0]
    assert (first["article"], first["path"], first["text"]) == ("court-weekly", "articles/court-weekly.html", "Some 38,000 people")
    assert first["period"] == {"start": "2023-01-01", "end": "2023-12-31"}
    assert first["soft"] == {"low": 37500, "high": 38500, "low_open": False, "high_open": True}
    more_than = agree["claims"][2]
    assert more_than["value"] == {"low": 50000, "high": None, "low_open": True, "high_open": True}
    growth = report["findings"][0]
    assert growth["derivation"] == list(result.findings[0].derivation)
    assert growth["derivation"][2] == "78,000 people in 2023 / (1 + 53.9%) = [50,341, 51,023.7) people in 2022"
    assert growth["claims"][-1]["links"] == {"derived_from": "privacy-2023:835a132c26", "derived_with": "privacy-2023:ea841d414c"}
    assert report["findings"][2]["consensus"] is None


def test_formatting(result: RunResult, empty_result: RunResult) -> None:
    output = json_report.render(result)
    assert output.endswith("}\n") and output.startswith('{\n  "findings": [')
    assert "100% sure — 'more than\\n50,000 people' (hostile)\\r\\n::error" in output  # ensure_ascii=False
    assert json.loads(json_report.render(empty_result)) == {
        "findings": [],
        "summary": {"articles": 0, "claims": 0, "error": 0, "warning": 0, "info": 0, "suppressed": 0,
                    "compared": 0, "not_compared": 0, "not_compared_by_reason": {}},
    }
