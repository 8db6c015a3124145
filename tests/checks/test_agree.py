"""agree: figures for one fact must share a value (cases in cases/agree.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.findings import Finding

THREE = [
    {"text": "Prosecutors charged more than 50,000 people with telecom fraud in 2023.", "date": "2024-03-03", "id": "a"},
    {"text": "In 2023, 51,000 individuals were prosecuted for telecom fraud.", "date": "2024-03-09", "id": "b"},
    {"text": "Some 38,000 people were prosecuted for telecom fraud in 2023.", "date": "2024-03-12", "id": "c"},
]


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("agree", case)


def test_message_template(findings: Callable[..., list[Finding]]) -> None:
    [finding] = findings("agree", THREE, message="{count} figures for {fact}; most allow {consensus}; not {outliers} ({basis})")
    assert finding.message == (
        "3 figures for telecom-fraud/prosecuted, person, 2023, in china; most allow [50,500, 51,500); not 'Some 38,000 people' (c) (hard)"
    )


def test_template_with_an_unknown_field_falls_back_to_the_default(findings: Callable[..., list[Finding]]) -> None:
    [finding] = findings("agree", THREE, message="{fact} is off by {difference}")
    assert finding.message.startswith("figures for telecom-fraud/prosecuted, person, 2023, in china disagree: 2 of 3 allow")


def test_selector_narrows_the_claims(findings: Callable[..., list[Finding]]) -> None:
    assert findings("agree", THREE, select={"metrics": ["cybercrime/*"]}) == []
    assert len(findings("agree", THREE, select={"metrics": ["telecom-fraud/*"]})) == 1
