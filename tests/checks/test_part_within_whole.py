"""part_within_whole: a part cannot exceed its whole (cases in cases/part_within_whole.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from factcheck.checks.part_within_whole import Wholes
from factcheck.engine import run_checks
from factcheck.findings import Finding
from factcheck.model import Claim, Period

from casebook import make_rule  # type: ignore[import-not-found]

CATEGORY = [
    {"text": "In 2023, 60,000 people were prosecuted for telecom fraud.", "date": "2024-03-10", "id": "a"},
    {"text": "In 2023, 38,000 people were prosecuted for cybercrime.", "date": "2024-03-09", "id": "b"},
]


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("part_within_whole", case)


def test_parents_from_the_engine(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    """The engine passes the vocabulary's topic parents on the index (index.parents)."""
    claims = extract(CATEGORY)
    assert run_checks(claims, [make_rule("part_within_whole")]) == []
    [finding] = run_checks(claims, [make_rule("part_within_whole")], {"telecom-fraud": "cybercrime"})
    assert finding.fact == "telecom-fraud/prosecuted, person, 2023 within cybercrime/prosecuted, 2023"


def test_grandparent(findings: Callable[..., list[Finding]]) -> None:
    found = findings("part_within_whole", CATEGORY, parents={"telecom-fraud": "online-fraud", "online-fraud": "cybercrime"})
    assert [f.fact for f in found] == ["telecom-fraud/prosecuted, person, 2023 within cybercrime/prosecuted, 2023"]


def test_parent_cycle_does_not_loop(findings: Callable[..., list[Finding]]) -> None:
    found = findings("part_within_whole", CATEGORY, parents={"telecom-fraud": "cybercrime", "cybercrime": "telecom-fraud"})
    assert len(found) == 1


def test_additive_kinds(findings: Callable[..., list[Finding]]) -> None:
    documents = [
        {"text": "From January to November 2023, 125,000 people were prosecuted for undermining the market economic order.", "date": "2024-03-10"},
        {"text": "In 2023, 121,000 people were prosecuted for undermining the market economic order.", "date": "2024-03-09"},
    ]
    assert findings("part_within_whole", documents, additive_kinds=["money"]) == []


def test_message_template(findings: Callable[..., list[Finding]]) -> None:
    [finding] = findings(
        "part_within_whole", CATEGORY, parents={"telecom-fraud": "cybercrime"}, message="{relation}: {part} > {whole} ({part_period}, {whole_period})"
    )
    assert finding.message == "category: '60,000 people' (a) > '38,000 people' (b) (2023, 2023)"


DAYS = st.integers(0, 60).map(lambda n: date(2023, 1, 1) + timedelta(days=n))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    first, second = sorted((draw(DAYS), draw(DAYS)))
    return Period(None if draw(st.integers(0, 5)) == 0 else first, second)


def contains(outer: Period, inner: Period) -> bool:
    if inner == outer:
        return True
    if inner.start is None or outer.start is None:
        return False
    return outer.start <= inner.start and inner.end <= outer.end


@given(st.lists(periods(), max_size=12, unique=True), periods(), st.booleans())
def test_wholes_finds_every_containing_period(known: list[Period], part: Period, strict: bool) -> None:
    found = set(Wholes(known).containing(part, strict))
    assert found == {whole for whole in known if contains(whole, part) and not (strict and whole == part)}


PROVINCE_OVER_NATION = [
    {"text": "In 2023, Guangdong prosecutors charged 9,876 people with telecom fraud.", "date": "2024-03-10", "id": "province"},
    {"text": "In 2023, 5,432 people were prosecuted for telecom fraud nationwide.", "date": "2024-03-09", "id": "nation"},
]


def test_a_province_is_at_most_its_country(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    """The scopes vocabulary's parents come from the engine (index.scope_parents)."""
    claims = extract(PROVINCE_OVER_NATION)
    assert [c.scope for c in claims] == ["guangdong", "china"]
    assert run_checks(claims, [make_rule("part_within_whole")]) == []
    [finding] = run_checks(claims, [make_rule("part_within_whole")], None, {"guangdong": "china"})
    assert finding.fact == "telecom-fraud/prosecuted, person, 2023, guangdong within china"
    assert finding.message == "'9,876 people' (province) (guangdong) cannot be more than '5,432 people' (nation) (china), which includes it"
    assert finding.outliers == (claims[0].id,)


def test_a_city_within_its_province_within_its_country(findings: Callable[..., list[Finding]]) -> None:
    documents = [{"text": "In 2023, police in Shenzhen arrested 4,321 people for telecom fraud.", "date": "2024-03-10"},
                 {"text": "In 2023, 3,210 people were arrested for telecom fraud across the country.", "date": "2024-03-10"}]
    found = findings("part_within_whole", documents, scope_parents={"shenzhen": "guangdong", "guangdong": "china"}, message="{relation}")
    assert [f.message for f in found] == ["scope"]


def test_a_province_below_its_country_passes(findings: Callable[..., list[Finding]]) -> None:
    documents = [dict(PROVINCE_OVER_NATION[0], text="In 2023, Guangdong prosecutors charged 1,234 people with telecom fraud."), PROVINCE_OVER_NATION[1]]
    assert findings("part_within_whole", documents, scope_parents={"guangdong": "china"}) == []


def test_sub_periods_are_compared_within_one_scope(findings: Callable[..., list[Finding]]) -> None:
    """The nation's half year is not a part of one province's year."""
    documents = [
        {"text": "From January to June 2023, 7,654 people were prosecuted for telecom fraud nationwide.", "date": "2023-07-10"},
        {"text": "In 2023, Guangdong prosecutors charged 5,678 people with telecom fraud.", "date": "2024-03-10"},
    ]
    assert findings("part_within_whole", documents, scope_parents={"guangdong": "china"}) == []
