"""growth: derive the level a change implies, then compare (cases in cases/growth.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from factcheck.checks import growth
from factcheck.checks.base import ClaimIndex
from factcheck.engine import run_checks
from factcheck.model import Claim, Interval, Period

from casebook import make_rule  # type: ignore[import-not-found]

RISE = "In 2023, 78,000 people were prosecuted for infringing citizens' personal information, up 53.9 percent from the previous year."


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("growth", case)


def test_derived_claim(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    claims = extract([{"text": RISE, "date": "2024-03-10", "id": "a"}])
    level, change = claims
    [derived] = growth.derive(ClaimIndex(claims), make_rule("growth"))
    assert derived.id == f"{change.id}>previous"
    assert derived.article == "a" and derived.start == change.start and derived.sentence == change.sentence
    assert derived.text == "implied by '53.9 percent' and '78,000 people'"
    assert (derived.metric, derived.unit, derived.kind) == ("personal-information/prosecuted", "person", "count")
    assert derived.period == Period(date(2022, 1, 1), date(2022, 12, 31))
    assert (derived.value.low, derived.value.high) == pytest.approx((77500 / 1.5395, 78500 / 1.5385))
    assert (derived.value.low_open, derived.value.high_open) == (True, True)
    assert derived.links == (("derived_from_change", change.id), ("derived_from_level", level.id))
    assert dict(derived.how)["derivation"] == "'78,000 people' [77,500, 78,500) / (1 + [53.85, 53.95)%) = (50,341, 51,024)"


def test_derived_claims_are_not_checked_by_agree(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    claims = extract([
        {"text": RISE, "date": "2024-03-10", "id": "a"},
        {"text": "In 2022, 40,000 people were prosecuted for infringing citizens' personal information.", "date": "2024-03-12", "id": "b"},
    ])
    found = run_checks(claims, [make_rule("growth", "g"), make_rule("agree", "s"), make_rule("restatement", "r", severity="info")])
    assert [(f.rule, f.check) for f in found] == [("g", "growth")]


def test_two_growth_rules_derive_once(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    claims = extract([
        {"text": RISE, "date": "2024-03-10", "id": "a"},
        {"text": "In 2022, 40,000 people were prosecuted for infringing citizens' personal information.", "date": "2024-03-12", "id": "b"},
    ])
    notes: list[str] = []
    found = run_checks(claims, [make_rule("growth", "g1"), make_rule("growth", "g2", severity="warning")], notes=notes)
    # Both rules find the one inconsistency: it is reported once, at the higher severity.
    assert [(f.rule, f.severity) for f in found] == [("g1", "error")]
    assert notes == ["rules 'g1' and 'g2' (check growth) made the same finding; it is reported once, as g1's"]


@pytest.mark.parametrize(
    "level,rate,expected",
    [
        (Interval(100, 100), Interval(0, 0), Interval(100, 100)),
        (Interval(110, 110), Interval(10, 10), Interval(100, 100)),
        (Interval(100, 200, False, True), Interval(0, 100, True, False), Interval(50, 200, False, True)),
        # "up more than 50 percent": as small as we like, but above 0
        (Interval(150, 150), Interval(50, None, True, True), Interval(0, 100, True, True)),
        # "nearly 60": no lower end given, a count is at least 0
        (Interval(None, 60, True, True), Interval(20, 20), Interval(0, 50, False, True)),
        # a fall of up to 100 percent leaves no upper end
        (Interval(10, 10), Interval(-100, -50), Interval(20, None, False, True)),
        (Interval(10, None, False, True), Interval(0, 0), Interval(10, None, False, True)),
    ],
)
def test_implied_previous(level: Interval, rate: Interval, expected: Interval) -> None:
    found = growth.implied_previous(level, rate)
    assert found is not None
    assert (found.low_open, found.high_open, found.high is None) == (expected.low_open, expected.high_open, expected.high is None)
    assert found.low == pytest.approx(expected.low)
    if expected.high is not None:
        assert found.high == pytest.approx(expected.high)


def test_no_previous_for_a_fall_of_all_or_more() -> None:
    assert growth.implied_previous(Interval(10, 10), Interval(-120, -100)) is None
    assert growth.implied_previous(Interval(-10, 10), Interval(5, 5)) is None


def test_a_month_derives_the_month_it_is_compared_with(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    """"Up 20 percent from February": the change's base period is February, so the level implied
    is February's (1,200 / 1.2), not a year earlier's."""
    claims = extract([{"text": "In March 2024, 1,200 people were prosecuted for telecom fraud, up 20 percent from February.", "date": "2024-04-10"}])
    [derived] = growth.derive(ClaimIndex(claims), make_rule("growth"))
    assert str(derived.period) == "2024-02-01..2024-02-29"
    assert derived.value.low is not None and derived.value.high is not None
    assert derived.value.low < 1000 < derived.value.high


def test_a_much_restated_level_is_listed_briefly(extract: Callable[[list[dict[str, Any]]], list[Claim]]) -> None:
    """Thirty articles state the earlier level: the finding names ten of them and counts the rest,
    so that findings do not grow with how often a figure was repeated."""
    earlier = "In 2022, 40,000 people were prosecuted for infringing citizens' personal information."
    claims = extract([{"text": RISE, "date": "2024-03-10", "id": "a"}] + [{"text": earlier, "date": "2024-03-12", "id": f"b{n:02d}"} for n in range(30)])
    [finding] = run_checks(claims, [make_rule("growth", "g")])
    stated = [c for c in finding.claims if c.article.startswith("b")]
    assert [c.article for c in stated] == [f"b{n:02d}" for n in range(growth.STATED_SHOWN)]
    assert finding.message.endswith("'40,000 people' (b09) and 20 more say [35,000, 45,000)")
    assert "and 20 more" in finding.derivation[-1]
