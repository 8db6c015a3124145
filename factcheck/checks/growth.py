"""growth: a stated change must agree with the levels it links.

Derive, then compare. A change ("up 53.9 percent") that the extractor linked to the level it
leads to ("78,000 people" in 2023) implies the level before it, by interval arithmetic on the hard
intervals: [77,500, 78,500) / (1 + [53.85, 53.95)%) = [50,341, 51,024) people in 2022. The
previous period is the level's period shifted back by its own length (a calendar year: the year
before; N whole years: the N years before), or the period of the level the change starts from
when that is linked too ("from 72,000 in 2022 to 90,000 in 2023"), or the change's own base
period when the extractor recorded one; other periods derive nothing.

A change the extractor linked to no level of its sentence ("Prosecutions ... rose 53.9 percent
in 2023.") takes the agreed level of its fact, the same metric, scope and period, wherever it is
stated: the claims of the fact that allow its consensus (``consensus.Agreed``), those of its own
article when it has some, else those of every article. A stray figure misread into the fact
("35 states" as 35 deaths) is never a level; when the fact's claims have no consensus (two values
equally supported), nothing is derived, and the agree check reports the disagreement. A level the
change is linked to is the sentence's own and is used, unless it leaves a consensus the other
claims of its fact agree on: then the level is what is wrong, which the agree check reports, and
nothing is derived. The derived claim links to, and its derivation names, every level it used.
The implied claim joins its fact group (with its provenance in ``links`` and ``how``), and when it
misses the consensus of the claims stated for that fact, the finding shows the arithmetic. When
those claims have no consensus, the finding is made only where the implied level misses every
one of them. The finding rests on the change, the levels and the stated claims that allow the
consensus (every stated claim when there is none): an error needs all their identity fields certain.

``select`` picks the change claims; the levels and the stated claims are taken as they are.

Fails: "In 2023, 78,000 people were prosecuted for infringing citizens' personal information, up
53.9 percent from the previous year." and "In 2022, 40,000 people were prosecuted for infringing
citizens' personal information."

Passes: "Prosecutions for assisting information network crimes rose 25 percent, from 72,000
people in 2022 to 90,000 people in 2023."

Message fields: {fact}, {change} and {level} (the claims quoted), {implied} (the derived
interval), {period} (its period), {consensus} (of the stated claims), {stated} (the stated claims
quoted), {claims}, {derivation} (the arithmetic).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase, is_derived
from factcheck.checks.consensus import (
    Agreed,
    by_position,
    common,
    quote,
    quote_all,
    make_finding,
    show_interval,
    whole_years,
    years_before,
)
from factcheck.fact_key import FactKey, describe_period, fact_key
from factcheck.findings import Finding
from factcheck.model import Claim, Identity, Interval, Period

ID = "growth"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "change", "level", "implied", "period", "consensus", "stated", "claims", "derivation")
FROM_CHANGE = "derived_from_change"
FROM_LEVEL = "derived_from_level"
LEVEL_KINDS = ("count", "money")  # levels a percentage change can scale


class Rule(RuleBase):
    check: Literal["growth"]


def derive(index: ClaimIndex, rule: LoadedRule) -> list[Claim]:
    """The level before each selected change, implied by the change and the levels it leads to."""
    derived: list[Claim] = []
    selector = rule.rule.select
    if (selector.kinds and "change" not in selector.kinds) or (selector.units and "percent" not in selector.units):
        return derived
    # Narrowed to changes in percent, the selection skips every other fact group by its key.
    changes = selector.model_copy(update={"kinds": ["change"], "units": ["percent"]})
    levels = _Levels(index)
    for _, claims in index.selected(changes, stated_only=False):  # a change is never derived
        for change in claims:
            for claim in _previous(index, levels, change):
                if claim.id not in index.by_id:  # another growth rule may have made it
                    derived.append(claim)
    return derived


class _Levels:
    """The agreed levels of each (metric, scope, period), across the run, made on first use: a
    change that the extractor linked to no level of its sentence takes the levels of its fact
    that allow the fact's consensus, wherever they are stated (its own article's when it has
    some, else every article's)."""

    def __init__(self, index: ClaimIndex) -> None:
        self.index = index
        self._by_fact: dict[tuple[str, str | None, Period], list[FactKey]] | None = None
        self._agreed: dict[FactKey, Agreed | None] = {}

    def agreed(self, key: FactKey) -> Agreed | None:
        """The stated claims of a level's fact and what they agree on; None for no stated claim."""
        if key not in self._agreed:
            stated = [c for c in self.index.by_fact.get(key, []) if not is_derived(c)]
            self._agreed[key] = Agreed.of(stated) if stated else None
        return self._agreed[key]

    def usable(self, level: Claim) -> bool:
        """A linked level is used unless the other claims of its fact agree on another value."""
        agreed = self.agreed(fact_key(level))
        return agreed is None or agreed.disputed or any(claim.id == level.id for claim in agreed.supporting)

    def of(self, change: Claim) -> list[Claim]:
        if self._by_fact is None:  # from the keys alone: a fact's consensus is worked out when a change asks
            self._by_fact = {}
            for key in self.index.by_fact:
                if key.kind in LEVEL_KINDS and key.period is not None:
                    self._by_fact.setdefault((key.metric, key.scope, key.period), []).append(key)
        if change.period is None or change.identity.period.basis == "unknown":
            return []
        found: list[Claim] = []
        for key in self._by_fact.get((change.metric, change.scope, change.period), []):
            agreed = self.agreed(key)
            if agreed is not None and not agreed.disputed:
                found.extend(agreed.supporting)
        own = [claim for claim in found if claim.article == change.article]
        return list(by_position(own or found))


