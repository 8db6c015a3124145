"""Checks that compare one fact with another use the value each fact's claims agree on, make
errors only where every claim they rest on is certain, and report each statement once (issue 12
items 1, 8 and 10). Claims are built directly, so that strays and guesses can be placed at will."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.checks import growth
from factcheck.checks.consensus import Agreed, agreement, exceeds
from factcheck.engine import merge_duplicates, run_checks
from factcheck.findings import Finding
from factcheck.model import Claim, Decision, Identity, Interval, Period

from casebook import make_rule  # type: ignore[import-not-found]

YEAR = Period(date(2023, 1, 1), date(2023, 12, 31))
HALF = Period(date(2023, 1, 1), date(2023, 6, 30))
BEFORE = Period(date(2022, 1, 1), date(2022, 12, 31))
CERTAIN = Identity(Decision("stated"), Decision("stated"), Decision("stated"), Decision("stated"))
GUESSED_PERIOD = CERTAIN._replace(period=Decision("guessed", "the article's date"))
METRIC = "road-deaths/killed"


def claim(
    name: str, value: Interval, period: Period = YEAR, kind: str = "count", article: str | None = None, identity: Identity = CERTAIN
) -> Claim:
    return Claim(
        id=name, article=article or name, text=name, start=0, end=1, line=1, column=1, sentence=name, value=value, soft=None,
        qualifier=None, unit="percent" if kind == "change" else "person", metric=METRIC, metric_matched=True, period=period,
        kind=kind, source=None, scope="nation", identity=identity,
    )


def exact(value: float) -> Interval:
    return Interval(value, value)


def errors(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == "error"]


# The whole "deaths in 2023" as several outlets state it, and a stray misread into it ("35 states").
TOLL = [claim(f"toll{n}", exact(40990)) for n in range(3)]
STRAY = claim("stray", exact(35))
PART = claim("half", exact(19515), HALF)


def test_a_stray_claim_of_the_whole_is_not_the_whole() -> None:
    """The lowest claim of the whole was once the whole: 19,515 deaths in a half year "exceeded" 35."""
    assert run_checks([*TOLL, STRAY, PART], [make_rule("part_within_whole")]) == []


def test_the_part_is_compared_with_the_claims_that_agree() -> None:
    big = claim("half", exact(41200), HALF)
    [finding] = run_checks([*TOLL, STRAY, big], [make_rule("part_within_whole")])
    assert finding.severity == "error" and finding.outliers == ("half",)
    assert [c.id for c in finding.claims] == ["half", "toll0", "toll1", "toll2"]  # not the stray
    assert "(3 of 4 claims of the whole allow [40,990])" in finding.message


def test_a_guess_in_the_whole_makes_a_warning() -> None:
    big = claim("half", exact(41200), HALF)
    guessed = [*TOLL[:2], claim("toll2", exact(40990), identity=GUESSED_PERIOD)]
    [finding] = run_checks([*guessed, big], [make_rule("part_within_whole")])
    assert finding.severity == "warning" and finding.guessed == ("period",)
    assert "the period of 'toll2' (toll2) was guessed" in finding.message


def test_a_guess_in_a_stray_of_the_whole_does_not_matter() -> None:
    """The finding does not rest on a claim outside the whole's consensus."""
    big = claim("half", exact(41200), HALF)
    stray = claim("stray", exact(35), identity=GUESSED_PERIOD)
    [finding] = run_checks([*TOLL, stray, big], [make_rule("part_within_whole")])
    assert finding.severity == "error"


def test_a_scope_within_a_disputed_scope() -> None:
    """A state's 4,150 is above the nation's stray 4,099, not above what the nation's claims say."""
    state = [replace(claim(f"state{n}", exact(4150)), scope="state") for n in range(2)]
    disputed = [claim("nation0", exact(40990)), claim("nation1", exact(4099))]
    assert run_checks([*disputed, *state], [make_rule("part_within_whole")], None, {"state": "nation"}) == []
    agreed = [*disputed, claim("nation2", exact(40990))]
    assert run_checks([*agreed, *state], [make_rule("part_within_whole")], None, {"state": "nation"}) == []


