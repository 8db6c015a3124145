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


def test_a_topic_or_action_unit_is_the_unit_of_a_bare_figure(tmp_path: Path) -> None:
    """A beat's vocabulary says that deaths are people (`unit:` on a topic and on an action)."""
    from factcheck.vocabulary import load_vocabulary

    road = tmp_path / "road-rules" / "vocabulary"
    road.mkdir(parents=True)
    (road / "road.yaml").write_text(
        "kind: metrics\nactions:\n  - id: killed\n    unit: person\n    phrases: [killed, died]\n"
        "topics:\n  - id: road-deaths\n    unit: person\n    phrases: [traffic deaths, road deaths]\n"
        "  - id: crashes\n    phrases: [crashes]\n",
        encoding="utf-8",
    )
    road_vocabulary = load_vocabulary([str(Path(__file__).resolve().parents[1] / "rules"), str(tmp_path / "road-rules")])
    [deaths] = parse_text("Traffic deaths fell to 2,870 in 2023.", road_vocabulary, None)
    [killed] = parse_text("In 2023, 1,234 died on the roads.", road_vocabulary, None)
    [crashes] = parse_text("Crashes fell to 41,234 in 2023.", road_vocabulary, None)
    assert (deaths.unit, deaths.identity.unit.basis, deaths.metric) == ("person", "implied", "road-deaths")
    assert (killed.unit, killed.identity.unit.basis) == ("person", "implied")
    assert (crashes.unit, crashes.identity.unit.basis) == (None, "unknown")


def test_a_topic_whose_phrases_name_one_unit_counts_it(tmp_path: Path) -> None:
    """With no `unit:`, a topic's phrases may name its unit ("knife offences": case); phrases that
    name two units ("homicide offences", "homicide victims") imply none, and a child topic with
    no unit noun of its own takes its parent's."""
    from factcheck.vocabulary import load_vocabulary

    beat = tmp_path / "beat-rules" / "vocabulary"
    beat.mkdir(parents=True)
    (beat / "crime.yaml").write_text(
        "kind: metrics\nactions:\n  - id: logged\n    phrases: [logged]\n"
        "topics:\n  - id: knife-crime\n    default_action: logged\n    phrases: [knife crime, knife offences, offences involving a knife]\n"
        "  - id: knife-robbery\n    parent: knife-crime\n    default_action: logged\n    phrases: [knifepoint robbery]\n"
        "  - id: homicide\n    default_action: logged\n    phrases: [homicide, homicide offences, homicide victims]\n",
        encoding="utf-8",
    )
    vocabulary = load_vocabulary([str(Path(__file__).resolve().parents[1] / "rules"), str(tmp_path / "beat-rules")])
    [knife] = parse_text("Knife crime rose to 50,510 in the year.", vocabulary, None)
    [robbery] = parse_text("Knifepoint robbery rose to 20,970 in the year.", vocabulary, None)
    [homicide] = parse_text("Homicide fell to 570 in the year.", vocabulary, None)
    assert (knife.unit, knife.identity.unit.basis) == ("case", "implied")
    assert (robbery.unit, robbery.identity.unit.basis) == ("case", "implied")
    assert (homicide.unit, homicide.identity.unit.basis) == (None, "unknown")
