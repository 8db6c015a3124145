"""report_period: a report's figure said to be for a year it does not cover (cases/report_period.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.findings import Finding


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("report_period", case)


def test_message_template(findings: Callable[..., list[Finding]]) -> None:
    documents = [{"text": "The 2024 work report says 51,000 people were prosecuted for telecom fraud in 2024.", "date": "2024-12-20", "id": "a"}]
    [finding] = findings("report_period", documents, message="{source} covers {source_period}, not {period}: {claim}")
    assert finding.message == "spp-work-report 2024 covers 2023, not 2024: '51,000 people' (a)"