def _previous(index: ClaimIndex, levels: _Levels, change: Claim) -> list[Claim]:
    """The implied previous level of each unit the change's levels are in."""
    level_id = start_id = None
    for relation, target in change.links:
        if relation == "change_to":
            level_id = target
        elif relation == "change_from":
            start_id = target
    linked = index.by_id.get(level_id) if level_id is not None else None
    start = index.by_id.get(start_id) if start_id is not None else None
    if linked is not None:
        chosen = [linked] if linked.kind in LEVEL_KINDS and linked.period is not None and levels.usable(linked) else []
    else:
        chosen = levels.of(change) if start is None else []
    by_unit: dict[str | None, list[Claim]] = {}
    for level in chosen:
        by_unit.setdefault(level.unit, []).append(level)
    made = []
    for unit, group in by_unit.items():
        claim = _implied(change, group, start, suffix="" if len(by_unit) == 1 else f"@{unit}")
        if claim is not None:
            made.append(claim)
    return made


def _implied(change: Claim, levels: list[Claim], start: Claim | None, suffix: str) -> Claim | None:
    level = levels[0]
    assert level.period is not None
    period, period_how = _previous_period(level.period, start, change.base_period)
    together = common(claim.value for claim in levels) if len(levels) > 1 else level.value  # they all allow one consensus
    value = implied_previous(together, change.value)
    if period is None or value is None:
        return None
    period_decision = start.identity.period if start is not None and start.period is not None and start.period != level.period else level.identity.period
    named = quote_shown(levels) if len(levels) > 1 else f"'{level.text}'"
    derivation = f"{named} {show_interval(together)} / (1 + {show_interval(change.value)}%) = {show_interval(value)}"
    return Claim(
        id=f"{change.id}>previous{suffix}",
        article=change.article,
        text=f"implied by '{change.text}' and {named}",
        start=change.start,
        end=change.end,
        line=change.line,
        column=change.column,
        sentence=change.sentence,
        value=value,
        soft=None,
        qualifier=None,
        unit=level.unit,
        metric=level.metric,
        metric_matched=level.metric_matched,
        period=period,
        kind=level.kind,
        source=None,
        dated=change.dated,
        # Every level the derivation used is named: one FROM_LEVEL link each.
        links=((FROM_CHANGE, change.id), *((FROM_LEVEL, claim.id) for claim in levels)),
        scope=level.scope,  # the level before is of the same place as the level
        # As certain as what it is computed from: the level's unit and metric, and the period of
        # the level it shifts (or of the linked level it starts from).
        identity=Identity(period_decision, *level.identity[1:]),
        how=(
            ("value", f"the level before {named}, given the change '{change.text}'"),
            ("period", period_how),
            ("derivation", derivation),
        ),
    )


def _previous_period(period: Period, start: Claim | None, base: Period | None = None) -> tuple[Period | None, str]:
    if start is not None and start.period is not None and start.period != period:
        return start.period, f"the period of the level the change starts from, '{start.text}'"
    if base is not None and base != period:
        return base, f"the period the change is measured from: {describe_period(base)}"
    years = whole_years(period)
    if years is None:
        return None, ""
    shifted = years_before(period, years)
    if shifted is None:
        return None, ""
    return shifted, f"{describe_period(period)} shifted back by its length: {describe_period(shifted)}"