VALUES = st.one_of(st.none(), st.integers(0, 8).map(float))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    low, high = draw(VALUES), draw(VALUES)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Interval(low, high, draw(st.booleans()) and low is not None, draw(st.booleans()) and high is not None)


@st.composite
def agreed_wholes(draw: st.DrawFn) -> list[Interval]:
    """Claims of a whole, the first value stated twice so that most have a clear consensus."""
    first = draw(intervals())
    return [first, first, *draw(st.lists(intervals(), max_size=3))]


@st.composite
def strays(draw: st.DrawFn, consensus: Interval) -> Interval:
    """An interval disjoint from ``consensus``: wholly above or wholly below it."""
    width, gap = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    above = consensus.high is not None and (consensus.low is None or draw(st.booleans()))
    if above:
        assert consensus.high is not None
        low = consensus.high + gap
        return Interval(low, low + width, gap == 0 or not consensus.high_open, False)
    assume(consensus.low is not None)
    assert consensus.low is not None
    high = consensus.low - gap
    return Interval(high - width, high, False, gap == 0 or not consensus.low_open)


@settings(max_examples=200)
@given(agreed_wholes(), st.lists(intervals(), min_size=1, max_size=4), st.data())
def test_a_stray_claim_of_an_agreed_whole_never_makes_a_part_exceed_it(whole: list[Interval], parts: list[Interval], data: st.DataObject) -> None:
    found = agreement(whole)
    assume(not found.tied)
    stray = data.draw(strays(found.consensus))
    assert not stray.overlaps(found.consensus)
    wholes = [claim(f"w{n}", value) for n, value in enumerate(whole)]
    made = [claim(f"p{n}", value, HALF) for n, value in enumerate(parts)]
    rules = [make_rule("part_within_whole")]
    before = {i for f in errors(run_checks([*wholes, *made], rules)) for i in f.outliers}
    after = {i for f in errors(run_checks([*wholes, claim("stray", stray), *made], rules)) for i in f.outliers}
    assert after <= before


@settings(max_examples=200)
@given(st.lists(intervals(), min_size=1, max_size=6), st.lists(intervals(), min_size=1, max_size=4))
def test_a_part_exceeds_an_agreed_whole_exactly_when_above_its_consensus(whole: list[Interval], parts: list[Interval]) -> None:
    agreed = Agreed.of([claim(f"w{n}", value) for n, value in enumerate(whole)])
    made = [claim(f"p{n}", value, HALF) for n, value in enumerate(parts)]
    flagged = {i for f in run_checks([*agreed.claims, *made], [make_rule("part_within_whole")]) for i in f.outliers}
    if agreed.disputed:  # above every claim of the whole
        expected = {p.id for p in made if all(exceeds(p.value, c.value) for c in agreed.claims)}
    else:
        expected = {p.id for p in made if exceeds(p.value, agreed.consensus)}
    assert flagged == expected


# Growth: "down 3.6 %" in the article that also misreads "35 states" as 35 deaths.
FALL = claim("fall", Interval(-3.65, -3.55, True, False), kind="change", article="wire")
LEVELS = [claim("level", exact(40990), article="wire"), claim("stray", exact(35), article="wire")]
RESTATED = [claim(f"level{n}", exact(40990)) for n in range(2)]
PREVIOUS = [claim("previous", exact(42514), BEFORE)]


def test_a_change_takes_the_agreed_level_of_its_own_article() -> None:
    claims = [FALL, *LEVELS, *RESTATED, *PREVIOUS]
    [derived] = growth.derive(growth.ClaimIndex(claims), make_rule("growth"))
    assert [target for relation, target in derived.links if relation == growth.FROM_LEVEL] == ["level"]
    assert run_checks(claims, [make_rule("growth")]) == []


