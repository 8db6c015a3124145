"""part_within_whole: a part cannot exceed its whole.

Three kinds of part are checked, for the additive kinds (counts by default):

- "of whom": a claim the extractor linked as ``part_of`` another ("3,275 people were detained,
  of whom 2,281 were taken to court") must not be above it;
- a sub-period within a period, same metric: January to November 2023 within 2023, a year within
  a total "since 2019" (periods whose start is not known, "as of" totals, are compared with
  nothing but the same period);
- a category within its parent topic, same action, a period within or equal to the parent's:
  telecom fraud within cybercrime (the parents come from the metrics vocabulary, which the engine
  passes as ``index.parents``, and from this rule's ``parents`` option).

Claims are grouped by action, unit and kind, and each (topic, period) compared by its extremes
(the highest lower bound of the part against the lowest upper bound of the whole), so the cost
grows with the claims, not their pairs.

Fails: "From January to November 2023, 125,000 people were prosecuted for undermining the market
economic order." and "In 2023, 121,000 people were prosecuted for undermining the market economic
order."

Passes: "As of Tuesday, 3,275 people had been detained for crimes related to COVID-19, of whom
2,281 had been taken to court."

Message fields: {fact}, {part} and {whole} (the claims quoted), {part_period}, {whole_period},
{claims}, {relation} ("of whom", "sub-period" or "category").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase, describe_fact, is_derived
from factcheck.checks.consensus import by_position, describe_period, exceeds, quote_all, render, within, written_period
from factcheck.findings import Finding
from factcheck.model import Claim, Period

ID = "part_within_whole"

Kind = Literal["count", "change", "share", "ratio", "money"]


class Rule(RuleBase):
    check: Literal["part_within_whole"]
    parents: dict[str, str] = Field(
        default_factory=dict, description="topic -> broader topic, added to the metrics vocabulary's parents"
    )
    additive_kinds: list[Kind] = Field(
        default_factory=lambda: ["count"], description="kinds whose figures add up, so that a part cannot exceed its whole"
    )


@dataclass
class Extremes:
    """The claims of one topic and period, with the highest lower and the lowest upper bound."""

    claims: list[Claim] = field(default_factory=list)
    highest_low: Claim | None = None
    lowest_high: Claim | None = None

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        value = claim.value
        if value.low is not None:
            best = self.highest_low
            if best is None or (value.low, value.low_open) > (best.value.low, best.value.low_open):  # type: ignore[operator]
                self.highest_low = claim
        if value.high is not None:
            best = self.lowest_high
            if best is None or (value.high, not value.high_open) < (best.value.high, not best.value.high_open):  # type: ignore[operator]
                self.lowest_high = claim


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    parents = {**getattr(index, "parents", {}), **options.parents}
    additive = set(options.additive_kinds)
    groups: dict[tuple[str, str | None, str], dict[str, dict[Period, Extremes]]] = defaultdict(lambda: defaultdict(dict))
    for claims in index.selected(options.select).values():
        for claim in claims:
            if claim.kind not in additive or is_derived(claim):
                continue
            yield from _of_whom(index, rule, claim)
            if claim.period is not None:
                topic, _, action = claim.metric.partition("/")
                periods = groups[(action, claim.unit, claim.kind)][topic]
                periods.setdefault(claim.period, Extremes()).add(claim)
    for (action, unit, kind), topics in groups.items():
        yield from _periods_and_categories(rule, action, unit, kind, topics, parents)


def _of_whom(index: ClaimIndex, rule: LoadedRule, part: Claim) -> Iterator[Finding]:
    for relation, target in part.links:
        whole = index.by_id.get(target) if relation == "part_of" else None
        if whole is None or whole.unit != part.unit or not exceeds(part.value, whole.value):
            continue
        fact = describe_fact((f"{part.metric} of {whole.metric}", part.unit, part.period, part.kind))
        default = f"{quote_all([part])} cannot be more than the {quote_all([whole])} it is part of"
        yield _finding(rule, fact, [part], [whole], "of whom", default)


def _periods_and_categories(
    rule: LoadedRule, action: str, unit: str | None, kind: str, topics: dict[str, dict[Period, Extremes]], parents: dict[str, str]
) -> Iterator[Finding]:
    # Per topic, the wholes ordered by their lowest upper bound: a part is compared only with
    # those it exceeds, a prefix of that order.
    wholes: dict[str, list[tuple[Period, Extremes]]] = {}
    for topic, periods in topics.items():
        bounded = [(p, e) for p, e in periods.items() if e.lowest_high is not None]
        bounded.sort(key=lambda item: _high_key(item[1]))
        wholes[topic] = bounded
    for topic in sorted(topics):
        chain = [topic] + [t for t in _ancestors(topic, parents) if t in topics]
        for period, part in sorted(topics[topic].items(), key=lambda item: _period_key(item[0])):
            top = part.highest_low
            if top is None:
                continue
            for whole_topic in chain:
                for whole_period, whole in wholes[whole_topic]:
                    bottom = whole.lowest_high
                    assert bottom is not None
                    if not exceeds(top.value, bottom.value):
                        break
                    same_topic = whole_topic == topic
                    if (same_topic and whole_period == period) or not within(period, whole_period):
                        continue
                    parts = [c for c in part.claims if exceeds(c.value, bottom.value)]
                    over = [c for c in whole.claims if exceeds(top.value, c.value)]
                    yield _category_finding(rule, action, unit, kind, topic, whole_topic, period, whole_period, parts, over)


def _category_finding(
    rule: LoadedRule,
    action: str,
    unit: str | None,
    kind: str,
    topic: str,
    whole_topic: str,
    period: Period,
    whole_period: Period,
    parts: list[Claim],
    wholes: list[Claim],
) -> Finding:
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
    return Finding(
        rule=rule.id,
        check=ID,
        severity=rule.rule.severity,
        message=render(rule.rule.message, default, **fields),
        fact=fact,
        claims=listed,
        outliers=tuple(claim.id for claim in by_position(parts)),
    )


def _ancestors(topic: str, parents: dict[str, str]) -> list[str]:
    found: list[str] = []
    current = parents.get(topic)
    while current is not None and current != topic and current not in found:
        found.append(current)
        current = parents.get(current)
    return found


def _high_key(extremes: Extremes) -> tuple[float, bool]:
    value = extremes.lowest_high.value  # type: ignore[union-attr]
    return (value.high, not value.high_open)  # type: ignore[return-value]


def _period_key(period: Period) -> tuple[str, str]:
    return (period.start.isoformat() if period.start else "", period.end.isoformat())

