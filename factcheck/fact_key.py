"""Fact identity: which claims are about the same fact, how a fact and a period are printed, and
which claims are about no fact that can be compared.

One home for the concept: every check groups claims by ``fact_key``, ``explain`` and every output
print a fact with ``FactKey.describe`` and a period with ``describe_period``, and finding
fingerprints use ``FactKey.canonical``, which never changes with how facts are printed.

A claim whose period, unit or metric is unknown (no value, or an identity decision "unknown") is
the same fact as nothing: "no period" is not a period that two claims can share. Such a claim is
not compared, and coverage says so, by reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import NamedTuple

from factcheck.calendar import last_day
from factcheck.model import Claim, Period

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


class FactKey(NamedTuple):
    """What makes two claims statements of one fact. ``scope`` None is the default scope (none)."""

    metric: str
    scope: str | None
    unit: str | None
    period: Period | None
    kind: str

    def describe(self) -> str:
        """"telecom-fraud/prosecuted, person, 2023", with the scope and a kind other than count."""
        text = f"{self.metric}, {self.unit or 'no unit'}, {describe_period(self.period)}"
        if self.scope is not None:
            text += f", in {self.scope}"
        return text + ("" if self.kind == "count" else f", {self.kind}")

    def canonical(self) -> str:
        """The key as fingerprints hash it: fixed, whatever ``describe`` prints.

        It is the fact text factcheck 0.x printed (a calendar year "2023", whole years
        "2019-2023", else "start..end"), so fingerprints, and the suppressions keyed on them,
        stay what they were for keys without a scope.
        """
        period = self.period
        if period is None:
            when = "no period"
        elif period.start is not None and (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31):
            when = str(period.start.year) if period.start.year == period.end.year else f"{period.start.year}-{period.end.year}"
        else:
            when = str(period)
        text = f"{self.metric}, {self.unit or 'no unit'}, {when}" + ("" if self.kind == "count" else f", {self.kind}")
        return text if self.scope is None else f"{text}; scope {self.scope}"


_new_key = tuple.__new__  # FactKey(...) through __new__'s keyword handling is the slow part of grouping


def fact_key(claim: Claim) -> FactKey:
    """Claims about the same fact: the same metric, scope, unit, period and kind."""
    key: FactKey = _new_key(FactKey, (claim.metric, claim.scope, claim.unit, claim.period, claim.kind))
    return key


# Why a claim is not compared, in the order outputs list them.
NO_PERIOD = "no period"
NO_UNIT = "no unit"
NO_METRIC = "no metric matched"
ALONE = "the only claim of its fact"
REASONS = (NO_PERIOD, NO_UNIT, NO_METRIC, ALONE)
# The reasons that keep a claim out of every fact (ALONE is a fact of one claim).
UNKNOWN_REASONS = (NO_PERIOD, NO_UNIT, NO_METRIC)


def unknown_identity(claim: Claim) -> str | None:
    """Why the claim is the same fact as nothing (its period, unit or metric unknown), or None."""
    identity = claim.identity
    if claim.period is None or identity.period.basis == "unknown":
        return NO_PERIOD
    if claim.unit is None or identity.unit.basis == "unknown":
        return NO_UNIT
    if identity.metric.basis == "unknown" or not claim.metric:
        return NO_METRIC
    return None


@dataclass(frozen=True)
class Coverage:
    """How many stated claims were compared with another claim of their fact, and why the rest were not."""

    compared: int = 0
    not_compared: dict[str, int] = field(default_factory=dict)  # reason -> claims, REASONS order
    # The claims not compared, by reason, for outputs that list them (HTML).
    left_out: dict[str, tuple[Claim, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def total(self) -> int:
        return self.compared + sum(self.not_compared.values())

    @property
    def nothing_compared(self) -> bool:
        return self.compared == 0

    def describe(self) -> str:
        """"12 compared, 5 not compared (3 no period, 2 the only claim of its fact)"; "nothing was compared (...)"."""
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.not_compared.items())
        if self.nothing_compared:
            return "nothing was compared" + (f" ({reasons})" if reasons else ": there were no claims")
        missed = sum(self.not_compared.values())
        return f"{self.compared} compared, {missed} not compared" + (f" ({reasons})" if reasons else "")

    def to_json(self) -> dict[str, object]:
        return {"compared": self.compared, "not_compared": sum(self.not_compared.values()), "not_compared_by_reason": dict(self.not_compared)}


def coverage_of(groups: dict[FactKey, list[Claim]], unknown: dict[str, list[Claim]]) -> Coverage:
    """Coverage from the fact groups of the stated claims and the claims of no fact, by reason."""
    left: dict[str, list[Claim]] = {reason: list(claims) for reason, claims in unknown.items()}
    compared = 0
    alone: list[Claim] = []
    for claims in groups.values():
        if len(claims) > 1:
            compared += len(claims)
        else:
            alone.extend(claims)
    if alone:
        left[ALONE] = alone
    ordered = {reason: tuple(left[reason]) for reason in REASONS if left.get(reason)}
    return Coverage(compared, {reason: len(claims) for reason, claims in ordered.items()}, ordered)


def group_claims(claims: list[Claim] | tuple[Claim, ...]) -> tuple[dict[FactKey, list[Claim]], dict[str, list[Claim]]]:
    """The claims by fact, and those of no fact by reason (in the order they came)."""
    # This loop runs once a claim of a million: plain tuples key the groups (a FactKey equals and
    # hashes as its tuple) and become FactKeys once per group; unknown_identity is inlined, and
    # its identity test made once per identity object (claims of one sentence share theirs).
    groups: defaultdict[tuple[str, str | None, str | None, Period | None, str], list[Claim]] = defaultdict(list)
    unknown: dict[str, list[Claim]] = {}
    decided: set[int] = set()  # ids of identities with period, unit and metric decided (alive in ``claims``)
    for claim in claims:
        identity = claim.identity
        if id(identity) not in decided:
            if identity[0][0] == "unknown" or identity[1][0] == "unknown" or identity[2][0] == "unknown":
                unknown.setdefault(unknown_identity(claim) or NO_METRIC, []).append(claim)
                continue
            decided.add(id(identity))
        groups[(claim.metric, claim.scope, claim.unit, claim.period, claim.kind)].append(claim)
    facts: dict[FactKey, list[Claim]] = {}
    for key, group in groups.items():
        metric, _, unit, period, _ = key
        if period is None or unit is None or not metric:  # a value missing: a test of the key, once a group
            for claim in group:
                unknown.setdefault(unknown_identity(claim) or NO_METRIC, []).append(claim)
        else:
            facts[_new_key(FactKey, key)] = group
    return facts, unknown


def coverage_of_claims(claims: list[Claim] | tuple[Claim, ...]) -> Coverage:
    """Coverage of a run's claims (derived claims left out)."""
    return coverage_of(*group_claims([claim for claim in claims if not _derived(claim)]))


def _derived(claim: Claim) -> bool:
    return any(relation.startswith("derived") for relation, _ in claim.links)


def describe_period(period: Period | None) -> str:
    """A period as people write it: 2023, 2019-2023, January–November 2023, as of 2020-04-07."""
    if period is None:
        return "no period"
    start, end = period.start, period.end
    if start is None:
        return f"as of {end.isoformat()}"
    month_end = end == last_day(end.year, end.month)  # not end + 1 day: 9999-12-31 has no next day
    if start.day != 1 or not month_end:
        return f"{start.isoformat()}..{end.isoformat()}"
    if start.month == 1 and end.month == 12:
        return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    if start.year == end.year:
        if start.month == end.month:
            return f"{MONTHS[start.month - 1]} {start.year}"
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {start.year}"
    return f"{MONTHS[start.month - 1]} {start.year}–{MONTHS[end.month - 1]} {end.year}"
