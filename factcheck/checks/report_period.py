"""report_period: a figure attributed to a report is said to be for a period the report does not cover.

Sources shift periods: the annual work report delivered in year Y presents figures for Y-1 (a
vocabulary rule, rules/vocabulary/sources.yaml). A claim that cites such a source and states a
period of its own outside the source's period is suspect: the figure is probably for the source's
period, and the stated year is a slip. Claims whose period is inherited from the source (no period
in the sentence) are never flagged; an "as of" total ending inside the source's period is fine.

Fails: "The 2024 work report says 51,000 people were prosecuted for telecom fraud in 2024."

Passes: "The 2024 work report says 51,000 people were prosecuted for telecom fraud in 2023."

Message fields: {fact}, {claim} (the claim quoted), {source}, {period} (the stated period),
{source_period} (the period the source covers).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase
from factcheck.checks.consensus import quote, make_finding, written_period
from factcheck.fact_key import describe_period
from factcheck.findings import Finding
from factcheck.model import FROM_SOURCE, Claim, Period

ID = "report_period"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "claim", "source", "period", "source_period")


class Rule(RuleBase):
    check: Literal["report_period"]


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    for key, group in index.selected(options.select):
        if key.period is None:
            continue
        for claim in group:
            if claim.source is None or claim.source_period is None or claim.period is None:
                continue
            if not _stated(claim) or _covered(claim.period, claim.source_period):
                continue
            fact = key.describe()
            fields = {
                "fact": fact,
                "claim": quote(claim),
                "source": claim.source,
                "period": written_period(claim),
                "source_period": describe_period(claim.source_period),
            }
            default = (
                f"{fields['claim']} is said to be for {fields['period']}, "
                f"but its source, {claim.source}, covers {fields['source_period']}"
            )
            yield make_finding(rule, ID, default, fields, key, (claim,))


def _stated(claim: Claim) -> bool:
    """The claim's period is its own (stated, or carried from the article's context), not the
    one its source supplied; a guessed period is no evidence of a slip."""
    decision = claim.identity.period
    return decision.basis in ("stated", "carried") and decision.origin != FROM_SOURCE


def _covered(period: Period, source_period: Period) -> bool:
    if period.start is None:  # an "as of" total: fine when the source's period holds its date
        return source_period.start is None or source_period.start <= period.end <= source_period.end
    if source_period.start is None:
        return period.end <= source_period.end
    return source_period.start <= period.start and period.end <= source_period.end
