"""The acceptance cases of the extraction issue, on the five real seed articles (read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.documents import read_document
from factcheck.extract import ClaimExtractor
from factcheck.model import Claim
from factcheck.vocabulary import Vocabulary


def claims_of(seeds: Path, stem: str, vocabulary: Vocabulary) -> list[Claim]:
    return ClaimExtractor(vocabulary).extract(read_document(str(seeds / f"{stem}.txt")))


def find(claims: list[Claim], words: str) -> Claim:
    matches = [c for c in claims if words in c.text]
    assert len(matches) == 1, (words, [c.text for c in claims])
    return matches[0]


def test_judicial_staff_last_year_in_a_listing_item(seeds: Path, vocabulary: Vocabulary) -> None:
    claim = find(claims_of(seeds, "000_4e8304b50198d3c8", vocabulary), "1,976")
    assert (claim.unit, str(claim.value), str(claim.period)) == ("person", "[1,976]", "2023-01-01..2023-12-31")
    assert "listing item" in dict(claim.how)["period"]


def test_more_than_50000_and_51000_are_the_same_metric(seeds: Path, vocabulary: Vocabulary) -> None:
    listing = claims_of(seeds, "000_4e8304b50198d3c8", vocabulary)
    more_than = find(listing, "more than 50,000")
    assert (more_than.unit, str(more_than.value), str(more_than.soft)) == ("person", "(50,000, inf)", "[50,000, 60,000)")
    assert str(more_than.period) == "2023-01-01..2023-12-31"
    stated = find(claims_of(seeds, "003_e5bfee3e0f61198b", vocabulary), "51,000")
    assert (stated.unit, str(stated.value), str(stated.period)) == ("person", "[50,500, 51,500)", "2023-01-01..2023-12-31")
    assert stated.metric == more_than.metric == "telecom-fraud/prosecuted"


def test_cybercrime_since_2019_cases_and_people(seeds: Path, vocabulary: Vocabulary) -> None:
    claims = claims_of(seeds, "001_e5c0815f7d232f9a", vocabulary)
    cases, people = find(claims, "50,000 cases"), find(claims, "140,000 people")
    assert (cases.unit, people.unit) == ("case", "person")
    for claim in (cases, people):
        assert claim.period is not None and claim.period.start is not None
        assert claim.period.start.isoformat() == "2019-01-01"
        assert claim.metric == "cybercrime/prosecuted"
    assert str(people.value) == "(140,000, inf)"


def test_as_of_tuesday_of_whom(seeds: Path, vocabulary: Vocabulary) -> None:
    claims = claims_of(seeds, "002_a95c6abec97759ea", vocabulary)
    whole, part = find(claims, "3,275"), find(claims, "2,281")
    assert whole.period is not None and whole.period.end.isoformat() == "2020-04-07"
    assert part.period == whole.period
    assert dict(part.links)["part_of"] == whole.id
    assert part.unit == "person"


def test_2018_to_2019_with_a_change(seeds: Path, vocabulary: Vocabulary) -> None:
    claims = claims_of(seeds, "002_a95c6abec97759ea", vocabulary)
    level, change = find(claims, "105,000"), find(claims, "95 percent")
    assert str(level.period) == "2018-01-01..2019-12-31"
    assert (change.kind, change.unit, change.qualifier) == ("change", "percent", "about")
    assert change.value.low is not None and change.value.high is not None
    assert change.value.low < 95 < change.value.high


def test_court_rulings_from_the_2024_work_report(seeds: Path, vocabulary: Vocabulary) -> None:
    claim = find(claims_of(seeds, "003_e5bfee3e0f61198b", vocabulary), "2.16 million")
    assert (claim.unit, str(claim.value)) == ("ruling", "(2,160,000, inf)")
    # No period in its sentence: the work report for 2024 covers 2023.
    assert claim.source == "spp-work-report 2024"
    assert str(claim.period) == "2023-01-01..2023-12-31"


def test_years_are_not_claims(seeds: Path, vocabulary: Vocabulary) -> None:
    assert claims_of(seeds, "004_6813eb55f58104a5", vocabulary) == []


EXPECTED = {
    "000_4e8304b50198d3c8": ["1,976 judicial staff", "over 50,000 people", "more than 50,000 people", "five major cases"],
    "001_e5c0815f7d232f9a": ["11 typical cases", "over 50,000 cases", "over 140,000 people"],
    "002_a95c6abec97759ea": ["about five times", "3,275 people", "2,281", "more than 105,000 people", "about 95 percent"],
    "003_e5bfee3e0f61198b": [
        "a groundbreaking number of 51,000 individuals",
        "121,000 individuals",
        "27,000",
        "over 2.16 million court rulings",
        "40.8%",
        "18,000 individuals",
        "261 individuals",
    ],
    "004_6813eb55f58104a5": [],
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_every_numeric_statement_and_no_page_furniture(stem: str, seeds: Path, vocabulary: Vocabulary) -> None:
    """Exactly these claims: nothing from navigation, hotlines, dates, copyright or related links."""
    assert [c.text for c in claims_of(seeds, stem, vocabulary)] == EXPECTED[stem]
