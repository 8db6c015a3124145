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

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase, describe_fact, is_derived
from factcheck.checks.consensus import by_position, quote_all, render, show_interval
from factcheck.findings import Finding
from factcheck.model import Claim, Interval, Period

ID = "unit_clash"


class Rule(RuleBase):
    check: Literal["unit_clash"]


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    figures: dict[tuple[str, Period | None, str, Interval], list[Claim]] = defaultdict(list)
    for (metric, unit, period, kind), claims in index.selected(options.select).items():
        if unit is None:
            continue
        for claim in claims:
            if not is_derived(claim):
                figures[(metric, period, kind, claim.value)].append(claim)
    for (metric, period, kind, value), claims in figures.items():
        units = sorted({claim.unit for claim in claims if claim.unit is not None})
        if len(units) < 2:
            continue
        fact = describe_fact((metric, " or ".join(units), period, kind))
        listed = by_position(claims)
        fields = {
            "fact": fact,
            "value": show_interval(value),
            "units": " and ".join(units),
            "claims": quote_all(listed),
            "count": len(listed),
        }
        default = f"the same figure {fields['value']} is given in different units ({fields['units']}): {fields['claims']}"
        yield Finding(
            rule=rule.id,
            check=ID,
            severity=options.severity,
            message=render(options.message, default, **fields),
            fact=fact,
            claims=listed,
        )
