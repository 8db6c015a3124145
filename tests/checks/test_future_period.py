"""future_period: a figure for a period that has not ended (cases in cases/future_period.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.findings import Finding


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("future_period", case)


def test_message_template(findings: Callable[..., list[Finding]]) -> None:
    documents = [{"text": "For the whole of 2024, 9,600 people were prosecuted for environmental crimes.", "date": "2024-03-09", "id": "a"}]
    [finding] = findings("future_period", documents, message="{claim}: {period} ends {end}, after {date}")
    assert finding.message == "'9,600 people' (a): 2024 ends 2024-12-31, after 2024-03-09"
