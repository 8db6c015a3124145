"""part_within_whole: a part cannot exceed its whole.

Three kinds of part are checked, for the additive kinds (counts by default):

- "of whom": a claim the extractor linked as ``part_of`` another ("3,275 people were detained,
  of whom 2,281 were taken to court") must not be above it;
- a sub-period within a period, same metric: January to November 2023 within 2023, a year within
  a total "since 2019" (periods whose start is not known, "as of" totals, are compared with
  nothing but the same period);
- a category within its parent topic, same action, a period within or equal to the parent's:
  telecom fraud within cybercrime (the parents come from the metrics vocabulary, which the engine
  passes as ``index.parents``, and from this rule's ``parents`` option);
- a scope within a broader scope, same metric, unit and period: a province's figure is at most its
  country's (the chain comes from the scopes vocabulary, ``index.scope_parents``, and this rule's
  ``scope_parents`` option). Sub-periods and categories are compared within one scope only.

Facts are grouped by action, unit and kind; within a group the periods are paired by containment
from the fact keys alone (a sorted sweep, not every pair), and only a paired part and whole are
compared. The cost grows with the claims, not their pairs.

A part is compared with the value its whole's claims agree on (``consensus.Agreed``), never with
whichever of them is lowest: where the whole "traffic deaths in 2023" holds 40,990 five times and
a stray 35 misread from "35 states", 7,320 pedestrians are within it. Each claim of the part is
compared on its own, so a part's outlier is not hidden by the other claims of the part, and the
finding names the part claims that exceed and the whole claims it rests on (those that allow the
consensus). When the whole's claims have no consensus (two values equally supported: 40,990 in
one article, 4,099 in another), a part is an error only where it exceeds every claim of the
whole, which is certain whichever of them is right; otherwise there is no finding, since the
agree check already reports the disagreement inside the whole. An "of whom" part is compared with
the one claim it is linked to.

Fails: "From January to November 2023, 125,000 people were prosecuted for undermining the market
economic order." and "In 2023, 121,000 people were prosecuted for undermining the market economic
order."

Passes: "As of Tuesday, 3,275 people had been detained for crimes related to COVID-19, of whom
2,281 had been taken to court."

Message fields: {fact}, {part} and {whole} (the claims quoted), {part_period}, {whole_period},
{claims}, {relation} ("of whom", "sub-period", "category" or "scope").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase
from factcheck.checks.consensus import Agreed, by_position, exceeds, quote_all, make_finding, show_interval, written_period
from factcheck.fact_key import FactKey, describe_period, fact_key, unknown_identity
from factcheck.findings import Finding
from factcheck.model import Claim, Interval, Period

ID = "part_within_whole"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "part", "whole", "part_period", "whole_period", "claims", "relation")

Kind = Literal["count", "change", "share", "ratio", "rate", "money"]
_COUNTS: list[Kind] = ["count"]


class Rule(RuleBase):
    check: Literal["part_within_whole"]
    parents: dict[str, str] = Field(
        default_factory=dict, description="topic -> broader topic, added to the metrics vocabulary's parents"
    )
    scope_parents: dict[str, str] = Field(
        default_factory=dict, description="scope -> the scope it lies within, added to the scopes vocabulary's parents"
    )
    additive_kinds: list[Kind] = Field(
        default_factory=lambda: _COUNTS.copy(), description="kinds whose figures add up, so that a part cannot exceed its whole"
    )


@dataclass(frozen=True)
class Extremes:
    """The claims of one fact (a topic and period), with the highest lower and the lowest upper
    bound: a part whose highest lower bound is not above its whole's lowest upper bound exceeds
    it by no reading, which settles most pairs without working out the whole's consensus."""

    claims: list[Claim]
    highest_low: Claim | None
    lowest_high: Claim | None

    @classmethod
    def of(cls, claims: list[Claim]) -> Extremes:
        lows = [c for c in claims if c.value.low is not None]
        highs = [c for c in claims if c.value.high is not None]
        highest_low = max(lows, key=lambda c: (c.value.low, c.value.low_open)) if lows else None
        lowest_high = min(highs, key=lambda c: (c.value.high, not c.value.high_open)) if highs else None
        return cls(claims, highest_low, lowest_high)

    def may_exceed(self, whole: Extremes) -> bool:
        top, bottom = self.highest_low, whole.lowest_high
        return top is not None and bottom is not None and exceeds(top.value, bottom.value)


