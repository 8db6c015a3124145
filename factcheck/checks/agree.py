"""agree: figures for the same fact must have values in common.

Claims about one fact (the same metric, unit, period and kind) are compared by their intervals,
not their digits: "more than 50,000" and "51,000" agree, "more than 50,000" and "38,000" do not.
The consensus is the value most claims allow; a claim whose interval misses it is an outlier.
When the hard intervals disagree the finding has the rule's severity; when only the in-practice
(soft) intervals do ("more than 50,000" against "72,000": possible, but not what "more than
50,000" is used to mean) it has ``soft_severity``. A disagreement is an error only where claims
whose identity is certain disagree among themselves; one that needs a guessed claim is a warning.
Derived claims are left to the growth check.

Fails: "Prosecutors charged more than 50,000 people with telecom fraud in 2023." and
"Some 38,000 people were prosecuted for telecom fraud in 2023."

Passes: "Prosecutors charged more than 50,000 people with telecom fraud in 2023." and
"In 2023, 51,000 individuals were prosecuted for telecom fraud."

Message fields: {fact}, {consensus}, {claims} (every claim of the fact), {outliers}, {count} (how
many claims), {support} (how many allow the consensus), {basis} ("hard" or "in practice").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase, Severity
from factcheck.checks.consensus import Agreement, agreement, by_position, claim_guesses, make_finding, quote_all, show_interval, soft_or_hard
from factcheck.fact_key import FactKey
from factcheck.findings import Finding
from factcheck.model import Claim

ID = "agree"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "consensus", "claims", "outliers", "count", "support", "basis")


class Rule(RuleBase):
    check: Literal["agree"]
    soft_severity: Severity = Field(default="warning", description="severity when only the in-practice (soft) intervals disagree")


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    for key, stated in index.selected(options.select):
        if len(stated) < 2:
            continue
        hard = agreement([claim.value for claim in stated])
        certain = [claim for claim in stated if not claim_guesses(claim)]
        if hard.outliers:
            # Two certain claims that disagree make an error whatever the guessed ones say.
            sure = len(certain) > 1 and bool(agreement([claim.value for claim in certain]).outliers)
            yield _finding(rule, options.severity, key, stated, hard, "hard", sure)
            continue
        if all(claim.soft is None for claim in stated):
            continue
        soft = agreement([soft_or_hard(claim) for claim in stated])
        if soft.outliers:
            sure = len(certain) > 1 and bool(agreement([soft_or_hard(claim) for claim in certain]).outliers)
            yield _finding(rule, options.soft_severity, key, stated, soft, "in practice", sure)


def _finding(rule: LoadedRule, severity: str, key: FactKey, claims: list[Claim], found: Agreement, basis: str, sure: bool) -> Finding:
    fact = key.describe()
    outliers = by_position(claims[index] for index in found.outliers)
    listed = by_position(claims)
    consensus = show_interval(found.consensus)
    disagree = "disagree" if basis == "hard" else f"disagree {basis}"
    if found.tied:
        default = f"figures for {fact} {disagree} and none has more support than another: {quote_all(listed)}"
    else:
        default = (
            f"figures for {fact} {disagree}: {found.support} of {len(claims)} allow {consensus}, "
            f"{quote_all(outliers)} {'does' if len(outliers) == 1 else 'do'} not"
        )

    def fields() -> dict[str, object]:
        return {
            "fact": fact,
            "consensus": consensus,
            "claims": quote_all(listed),
            "outliers": quote_all(outliers),
            "count": len(claims),
            "support": found.support,
            "basis": basis,
        }

    outlier_ids = tuple(claim.id for claim in outliers)
    return make_finding(rule, ID, default, fields, key, listed, severity, consensus=found.consensus, outliers=outlier_ids, certain_without=sure)