def implied_previous(level: Interval, rate: Interval) -> Interval | None:
    """The values x with x * (1 + r/100) in ``level`` for some r in ``rate``; None when undefined.

    Levels are counts or amounts, never negative: an unbounded lower end is 0. A rate of -100%
    or less leaves the previous level unbounded above (nothing divided by nearly nothing).
    """
    if rate.high is not None and rate.high <= -100:
        return None
    low, low_open = (0.0, False) if level.low is None else (level.low, level.low_open)
    if low < 0:
        return None
    divisor_high = None if rate.high is None else 1 + rate.high / 100
    divisor_low = None if rate.low is None else 1 + rate.low / 100
    if divisor_high is None:  # an unbounded rise: the previous level may be as small as we like
        new_low, new_low_open = 0.0, low_open or low > 0
    else:
        new_low, new_low_open = low / divisor_high, low_open or (rate.high_open and low > 0)
    if level.high is None or divisor_low is None or divisor_low <= 0:
        new_high, new_high_open = None, True
    else:
        new_high, new_high_open = level.high / divisor_low, level.high_open or rate.low_open
    return Interval(new_low, new_high, new_low_open, new_high_open)


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    selector = rule.rule.select
    consensus: dict[FactKey, _Stated | None] = {}
    for derived in index.derived:
        links = dict(derived.links)
        change = index.by_id.get(links.get(FROM_CHANGE, ""))
        levels = [index.by_id[target] for relation, target in derived.links if relation == FROM_LEVEL and target in index.by_id]
        if change is None or not levels or not selector.accepts(change):
            continue
        key = fact_key(derived)
        if key not in consensus:
            stated = [c for c in index.by_fact.get(key, []) if not is_derived(c) and (c.metric_matched or not selector.matched_only)]
            consensus[key] = _stated(stated) if stated else None
        found = consensus[key]
        if found is None or not found.contradicted_by(derived.value):
            continue
        start = index.by_id.get(dict(change.links).get("change_from", ""))
        yield _finding(rule, key, derived, change, levels, found, start)


# A finding lists this many of the stated claims of its period at most: an archive that states
# one figure thousands of times would otherwise make every growth finding thousands of claims long.
STATED_SHOWN = 10


def quote_shown(claims: tuple[Claim, ...] | list[Claim]) -> str:
    """The claims quoted, at most STATED_SHOWN of them, and how many more."""
    more = len(claims) - STATED_SHOWN
    return quote_all(claims[:STATED_SHOWN]) + (f" and {more:,} more" if more > 0 else "")


@dataclass(frozen=True)
class _Stated:
    """What every finding about one fact shares, worked out once per fact rather than per
    finding: a fact stated many times with many changes leading to it would be quadratic."""

    claims: tuple[Claim, ...]  # by position, at most STATED_SHOWN of them
    agreed: Agreed
    rests_on: tuple[Claim, ...]  # the claims a finding against them rests on: those that allow the consensus, or all
    quoted: str  # those claims, quoted (at most STATED_SHOWN)

    def contradicted_by(self, implied: Interval) -> bool:
        """The implied level misses the consensus, or, with none, every stated claim."""
        if self.agreed.disputed:
            return not any(implied.overlaps(claim.value) for claim in self.agreed.claims)
        return not implied.overlaps(self.agreed.consensus)


def _stated(stated: list[Claim]) -> _Stated:
    agreed = Agreed.of(stated)
    rests_on = by_position(stated if agreed.disputed else agreed.supporting)
    every = by_position(stated)
    shown = every if len(every) <= STATED_SHOWN else rests_on[:STATED_SHOWN]  # then those the message names
    return _Stated(shown, agreed, rests_on, quote_shown(rests_on))


def _finding(
    rule: LoadedRule, key: FactKey, derived: Claim, change: Claim, levels: list[Claim], stated: _Stated, start: Claim | None
) -> Finding:
    fact = key.describe()
    derivation = dict(derived.how)["derivation"]
    listed = by_position([change, *levels[:STATED_SHOWN], *stated.claims])
    consensus = show_interval(stated.agreed.consensus)
    fields = {
        "fact": fact,
        "change": quote(change),
        "level": quote_shown(levels),
        "implied": show_interval(derived.value),
        "period": describe_period(derived.period),
        "consensus": consensus,
        "stated": stated.quoted,
        "derivation": derivation,
    }
    if stated.agreed.disputed:
        but = f"but the claims stated for it disagree among themselves and none allows it: {stated.quoted}"
    else:
        but = f"but {stated.quoted} {'says' if len(stated.rests_on) == 1 else 'say'} {consensus}"
    default = f"{fields['change']} and {fields['level']} imply {fields['implied']} for {fields['period']}, {but}"
    return make_finding(
        rule,
        ID,
        default,
        lambda: {**fields, "claims": quote_all(listed)},  # listing every claim only for a template that asks
        key,
        listed,
        # Every level used, every stated claim the verdict depends on, and the level the period came from.
        rests_on=(*levels, *stated.rests_on, *([start] if start is not None else [])),
        consensus=None if stated.agreed.disputed else stated.agreed.consensus,
        outliers=(change.id,),
        derivation=(
            f"change: {quote(change)} = {show_interval(change.value)}% ({describe_period(change.period)})",
            *(f"level: {quote(level)} = {show_interval(level.value)} ({describe_period(level.period)})" for level in levels[:STATED_SHOWN]),
            *([f"and {len(levels) - STATED_SHOWN:,} more levels that allow the same value"] if len(levels) > STATED_SHOWN else []),
            f"implied for {fields['period']}: {derivation}",
            f"stated for {fields['period']}: {fields['stated']}"
            + (" (no consensus: the implied level misses every one)" if stated.agreed.disputed else f" = {fields['consensus']}"),
        ),
    )