@dataclass(frozen=True)
class Whole:
    """The value no part of a whole may exceed, and the claims of the whole that say so.

    With a consensus, the consensus, resting on the claims that allow it; without one (the
    whole's claims disputed), the highest upper bound of its claims, resting on all of them.
    """

    limit: Interval
    rests_on: tuple[Claim, ...]
    agreed: Agreed

    @classmethod
    def of(cls, claims: list[Claim]) -> Whole:
        agreed = Agreed.of(claims)
        if not agreed.disputed:
            return cls(agreed.consensus, by_position(agreed.supporting), agreed)
        highs = [claim.value for claim in claims]
        if any(value.high is None for value in highs):
            return cls(Interval(None, None), by_position(claims), agreed)
        top = max(highs, key=lambda value: (value.high, not value.high_open))
        return cls(Interval(None, top.high, True, top.high_open), by_position(claims), agreed)

    def exceeded_by(self, claims: list[Claim]) -> list[Claim]:
        return [claim for claim in claims if exceeds(claim.value, self.limit)]

    def note(self) -> str:
        """What the message says of a whole whose claims disagree; nothing when they agree."""
        agreement = self.agreed.agreement
        if self.agreed.disputed:
            return " (the whole's claims disagree, and the part is above every one of them)"
        if agreement.outliers:
            return f" ({agreement.support} of {len(self.agreed.claims)} claims of the whole allow {show_interval(agreement.consensus)})"
        return ""


class Wholes:
    """The periods of one topic, arranged to find those that contain a given period quickly.

    Sorted by start, with the two latest ends seen up to each place: a period is contained only
    if some period starting no later ends no earlier, which one bisection tells; the periods
    are listed only then. Periods of unknown start contain nothing but themselves.
    """

    def __init__(self, periods: Iterable[Period]) -> None:
        self.unknown_start = {p for p in periods if p.start is None}
        self.known = sorted((p for p in periods if p.start is not None), key=_period_key)
        self.starts = [p.start for p in self.known if p.start is not None]
        self.latest: list[tuple[date, Period, date]] = []  # (latest end, its period, the next latest end)
        top: Period | None = None
        top_end = second = date.min  # below every end but 0001-01-01, which ``top is None`` covers
        for period in self.known:
            if top is None or period.end > top_end:
                top_end, top, second = period.end, period, top_end
            elif period.end > second:
                second = period.end
            self.latest.append((top_end, top, second))

    def containing(self, part: Period, strict: bool) -> Iterator[Period]:
        """The periods that contain ``part``; with ``strict``, not ``part`` itself."""
        if part.start is None:
            if not strict and part in self.unknown_start:
                yield part
            return
        count = bisect_right(self.starts, part.start)
        if count == 0:
            return
        top_end, top, second = self.latest[count - 1]
        if top_end < part.end or (strict and top == part and second < part.end):
            return
        for whole in self.known[:count]:
            if whole.end >= part.end and not (strict and whole == part):
                yield whole


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    parents = {**getattr(index, "parents", {}), **options.parents}
    scope_parents = {**getattr(index, "scope_parents", {}), **options.scope_parents}
    additive = set(options.additive_kinds)
    groups: dict[tuple[str, str | None, str, str | None], dict[str, dict[Period, list[Claim]]]] = defaultdict(lambda: defaultdict(dict))
    scoped: dict[tuple[str, str | None, Period, str], dict[str, list[Claim]]] = defaultdict(dict)
    for _, claims in index.selected(options.select):
        first = claims[0]
        metric, unit, period, kind = first.metric, first.unit, first.period, first.kind
        if kind not in additive:
            continue
        for claim in claims:
            if claim.links:
                yield from _of_whom(index, rule, claim)
        if period is not None:
            topic, _, action = metric.partition("/")
            for scope, of_scope in _by_scope(claims):
                topic_periods = groups[(action, unit, kind, scope)][topic]
                topic_periods[period] = topic_periods[period] + of_scope if period in topic_periods else of_scope
                if scope is not None:
                    in_scope = scoped[(metric, unit, period, kind)]
                    in_scope[scope] = in_scope[scope] + of_scope if scope in in_scope else of_scope
    for (action, unit, kind, _), topics in groups.items():
        yield from _periods_and_categories(rule, unit, kind, topics, parents)
    if scope_parents:
        for (metric, unit, period, kind), scopes in scoped.items():
            if len(scopes) > 1:
                yield from _scopes(rule, unit, kind, period, scopes, scope_parents)


def _by_scope(claims: list[Claim]) -> list[tuple[str | None, list[Claim]]]:
    """The claims of one fact group split by scope; one scope (the usual case) keeps the list."""
    first = claims[0].scope
    if all(claim.scope == first for claim in claims):
        return [(first, claims)]
    split: dict[str | None, list[Claim]] = {}
    for claim in claims:
        split.setdefault(claim.scope, []).append(claim)
    return sorted(split.items(), key=lambda item: item[0] or "")


def _scopes(
    rule: LoadedRule, unit: str | None, kind: str, period: Period, scopes: dict[str, list[Claim]], scope_parents: dict[str, str]
) -> Iterator[Finding]:
    """Each scope's figures against those of the scopes that contain it: a province within its country."""
    for scope in sorted(scopes):
        for whole_scope in _ancestors(scope, scope_parents):
            if whole_scope not in scopes:
                continue
            if not Extremes.of(scopes[scope]).may_exceed(Extremes.of(scopes[whole_scope])):
                continue
            whole = Whole.of(scopes[whole_scope])
            parts = whole.exceeded_by(scopes[scope])
            if not parts:
                continue
            wholes = list(whole.rests_on)
            metric = parts[0].metric
            fact = f"{metric}, {unit or 'no unit'}, {describe_period(period)}, {scope} within {whole_scope}" + ("" if kind == "count" else f", {kind}")
            default = (
                f"{quote_all(by_position(parts))} ({scope}) cannot be more than "
                f"{quote_all(by_position(wholes))} ({whole_scope}), which includes it{whole.note()}"
            )
            yield _finding(rule, fact, parts, wholes, "scope", default)


