"""The consensus of intervals (checks/consensus.py), and agree + restatement on random claims."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checks.consensus import agreement, common, describe_period, exceeds, show_interval
from factcheck.engine import run_checks
from factcheck.model import Claim, Decision, Identity, Interval, Period

from casebook import make_rule  # type: ignore[import-not-found]

BOUNDS = st.one_of(st.none(), st.integers(0, 8).map(float))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    low, high = draw(BOUNDS), draw(BOUNDS)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Interval(low, high, draw(st.booleans()) and low is not None, draw(st.booleans()) and high is not None)


def contains_point(interval: Interval, x: float) -> bool:
    return not Interval(x, x).intersect(interval).is_empty()


def candidate_points(values: list[Interval]) -> list[float]:
    ends = sorted({e for i in values for e in (i.low, i.high) if e is not None}) or [0.0]
    points = [ends[0] - 1, ends[-1] + 1] + ends + [(a + b) / 2 for a, b in zip(ends, ends[1:])]
    return points


@given(st.lists(intervals(), min_size=1, max_size=8))
def test_agreement_finds_the_best_supported_point(values: list[Interval]) -> None:
    found = agreement(values)
    best = max(sum(contains_point(i, x) for i in values) for x in candidate_points(values))
    nonempty = [i for i in values if not i.is_empty()]
    if nonempty:
        assert found.support == best
        assert not found.consensus.is_empty()
    for index, interval in enumerate(values):
        if index in found.outliers:
            assert not interval.overlaps(found.consensus)
        else:
            assert found.consensus.intersect(interval) == found.consensus or found.consensus.is_empty()


def test_agreement_honours_open_ends() -> None:
    # [1, 2) and [2, 3] touch at no point: a tie, broken towards the lower.
    found = agreement([Interval(1, 2, False, True), Interval(2, 3)])
    assert found.outliers == (1,) and found.tied and found.consensus == Interval(1, 2, False, True)
    # [1, 2] and [2, 3] share 2.
    assert agreement([Interval(1, 2), Interval(2, 3)]).consensus == Interval(2, 2)
    # (50,000, inf) twice against 38,000: the majority wins, no tie.
    found = agreement([Interval(50000, None, True), Interval(37500, 38500, False, True), Interval(50000, None, True)])
    assert found.outliers == (1,) and not found.tied and found.support == 2


def test_common() -> None:
    assert common([]) == Interval(None, None)
    assert common([Interval(1, 5, True, False), Interval(1, 4, False, True)]) == Interval(1, 4, True, True)
    assert common([Interval(1, 2), Interval(3, 4)]).is_empty()


def test_exceeds() -> None:
    assert exceeds(Interval(5, 6), Interval(3, 4))
    assert not exceeds(Interval(4, 6), Interval(3, 4))
    assert exceeds(Interval(4, 6, True), Interval(3, 4))
    assert exceeds(Interval(4, 6), Interval(3, 4, False, True))
    assert not exceeds(Interval(None, 6, True), Interval(3, 4))
    assert not exceeds(Interval(5, 6), Interval(3, None))


@pytest.mark.parametrize(
    "period,shown",
    [
        (Period(date(2023, 1, 1), date(2023, 12, 31)), "2023"),
        (Period(date(2018, 1, 1), date(2020, 12, 31)), "2018-2020"),
        (Period(date(2023, 1, 1), date(2023, 11, 30)), "January–November 2023"),
        (Period(date(2024, 2, 1), date(2024, 2, 29)), "February 2024"),
        (Period(date(2023, 11, 1), date(2024, 2, 29)), "November 2023–February 2024"),
        (Period(date(2019, 1, 1), date(2024, 3, 12)), "2019-01-01..2024-03-12"),
        (Period(None, date(2020, 4, 7)), "as of 2020-04-07"),
        (None, "no period"),
    ],
)
def test_describe_period(period: Period | None, shown: str) -> None:
    assert describe_period(period) == shown


def test_show_interval() -> None:
    assert show_interval(Interval(50340.98, 51023.7, True, True)) == "(50,341, 51,024)"
    assert show_interval(Interval(53.85, 53.95, False, True)) == "[53.85, 53.95)"
    assert show_interval(Interval(None, 60000, True, True)) == "(-inf, 60,000)"
    assert show_interval(Interval(261, 261)) == "[261]"


METRICS = ["telecom-fraud/prosecuted", "cybercrime/prosecuted"]
STATED = Identity(Decision("stated"), Decision("stated"), Decision("stated"))
PERIODS = [Period(date(2023, 1, 1), date(2023, 12, 31)), Period(None, date(2024, 3, 1))]


@st.composite
def claims(draw: st.DrawFn) -> list[Claim]:
    made = []
    for number in range(draw(st.integers(0, 12))):
        value = draw(intervals())
        soft = draw(st.one_of(st.none(), intervals()))
        made.append(Claim(
            id=f"c{number}", article=f"a{draw(st.integers(0, 3))}", text=draw(st.sampled_from(["one", "two", "three"])),
            start=number, end=number + 1, line=1, column=number + 1, sentence="s", value=value, soft=soft,
            qualifier=None, unit=draw(st.sampled_from(["person", "case"])), metric=draw(st.sampled_from(METRICS)),
            metric_matched=True, period=draw(st.sampled_from(PERIODS)), kind="count", source=None,
            identity=STATED,
        ))
    return made


@settings(max_examples=300)
@given(claims())
def test_agree_and_restatement_on_random_claims(made: list[Claim]) -> None:
    rules = [make_rule("agree", "agree"), make_rule("restatement", "restatement", severity="info")]
    findings = run_checks(made, rules)
    by_fact: dict[str, set[str]] = {}
    for finding in findings:
        assert finding.fact not in by_fact or finding.rule not in by_fact[finding.fact]
        by_fact.setdefault(finding.fact, set()).add(finding.rule)
        assert finding.consensus is not None
        if finding.rule == "agree":
            assert finding.outliers
            hard = finding.severity == "error"
            for claim in finding.claims:
                interval = claim.value if hard or claim.soft is None else claim.soft
                assert (claim.id in finding.outliers) == (not interval.overlaps(finding.consensus))
        else:
            assert not finding.consensus.is_empty()
            assert all(claim.value.contains(finding.consensus) for claim in finding.claims)
    assert all(len(rules_found) == 1 for rules_found in by_fact.values())
