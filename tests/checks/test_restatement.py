"""restatement: one figure in other words, consistently (cases in cases/restatement.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.findings import Finding


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("restatement", case)


def test_message_template(findings: Callable[..., list[Finding]]) -> None:
    documents = [
        {"text": "Prosecutors charged more than 50,000 people with telecom fraud in 2023.", "date": "2024-03-03", "id": "a"},
        {"text": "In 2023, 51,000 individuals were prosecuted for telecom fraud.", "date": "2024-03-09", "id": "b"},
    ]
    [finding] = findings("restatement", documents, severity="info", message="{texts} wordings in {articles} articles: {consensus}")
    assert finding.message == "2 wordings in 2 articles: [50,500, 51,500)"