def test_disputed_levels_derive_nothing() -> None:
    assert growth.derive(growth.ClaimIndex([FALL, *LEVELS, *PREVIOUS]), make_rule("growth")) == []


def test_a_guessed_level_makes_a_warning() -> None:
    wrong = claim("previous", exact(52514), BEFORE)
    level = claim("level", exact(40990), article="wire", identity=CERTAIN._replace(unit=Decision("guessed")))
    [finding] = run_checks([FALL, level, wrong], [make_rule("growth")])
    assert finding.severity == "warning" and finding.guessed == ("unit",)


def test_a_guess_among_many_stated_claims_not_listed_still_counts() -> None:
    """Past STATED_SHOWN the stated claims are not listed, but the finding rests on them all."""
    many = [claim(f"prev{n:02d}", exact(52514), BEFORE) for n in range(growth.STATED_SHOWN + 2)]
    many[-1] = claim(many[-1].id, exact(52514), BEFORE, identity=GUESSED_PERIOD)
    [finding] = run_checks([FALL, LEVELS[0], *many], [make_rule("growth")])
    assert many[-1] not in finding.claims
    assert finding.severity == "warning" and finding.guessed == ("period",)


@settings(max_examples=200)
@given(
    st.lists(st.integers(1, 6).map(lambda n: exact(n * 1000.0)), min_size=1, max_size=5),
    st.lists(st.integers(1, 6).map(lambda n: exact(n * 1000.0)), min_size=1, max_size=3),
    st.integers(1, 6).map(lambda n: exact(n * 1000.0)),
    st.sampled_from([Interval(-50, -50), Interval(0, 0), Interval(20, 20), Interval(100, 100)]),
    st.lists(st.booleans(), min_size=7, max_size=7),
)
def test_a_stray_level_never_makes_a_growth_error(
    levels: list[Interval], stated: list[Interval], stray: Interval, rate: Interval, own: list[bool]
) -> None:
    found = agreement(levels)
    assume(not found.tied and not stray.overlaps(found.consensus))
    change = claim("change", rate, kind="change", article="wire")
    made = [claim(f"l{n}", value, article="wire" if own[n] else None) for n, value in enumerate(levels)]
    previous = [claim(f"s{n}", value, BEFORE) for n, value in enumerate(stated)]
    rules = [make_rule("growth")]
    before = errors(run_checks([change, *made, *previous], rules))
    after = errors(run_checks([change, *made, claim("stray", stray, article="wire" if own[-1] else None), *previous], rules))
    assert not after or before


# Two rules of one check kind that select the same claims find the same things.
CONFLICT = [claim("a", exact(40990)), claim("b", exact(40990)), claim("c", exact(40909))]


def test_a_finding_two_rules_make_is_reported_once() -> None:
    notes: list[str] = []
    rules = [make_rule("agree", "same-fact-agrees"), make_rule("agree", "beat-agrees", select={"metrics": ["road-deaths/*"]})]
    [finding] = run_checks(CONFLICT, rules, notes=notes)
    assert finding.rule == "beat-agrees"  # the rule written for these claims
    assert notes == ["rules 'beat-agrees' and 'same-fact-agrees' (check agree) made the same finding; it is reported once, as beat-agrees's"]


def test_the_more_severe_of_two_findings_is_kept() -> None:
    rules = [make_rule("agree", "a-warning", severity="warning", select={"metrics": ["road-deaths/*"]}), make_rule("agree", "b-error")]
    assert [(f.rule, f.severity) for f in run_checks(CONFLICT, rules)] == [("b-error", "error")]


def test_different_statements_are_not_merged() -> None:
    rules = [make_rule("agree", "all"), make_rule("agree", "some", select={"sentence": "^[ac]$"})]
    found = run_checks(CONFLICT, rules)
    assert sorted(f.rule for f in found) == ["all", "some"]  # "some" sees a and c only
    assert merge_duplicates(found, []) == (found, [])