def _of_whom(index: ClaimIndex, rule: LoadedRule, part: Claim) -> Iterator[Finding]:
    for relation, target in part.links:
        whole = index.by_id.get(target) if relation == "part_of" else None
        if whole is None or whole.unit != part.unit or unknown_identity(whole) is not None or not exceeds(part.value, whole.value):
            continue
        fact = FactKey(f"{part.metric} of {whole.metric}", part.scope, part.unit, part.period, part.kind).describe()
        default = f"{quote_all([part])} cannot be more than the {quote_all([whole])} it is part of"
        yield _finding(rule, fact, [part], [whole], "of whom", default)


def _periods_and_categories(
    rule: LoadedRule, unit: str | None, kind: str, topics: dict[str, dict[Period, list[Claim]]], parents: dict[str, str]
) -> Iterator[Finding]:
    """Each (topic, period) against the periods that contain it, of its topic and of its ancestors.

    The periods are paired first, from the group keys alone; claims are looked at only for pairs.
    """
    wholes: dict[str, Wholes] = {}
    extremes: dict[tuple[str, Period], Extremes] = {}
    agreed: dict[tuple[str, Period], Whole] = {}

    def extremes_of(topic: str, period: Period) -> Extremes:
        if (topic, period) not in extremes:
            extremes[(topic, period)] = Extremes.of(topics[topic][period])
        return extremes[(topic, period)]

    def whole_of(topic: str, period: Period) -> Whole:
        if (topic, period) not in agreed:
            agreed[(topic, period)] = Whole.of(topics[topic][period])
        return agreed[(topic, period)]

    for topic in sorted(topics):
        chain = [topic] + [t for t in _ancestors(topic, parents) if t in topics]
        for whole_topic in chain:
            if whole_topic not in wholes:
                wholes[whole_topic] = Wholes(topics[whole_topic])
            for period in sorted(topics[topic], key=_period_key):
                for whole_period in wholes[whole_topic].containing(period, strict=whole_topic == topic):
                    if not extremes_of(topic, period).may_exceed(extremes_of(whole_topic, whole_period)):
                        continue
                    whole = whole_of(whole_topic, whole_period)
                    parts = whole.exceeded_by(topics[topic][period])
                    if parts:
                        yield _category_finding(rule, unit, kind, topic, whole_topic, period, whole_period, parts, whole)


def _category_finding(
    rule: LoadedRule,
    unit: str | None,
    kind: str,
    topic: str,
    whole_topic: str,
    period: Period,
    whole_period: Period,
    parts: list[Claim],
    whole: Whole,
) -> Finding:
    wholes = list(whole.rests_on)
    metric = parts[0].metric
    whole_metric = wholes[0].metric
    relation = "sub-period" if topic == whole_topic else "category"
    where = f"{describe_period(period)} within " + ("" if topic == whole_topic else f"{whole_metric}, ") + describe_period(whole_period)
    fact = f"{metric}, {unit or 'no unit'}, {where}" + ("" if kind == "count" else f", {kind}")
    part_when, whole_when = written_period(parts[0]), written_period(wholes[0])
    if relation == "sub-period":
        default = f"{quote_all(by_position(parts))} for {part_when} cannot be more than {quote_all(by_position(wholes))} for {whole_when}, which includes it"
    else:
        default = (
            f"{quote_all(by_position(parts))} ({metric}, {part_when}) cannot be more than "
            f"{quote_all(by_position(wholes))} ({whole_metric}, {whole_when}), a broader category"
        )
    default += whole.note()
    return _finding(rule, fact, parts, wholes, relation, default)


def _finding(rule: LoadedRule, fact: str, parts: list[Claim], wholes: list[Claim], relation: str, default: str) -> Finding:
    listed = by_position(parts + wholes)
    fields = {
        "fact": fact,
        "part": quote_all(by_position(parts)),
        "whole": quote_all(by_position(wholes)),
        "part_period": written_period(parts[0]),
        "whole_period": written_period(wholes[0]),
        "claims": quote_all(listed),
        "relation": relation,
    }
    part_key, whole_key = fact_key(parts[0]), fact_key(wholes[0])
    return make_finding(rule, ID, default, fields, part_key, listed, fact=fact, whole=whole_key, outliers=tuple(claim.id for claim in by_position(parts)))


def _ancestors(topic: str, parents: dict[str, str]) -> list[str]:
    found: list[str] = []
    current = parents.get(topic)
    while current is not None and current != topic and current not in found:
        found.append(current)
        current = parents.get(current)
    return found


def _period_key(period: Period) -> tuple[date, date]:
    return (period.start or date.min, period.end)

