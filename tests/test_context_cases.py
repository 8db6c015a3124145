"""Data-driven cases for what a figure takes from its context: whole documents in, claims out.

Each case in tests/cases/context.yaml is a Markdown document; only the fields a case names are
compared, in claim order. ``period_from`` and ``metric_from`` are the typed identity decisions
("basis" or "basis/origin"), never the ``how`` text; so is ``scope_from``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.documents import read_document
from factcheck.extract import ClaimExtractor
from factcheck.model import Claim, Decision
from factcheck.vocabulary import Vocabulary

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "context.yaml").read_text(encoding="utf-8"))


def _decision(decision: Decision) -> str:
    # A stated decision's origin holds the words it was stated in: the cases name the basis only.
    return decision.basis if decision.origin is None or decision.basis == "stated" else f"{decision.basis}/{decision.origin}"


def shown(claim: Claim, field: str) -> Any:
    if field in ("period", "base_period"):
        value = getattr(claim, field)
        return str(value) if value else None
    if field == "period_from":
        return _decision(claim.identity.period)
    if field == "metric_from":
        return _decision(claim.identity.metric)
    if field == "scope_from":
        return _decision(claim.identity.scope)
    return getattr(claim, field)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_context_case(case: dict[str, Any], vocabulary: Vocabulary, tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text(case["document"], encoding="utf-8")
    claims = ClaimExtractor(vocabulary).extract(read_document(str(path)))
    expected = case["claims"]
    got = [{field: shown(claim, field) for field in want} for claim, want in zip(claims, expected)]
    assert got == expected[: len(got)], "\n".join(f"{c.text}: {dict(c.how)}" for c in claims)
    assert len(claims) == len(expected), [c.text for c in claims]
