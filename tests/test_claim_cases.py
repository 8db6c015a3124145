"""Data-driven cases for the normaliser: a sentence (and date) in, the claims it must yield out.

Each case in tests/cases/claims.yaml (and the files of CASE_FILES) lists the expected claims in order; only the fields a case
names are compared. Intervals and periods are written as the tool prints them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.commands import parse_text, text_article
from factcheck.extract import ClaimExtractor
from factcheck.model import Claim
from factcheck.vocabulary import Vocabulary

CASE_FILES = ("claims.yaml", "precision.yaml", "kinds.yaml", "implied-units.yaml", "scopes.yaml")
CASES = [
    case
    for name in CASE_FILES
    if (Path(__file__).parent / "cases" / name).is_file()
    for case in yaml.safe_load((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))
]


def shown(claim: Claim, field: str) -> Any:
    if field == "value":
        return str(claim.value)
    if field == "soft":
        return str(claim.soft) if claim.soft else None
    if field == "period":
        return str(claim.period) if claim.period else None
    if field.endswith("_basis"):  # "unit_basis": how Claim.identity.unit was decided
        return getattr(claim.identity, field.removesuffix("_basis")).basis
    if field == "links":
        return sorted(relation for relation, _ in claim.links)
    return getattr(claim, field)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_claim_case(case: dict[str, Any], vocabulary: Vocabulary) -> None:
    published = case.get("date")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if "scope" in case:  # the article's front matter `scope:`
        claims = ClaimExtractor(vocabulary).extract(replace(text_article(case["text"], published), scope=case["scope"]))
    else:
        claims = parse_text(case["text"], vocabulary, published)
    expected = case.get("claims", [])
    got = [{field: shown(claim, field) for field in want} for claim, want in zip(claims, expected)]
    assert got == expected[: len(got)], "\n".join(f"{c.text}: {dict(c.how)}" for c in claims)
    assert len(claims) == len(expected), [c.text for c in claims]
