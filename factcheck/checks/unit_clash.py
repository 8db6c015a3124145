"""unit_clash: the same figure for the same fact in different units.

When claims about one metric, period and kind give the very same number but count different
things ("261 people" and "261 cases"), one of them has probably mislabelled what was counted: a
number of cases is seldom exactly the number of people. Claims whose unit is unknown are left out.

Fails: "In 2023, 261 people were not arrested or prosecuted on grounds of justifiable defence."
and "In 2023, 261 cases were not prosecuted on grounds of justifiable defence."

Passes: "In 2023, 18,000 people were prosecuted for IP infringement." and "In 2023, 18,000 cases
of financial fraud were prosecuted." (different metrics)

Message fields: {fact}, {value} (the figure), {units} (the units, joined by " and "), {claims},
{count}.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Literal

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase
from factcheck.checks.consensus import by_position, quote_all, make_finding, show_interval
from factcheck.fact_key import FactKey
from factcheck.findings import Finding
from factcheck.model import Claim, Period

ID = "unit_clash"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "value", "units", "claims", "count")


class Rule(RuleBase):
    check: Literal["unit_clash"]


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    # Facts told apart only by their unit first, from the group keys alone; then their figures.
    by_unit: dict[tuple[str, str | None, Period | None, str], list[list[Claim]]] = defaultdict(list)
    for (metric, scope, unit, period, kind), claims in index.selected(options.select):
        if unit is not None:
            by_unit[(metric, scope, period, kind)].append(claims)
    for (metric, scope, period, kind), groups in by_unit.items():
        if len(groups) < 2:
            continue
        figures: dict[tuple[float | None, float | None, bool, bool], list[Claim]] = defaultdict(list)
        for claims in groups:
            for claim in claims:
                value = claim.value
                figures[(value.low, value.high, value.low_open, value.high_open)].append(claim)
        for claims in figures.values():
            units = sorted({claim.unit for claim in claims if claim.unit is not None})
            if len(units) > 1:
                # The fact is the metric's in all the units at once: "case or person".
                yield _finding(rule, FactKey(metric, scope, " or ".join(units), period, kind), units, claims)


def _finding(rule: LoadedRule, key: FactKey, units: list[str], claims: list[Claim]) -> Finding:
    listed = by_position(claims)
    fields = {
        "fact": key.describe(),
        "value": show_interval(claims[0].value),
        "units": " and ".join(units),
        "claims": quote_all(listed),
        "count": len(listed),
    }
    default = f"the same figure {fields['value']} is given in different units ({fields['units']}): {fields['claims']}"
    return make_finding(rule, ID, default, fields, key, listed)
